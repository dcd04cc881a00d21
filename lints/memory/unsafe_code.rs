use crate::rules::prelude::*;
use crate::syntax::FnKind;
use crate::syntax::macros::{UnsafeKind, macro_rules_unsafe};
use syn::{Item, TraitItem};

declare_rule! {
    /// ### What it does
    /// Reports every use of `unsafe`: blocks, functions and methods, impls,
    /// traits, and `extern` blocks (whose functions are unsafe to call),
    /// including those spelled out in `macro_rules!` transcribers. Off by
    /// default: enable it (`--extend-select unsafe-code`) for "all unsafe
    /// code is reviewed" policies, where each occurrence is a review item.
    /// `#[allow(unsafe_code)]` on the item (the rustc lint with the same
    /// purpose) marks it as accepted. For counts per crate rather than
    /// findings, use `cargo sast unsafe`.
    ///
    /// ### Why is this bad?
    /// `unsafe` is where the compiler stops checking memory safety and the
    /// author's reasoning takes over. It is not wrong in itself, but every
    /// occurrence needs a reviewer who checks that reasoning; a policy that
    /// says "unsafe is reviewed" needs a list of where it is.
    ///
    /// ### Example
    /// ```rust
    /// pub fn first(v: &[u8]) -> u8 {
    ///     // SAFETY: callers never pass an empty slice.
    ///     unsafe { *v.get_unchecked(0) }
    /// }
    /// ```
    ///
    /// ### Use instead
    /// ```rust
    /// pub fn first(v: &[u8]) -> Option<u8> {
    ///     v.first().copied()
    /// }
    /// ```
    ///
    /// ### References
    /// - CWE-242: Use of Inherently Dangerous Function
    /// - OWASP Top 10 2021 A04: Insecure Design
    /// - rustc: `unsafe_code`
    pub(crate) UnsafeCode {
        id: "unsafe-code",
        name: "UnsafeCodeUse",
        summary: "a use of `unsafe` (block, fn, impl, trait, extern block), for review inventories",
        severity: Low,
        precision: VeryHigh,
        measured: [],
        cwe: [242],
        owasp: [A04],
        tags: ["unsafe"],
        default_enabled: false,
        off_reason: "every `unsafe` is a review item, not a defect: for \"all unsafe code is reviewed\" policies",
        clippy: ["unsafe_code"],
    }
}

impl Rule for UnsafeCode {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn interests(&self) -> Interests {
        Interests {
            keywords: &["unsafe", "extern"],
            macros: &["macro_rules"],
            nodes: node::UNSAFE_BLOCK | node::FN | node::ITEM,
            ..Default::default()
        }
    }

    fn check_unsafe_block<'ast>(&self, cx: &mut Cx<'_, 'ast>, b: &'ast syn::ExprUnsafe) {
        cx.report_between(b.unsafe_token.span, b.block.brace_token.span.open(), "`unsafe` block")
            .help("review it: check the `// SAFETY:` argument, and whether a safe API would do");
    }

    fn check_fn<'ast>(&self, cx: &mut Cx<'_, 'ast>, f: &FnLike<'ast>) {
        let syn::Safety::Unsafe(unsafety) = f.sig.safety else { return };
        let what = if matches!(f.kind, FnKind::Free) { "function" } else { "method" };
        cx.report_between(unsafety.span, f.sig.ident.span(), format!("`unsafe` {what} `{}`", f.sig.ident))
            .help("review its `# Safety` contract and every caller");
    }

    fn check_item<'ast>(&self, cx: &mut Cx<'_, 'ast>, item: &'ast Item) {
        match item {
            Item::Impl(i) => {
                if let Some(u) = i.unsafety {
                    cx.report_between(u.span, i.impl_token.span, "`unsafe impl`")
                        .help("review that the type upholds the trait's safety contract");
                }
            }
            Item::Trait(t) => {
                if let Some(u) = t.unsafety {
                    cx.report_between(u.span, t.ident.span(), format!("`unsafe trait {}`", t.ident))
                        .help("review its `# Safety` contract: every implementation must uphold it");
                }
                for ti in &t.items {
                    if let TraitItem::Fn(f) = ti
                        && f.default.is_none()
                        && let syn::Safety::Unsafe(u) = f.sig.safety
                    {
                        cx.report_between(u.span, f.sig.ident.span(), format!("`unsafe` method `{}`", f.sig.ident))
                            .help("review its `# Safety` contract and every caller");
                    }
                }
            }
            Item::ForeignMod(m) => {
                let (from, to) = match (m.unsafety, &m.abi.name) {
                    (Some(u), _) => (u.span, m.abi.extern_token.span),
                    (None, Some(n)) => (m.abi.extern_token.span, n.span()),
                    (None, None) => (m.abi.extern_token.span, m.abi.extern_token.span),
                };
                cx.report_between(from, to, format!("`extern` block declaring {} foreign item(s)", m.items.len()))
                    .help("review the declarations against the foreign library's headers: a wrong signature is undefined behaviour");
            }
            _ => {}
        }
    }

    fn check_macro<'ast>(&self, cx: &mut Cx<'_, 'ast>, mac: &'ast syn::Macro, _args: Option<&[&syn::Expr]>) {
        for u in macro_rules_unsafe(&mac.tokens) {
            let what = match u.kind {
                UnsafeKind::Block => "`unsafe` block",
                UnsafeKind::Fn => "`unsafe` function",
                UnsafeKind::Method => "`unsafe` method",
                UnsafeKind::Impl => "`unsafe impl`",
                UnsafeKind::Trait => "`unsafe trait`",
                UnsafeKind::ExternBlock => "`unsafe extern` block",
            };
            cx.report(u.unsafe_span, format!("{what} in a `macro_rules!` body")).help("review it: it is expanded at every use of the macro");
        }
    }
}
