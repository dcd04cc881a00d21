use crate::rules::prelude::*;
use crate::rules::{OptionKind, RuleOption};
use crate::rules::unsafety::has_heading;
use crate::rules::web::is_request_handler;

declare_rule! {
    /// ### What it does
    /// Flags `panic!`, `todo!` and `unimplemented!` (and, with the option
    /// `include-unreachable`, `unreachable!`) in production code. In a web
    /// request handler the finding is ranked high; in a binary's `main` low
    /// (or not at all with `allow-in-main`). Off by default: most panics in
    /// real code guard invariants, build configurations or start-up, which
    /// no attacker reaches; the panics untrusted input can trigger are
    /// `input-reachable-panic`'s findings. Turn this one on
    /// (`--extend-select panic-macro`) for a "no panics in production code"
    /// policy, like clippy's `panic`/`todo`/`unimplemented` restriction lints.
    ///
    /// Not reported: test code, examples, benches and build scripts (by
    /// default); code outside any function (constant evaluation fails at
    /// compile time, not at run time); functions whose documentation has a
    /// `# Panics` section (the panic is their documented contract) and
    /// panicking helpers by design (`#[track_caller]` functions, functions
    /// named `expect_*`, `unwrap_*`, `assert_*` or `*panic*`, `Index::index`)
    /// and panics whose message says they guard an internal invariant
    /// ("internal error", "bug", "should never happen", "poisoned"), which
    /// are `unreachable!` in other words — except for `todo!` and
    /// `unimplemented!`, which are unfinished code;
    /// code under `#[allow(clippy::panic)]` (and `clippy::todo`,
    /// `clippy::unimplemented`, `clippy::unreachable`).
    ///
    /// `unreachable!()` is off by default: it usually ends exhaustive logic
    /// the compiler cannot see through, which is what it is for.
    ///
    /// ### Why is this bad?
    /// A panic aborts the current thread, and with `panic = "abort"` or in
    /// `main`, the process. When input can reach it — a request, a file, a
    /// message from a peer — it is a denial of service on demand. `todo!`
    /// and `unimplemented!` in shipped code are features that crash when
    /// used.
    ///
    /// ### Known problems
    /// It cannot tell a panic input can reach from one behind a check it
    /// does not see (a clap value restricted to a list, a feature that is
    /// always on). On the real-world benchmark its findings were start-up
    /// failures, build-configuration guards, CLI misuse and invariants
    /// (none true), which is why it is off by default.
    ///
    /// ### Example
    /// ```rust
    /// pub fn parse_kind(s: &str) -> u8 {
    ///     match s {
    ///         "a" => 1,
    ///         _ => panic!("unknown kind {s}"),
    ///     }
    /// }
    /// ```
    ///
    /// ### Use instead
    /// ```rust
    /// pub fn parse_kind(s: &str) -> Result<u8, String> {
    ///     match s {
    ///         "a" => Ok(1),
    ///         _ => Err(format!("unknown kind {s}")),
    ///     }
    /// }
    /// ```
    ///
    /// ### References
    /// - CWE-248: Uncaught Exception
    /// - CWE-703: Improper Check or Handling of Exceptional Conditions
    /// - OWASP Top 10 2021 A04: Insecure Design
    /// - clippy: `panic`, `todo`, `unimplemented`, `unreachable`
    pub(crate) PanicMacro {
        id: "panic-macro",
        name: "PanicInProductionCode",
        summary: "`panic!`, `todo!` or `unimplemented!` in production code aborts the thread",
        severity: Medium,
        precision: Low,
        measured: [
            Realworld { findings: 20, judged: 20, tp: 0, debatable: 2, when: "0fd2a53, on by default then" },
        ],
        cwe: [248, 703],
        owasp: [A04],
        tags: ["panic", "availability"],
        default_enabled: false,
        off_reason: "reports every panic (0% precision on real applications); `input-reachable-panic` reports those untrusted input reaches",
        clippy: ["clippy::panic", "clippy::todo", "clippy::unimplemented", "clippy::unreachable"],
        options: [
            RuleOption {
                name: "allow-in-main",
                kind: OptionKind::Bool,
                default: "false",
                doc: "do not report panics in the `main` function of a binary",
            },
            RuleOption {
                name: "include-unreachable",
                kind: OptionKind::Bool,
                default: "false",
                doc: "also report `unreachable!()`",
            },
        ],
    }
}

impl Rule for PanicMacro {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn interests(&self) -> Interests {
        Interests {
            keywords: &["panic!", "todo!", "unimplemented!", "unreachable!"],
            macros: &["panic", "todo", "unimplemented", "unreachable"],
            ..Default::default()
        }
    }

    fn check_macro<'ast>(&self, cx: &mut Cx<'_, 'ast>, mac: &'ast syn::Macro, _args: Option<&[&syn::Expr]>) {
        let segs = &mac.path.segments;
        if segs.len() > 1 && !segs.first().is_some_and(|s| s.ident == "std" || s.ident == "core") {
            return;
        }
        let Some(last) = segs.last() else { return };
        let name = last.ident.to_string();
        if name == "unreachable" && !cx.opt_bool("include-unreachable") {
            return;
        }
        // Outside a function: constant evaluation, a compile-time error.
        let Some(f) = cx.enclosing_fn() else { return };
        let unfinished = name == "todo" || name == "unimplemented";
        if !unfinished && (panics_by_design(cx.file, f) || states_an_invariant(mac)) {
            return;
        }
        let mut severity = None;
        let mut context = "";
        if is_request_handler(f, &cx.file.imports) {
            severity = Some(Severity::High);
            context = " in a request handler";
        } else if cx.file.is_bin_root && f.sig.ident == "main" && matches!(f.kind, crate::syntax::FnKind::Free) {
            if cx.opt_bool("allow-in-main") {
                return;
            }
            severity = Some(Severity::Low);
            context = " in `main`";
        }
        let (msg, help) = match name.as_str() {
            "todo" => ("`todo!()` left in production code panics when reached", "finish the code, or return an error for the unsupported case"),
            "unimplemented" => (
                "`unimplemented!()` panics when reached",
                "return an error for the unsupported case (`Err(Unsupported)`), or implement it",
            ),
            "unreachable" => (
                "`unreachable!()` panics if the logic is wrong",
                "make the impossible case unrepresentable (an enum, a type), or return an error",
            ),
            _ => ("`panic!` in production code aborts the thread", "return an error (`Result`) and let the caller decide; document intentional panics in a `# Panics` section"),
        };
        let mut d = cx.report_between(last.ident.span(), mac.bang_token.span, format!("{}{context}", msg)).help(help);
        if let Some(s) = severity {
            d = d.severity(s);
        }
        drop(d);
    }
}

/// The message says the panic marks a broken internal invariant ("internal
/// error", "bug", "unreachable", "should never happen", "poisoned"): the
/// author asserts it cannot happen, like `unreachable!`.
fn states_an_invariant(mac: &syn::Macro) -> bool {
    let Some(proc_macro2::TokenTree::Literal(lit)) = mac.tokens.clone().into_iter().next() else { return false };
    crate::syntax::exprs::states_an_invariant(&lit.to_string())
}

/// Functions whose job is to panic: documented `# Panics`,
/// `#[track_caller]`, `expect_*`/`unwrap_*`/`assert_*`/`*panic*`, `index`.
fn panics_by_design(file: &crate::rules::file::FileCtx, f: &FnLike<'_>) -> bool {
    let name = f.sig.ident.to_string();
    name.starts_with("expect")
        || name.starts_with("unwrap")
        || name.starts_with("assert")
        || name.contains("panic")
        || ((name == "index" || name == "index_mut") && matches!(f.kind, crate::syntax::FnKind::Method(i) if i.trait_.is_some()))
        || f.attrs.iter().any(|a| a.path().is_ident("track_caller"))
        || has_heading(&file.fn_docs(f), "panics")
}
