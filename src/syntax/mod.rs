//! Helpers over `syn` that every rule needs: the per-file context, name
//! resolution, attributes, comments, macro arguments, positions, and the
//! single walk that dispatches to rules.

pub(crate) mod attrs;
pub(crate) mod comments;
pub(crate) mod docs;
pub(crate) mod exprs;
pub(crate) mod lines;
pub(crate) mod macros;
pub(crate) mod paths;
pub(crate) mod prune;
pub(crate) mod recover;
pub(crate) mod shape;

use syn::{Attribute, Block, ItemImpl, Signature, Visibility};

/// Which kind of function a `FnLike` is.
#[derive(Clone, Copy, Debug)]
pub enum FnKind<'ast> {
    Free,
    /// A method or associated fn in an `impl`.
    Method(&'ast ItemImpl),
    /// A trait method with a default body, in its trait.
    TraitMethod(&'ast syn::ItemTrait),
}

/// A function with a body: a free fn, an impl method, or a default trait
/// method.
#[derive(Clone, Copy, Debug)]
pub struct FnLike<'ast> {
    pub attrs: &'ast [Attribute],
    pub vis: Option<&'ast Visibility>,
    pub sig: &'ast Signature,
    pub block: &'ast Block,
    pub kind: FnKind<'ast>,
}

impl<'ast> FnLike<'ast> {
    pub fn name(&self) -> String {
        self.sig.ident.to_string()
    }

    pub fn is_pub(&self) -> bool {
        matches!(self.vis, Some(Visibility::Public(_)))
    }

    pub fn is_unsafe(&self) -> bool {
        matches!(self.sig.safety, syn::Safety::Unsafe(_))
    }

    pub fn is_async(&self) -> bool {
        self.sig.asyncness.is_some()
    }

    /// Its first token after the attributes (`pub`, `unsafe`, `fn`, …).
    pub fn head_start(&self) -> proc_macro2::Span {
        self.vis.and_then(vis_start).unwrap_or_else(|| sig_start(self.sig))
    }
}

/// A visibility's first token, unless inherited (nothing written).
pub(crate) fn vis_start(vis: &Visibility) -> Option<proc_macro2::Span> {
    match vis {
        Visibility::Public(p) => Some(p.span),
        Visibility::Restricted(r) => Some(r.pub_token.span),
        Visibility::Inherited => None,
    }
}

/// A signature's first token (`const`, `async`, `unsafe`, `extern`, `fn`).
pub(crate) fn sig_start(sig: &Signature) -> proc_macro2::Span {
    let unsafety = match sig.safety {
        syn::Safety::Unsafe(t) => Some(t.span),
        _ => None,
    };
    sig.constness
        .map(|t| t.span)
        .or(sig.asyncness.map(|t| t.span))
        .or(unsafety)
        .or(sig.abi.as_ref().map(|a| a.extern_token.span))
        .unwrap_or(sig.fn_token.span)
}

/// Release what parsing a file left on this thread: proc-macro2's span
/// data and the parsed macro arguments. Call when a file's AST is gone
/// (and after a panic while analysing one).
pub(crate) fn release_thread_state() {
    proc_macro2::extra::invalidate_current_thread_spans();
    macros::clear_cache();
}
