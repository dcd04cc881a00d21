use crate::rules::prelude::*;
use crate::rules::unsafety::strip_parens;
use crate::rules::web::is_request_handler;
use syn::visit::Visit;
use syn::{Expr, RangeLimits};

declare_rule! {
    /// ### What it does
    /// Flags indexing and slicing (`v[i]`, `s[a..b]`, `map["key"]`) in
    /// production code: each panics when the index or range is out of
    /// bounds (or, for `str`, not on a character boundary; for maps, when the
    /// key is missing). Off by default — indexing is everywhere and usually
    /// correct; enable it (`--extend-select indexing-panic`) for code that
    /// parses untrusted input. Ranked medium in request handlers.
    ///
    /// Not reported: the full range `[..]`; a literal index into a
    /// `SCREAMING_CASE` constant table; indexes bounded by a `for` loop
    /// over a range that mentions a `len()`; collections whose length the
    /// function checks (`v.len()` or `v.is_empty()` appears in it); code
    /// outside functions; test code; `#[allow(clippy::indexing_slicing)]`.
    ///
    /// ### Why is this bad?
    /// A parser that indexes a buffer with a length read from the buffer
    /// itself panics on a truncated or malicious message. A panic in a
    /// server thread or task is a denial of service; with `panic = "abort"`
    /// it takes the whole process down.
    ///
    /// ### Example
    /// ```rust
    /// pub fn payload(msg: &[u8]) -> &[u8] {
    ///     let len = msg[0] as usize;
    ///     &msg[1..1 + len]
    /// }
    /// ```
    ///
    /// ### Use instead
    /// ```rust
    /// pub fn payload(msg: &[u8]) -> Option<&[u8]> {
    ///     let len = *msg.first()? as usize;
    ///     msg.get(1..1 + len)
    /// }
    /// ```
    ///
    /// ### References
    /// - CWE-129: Improper Validation of Array Index
    /// - CWE-248: Uncaught Exception
    /// - OWASP Top 10 2021 A04: Insecure Design
    /// - clippy: `indexing_slicing`
    pub(crate) IndexingPanic {
        id: "indexing-panic",
        name: "PanickingIndexing",
        summary: "indexing or slicing that panics when out of bounds",
        severity: Low,
        precision: Medium,
        measured: [],
        cwe: [129, 248],
        owasp: [A04],
        tags: ["panic", "availability"],
        default_enabled: false,
        off_reason: "indexing is everywhere and usually correct; enable it for code that parses untrusted input",
        clippy: ["clippy::indexing_slicing"],
    }
}

impl Rule for IndexingPanic {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn interests(&self) -> Interests {
        Interests { nodes: node::EXPR, ..Default::default() }
    }

    fn check_expr<'ast>(&self, cx: &mut Cx<'_, 'ast>, e: &'ast Expr) {
        let Expr::Index(ix) = e else { return };
        if matches!(strip_parens(&ix.index), Expr::Range(r) if r.start.is_none() && r.end.is_none()) {
            return;
        }
        let Some(f) = cx.enclosing_fn() else { return };
        let base = cx.file.snippet(ix.expr.span()).to_string();
        // A literal index into a constant table: checked when it is written.
        if matches!(strip_parens(&ix.index), Expr::Lit(_)) && crate::syntax::exprs::is_const_name(&base) {
            return;
        }
        if base.is_empty() || guarded(cx, f, &base, &ix.index) {
            return;
        }
        let slicing = matches!(strip_parens(&ix.index), Expr::Range(_));
        let (msg, help) = if slicing {
            (
                format!("slicing `{}[..]` panics if the range is out of bounds", short(&base)),
                "use `.get(a..b)` and handle `None` (for `str`, ranges must also fall on character boundaries)",
            )
        } else {
            (format!("indexing `{}[..]` panics if the index is out of bounds", short(&base)), "use `.get(i)` and handle `None`")
        };
        let handler = is_request_handler(f, &cx.file.imports);
        let mut d = cx.report_between(ix.bracket_token.span.open(), ix.bracket_token.span.close(), msg).help(help);
        if handler {
            d = d.severity(Severity::Medium);
        }
        drop(d);
    }
}

fn short(s: &str) -> String {
    let s: String = s.split_whitespace().collect::<Vec<_>>().join(" ");
    if s.chars().count() > 30 { format!("{}…", s.chars().take(29).collect::<String>()) } else { s }
}

/// The function visibly bounds this access: it checks the base's length,
/// or the index is a `for` variable over a range bounded by a `len()`.
fn guarded(cx: &Cx<'_, '_>, f: &FnLike<'_>, base: &str, index: &Expr) -> bool {
    let body = cx.file.snippet(f.block.brace_token.span.join());
    if body.contains(&format!("{base}.len()")) || body.contains(&format!("{base}.is_empty()")) {
        return true;
    }
    let Expr::Path(p) = strip_parens(index) else { return false };
    let Some(var) = p.path.get_ident() else { return false };
    struct Loops<'c, 'a, 'ast> {
        cx: &'c Cx<'a, 'ast>,
        var: &'c syn::Ident,
        found: bool,
    }
    impl<'ast> Visit<'ast> for Loops<'_, '_, 'ast> {
        fn visit_expr_for_loop(&mut self, l: &'ast syn::ExprForLoop) {
            if matches!(&*l.pat, syn::Pat::Ident(i) if i.ident == *self.var)
                && let Expr::Range(r) = strip_parens(&l.expr)
                && r.end.as_ref().is_some_and(|e| self.cx.file.snippet(e.span()).contains("len()"))
                && matches!(r.limits, RangeLimits::HalfOpen(_))
            {
                self.found = true;
            }
            syn::visit::visit_expr_for_loop(self, l);
        }
        fn visit_item(&mut self, _: &'ast syn::Item) {}
    }
    let mut v = Loops { cx, var, found: false };
    v.visit_block(f.block);
    v.found
}
