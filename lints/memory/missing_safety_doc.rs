use crate::rules::prelude::*;
use crate::syntax::FnKind;
use crate::rules::unsafety::{has_safety_doc, is_doc_hidden};
use syn::{Item, TraitItem, Visibility};

declare_rule! {
    /// ### What it does
    /// Flags public `unsafe fn`s (free functions, inherent methods, trait
    /// methods) and public `unsafe trait`s whose documentation has no
    /// `# Safety` section.
    ///
    /// Not reported: items that are not `pub` (including `pub(crate)`),
    /// `#[doc(hidden)]` items, methods of trait impls (the trait documents
    /// the contract), and test code.
    ///
    /// ### Why is this bad?
    /// An `unsafe fn` is a contract: the caller must uphold conditions the
    /// compiler cannot check. If the conditions are not written down, callers
    /// cannot uphold them, and every call site becomes a guess — the unsafe
    /// code of the whole dependency graph is only as sound as its least
    /// documented function. This is the convention of the standard library
    /// and of clippy's `missing_safety_doc`.
    ///
    /// ### Example
    /// ```rust
    /// pub unsafe fn get(v: &[u8], i: usize) -> u8 {
    ///     unsafe { *v.get_unchecked(i) }
    /// }
    /// ```
    ///
    /// ### Use instead
    /// ```rust
    /// /// Returns the byte at `i` without bounds checking.
    /// ///
    /// /// # Safety
    /// /// `i` must be less than `v.len()`.
    /// pub unsafe fn get(v: &[u8], i: usize) -> u8 {
    ///     // SAFETY: the caller guarantees `i < v.len()`.
    ///     unsafe { *v.get_unchecked(i) }
    /// }
    /// ```
    ///
    /// ### References
    /// - CWE-1059: Insufficient Technical Documentation
    /// - OWASP Top 10 2021 A04: Insecure Design
    /// - clippy: `missing_safety_doc`
    pub(crate) MissingSafetyDoc {
        id: "missing-safety-doc",
        name: "MissingSafetyDocumentation",
        summary: "public `unsafe fn` or `unsafe trait` without a `# Safety` section in its docs",
        severity: Low,
        precision: High,
        measured: [
            Realworld { findings: 0, judged: 0, tp: 0, debatable: 0, when: "session 8 (a328b37)" },
            Corpus { findings: 809, judged: 20, tp: 18, debatable: 0, when: "session 8 (a328b37)" },
        ],
        cwe: [1059],
        owasp: [A04],
        tags: ["unsafe"],
        clippy: ["clippy::missing_safety_doc"],
    }
}

impl Rule for MissingSafetyDoc {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn interests(&self) -> Interests {
        Interests { keywords: &["unsafe"], nodes: node::FN | node::ITEM, ..Default::default() }
    }

    fn check_fn<'ast>(&self, cx: &mut Cx<'_, 'ast>, f: &FnLike<'ast>) {
        let syn::Safety::Unsafe(unsafety) = f.sig.safety else { return };
        let applies = match f.kind {
            FnKind::Free => cx.scope.fns.len() == 1,
            FnKind::Method(imp) => imp.trait_.is_none(),
            // Trait methods are checked with their trait.
            FnKind::TraitMethod(_) => false,
        };
        if !applies || !f.is_pub() || is_doc_hidden(f.attrs) || has_safety_doc(&cx.file.fn_docs(f)) {
            return;
        }
        cx.report_between(unsafety.span, f.sig.ident.span(), format!("public `unsafe fn {}` has no `# Safety` section", f.sig.ident))
            .help("document what callers must guarantee under a `# Safety` heading in the doc comment");
    }

    fn check_item<'ast>(&self, cx: &mut Cx<'_, 'ast>, item: &'ast Item) {
        let Item::Trait(t) = item else { return };
        if !matches!(t.vis, Visibility::Public(_)) || is_doc_hidden(&t.attrs) {
            return;
        }
        if let Some(unsafety) = t.unsafety
            && !has_safety_doc(&cx.file.docs(
                &t.attrs,
                crate::syntax::vis_start(&t.vis).unwrap_or(unsafety.span),
                Some(t.brace_token.span.open()),
            ))
        {
            cx.report_between(unsafety.span, t.ident.span(), format!("public `unsafe trait {}` has no `# Safety` section", t.ident))
                .help("document what implementors must guarantee under a `# Safety` heading in the doc comment");
        }
        for ti in &t.items {
            let TraitItem::Fn(f) = ti else { continue };
            let syn::Safety::Unsafe(unsafety) = f.sig.safety else { continue };
            if is_doc_hidden(&f.attrs) || has_safety_doc(&cx.file.docs(
                &f.attrs,
                crate::syntax::sig_start(&f.sig),
                f.default.as_ref().map(|b| b.brace_token.span.open()),
            )) {
                continue;
            }
            cx.report_between(unsafety.span, f.sig.ident.span(), format!("`unsafe fn {}` of public trait `{}` has no `# Safety` section", f.sig.ident, t.ident))
                .help("document what callers must guarantee under a `# Safety` heading in the doc comment");
        }
    }
}
