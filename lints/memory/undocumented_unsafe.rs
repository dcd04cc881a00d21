use crate::rules::prelude::*;
use crate::rules::file::comment_block_above;
use crate::syntax::comments::has_safety_marker;
use crate::syntax::macros::{UnsafeKind, macro_rules_unsafe};
use crate::rules::file::{unsafe_block_comment, unsafe_context_comment};

declare_rule! {
    /// ### What it does
    /// Flags `unsafe` blocks and `unsafe impl`s that have no `// SAFETY:`
    /// comment explaining why they are sound.
    ///
    /// ### Why is this bad?
    /// Inside `unsafe` the compiler no longer checks memory safety: the
    /// author promises that invariants hold (pointers are valid, lengths are
    /// in bounds, types are `Send`). When the promise is not written down,
    /// reviewers cannot check it and later changes silently break it. This
    /// is the convention of clippy's `undocumented_unsafe_blocks` and of the
    /// Rust standard library, and "unsafe code is reviewed" policies rely on
    /// it.
    ///
    /// A comment counts when it contains `SAFETY:` (any case) and sits on
    /// the lines directly above the block or its statement (attributes may
    /// come between), before the block on the same line, or on the first
    /// line inside the block. For `unsafe impl`, a `# Safety` doc section
    /// also counts. `unsafe { .. }` blocks and `unsafe impl`s spelled out in
    /// a `macro_rules!` transcriber are checked too (the comment belongs in
    /// the macro).
    ///
    /// ### Example
    /// ```rust
    /// fn first(v: &[u8]) -> u8 {
    ///     unsafe { *v.get_unchecked(0) }
    /// }
    /// ```
    ///
    /// ### Use instead
    /// ```rust
    /// fn first(v: &[u8]) -> u8 {
    ///     assert!(!v.is_empty());
    ///     // SAFETY: `v` is non-empty (asserted above), so index 0 is in bounds.
    ///     unsafe { *v.get_unchecked(0) }
    /// }
    /// ```
    ///
    /// ### References
    /// - CWE-1059: Insufficient Technical Documentation
    /// - OWASP Top 10 2021 A04: Insecure Design
    /// - clippy: `undocumented_unsafe_blocks`
    pub(crate) UndocumentedUnsafe {
        id: "undocumented-unsafe",
        name: "UndocumentedUnsafe",
        summary: "`unsafe` block or `unsafe impl` without a `// SAFETY:` comment",
        severity: Medium,
        precision: VeryHigh,
        cwe: [1059],
        owasp: [A04],
        tags: ["unsafe", "memory-safety"],
        clippy: ["clippy::undocumented_unsafe_blocks"],
    }
}

impl Rule for UndocumentedUnsafe {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn interests(&self) -> Interests {
        Interests {
            keywords: &["unsafe"],
            macros: &["macro_rules"],
            nodes: node::UNSAFE_BLOCK | node::ITEM,
            ..Default::default()
        }
    }

    fn check_macro<'ast>(&self, cx: &mut Cx<'_, 'ast>, mac: &'ast syn::Macro, _args: Option<&[&syn::Expr]>) {
        for u in macro_rules_unsafe(&mac.tokens) {
            let documented = match (u.kind, u.braces) {
                (UnsafeKind::Block, Some(b)) => {
                    has_safety_marker(&unsafe_block_comment(cx.file, None, u.unsafe_span, b.open(), b.close()))
                }
                (UnsafeKind::Impl, _) => cx
                    .file
                    .span_line(u.unsafe_span)
                    .is_some_and(|l| has_safety_marker(&comment_block_above(cx.file, l))),
                _ => true,
            };
            if documented {
                continue;
            }
            let what = if u.kind == UnsafeKind::Block { "`unsafe` block" } else { "`unsafe impl`" };
            cx.report(u.unsafe_span, format!("{what} in a `macro_rules!` body without a `// SAFETY:` comment"))
                .help("explain in the macro, above the `unsafe`, why every expansion is sound: `// SAFETY: ...`");
        }
    }

    fn check_unsafe_block<'ast>(&self, cx: &mut Cx<'_, 'ast>, b: &'ast syn::ExprUnsafe) {
        let comment = unsafe_context_comment(cx.file, cx.scope, b);
        if has_safety_marker(&comment) {
            return;
        }
        cx.report_between(b.unsafe_token.span, b.block.brace_token.span.open(), "`unsafe` block without a `// SAFETY:` comment")
            .help("explain above the block why it is sound: `// SAFETY: <the invariants that hold here>`");
    }

    fn check_item<'ast>(&self, cx: &mut Cx<'_, 'ast>, item: &'ast syn::Item) {
        let syn::Item::Impl(imp) = item else { return };
        let Some(unsafety) = imp.unsafety else { return };
        let Some(line) = cx.file.span_line(imp.attrs.first().map_or(unsafety.span, |a| a.pound_token.span)) else {
            return;
        };
        let mut comment = comment_block_above(cx.file, line);
        comment.push_str(&crate::syntax::attrs::doc_text(&imp.attrs));
        if has_safety_marker(&comment) {
            return;
        }
        let trait_name = imp
            .trait_
            .as_ref()
            .and_then(|(p, _)| p.segments.last())
            .map_or_else(String::new, |s| format!(" of `{}`", s.ident));
        cx.report_between(unsafety.span, imp.impl_token.span, format!("`unsafe impl`{trait_name} without a `// SAFETY:` comment"))
            .help("state above the impl why the type upholds the trait's safety contract: `// SAFETY: ...`");
    }
}
