use crate::rules::prelude::*;
use crate::rules::unsafety::{find_binding, resolves_to, strip_parens};
use syn::{Expr, ExprCall};

declare_rule! {
    /// ### What it does
    /// Flags `mem::forget` of values that visibly own a resource: lock
    /// guards (`mutex.lock()`, `rwlock.write()`, `refcell.borrow_mut()`) —
    /// high, the lock is never released — and files, sockets, child
    /// processes (`File::open`, `TcpStream::connect`, `Command::spawn`) —
    /// medium, the descriptor leaks. The value may be the argument itself or
    /// a local bound to such an expression.
    ///
    /// `forget` of other values (the usual `into_raw` pattern: forget a
    /// `Vec` or `Box` after taking its pointer) is not reported, nor are
    /// guards forgotten inside an implementation of a raw lock trait
    /// (`lock_api::RawMutex`), whose `unlock` releases them.
    ///
    /// ### Why is this bad?
    /// `forget` skips the destructor. For a guard, the `Mutex`, `RwLock` or
    /// `RefCell` stays locked forever: every later access deadlocks or
    /// panics, a denial of service that an attacker may be able to trigger
    /// at will. For files and sockets, each call leaks a descriptor until
    /// the process runs out of them.
    ///
    /// ### Example
    /// ```rust
    /// pub fn pin_lock(m: &std::sync::Mutex<u32>) {
    ///     let guard = m.lock();
    ///     std::mem::forget(guard);
    /// }
    /// ```
    ///
    /// ### Use instead
    /// ```rust
    /// pub fn pin_lock(m: &std::sync::Mutex<u32>) {
    ///     let guard = m.lock();
    ///     drop(guard);
    /// }
    /// ```
    ///
    /// ### References
    /// - CWE-772: Missing Release of Resource after Effective Lifetime
    /// - CWE-667: Improper Locking
    /// - OWASP Top 10 2021 A04: Insecure Design
    /// - clippy: `mem_forget`
    pub(crate) MemForget {
        id: "mem-forget",
        name: "ForgottenResource",
        summary: "`mem::forget` of a lock guard, file or socket: the resource is never released",
        severity: Medium,
        precision: High,
        measured: [
            Realworld { findings: 0, judged: 0, tp: 0, debatable: 0, when: "session 8 (a328b37)" },
            Corpus { findings: 0, judged: 0, tp: 0, debatable: 0, when: "session 8 (a328b37)" },
        ],
        cwe: [772, 667],
        owasp: [A04],
        tags: ["memory-safety", "availability"],
        clippy: ["clippy::mem_forget"],
    }
}

impl Rule for MemForget {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn interests(&self) -> Interests {
        Interests { keywords: &["forget"], calls: &["forget"], ..Default::default() }
    }

    fn check_call<'ast>(&self, cx: &mut Cx<'_, 'ast>, call: &'ast ExprCall, callee: &'ast syn::Path) {
        if !resolves_to(cx, callee, "std::mem::forget") {
            return;
        }
        let Some(arg) = call.args.first() else { return };
        let (expr, via) = match strip_parens(arg) {
            Expr::Path(p) => {
                let Some(id) = p.path.get_ident() else { return };
                let Some(f) = cx.enclosing_fn() else { return };
                let Some((at, _)) = cx.file.byte_range(id.span()) else { return };
                let Some(init) = find_binding(cx, f, &id.to_string(), at).and_then(|b| b.init) else { return };
                (init, Some(id.to_string()))
            }
            e => (e, None),
        };
        let Some(kind) = resource(cx, expr) else { return };
        // Implementing a raw lock API (`lock_api::RawMutex::lock`): the
        // guard is forgotten on purpose, `unlock` releases it.
        let raw_lock_impl = cx.scope.impls.last().is_some_and(|i| {
            i.trait_.as_ref().and_then(|(p, _)| p.segments.last()).is_some_and(|s| s.ident.to_string().starts_with("Raw"))
        });
        if raw_lock_impl && matches!(kind, Resource::Guard(_)) {
            return;
        }
        let (from, to) = (callee.segments[0].ident.span(), call.paren_token.span.close());
        let name = via.map_or_else(|| "the value".to_string(), |v| format!("`{v}`"));
        match kind {
            Resource::Guard(m) => {
                cx.report_between(from, to, format!("`mem::forget` of {name}, a guard from `{m}()`: the lock is never released"))
                    .help("drop the guard (`drop(guard)`) or let it go out of scope; to keep data locked across calls, store the guard or use a different design")
                    .severity(Severity::High);
            }
            Resource::Handle(what) => {
                cx.report_between(from, to, format!("`mem::forget` of {name} ({what}): the handle leaks"))
                    .help("let the value drop, or take ownership of the raw handle with `into_raw_fd()`/`into_raw_handle()` if it must outlive this scope");
            }
        }
    }
}

enum Resource {
    Guard(String),
    Handle(&'static str),
}

/// What resource an expression visibly produces.
fn resource(cx: &Cx<'_, '_>, e: &Expr) -> Option<Resource> {
    match strip_parens(e) {
        Expr::MethodCall(m) => {
            let name = m.method.to_string();
            match name.as_str() {
                "lock" | "read" | "write" | "try_lock" | "try_read" | "try_write" | "borrow_mut" | "borrow"
                    if m.args.is_empty() =>
                {
                    Some(Resource::Guard(name))
                }
                "unwrap" | "expect" | "unwrap_or_else" => resource(cx, &m.receiver),
                "spawn" if m.args.is_empty() => Some(Resource::Handle("a child process")),
                _ => None,
            }
        }
        Expr::Try(t) => resource(cx, &t.expr),
        Expr::Await(a) => resource(cx, &a.base),
        Expr::Call(c) => {
            let Expr::Path(p) = &*c.func else { return None };
            let r = cx.resolve(&p.path);
            let n = r.segs.len();
            if n < 2 || (r.via_import && r.segs[0] != "std" && r.segs[0] != "tokio") {
                return None;
            }
            match (r.segs[n - 2].as_str(), r.segs[n - 1].as_str()) {
                ("File", "open" | "create" | "create_new" | "options") => Some(Resource::Handle("an open file")),
                ("TcpStream" | "UnixStream" | "UdpSocket", "connect" | "bind") => Some(Resource::Handle("a socket")),
                ("TcpListener" | "UnixListener", "bind") => Some(Resource::Handle("a listening socket")),
                _ => None,
            }
        }
        _ => None,
    }
}
