//! Types as written (`syn::Type`) → [`Ty`], every path resolved through
//! the file's scope: `&Path` after `use std::path::Path` is
//! `&std::path::Path`; `Json<User>` after `use axum::Json` is
//! `axum::Json<(file)::User>`.

use syn::{GenericArgument, PathArguments, ReturnType, Type, TypeParamBound};

use super::models::Models;
use super::path::{Name, is_primitive};
use super::scope::{FileScope, ScopeId};
use super::ty::{TraitRef, Ty};

/// Where a type is written: the scope, and the generic parameters in
/// effect (they are not paths).
#[derive(Clone, Copy)]
pub(super) struct TyCx<'a> {
    pub scope: ScopeId,
    pub generics: &'a [Name],
}

/// Lowering with one file's scope and the models.
#[derive(Clone, Copy)]
pub(super) struct Lower<'a> {
    pub scope: &'a FileScope,
    pub models: &'a Models,
}

impl Lower<'_> {
    pub(super) fn ty(&self, t: &Type, cx: TyCx<'_>) -> Ty {
        match t {
            Type::Path(p) => match &p.qself {
                Some(q) => match p.path.segments.last() {
                    Some(last) => Ty::Assoc { base: Box::new(self.ty(&q.ty, cx)), name: ident(&last.ident) },
                    None => Ty::Unknown,
                },
                None => self.path_ty(&p.path, cx),
            },
            Type::Reference(r) => Ty::reference(self.ty(&r.elem, cx), r.mutability.is_some()),
            Type::Ptr(p) => Ty::Ptr(Box::new(self.ty(&p.elem, cx))),
            Type::Slice(s) => Ty::Slice(Box::new(self.ty(&s.elem, cx))),
            Type::Array(a) => Ty::Array(Box::new(self.ty(&a.elem, cx))),
            Type::Tuple(t) => Ty::Tuple(t.elems.iter().map(|e| self.ty(e, cx)).collect()),
            Type::Paren(p) => self.ty(&p.elem, cx),
            Type::Group(g) => self.ty(&g.elem, cx),
            Type::Never(_) => Ty::Never,
            Type::ImplTrait(i) => Ty::Bounds(self.bounds(i.bounds.iter(), cx)),
            Type::TraitObject(o) => Ty::Bounds(self.bounds(o.bounds.iter(), cx)),
            Type::FnPtr(f) => Ty::Fn {
                params: f.inputs.iter().map(|a| self.ty(&a.ty, cx)).collect(),
                ret: Box::new(self.ret(&f.output, cx)),
            },
            _ => Ty::Unknown,
        }
    }

    /// A declared return type (`()` when absent).
    pub(super) fn ret(&self, r: &ReturnType, cx: TyCx<'_>) -> Ty {
        match r {
            ReturnType::Default => Ty::unit(),
            ReturnType::Type(_, t) => self.ty(t, cx),
        }
    }

    /// A path in type position.
    pub(super) fn path_ty(&self, path: &syn::Path, cx: TyCx<'_>) -> Ty {
        let segs = &path.segments;
        let Some(first) = segs.first() else { return Ty::Unknown };
        let first_name = first.ident.to_string();
        if path.leading_colon.is_none() {
            if segs.len() == 1 {
                if first_name == "Self" {
                    return Ty::SelfTy;
                }
                if cx.generics.iter().any(|g| **g == *first_name) {
                    return Ty::Param(first_name.into());
                }
                if is_primitive(&first_name) && !self.shadowed(cx.scope, &first_name) {
                    return Ty::ext(&first_name, Vec::new());
                }
            } else if segs.len() == 2 && (first_name == "Self" || cx.generics.iter().any(|g| **g == *first_name)) {
                let base = if first_name == "Self" { Ty::SelfTy } else { Ty::Param(first_name.into()) };
                return Ty::Assoc { base: Box::new(base), name: ident(&segs[1].ident) };
            }
        }
        let r = self.scope.resolve(cx.scope, path, self.models);
        let args = segs.last().map(|s| self.args(&s.arguments, cx).0).unwrap_or_default();
        Ty::Path { def: r.path, args }
    }

    fn shadowed(&self, scope: ScopeId, name: &str) -> bool {
        self.scope.lookup(scope, name).is_some()
    }

    /// Generic arguments: types, and associated-type bindings.
    pub(super) fn args(&self, a: &PathArguments, cx: TyCx<'_>) -> (Vec<Ty>, Vec<(Name, Ty)>) {
        let mut args = Vec::new();
        let mut assoc = Vec::new();
        match a {
            PathArguments::AngleBracketed(ab) => {
                for g in &ab.args {
                    match g {
                        GenericArgument::Type(t) => args.push(self.ty(t, cx)),
                        GenericArgument::AssocType(b) => assoc.push((ident(&b.ident), self.ty(&b.ty, cx))),
                        _ => {}
                    }
                }
            }
            PathArguments::Parenthesized(p) => {
                args.push(Ty::Tuple(p.inputs.iter().map(|t| self.ty(&t.ty, cx)).collect()));
                assoc.push(("Output".into(), self.ret(&p.output, cx)));
            }
            PathArguments::None => {}
        }
        (args, assoc)
    }

    /// Trait bounds (lifetimes and `?Sized` dropped).
    pub(super) fn bounds<'b>(&self, bounds: impl Iterator<Item = &'b TypeParamBound>, cx: TyCx<'_>) -> Vec<TraitRef> {
        bounds
            .filter_map(|b| match b {
                TypeParamBound::Trait(t) if t.maybe.is_none() => Some(self.trait_ref(&t.path, cx)),
                _ => None,
            })
            .collect()
    }

    pub(super) fn trait_ref(&self, path: &syn::Path, cx: TyCx<'_>) -> TraitRef {
        let r = self.scope.resolve(cx.scope, path, self.models);
        let (args, assoc) = path.segments.last().map(|s| self.args(&s.arguments, cx)).unwrap_or_default();
        TraitRef { path: r.path, args, assoc }
    }

    /// Generic type parameters with their bounds (inline and `where`).
    pub(super) fn generics(&self, g: &syn::Generics, cx: TyCx<'_>) -> Vec<(Name, Vec<TraitRef>)> {
        let mut out: Vec<(Name, Vec<TraitRef>)> =
            g.type_params().map(|p| (ident(&p.ident), self.bounds(p.bounds.iter(), cx))).collect();
        if let Some(w) = &g.where_clause {
            for pred in &w.predicates {
                if let syn::WherePredicate::Type(pt) = pred
                    && let Type::Path(tp) = &pt.bounded_ty
                    && tp.qself.is_none()
                    && let Some(id) = tp.path.get_ident()
                    && let Some(slot) = out.iter_mut().find(|(n, _)| **n == *id.to_string())
                {
                    let more = self.bounds(pt.bounds.iter(), cx);
                    slot.1.extend(more);
                }
            }
        }
        out
    }
}

pub(super) fn ident(i: &syn::Ident) -> Name {
    let s = i.to_string();
    Name::from(s.strip_prefix("r#").unwrap_or(&s))
}

/// The names of generic type parameters.
pub(super) fn generic_names(g: &syn::Generics) -> impl Iterator<Item = Name> + '_ {
    g.type_params().map(|p| ident(&p.ident))
}
