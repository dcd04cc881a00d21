use crate::rules::prelude::*;
use crate::rules::unsafety::strip_parens;
use syn::{Expr, Item};

declare_rule! {
    /// ### What it does
    /// Flags `static mut` items, and — ranked high — references to them:
    /// `&X`, `&mut X` (also of a field or element) and method calls that
    /// borrow a non-primitive `static mut` implicitly (`X.push(..)`).
    ///
    /// ### Why is this bad?
    /// A `static mut` is global mutable state with no synchronisation: two
    /// threads touching it at once is a data race, which is undefined
    /// behaviour (corrupted counters, torn writes, double frees in the
    /// values it owns). A reference to it is worse: it must not alias any
    /// other access for as long as it lives, which the compiler cannot check
    /// and re-entrant or concurrent code easily breaks; Rust 2024 denies
    /// such references (`static_mut_refs`).
    ///
    /// ### Example
    /// ```rust
    /// static mut COUNT: usize = 0;
    ///
    /// pub fn bump() -> usize {
    ///     // SAFETY: single-threaded (not really).
    ///     unsafe {
    ///         COUNT += 1;
    ///         COUNT
    ///     }
    /// }
    /// ```
    ///
    /// ### Use instead
    /// ```rust
    /// use std::sync::atomic::{AtomicUsize, Ordering};
    ///
    /// static COUNT: AtomicUsize = AtomicUsize::new(0);
    ///
    /// pub fn bump() -> usize {
    ///     COUNT.fetch_add(1, Ordering::Relaxed) + 1
    /// }
    /// ```
    ///
    /// ### References
    /// - CWE-362: Concurrent Execution using Shared Resource with Improper Synchronization ('Race Condition')
    /// - CWE-567: Unsynchronized Access to Shared Data in a Multithreaded Context
    /// - OWASP Top 10 2021 A04: Insecure Design
    /// - rustc: `static_mut_refs`
    pub(crate) StaticMut {
        id: "static-mut",
        name: "StaticMutState",
        summary: "`static mut`: unsynchronised global mutable state, and references to it",
        severity: Medium,
        precision: High,
        measured: [
            Realworld { findings: 0, judged: 0, tp: 0, debatable: 0, when: "session 8 (a328b37)" },
            Corpus { findings: 11, judged: 11, tp: 10, debatable: 0, when: "session 8 (a328b37)" },
        ],
        cwe: [362, 567],
        owasp: [A04],
        tags: ["unsafe", "memory-safety"],
        clippy: ["static_mut_refs"],
    }
}

impl Rule for StaticMut {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn interests(&self) -> Interests {
        Interests { keywords: &["static mut"], nodes: node::ITEM | node::EXPR, ..Default::default() }
    }

    fn check_item<'ast>(&self, cx: &mut Cx<'_, 'ast>, item: &'ast Item) {
        let Item::Static(s) = item else { return };
        let syn::StaticMutability::Mut(m) = s.mutability else { return };
        cx.report_between(s.static_token.span, m.span, format!("`static mut {}` is global mutable state without synchronisation", s.ident))
            .help("use an atomic (`AtomicUsize`), a `Mutex`/`RwLock`, `OnceLock`/`LazyLock`, or a `thread_local!` instead");
    }

    fn check_expr<'ast>(&self, cx: &mut Cx<'_, 'ast>, e: &'ast Expr) {
        if cx.file.unsafety.static_muts.is_empty() {
            return;
        }
        let (target, span_from, span_to, how) = match e {
            Expr::Reference(r) => {
                (&*r.expr, r.and_token.span, r.expr.span(), if r.mutability.is_some() { "`&mut`" } else { "`&`" })
            }
            Expr::MethodCall(m) => (&*m.receiver, m.receiver.span(), m.method.span(), "a method call"),
            _ => return,
        };
        let Some(name) = static_base(target) else { return };
        let Some(&primitive) = cx.file.unsafety.static_muts.get(&name) else { return };
        if matches!(e, Expr::MethodCall(_)) && (primitive || !matches!(strip_parens(target), Expr::Path(_))) {
            return;
        }
        cx.report_between(span_from, span_to, format!("{how} creates a reference to `static mut {name}`: undefined behaviour if any other access overlaps it"))
            .help("use `&raw const`/`&raw mut` (`addr_of!`) and access through the raw pointer, or replace the `static mut` with a synchronised type")
            .severity(Severity::High);
    }
}

/// `X`, `X.field`, `X[i]`, `(X)`: the name `X` (a single identifier path).
fn static_base(e: &Expr) -> Option<String> {
    match strip_parens(e) {
        Expr::Path(p) if p.qself.is_none() => p.path.get_ident().map(ToString::to_string),
        Expr::Field(f) => static_base(&f.base),
        Expr::Index(i) => static_base(&i.expr),
        _ => None,
    }
}
