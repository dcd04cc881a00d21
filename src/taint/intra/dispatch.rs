//! Receivers known only by a crate trait they implement — a bounded type
//! parameter (`s: &S` with `S: Store`), `impl Store`, `dyn Store` (also
//! boxed or behind `Arc`), a field of such a type — and the trait a method
//! implements (`impl Store for Disk`) or declares with a default body. A
//! tainted call on such a receiver is recorded with the trait for its
//! receiver's type, and the join dispatches it to every impl of the trait
//! method in the workspace (`join::dispatch`).
//!
//! A crate trait is one not named through an import of std or of a crate
//! the models know (`std::io::Read`, `serde::Serialize`), nor one of the
//! prelude's: the join matches it by its last segment.

use syn::{Expr, Type, TypeParamBound};

use super::{FnAnalysis, pat_names, strip_parens_refs_derefs};
use crate::syntax::{FnKind, FnLike};

/// What the analysed function knows of traits.
#[derive(Debug, Default)]
pub(super) struct Traits {
    /// Type parameters of the fn and of its impl bounded by a crate trait.
    bounded: Vec<(String, String)>,
    /// Parameters (by name) whose type is known only by a crate trait.
    params: Vec<(String, String)>,
}

impl FnAnalysis<'_> {
    /// The crate trait a method implements, or declares with its default
    /// body (for the summary).
    pub(super) fn own_trait(&self, f: &FnLike<'_>) -> Option<String> {
        match f.kind {
            FnKind::Method(imp) => imp.trait_.as_ref().and_then(|(p, _)| self.crate_trait(p)),
            FnKind::TraitMethod(tr) => Some(tr.ident.to_string()),
            FnKind::Free => None,
        }
    }

    /// At the start of a function: its (and its impl's or trait's) type
    /// parameters bounded by a crate trait.
    pub(super) fn read_traits(&mut self, f: &FnLike<'_>) {
        let mut t = Traits::default();
        let outer = match f.kind {
            FnKind::Method(imp) => Some(&imp.generics),
            FnKind::TraitMethod(tr) => Some(&tr.generics),
            FnKind::Free => None,
        };
        let generics = std::iter::once(&f.sig.generics).chain(outer);
        for g in generics.filter(|g| !g.params.is_empty() || g.where_clause.is_some()) {
            for p in g.type_params() {
                if let Some(tr) = self.first_crate_trait(p.bounds.iter()) {
                    t.bounded.push((p.ident.to_string(), tr));
                }
            }
            for pred in g.where_clause.iter().flat_map(|w| &w.predicates) {
                if let syn::WherePredicate::Type(pt) = pred
                    && let Type::Path(tp) = &pt.bounded_ty
                    && let Some(id) = tp.path.get_ident()
                    && let Some(tr) = self.first_crate_trait(pt.bounds.iter())
                {
                    t.bounded.push((id.to_string(), tr));
                }
            }
        }
        self.traits = t;
    }

    /// A parameter whose declared type is known only by a crate trait:
    /// `s: &S` (`S: Store`), `s: impl Store`, `s: &dyn Store`, `Box<dyn Store>`.
    pub(super) fn param_trait(&mut self, pt: &syn::PatType) {
        if let Some(tr) = self.trait_of_type(&pt.ty, 0) {
            for n in pat_names(&pt.pat) {
                self.traits.params.push((n, tr.clone()));
            }
        }
    }

    /// The crate trait a method call's receiver is known by, when its type
    /// (`rty`) is unknown or a bounded type parameter: a parameter of such
    /// a type, or a field whose declared type is one.
    pub(super) fn recv_trait(&self, recv: &Expr, rty: Option<&[String]>) -> Option<String> {
        match rty {
            Some([one]) => return self.bound_of(one),
            Some(_) => return None,
            None => {}
        }
        match strip_parens_refs_derefs(recv) {
            Expr::Path(p) if !self.traits.params.is_empty() => {
                let id = p.path.get_ident()?;
                self.traits.params.iter().find(|(n, _)| id == n).map(|(_, t)| t.clone())
            }
            // Only a file that writes `dyn` declares a trait-object field.
            Expr::Field(f) if self.file.text_contains("dyn ") => {
                let ft = self.field_type(&f.base, &f.member)?;
                if ft.bound.is_empty() {
                    return None;
                }
                self.crate_trait_segs(&ft.bound)
            }
            _ => None,
        }
    }

    /// A tainted method call's receiver type (`rty`), or the crate trait the
    /// receiver is known by: the call is then recorded with the trait for
    /// its type, and the join dispatches what flows in to every impl. The
    /// second value is the type as it was, when the trait replaced it: the
    /// call's result is what it would have been without (a lookup's is the
    /// receiver's).
    pub(super) fn by_trait(
        &self,
        recv: &Expr,
        rty: Option<Vec<String>>,
    ) -> (Option<Vec<String>>, Option<Option<Vec<String>>>) {
        match self.recv_trait(recv, rty.as_deref()) {
            Some(tr) => (Some(vec![tr]), Some(rty)),
            None => (rty, None),
        }
    }

    fn bound_of(&self, ty: &str) -> Option<String> {
        self.traits.bounded.iter().find(|(n, _)| n == ty).map(|(_, t)| t.clone())
    }

    fn trait_of_type(&self, ty: &Type, depth: u8) -> Option<String> {
        if depth > 4 {
            return None;
        }
        match ty {
            Type::Reference(r) => self.trait_of_type(&r.elem, depth + 1),
            Type::Paren(p) => self.trait_of_type(&p.elem, depth + 1),
            Type::TraitObject(t) => self.first_crate_trait(t.bounds.iter()),
            Type::ImplTrait(t) => self.first_crate_trait(t.bounds.iter()),
            Type::Path(p) if p.qself.is_none() => {
                let last = p.path.segments.last()?;
                if let Some(id) = p.path.get_ident() {
                    return self.traits.bounded.iter().find(|(n, _)| id == n).map(|(_, t)| t.clone());
                }
                if (last.ident == "Box" || last.ident == "Arc" || last.ident == "Rc")
                    && let syn::PathArguments::AngleBracketed(a) = &last.arguments
                    && let Some(syn::GenericArgument::Type(inner)) = a.args.first()
                {
                    return self.trait_of_type(inner, depth + 1);
                }
                None
            }
            _ => None,
        }
    }

    fn first_crate_trait<'b>(&self, bounds: impl Iterator<Item = &'b TypeParamBound>) -> Option<String> {
        bounds
            .filter_map(|b| match b {
                TypeParamBound::Trait(tb) => Some(&tb.path),
                _ => None,
            })
            .find_map(|p| self.crate_trait(p))
    }

    /// The last segment of a trait path that names a crate trait.
    fn crate_trait(&self, p: &syn::Path) -> Option<String> {
        self.crate_trait_segs(&self.file.imports.resolve(p).segs)
    }

    fn crate_trait_segs(&self, segs: &[String]) -> Option<String> {
        let last = segs.last()?;
        if !last.starts_with(char::is_uppercase) {
            return None;
        }
        let first = segs.first()?.as_str();
        let external = matches!(first, "std" | "core" | "alloc") || self.models.known_crates.contains(first);
        let prelude = segs.len() == 1 && crate::semantic::scope::prelude(last).is_some();
        (!external && !prelude).then(|| last.clone())
    }
}
