use crate::rules::prelude::*;
use crate::rules::{OptionKind, RuleOption};
use crate::syntax::exprs::{is_const_name, is_constant, strip_parens_and_refs};
use crate::rules::web::is_request_handler;
use syn::{Expr, ExprMethodCall};

declare_rule! {
    /// ### What it does
    /// Flags `.unwrap()` and `.expect(..)` on `Option`/`Result` values in
    /// production code. Off by default: it reports every unwrap, whether
    /// input can reach it or not, and most unwraps in real code cannot
    /// fail or fail only on the operator's own mistakes. The unwraps,
    /// `expect`s and indexing that untrusted input can make panic are
    /// `input-reachable-panic`'s findings; turn this one on
    /// (`--extend-select unwrap-used`) for a "no unwraps in production
    /// code" policy, like clippy's `unwrap_used` restriction lint.
    ///
    /// ### Why is this bad?
    /// They abort the thread (and often the process) when the value is
    /// `None` or `Err`. When the value depends on input — a request body, a
    /// header, a file, an environment variable — an attacker or a bad day
    /// turns that into a denial of service. In a request handler the finding
    /// is ranked higher; in a binary's `main` lower.
    ///
    /// Not reported: test code, examples, benches and build scripts (by
    /// default); values that are fixed at compile time
    /// (`"127.0.0.1".parse::<IpAddr>().unwrap()`, `Regex::new(r"^\d+$")`);
    /// lock poisoning (`mutex.lock().unwrap()`, option
    /// `allow-lock-unwrap`); a thread's panic propagated by
    /// `handle.join().unwrap()`; `unwrap` guarded by an enclosing
    /// `if x.is_some()`/`is_ok()`; fixed-length slice conversions
    /// (`buf[0..4].try_into().unwrap()`); the system clock before 1970
    /// (`duration_since(UNIX_EPOCH).unwrap()`); `expect` messages that state
    /// an internal invariant (`expect("internal error: ...")`, "this is a
    /// bug", "should never happen"); `unwrap_or*` and friends;
    /// methods named `expect` that take something other than a message
    /// (parsers' `expect(Token::Comma)`); `unwrap`/`expect` of a user type
    /// that defines its own (called on `self`, or on a plain variable or
    /// field in the file that defines it); code under
    /// `#[allow(clippy::unwrap_used)]` or `#[allow(clippy::expect_used)]`.
    ///
    /// ### Known problems
    /// It cannot tell an unwrap input can reach from one that holds by
    /// construction (a value checked elsewhere, start-up configuration, a
    /// CLI's own arguments). On the real-world benchmark one unwrap of its
    /// sample of 20 was true (an uploaded file read with
    /// `read_to_string(..).unwrap()`, which is `input-reachable-panic`'s
    /// kind of finding), which is why it is off by default.
    ///
    /// ### Example
    /// ```rust
    /// fn port(s: &str) -> u16 {
    ///     s.parse().unwrap()
    /// }
    /// ```
    ///
    /// ### Use instead
    /// ```rust
    /// fn port(s: &str) -> Result<u16, std::num::ParseIntError> {
    ///     s.parse()
    /// }
    /// ```
    ///
    /// ### References
    /// - CWE-248: Uncaught Exception
    /// - CWE-703: Improper Check or Handling of Exceptional Conditions
    /// - OWASP Top 10 2021 A04: Insecure Design
    /// - clippy: `unwrap_used`, `expect_used`
    pub(crate) UnwrapUsed {
        id: "unwrap-used",
        name: "UnwrapInProductionCode",
        summary: "`.unwrap()`/`.expect()` in production code panics on `None`/`Err`",
        severity: Medium,
        precision: Low,
        measured: [
            Realworld { findings: 477, judged: 20, tp: 1, debatable: 0, when: "355cef9, on by default then" },
        ],
        cwe: [248, 703],
        owasp: [A04],
        tags: ["panic", "availability"],
        default_enabled: false,
        off_reason: "reports every unwrap (5% precision on real applications); `input-reachable-panic` reports those untrusted input reaches",
        clippy: ["clippy::unwrap_used", "clippy::expect_used"],
        options: [
            RuleOption {
                name: "allow-lock-unwrap",
                kind: OptionKind::Bool,
                default: "true",
                doc: "do not report `lock()`/`read()`/`write()` followed by `unwrap()` (panics only on lock poisoning)",
            },
            RuleOption {
                name: "allow-expect",
                kind: OptionKind::Bool,
                default: "false",
                doc: "do not report `expect(\"message\")`, only `unwrap()`",
            },
            RuleOption {
                name: "allow-in-main",
                kind: OptionKind::Bool,
                default: "false",
                doc: "do not report panics in the `main` function of a binary",
            },
        ],
    }
}

impl Rule for UnwrapUsed {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn interests(&self) -> Interests {
        Interests { keywords: &["unwrap", "expect"], methods: &["unwrap", "expect"], ..Default::default() }
    }

    fn check_method_call<'ast>(&self, cx: &mut Cx<'_, 'ast>, m: &'ast ExprMethodCall) {
        let name = m.method.to_string();
        let is_expect = name == "expect";
        match (is_expect, m.args.len()) {
            (false, 0) => {}
            (true, 1) if is_message(&m.args[0]) => {
                if cx.opt_bool("allow-expect") || invariant_message(&m.args[0]) {
                    return;
                }
            }
            _ => return,
        }
        if m.turbofish.is_some() || is_constant(&m.receiver) {
            return;
        }
        if cx.opt_bool("allow-lock-unwrap") && is_lock_guard(&m.receiver) {
            return;
        }
        if propagates_join(&m.receiver)
            || is_epoch_duration(&m.receiver)
            || is_fixed_len_conversion(&m.receiver)
            || defines_own_method(cx, is_expect, &m.receiver)
            || guarded_by_check(cx, m)
        {
            return;
        }
        let mut severity = None;
        let mut context = "";
        if let Some(f) = cx.enclosing_fn() {
            if is_request_handler(f, &cx.file.imports) && cx.scope.closure_depth == 0 {
                severity = Some(Severity::High);
                context = " in a request handler";
            } else if cx.file.is_bin_root && f.sig.ident == "main" && matches!(f.kind, crate::syntax::FnKind::Free) {
                if cx.opt_bool("allow-in-main") {
                    return;
                }
                severity = Some(Severity::Low);
                context = " in `main`";
            }
        }
        let call = if is_expect { "`.expect()`" } else { "`.unwrap()`" };
        let mut d = cx
            .report_between(m.method.span(), m.paren_token.span.close(), format!("{call} can panic{context}"))
            .help(format!(
                "handle the `None`/`Err` case: propagate it with `?`, `match` on it, or use `unwrap_or`/`unwrap_or_else`/`unwrap_or_default`{}",
                if severity == Some(Severity::High) { "; a panic here is reachable by any client" } else { "" }
            ));
        if let Some(s) = severity {
            d = d.severity(s);
        }
        drop(d);
    }
}

/// `expect("internal error: ...")`, `expect(INTERNAL_ERROR_MSG)`: the
/// author states an invariant, as with `unreachable!`.
fn invariant_message(arg: &Expr) -> bool {
    match strip_parens_and_refs(arg) {
        Expr::Lit(syn::ExprLit { lit: syn::Lit::Str(s), .. }) => crate::syntax::exprs::states_an_invariant(&s.value()),
        Expr::Path(p) => p.path.segments.last().is_some_and(|s| {
            let n = s.ident.to_string();
            is_const_name(&n) && (n.contains("INTERNAL") || n.contains("BUG"))
        }),
        _ => false,
    }
}

/// `expect`'s argument looks like a message (not a parser token).
fn is_message(arg: &Expr) -> bool {
    match strip_parens_and_refs(arg) {
        Expr::Lit(l) => matches!(l.lit, syn::Lit::Str(_)),
        Expr::Macro(m) => m.mac.path.is_ident("format") || m.mac.path.is_ident("concat"),
        Expr::Path(p) => {
            let last = p.path.segments.last().map(|s| s.ident.to_string()).unwrap_or_default();
            // A variable or a SCREAMING_CASE constant, not `Token::Comma`.
            p.path.segments.len() == 1 && (last.chars().next().is_some_and(|c| c.is_lowercase() || c == '_') || is_const_name(&last))
        }
        Expr::MethodCall(mc) => matches!(mc.method.to_string().as_str(), "as_str" | "as_ref" | "to_string" | "as_deref"),
        Expr::Field(_) => true,
        _ => false,
    }
}

/// `x.lock()`, `x.read()`, `x.write()` (Mutex/RwLock guards).
fn is_lock_guard(recv: &Expr) -> bool {
    matches!(strip_parens_and_refs(recv), Expr::MethodCall(mc)
        if mc.args.is_empty() && matches!(mc.method.to_string().as_str(), "lock" | "read" | "write" | "get_mut" | "into_inner"))
}

/// A user type's own `unwrap`/`expect`: the enclosing impl defines a
/// method of this name and the call is on `self`; or the file defines one
/// and the receiver is a plain variable or field (not the result of a
/// call, which is most likely an `Option`/`Result`).
fn defines_own_method(cx: &Cx<'_, '_>, is_expect: bool, recv: &Expr) -> bool {
    // `check_method_call` sees only `unwrap` and `expect`.
    let (name, def) = if is_expect { ("expect", "fn expect(") } else { ("unwrap", "fn unwrap(") };
    let on_self = matches!(strip_parens_and_refs(recv), Expr::Path(p) if p.path.is_ident("self"));
    if on_self
        && cx.scope.impls.last().is_some_and(|imp| {
            imp.items.iter().any(|i| matches!(i, syn::ImplItem::Fn(f) if f.sig.ident == name))
        })
    {
        return true;
    }
    matches!(strip_parens_and_refs(recv), Expr::Path(_) | Expr::Field(_)) && cx.file.text_contains(def)
}

/// `handle.join().unwrap()`: re-raises a panic of the joined thread.
fn propagates_join(recv: &Expr) -> bool {
    matches!(strip_parens_and_refs(recv), Expr::MethodCall(mc) if mc.method == "join" && mc.args.is_empty())
}

/// `now.duration_since(UNIX_EPOCH).unwrap()`: fails only for a clock set
/// before 1970.
fn is_epoch_duration(recv: &Expr) -> bool {
    matches!(strip_parens_and_refs(recv), Expr::MethodCall(mc) if mc.method == "duration_since"
        && mc.args.first().is_some_and(|a| matches!(strip_parens_and_refs(a), Expr::Path(p) if p.path.segments.last().is_some_and(|s| s.ident == "UNIX_EPOCH"))))
}

/// `buf[0..4].try_into().unwrap()`, `<[u8; 4]>::try_from(&b[i..i + 4])`:
/// a slice of constant length converted to an array; the slicing, not the
/// conversion, is what can fail.
fn is_fixed_len_conversion(recv: &Expr) -> bool {
    let sliced = match strip_parens_and_refs(recv) {
        Expr::MethodCall(mc) if mc.method == "try_into" && mc.args.is_empty() => &*mc.receiver,
        Expr::Call(c) if c.args.len() == 1
            && matches!(&*c.func, Expr::Path(p) if p.path.segments.last().is_some_and(|s| s.ident == "try_from")) =>
        {
            &c.args[0]
        }
        _ => return false,
    };
    let Expr::Index(ix) = strip_parens_and_refs(sliced) else { return false };
    let Expr::Range(r) = strip_parens_and_refs(&ix.index) else { return false };
    match (&r.start, &r.end) {
        (None, Some(end)) => is_constant(end),
        (Some(start), Some(end)) => {
            (is_constant(start) && is_constant(end))
                || matches!(strip_parens_and_refs(end), Expr::Binary(b) if matches!(b.op, syn::BinOp::Add(_))
                    && quote::quote!(#start).to_string() == { let l = &b.left; quote::quote!(#l).to_string() }
                    && is_constant(&b.right))
        }
        _ => false,
    }
}

/// Inside `if x.is_some() { .. }` / `if x.is_ok() { .. }` (or after an
/// early return on `x.is_none()`/`is_err()`) for the same receiver `x`.
fn guarded_by_check(cx: &Cx<'_, '_>, m: &ExprMethodCall) -> bool {
    use syn::visit::Visit;
    let Some(f) = cx.enclosing_fn() else { return false };
    let recv = cx.file.snippet(m.receiver.span()).to_string();
    if recv.is_empty() || recv.contains('(') {
        return false;
    }
    let Some((at, _)) = cx.file.byte_range(m.method.span()) else { return false };
    struct Guard<'c, 'a, 'ast> {
        cx: &'c Cx<'a, 'ast>,
        positive: [String; 2],
        negative: [String; 2],
        at: u32,
        found: bool,
    }
    impl<'ast> Visit<'ast> for Guard<'_, '_, 'ast> {
        fn visit_expr_if(&mut self, i: &'ast syn::ExprIf) {
            let cond = self.cx.file.snippet(i.cond.span());
            let then = self.cx.file.byte_range(i.then_branch.brace_token.span.join());
            let inside = then.is_some_and(|(s, e)| s < self.at && self.at < e);
            if inside && self.positive.iter().any(|p| cond.contains(p.as_str())) && !cond.contains("||") {
                self.found = true;
            }
            // `if x.is_none() { return ..; }` before the unwrap.
            let before = then.is_some_and(|(_, e)| e < self.at);
            let exits = i.then_branch.stmts.iter().any(|s| {
                matches!(s, syn::Stmt::Expr(Expr::Return(_) | Expr::Continue(_) | Expr::Break(_), _))
                    || matches!(s, syn::Stmt::Macro(_))
            });
            if before && exits && i.else_branch.is_none() && self.negative.iter().any(|p| cond.contains(p.as_str())) {
                self.found = true;
            }
            syn::visit::visit_expr_if(self, i);
        }
        fn visit_item(&mut self, _: &'ast syn::Item) {}
    }
    let mut g = Guard {
        cx,
        positive: [format!("{recv}.is_some()"), format!("{recv}.is_ok()")],
        negative: [format!("{recv}.is_none()"), format!("{recv}.is_err()")],
        at,
        found: false,
    };
    g.visit_block(f.block);
    g.found
}
