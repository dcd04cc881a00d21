use crate::rules::prelude::*;
use crate::rules::file::comment_block_above;
use crate::syntax::comments::argues_safety;
use crate::rules::unsafety::{TypeInfo, has_safety_doc};
use syn::{GenericParam, Item, TypeParamBound, WherePredicate};

declare_rule! {
    /// ### What it does
    /// Flags manual `unsafe impl Send` and `unsafe impl Sync`. When a type
    /// parameter of the impl has no bound at all (`unsafe impl<T> Send for
    /// Wrapper<T>`), the wrapper is `Send`/`Sync` even for `T = Rc<_>` or
    /// `Cell<_>` — the "Send/Sync variance" bug class Rudra found in dozens
    /// of crates. Ranked high for `Send` of a public type declared in the
    /// same file that holds the parameter by value (`T`, `Option<T>`,
    /// `UnsafeCell<T>`: sending the wrapper sends a `T`); medium otherwise
    /// (pointers to `T`, private types, types declared elsewhere, a `//
    /// SAFETY:` argument, `Sync`, whose soundness depends on the API).
    /// Parameters used only in `PhantomData` and parameters bounded in a
    /// `where` clause (`where OnceCell<T>: Sync`) are not unbounded. Other
    /// impls are reported (medium) unless a `// SAFETY:` comment, a prose
    /// argument ("safe because …", as `undocumented-unsafe` accepts) or a
    /// `# Safety` doc section argues for them.
    ///
    /// ### Why is this bad?
    /// `Send` and `Sync` are how the compiler prevents data races. Implementing
    /// them by hand overrides that check: if the type holds raw pointers,
    /// `Rc`, `Cell` or any non-thread-safe state, sharing it across threads is
    /// a data race (undefined behaviour, use after free of reference counts).
    /// A generic impl without bounds makes the promise for every `T`, which
    /// is almost never true.
    ///
    /// ### Example
    /// ```rust
    /// pub struct Wrapper<T>(Option<T>, *mut u8);
    /// unsafe impl<T> Send for Wrapper<T> {}
    /// ```
    ///
    /// ### Use instead
    /// ```rust
    /// pub struct Wrapper<T>(Option<T>, *mut u8);
    /// // SAFETY: the pointer is owned exclusively; sending a `Wrapper` sends a `T`.
    /// unsafe impl<T: Send> Send for Wrapper<T> {}
    /// ```
    ///
    /// ### References
    /// - CWE-362: Concurrent Execution using Shared Resource with Improper Synchronization ('Race Condition')
    /// - OWASP Top 10 2021 A04: Insecure Design
    /// - Rudra: Finding Memory Safety Bugs in Rust at the Ecosystem Scale (SOSP 2021), Send/Sync variance
    /// - clippy: `non_send_fields_in_send_ty`
    pub(crate) UnsafeSendSync {
        id: "unsafe-send-sync",
        name: "ManualSendSync",
        summary: "manual `unsafe impl Send`/`Sync` overrides the compiler's data-race check",
        severity: Medium,
        precision: Medium,
        measured: [
            Realworld { findings: 0, judged: 0, tp: 0, debatable: 0, when: "session 8 (a328b37)" },
            Corpus { findings: 626, judged: 20, tp: 16, debatable: 3, when: "session 8 (8c8dd53 + justifications)" },
        ],
        cwe: [362],
        owasp: [A04],
        tags: ["unsafe", "memory-safety"],
        clippy: ["clippy::non_send_fields_in_send_ty"],
    }
}

impl Rule for UnsafeSendSync {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn interests(&self) -> Interests {
        Interests { keywords: &["Send", "Sync"], nodes: node::ITEM, ..Default::default() }
    }

    fn check_item<'ast>(&self, cx: &mut Cx<'_, 'ast>, item: &'ast Item) {
        let Item::Impl(imp) = item else { return };
        let Some(unsafety) = imp.unsafety else { return };
        if imp.modifiers.polarity.is_some() {
            return;
        }
        let Some((path, _)) = &imp.trait_ else { return };
        let Some(last) = path.segments.last() else { return };
        let marker = last.ident.to_string();
        if marker != "Send" && marker != "Sync" {
            return;
        }
        let self_ty = cx.file.snippet(imp.self_ty.span()).to_string();
        let declared = declared_type(cx, &imp.self_ty);
        let unbounded: Vec<String> = imp
            .generics
            .params
            .iter()
            .filter_map(|p| match p {
                GenericParam::Type(t) => Some(t),
                _ => None,
            })
            .filter(|t| mentions(&self_ty, &t.ident.to_string()))
            .filter(|t| !has_trait_bound(&t.bounds) && !where_bounded(imp, &t.ident))
            .filter(|t| !phantom_only(&imp.self_ty, &t.ident, declared))
            .map(|t| t.ident.to_string())
            .collect();
        let ty_name = self_ty.split_whitespace().collect::<Vec<_>>().join(" ");
        let line = cx.file.item_first_line(&imp.attrs, unsafety.span);
        let justified = has_safety_doc(&cx.file.docs(&imp.attrs, unsafety.span, Some(imp.brace_token.span.open()))) || line.is_some_and(|l| argues_safety(&comment_block_above(cx.file, l)));
        if !unbounded.is_empty() {
            // A private type's soundness rests on its crate's own API; a
            // justified impl was at least argued: still reported, lower.
            // High when sending the wrapper visibly sends a `T` it owns: a
            // public type of this file holding the parameter by value.
            let owns_it = declared.is_some_and(|d| d.is_pub && unbounded.iter().any(|p| owned_param(&imp.self_ty, p, d)));
            let severity = if marker == "Send" && owns_it && !justified { Severity::High } else { Severity::Medium };
            let params = unbounded.iter().map(|p| format!("`{p}`")).collect::<Vec<_>>().join(", ");
            cx.report_between(unsafety.span, imp.impl_token.span, format!("`unsafe impl {marker} for {ty_name}` holds for every {params}, even types that are not `{marker}`"))
                .help(format!("bound the parameters (`{}: {marker}`, and often `Send` too for `Sync`), so the impl only applies when the contents are thread-safe", unbounded[0]))
                .severity(severity);
            return;
        }
        if justified {
            return;
        }
        cx.report_between(unsafety.span, imp.impl_token.span, format!("manual `unsafe impl {marker} for {ty_name}`: the compiler no longer checks that it is thread-safe"))
            .help(format!("remove it if the fields are already `{marker}` (the compiler derives it), or state in a `// SAFETY:` comment why sharing or sending it across threads cannot race"));
    }
}

/// The struct, enum or union the impl is for, when this file declares it.
fn declared_type<'a>(cx: &'a Cx<'_, '_>, ty: &syn::Type) -> Option<&'a TypeInfo> {
    let syn::Type::Path(p) = ty else { return None };
    let last = p.path.segments.last()?;
    cx.file.unsafety.types.get(&last.ident.to_string())
}

/// The impl's parameter `ident` is passed (by position) to a parameter of
/// the declared type that only appears in `PhantomData` (a marker: no value
/// of that type is stored).
fn phantom_only(self_ty: &syn::Type, ident: &syn::Ident, declared: Option<&TypeInfo>) -> bool {
    let Some(info) = declared else { return false };
    let syn::Type::Path(p) = self_ty else { return false };
    let Some(last) = p.path.segments.last() else { return false };
    let syn::PathArguments::AngleBracketed(args) = &last.arguments else { return false };
    let types = args.args.iter().filter_map(|a| match a {
        syn::GenericArgument::Type(t) => Some(t),
        _ => None,
    });
    types.zip(&info.params).any(|(t, (_, phantom))| *phantom && matches!(t, syn::Type::Path(tp) if tp.path.is_ident(ident)))
}

/// The impl's parameter `name` is passed (by position) to a parameter the
/// declared type holds by value.
fn owned_param(self_ty: &syn::Type, name: &str, info: &TypeInfo) -> bool {
    let syn::Type::Path(p) = self_ty else { return false };
    let Some(last) = p.path.segments.last() else { return false };
    let syn::PathArguments::AngleBracketed(args) = &last.arguments else { return false };
    let types = args.args.iter().filter_map(|a| match a {
        syn::GenericArgument::Type(t) => Some(t),
        _ => None,
    });
    types.zip(&info.owned).any(|(t, owned)| *owned && matches!(t, syn::Type::Path(tp) if tp.path.is_ident(name)))
}

fn mentions(text: &str, ident: &str) -> bool {
    text.split(|c: char| !c.is_alphanumeric() && c != '_').any(|w| w == ident)
}

/// A trait bound other than `?Sized` (lifetimes do not count).
fn has_trait_bound<'a>(bounds: impl IntoIterator<Item = &'a TypeParamBound>) -> bool {
    bounds.into_iter().any(|b| matches!(b, TypeParamBound::Trait(t) if t.maybe.is_none()))
}

/// A `where` predicate bounds `ident` or a type built from it
/// (`where T: Send`, `where OnceCell<T>: Sync`).
fn where_bounded(imp: &syn::ItemImpl, ident: &syn::Ident) -> bool {
    imp.generics.where_clause.as_ref().is_some_and(|w| {
        w.predicates.iter().any(|p| match p {
            WherePredicate::Type(t) => {
                let ty = &t.bounded_ty;
                mentions(&quote::quote!(#ty).to_string(), &ident.to_string()) && has_trait_bound(&t.bounds)
            }
            _ => false,
        })
    })
}
