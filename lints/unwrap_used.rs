use crate::rules::prelude::*;
use crate::rules::{OptionKind, RuleOption};
use crate::syntax::exprs::{is_const_name, is_constant, peel};
use crate::syntax::web::is_request_handler;
use syn::{Expr, ExprMethodCall};

declare_rule! {
    /// ### What it does
    /// Flags `.unwrap()` and `.expect(..)` on `Option`/`Result` values in
    /// production code.
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
    /// `allow-lock-unwrap`); `unwrap_or*` and friends; methods named
    /// `expect` that take something other than a message (parsers'
    /// `expect(Token::Comma)`); code under `#[allow(clippy::unwrap_used)]`
    /// or `#[allow(clippy::expect_used)]`.
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
    pub UnwrapUsed {
        id: "unwrap-used",
        name: "UnwrapInProductionCode",
        summary: "`.unwrap()`/`.expect()` in production code panics on `None`/`Err`",
        severity: Medium,
        precision: High,
        cwe: [248, 703],
        owasp: [A04],
        tags: ["panic", "availability"],
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
                if cx.opt_bool("allow-expect") {
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
        if defines_own_method(cx, &name, &m.receiver) {
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

/// `expect`'s argument looks like a message (not a parser token).
fn is_message(arg: &Expr) -> bool {
    match peel(arg) {
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
    matches!(peel(recv), Expr::MethodCall(mc)
        if mc.args.is_empty() && matches!(mc.method.to_string().as_str(), "lock" | "read" | "write" | "get_mut" | "into_inner"))
}

/// The enclosing impl defines a method of this name (a user type's own
/// `unwrap`/`expect`), and the call is on `self`.
fn defines_own_method(cx: &Cx<'_, '_>, name: &str, recv: &Expr) -> bool {
    let on_self = matches!(peel(recv), Expr::Path(p) if p.path.is_ident("self"));
    on_self && cx.scope.impls.last().is_some_and(|imp| {
        imp.items.iter().any(|i| matches!(i, syn::ImplItem::Fn(f) if f.sig.ident == name))
    })
}
