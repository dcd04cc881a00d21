//! The library threat model's side of a function: is it part of a public
//! API (a `pub fn`, or a `pub` method of an inherent impl), and which of
//! its parameters carry the caller's data — bytes (`&[u8]`, `Vec<u8>`,
//! `Bytes`), a string, a reader (`R: Read`/`BufRead`/`AsyncRead`,
//! `impl Read`, `&mut dyn Read`, `B: Buf`) or a path (`&Path`, `PathBuf`,
//! `impl AsRef<Path>`)? Integers, flags and the program's own types are
//! the caller's choices, not data it received. Whether the function is
//! nameable from outside its crate is the join's question
//! (`taint::api`).

use syn::{GenericParam, Generics, PathArguments, Type, TypeParamBound, WherePredicate};

use crate::syntax::paths::Imports;
use crate::syntax::{FnKind, FnLike};

/// A `pub fn`, or a `pub` method of an inherent impl (trait impls and
/// default trait methods are reached through their trait).
/// An `unsafe fn` is not either: its caller vouches for what it passes;
/// nor a `#[track_caller]` one, whose panics are its caller's (`LitInt::new`).
/// Test support (`#[doc(hidden)]`, `#[cfg(feature = "test-util")]` on the
/// function or its impl) is not.
pub(super) fn is_api(f: &FnLike<'_>) -> bool {
    use crate::syntax::attrs::is_test_support;
    f.is_pub()
        && !f.is_unsafe()
        && !f.attrs.iter().any(|a| a.path().is_ident("track_caller"))
        && !is_test_support(f.attrs)
        && match f.kind {
            FnKind::Free => true,
            FnKind::Method(imp) => imp.trait_.is_none() && !is_test_support(&imp.attrs),
            FnKind::TraitMethod(_) => false,
        }
}

/// What a parameter of this type carries under the library threat model:
/// `"bytes"`, `"a string"`, `"a reader"`, `"a path"`; `None` for the rest.
pub(super) fn param_kind(ty: &Type, generics: &Generics, imports: &Imports) -> Option<&'static str> {
    kind_of(ty, generics, imports, 0)
}

fn kind_of(ty: &Type, generics: &Generics, imports: &Imports, depth: u8) -> Option<&'static str> {
    if depth > 4 {
        return None;
    }
    match ty {
        // `&'static str`: a literal in the caller's code, not data it received.
        Type::Reference(r) if r.lifetime.as_ref().is_some_and(|l| l.ident == "static") => None,
        Type::Reference(r) => {
            let inner = kind_of(&r.elem, generics, imports, depth + 1)?;
            // `&mut [u8]`, `&mut String`: a buffer the function fills.
            (r.mutability.is_none() || inner == "a reader").then_some(inner)
        }
        Type::Paren(p) => kind_of(&p.elem, generics, imports, depth + 1),
        Type::Group(g) => kind_of(&g.elem, generics, imports, depth + 1),
        Type::Slice(s) => is_u8(&s.elem).then_some("bytes"),
        Type::Array(a) => is_u8(&a.elem).then_some("bytes"),
        Type::ImplTrait(t) => bounds_kind(t.bounds.iter()),
        Type::TraitObject(t) => bounds_kind(t.bounds.iter()),
        Type::Path(p) if p.qself.is_none() => {
            let last = p.path.segments.last()?;
            let name = last.ident.to_string();
            match name.as_str() {
                "str" | "String" | "OsStr" | "OsString" => Some("a string"),
                "Bytes" | "BytesMut" => Some("bytes"),
                "Path" | "PathBuf" => is_std_path(&p.path, imports).then_some("a path"),
                // `std::io::Cursor` and `BufReader` implement `Read`.
                "Cursor" | "BufReader" => is_std_io(&p.path, imports).then_some("a reader"),
                "Vec" | "Box" | "Cow" | "Rc" | "Arc" => {
                    let arg = first_type_arg(&last.arguments)?;
                    if name == "Vec" {
                        return is_u8(arg).then_some("bytes");
                    }
                    kind_of(arg, generics, imports, depth + 1)
                }
                _ if p.path.segments.len() == 1 => generic_kind(&name, generics),
                _ => None,
            }
        }
        _ => None,
    }
}

fn is_u8(ty: &Type) -> bool {
    matches!(ty, Type::Path(p) if p.qself.is_none() && p.path.is_ident("u8"))
}

fn first_type_arg(args: &PathArguments) -> Option<&Type> {
    let PathArguments::AngleBracketed(a) = args else { return None };
    a.args.iter().find_map(|g| match g {
        syn::GenericArgument::Type(t) => Some(t),
        _ => None,
    })
}

/// `Path` and `PathBuf` of `std::path` (not `axum::extract::Path`).
fn is_std_path(path: &syn::Path, imports: &Imports) -> bool {
    let r = imports.resolve(path);
    match r.segs.as_slice() {
        [one] => one == "Path" || one == "PathBuf",
        [first, .., _] => matches!(first.as_str(), "std" | "core" | "camino"),
        [] => false,
    }
}

/// `Cursor` and `BufReader` of `std::io` (a crate's own `Cursor` type is
/// not known to read).
fn is_std_io(path: &syn::Path, imports: &Imports) -> bool {
    let r = imports.resolve(path);
    matches!(r.segs.as_slice(), [first, io, _] if matches!(first.as_str(), "std" | "core") && io == "io")
}

/// A generic parameter `R` by its bounds (in `<R: Read>` or the `where`
/// clause).
fn generic_kind(name: &str, generics: &Generics) -> Option<&'static str> {
    for p in &generics.params {
        if let GenericParam::Type(t) = p
            && t.ident == name
            && let Some(k) = bounds_kind(t.bounds.iter())
        {
            return Some(k);
        }
    }
    for pred in generics.where_clause.iter().flat_map(|w| w.predicates.iter()) {
        if let WherePredicate::Type(t) = pred
            && matches!(&t.bounded_ty, Type::Path(p) if p.path.is_ident(name))
            && let Some(k) = bounds_kind(t.bounds.iter())
        {
            return Some(k);
        }
    }
    None
}

/// What a trait bound says the value is: a reader (`Read`, `BufRead`,
/// `AsyncRead`, `AsyncBufRead`, `Buf`), or text/bytes/a path through
/// `AsRef<_>`/`Into<_>`.
fn bounds_kind<'b>(bounds: impl Iterator<Item = &'b TypeParamBound>) -> Option<&'static str> {
    for b in bounds {
        let TypeParamBound::Trait(t) = b else { continue };
        let Some(last) = t.path.segments.last() else { continue };
        match last.ident.to_string().as_str() {
            "Read" | "BufRead" | "AsyncRead" | "AsyncBufRead" | "Buf" => return Some("a reader"),
            "AsRef" | "Into" => {
                let arg = match first_type_arg(&last.arguments) {
                    Some(Type::Slice(s)) if is_u8(&s.elem) => return Some("bytes"),
                    Some(Type::Path(arg)) => arg,
                    _ => continue,
                };
                let Some(inner) = arg.path.segments.last() else { continue };
                match inner.ident.to_string().as_str() {
                    "str" | "String" | "OsStr" | "OsString" => return Some("a string"),
                    "Path" | "PathBuf" => return Some("a path"),
                    _ => {}
                }
            }
            _ => {}
        }
    }
    None
}

impl super::FnAnalysis<'_> {
    /// A label of a parameter other than `self`.
    pub(super) fn is_other_param(&self, label: u32) -> bool {
        match self.labels.get(label as usize) {
            Some(super::Label::Param(i) | super::Label::ParamField { param: i, .. }) => {
                self.param_names.get(*i as usize).is_none_or(|n| n != "self")
            }
            _ => false,
        }
    }

    /// The parameters of a public API function that carry the caller's
    /// data: (index, what it is). Request extractors are the web model's.
    pub(super) fn library_params(&self, f: &FnLike<'_>) -> Vec<(u16, String)> {
        if !is_api(f) {
            return Vec::new();
        }
        // A method's type parameters may be bounded on its impl
        // (`impl<S: Read> Conn<S> { pub fn new(stream: S) }`).
        let merged;
        let generics = match f.kind {
            FnKind::Method(imp) if !imp.generics.params.is_empty() => {
                let mut g = f.sig.generics.clone();
                g.params.extend(imp.generics.params.iter().cloned());
                if let Some(w) = &imp.generics.where_clause {
                    g.make_where_clause().predicates.extend(w.predicates.iter().cloned());
                }
                merged = g;
                &merged
            }
            _ => &f.sig.generics,
        };
        let mut out = Vec::new();
        for (i, arg) in f.sig.inputs.iter().enumerate() {
            let syn::FnArg::Typed(pt) = arg else { continue };
            let i = i as u16;
            if self.extractor_params.iter().any(|(p, _, _)| *p == i) {
                continue;
            }
            if let Some(kind) = param_kind(&pt.ty, generics, &self.file.imports) {
                out.push((i, kind.to_string()));
            }
        }
        out
    }
}
