//! What types do: method and associated-fn lookup (inherent impls, trait
//! impls, blanket impls, autoderef), traits in scope, associated types,
//! `Deref`, fields — over the crate index and the models. (Operators and
//! value paths: `values.rs`.)
//!
//! The same code serves inference in a worker (partial index: what needs
//! another file answers [`Look::Later`] and becomes a deferred [`Ty::Sym`])
//! and the join (full index). In a full index, types must be absolute
//! ([`CrateIndex::absolutize`]); in a partial one they are file-relative.

use super::index::{CrateIndex, Def, FnRef, Look};
use super::items::{ImplDef, ItemKind};
use super::models::TypeModel;
use super::path::{Name, SymPath};
use super::ty::{DEREF, TraitRef, Ty};
use std::borrow::Cow;

/// What a call expression calls.
#[derive(Clone, Debug, PartialEq)]
pub enum Target {
    /// A fn or method of the crate.
    Fn(FnRef),
    /// A struct or enum-variant constructor (path of the definition).
    Ctor(SymPath),
    /// A modelled external fn or method (`std::string::String::push_str`,
    /// `sqlx::Executor::execute`).
    Extern(Name),
    /// A closure or fn pointer held by a local.
    Local(Name),
    /// Only the join can tell.
    Later,
    Unresolved,
}

impl Target {
    /// The target exists in the item index or in a type model.
    pub fn is_resolved(&self) -> bool {
        matches!(self, Target::Fn(_) | Target::Ctor(_) | Target::Extern(_))
    }
}

/// A method found for a receiver.
#[derive(Clone, Debug, PartialEq)]
pub struct MethodHit {
    pub target: Target,
    /// The return type, with `Self`, the receiver's generic arguments and
    /// associated types filled in.
    pub ret: Ty,
}

/// Autoderef steps tried.
pub(super) const MAX_DEREF: usize = 8;
/// Supertrait depth followed.
const MAX_SUPER: usize = 6;

/// Nested projections followed (per thread).
const MAX_PROJECT: u32 = 12;

thread_local! {
    static PROJECTING: std::cell::Cell<u32> = const { std::cell::Cell::new(0) };
}

/// Traits every type gets from a std blanket impl.
const BLANKET: &[&str] = &[
    "std::convert::Into",
    "std::convert::From",
    "std::convert::TryInto",
    "std::convert::TryFrom",
    "std::borrow::Borrow",
    "std::borrow::BorrowMut",
    "std::any::Any",
];

impl CrateIndex<'_> {
    /// The method `name` on a receiver of type `recv` (autoderef).
    pub fn method(&self, recv: &Ty, name: &str) -> Look<MethodHit> {
        self.autoderef(recv, |t| self.method_on(t, name))
    }

    /// The first answer of `look` on `recv`, then on what it derefs to.
    fn autoderef<T>(&self, recv: &Ty, look: impl Fn(&Ty) -> Look<T>) -> Look<T> {
        let mut t = self.normalize(recv);
        for _ in 0..MAX_DEREF {
            match look(&t) {
                Look::Missing => {}
                other => return other,
            }
            match self.deref_step(&t) {
                Look::Found(n) => t = Cow::Owned(self.normalize_owned(n)),
                Look::Later => return Look::Later,
                Look::Missing => return Look::Missing,
            }
        }
        Look::Missing
    }

    /// `Type::name` without autoderef (associated fns and methods called
    /// by path).
    pub fn assoc(&self, ty: &Ty, name: &str) -> Look<MethodHit> {
        self.method_on(&self.normalize(ty), name)
    }

    /// Aliases expanded (models' and the crate's).
    pub fn normalize<'t>(&self, t: &'t Ty) -> Cow<'t, Ty> {
        match self.expand_alias(t) {
            // Most types are no alias: borrowed as they are, no copy.
            None => Cow::Borrowed(t),
            Some(n) => Cow::Owned(self.normalize_from(n, 1)),
        }
    }

    /// [`Self::normalize`] of an owned type, `done` aliases already
    /// expanded (8 at most in all).
    pub(super) fn normalize_owned(&self, t: Ty) -> Ty {
        self.normalize_from(t, 0)
    }

    fn normalize_from(&self, mut t: Ty, done: usize) -> Ty {
        for _ in done..8 {
            match self.expand_alias(&t) {
                Some(n) => t = n,
                None => break,
            }
        }
        t
    }

    fn expand_alias(&self, t: &Ty) -> Option<Ty> {
        let Ty::Path { def, args } = t else { return None };
        match def {
            SymPath::Extern(p) => {
                let a = self.models.alias(p)?;
                Some(a.ty.subst(None, &a.params, args))
            }
            _ => match self.resolve_type(0, def) {
                Look::Found(Def::Item(r)) => match &self.item(r).kind {
                    ItemKind::TypeAlias { generics, ty } => {
                        let ty = self.absolutize(self.file_of(r.module), ty);
                        Some(ty.subst(None, generics, args))
                    }
                    _ => None,
                },
                _ => None,
            },
        }
    }

    fn method_on(&self, t: &Ty, name: &str) -> Look<MethodHit> {
        match t {
            Ty::Path { def: SymPath::Extern(p), args } => self.extern_method(t, p, args, name),
            Ty::Path { def, .. } => self.crate_method(t, def, name),
            Ty::Slice(e) => self.extern_method(t, "slice", std::slice::from_ref(e), name),
            Ty::Array(e) => self.extern_method(t, "array", std::slice::from_ref(e), name),
            Ty::Bounds(traits) => self.bounds_method(t, traits, name),
            Ty::Ref { inner, mutable } => self.ref_method(t, inner, *mutable, name),
            Ty::Sym(_) => Look::Later,
            _ => Look::Missing,
        }
    }

    /// Methods of `&T` itself: traits a model implements for `&T`, and the
    /// blanket ones (`"x".into()` is `Into` on `&str`).
    fn ref_method(&self, t: &Ty, inner: &Ty, mutable: bool, name: &str) -> Look<MethodHit> {
        let recv = if mutable { super::models::Recv::RefMut } else { super::models::Recv::Ref };
        if let Ty::Path { def: SymPath::Extern(p), args } = &*self.normalize(inner)
            && let Some(tm) = self.models.type_model(p)
        {
            for (r, tr) in &tm.impls {
                if *r == recv {
                    let tr = subst_trait(tr, inner, &tm.params, args);
                    if let Some(h) = self.trait_method(&tr, t, name, 0) {
                        return Look::Found(h);
                    }
                }
            }
        }
        for b in BLANKET {
            if let Some(h) = self.trait_method(&TraitRef::new(SymPath::Extern((*b).into())), t, name, 0) {
                return Look::Found(h);
            }
        }
        Look::Missing
    }

    fn extern_method(&self, t: &Ty, p: &str, args: &[Ty], name: &str) -> Look<MethodHit> {
        let tm = self.models.type_model(p);
        if let Some(tm) = tm
            && let Some(ret) = tm.methods.get(name)
        {
            let ret = self.project(&ret.subst(Some(t), &tm.params, args), t, None);
            return Look::Found(MethodHit { target: Target::Extern(format!("{p}::{name}").into()), ret });
        }
        // A crate trait implemented for this external type.
        if let Some(h) = self.impl_fn(&SymPath::Extern(p.into()), t, name) {
            return Look::Found(h);
        }
        if let Some(tm) = tm {
            for (_, tr) in &tm.impls {
                let tr = subst_trait(tr, t, &tm.params, args);
                if let Some(h) = self.trait_method(&tr, t, name, 0) {
                    return Look::Found(h);
                }
            }
        }
        self.blanket_method(t, name).map_or(Look::Missing, Look::Found)
    }

    fn crate_method(&self, t: &Ty, def: &SymPath, name: &str) -> Look<MethodHit> {
        let canon = match self.resolve_type(0, def) {
            Look::Found(d) => match self.def_path(&d) {
                Some(p) => p,
                None => return Look::Missing,
            },
            Look::Later => return Look::Later,
            Look::Missing => return Look::Missing,
        };
        if let Some(h) = self.impl_fn(&canon, t, name) {
            return Look::Found(h);
        }
        let impls: Vec<_> = self.impls_of(&canon).collect();
        for (m, _, d) in &impls {
            if d.trait_ref.is_none() {
                continue;
            }
            let tr = self.impl_trait_ref(*m, d, t);
            if let Some(h) = self.trait_method(&tr, t, name, 0) {
                return Look::Found(h);
            }
        }
        // Blanket impls of std: every type has `into`, `try_into`, …;
        // `to_owned` with `Clone`, `to_string` with `Display`.
        let has = |tp: &str| {
            impls.iter().any(|(m, _, d)| {
                d.trait_ref.as_ref().is_some_and(|t| t.path.is(tp) || self.abs_path(self.file_of(*m), &t.path).is(tp))
            })
        };
        for b in blanket(has("std::clone::Clone"), has("std::fmt::Display")) {
            if let Some(h) = self.trait_method(&TraitRef::new(SymPath::Extern(b.into())), t, name, 0) {
                return Look::Found(h);
            }
        }
        if let Some(h) = self.blanket_method(t, name) {
            return Look::Found(h);
        }
        if self.is_partial() { Look::Later } else { Look::Missing }
    }

    /// A method of the crate's blanket impls (`impl<T: Bound> Ext for T`),
    /// when exactly one of them has it (bounds are not checked).
    fn blanket_method(&self, t: &Ty, name: &str) -> Option<MethodHit> {
        let mut hit: Option<MethodHit> = None;
        for (m, i, d) in self.blanket_impls() {
            let h = match d.fns.iter().position(|f| &*f.name == name) {
                Some(idx) => {
                    let file = self.file_of(m);
                    let ret = self.absolutize(file, &d.fns[idx].call_ty()).subst(Some(t), &[], &[]);
                    let tr = self.impl_trait_ref(m, d, t);
                    let ret = self.project(&ret, t, Some(&tr));
                    MethodHit { target: Target::Fn(FnRef::Method { module: m, imp: i, idx: idx as u32 }), ret }
                }
                None => match self.trait_method(&self.impl_trait_ref(m, d, t), t, name, 0) {
                    Some(h) => h,
                    None => continue,
                },
            };
            if hit.as_ref().is_some_and(|p| p.target != h.target) {
                return None;
            }
            hit = Some(h);
        }
        hit
    }

    /// A fn named `name` in the impls of `def` (inherent first).
    fn impl_fn(&self, def: &SymPath, t: &Ty, name: &str) -> Option<MethodHit> {
        for (m, i, d) in self.impls_of(def) {
            if let Some(idx) = d.fns.iter().position(|f| &*f.name == name) {
                let f = FnRef::Method { module: m, imp: i, idx: idx as u32 };
                let sig = &d.fns[idx];
                let file = self.file_of(m);
                let (params, args) = bind_impl(&self.absolutize(file, &d.self_ty), t, d);
                let ret = self.absolutize(file, &sig.call_ty()).subst(Some(t), &params, &args);
                let tr = self.impl_trait_ref(m, d, t);
                let ret = self.project(&ret, t, Some(&tr));
                return Some(MethodHit { target: Target::Fn(f), ret });
            }
        }
        None
    }

    /// An impl's trait, absolute, with the impl's associated types bound.
    fn impl_trait_ref(&self, m: super::index::ModId, d: &ImplDef, t: &Ty) -> TraitRef {
        let file = self.file_of(m);
        let Some(tr) = &d.trait_ref else { return TraitRef::new(SymPath::Crate(Default::default())) };
        let (params, args) = bind_impl(&self.absolutize(file, &d.self_ty), t, d);
        let mut out = TraitRef {
            path: self.abs_path(file, &tr.path),
            args: tr.args.iter().map(|a| self.absolutize(file, a).subst(Some(t), &params, &args)).collect(),
            assoc: tr.assoc.clone(),
        };
        for (n, a) in &d.assoc {
            out.assoc.push((n.clone(), self.absolutize(file, a).subst(Some(t), &params, &args)));
        }
        out
    }

    fn bounds_method(&self, t: &Ty, traits: &[TraitRef], name: &str) -> Look<MethodHit> {
        for tr in traits {
            if let Some(h) = self.trait_method(tr, t, name, 0) {
                return Look::Found(h);
            }
        }
        let has = |p: &str| traits.iter().any(|tr| tr.path.is(p));
        for b in blanket(has("std::clone::Clone"), has("std::fmt::Display")) {
            if let Some(h) = self.trait_method(&TraitRef::new(SymPath::Extern(b.into())), t, name, 0) {
                return Look::Found(h);
            }
        }
        // `impl Future<Output = T>` and friends have nothing else.
        if self.is_partial() && traits.iter().any(|tr| !matches!(tr.path, SymPath::Extern(_))) {
            return Look::Later;
        }
        Look::Missing
    }

    /// The method `name` of a trait (or of its supertraits).
    pub(super) fn trait_method(&self, tr: &TraitRef, self_ty: &Ty, name: &str, depth: usize) -> Option<MethodHit> {
        if depth > MAX_SUPER {
            return None;
        }
        match &tr.path {
            SymPath::Extern(p) => {
                let tm = self.models.trait_model(p)?;
                if let Some(ret) = tm.methods.get(name) {
                    let ret = ret.subst(Some(self_ty), &tm.params, &tr.args);
                    let ret = self.project(&ret, self_ty, Some(tr));
                    return Some(MethodHit { target: Target::Extern(format!("{p}::{name}").into()), ret });
                }
                for s in &tm.supertraits {
                    if let Some(h) = self.trait_method(s, self_ty, name, depth + 1) {
                        return Some(h);
                    }
                }
                None
            }
            other => {
                let r = match self.resolve_type(0, other) {
                    Look::Found(Def::Item(r)) => r,
                    Look::Found(Def::Extern(p)) => {
                        let tr = TraitRef { path: SymPath::Extern(p), args: tr.args.clone(), assoc: tr.assoc.clone() };
                        return self.trait_method(&tr, self_ty, name, depth + 1);
                    }
                    _ => return None,
                };
                let ItemKind::Trait(td) = &self.item(r).kind else { return None };
                let file = self.file_of(r.module);
                if let Some(idx) = td.methods.iter().position(|m| &*m.name == name) {
                    let sig = &td.methods[idx];
                    let ret = self.absolutize(file, &sig.call_ty()).subst(Some(self_ty), &td.generics, &tr.args);
                    let ret = self.project(&ret, self_ty, Some(tr));
                    let f = FnRef::Trait { module: r.module, item: r.item, idx: idx as u32 };
                    return Some(MethodHit { target: Target::Fn(f), ret });
                }
                for s in &td.supertraits {
                    let s = TraitRef {
                        path: self.abs_path(file, &s.path),
                        args: s.args.iter().map(|a| self.absolutize(file, a)).collect(),
                        assoc: s.assoc.clone(),
                    };
                    if let Some(h) = self.trait_method(&s, self_ty, name, depth + 1) {
                        return Some(h);
                    }
                }
                None
            }
        }
    }

    /// The traits in scope that may supply a method the receiver's own
    /// methods lack: any, for a receiver of unknown type; only explicitly
    /// imported ones (extension traits: `anyhow::Context`, `StreamExt`),
    /// not the prelude's, for a known one.
    pub fn scope_candidates(&self, recv: &Ty, cands: &[SymPath]) -> Vec<SymPath> {
        if self.open_receiver(recv) {
            return cands.to_vec();
        }
        cands
            .iter()
            .filter(|c| !c.as_extern().is_some_and(|p| super::scope::PRELUDE_TRAITS.contains(&p)))
            .cloned()
            .collect()
    }

    /// Whether a (join-time) type names something that exists: an external
    /// path, a crate definition, a generic known by its bounds.
    pub fn type_known(&self, t: &Ty) -> bool {
        match t.strip_refs() {
            Ty::Path { def: SymPath::Extern(_), .. }
            | Ty::Slice(_)
            | Ty::Array(_)
            | Ty::Tuple(_)
            | Ty::Fn { .. }
            | Ty::Ptr(_) => true,
            Ty::Path { def, .. } => matches!(self.resolve_type(0, def), Look::Found(_)),
            Ty::Bounds(b) => !b.is_empty(),
            _ => false,
        }
    }

    /// A receiver whose methods nothing lists: unknown, a generic without
    /// bounds, or an external type the models do not know.
    pub fn open_receiver(&self, t: &Ty) -> bool {
        match self.normalize(t).strip_refs() {
            Ty::Unknown | Ty::Param(_) | Ty::SelfTy => true,
            Ty::Bounds(b) => b.is_empty(),
            Ty::Path { def: SymPath::Extern(p), .. } => self.models.type_model(p).is_none(),
            _ => false,
        }
    }

    /// Trait in scope: the method of the one candidate trait that has it
    /// (two different candidates, or a name inherent to everyday std types,
    /// leave it unresolved).
    pub fn scope_trait_method(&self, recv: &Ty, name: &str, cands: &[SymPath]) -> Option<MethodHit> {
        if self.open_receiver(recv) && self.models.is_common_inherent(name) {
            return None;
        }
        let mut hit: Option<MethodHit> = None;
        for c in cands {
            if let Some(h) = self.trait_method(&TraitRef::new(c.clone()), recv, name, 0) {
                match &hit {
                    Some(prev) if prev.target != h.target => return None,
                    Some(_) => {}
                    None => hit = Some(h),
                }
            }
        }
        hit
    }

    /// Whether a trait (crate or modelled) declares a method of this name.
    pub fn trait_has_method(&self, tr: &SymPath, name: &str) -> Look<()> {
        match tr {
            SymPath::Extern(_) => {
                if self.trait_declares(tr, name, 0) {
                    Look::Found(())
                } else {
                    Look::Missing
                }
            }
            _ => match self.resolve_type(0, tr) {
                Look::Found(Def::Item(r)) if matches!(self.item(r).kind, ItemKind::Trait(_)) => {
                    if self.trait_declares(tr, name, 0) { Look::Found(()) } else { Look::Missing }
                }
                Look::Found(Def::Extern(p)) => self.trait_has_method(&SymPath::Extern(p), name),
                Look::Later => Look::Later,
                _ => Look::Missing,
            },
        }
    }

    /// Whether [`trait_method`](Self::trait_method) finds `name` in this
    /// trait or a supertrait, without working out what it returns.
    fn trait_declares(&self, tr: &SymPath, name: &str, depth: usize) -> bool {
        if depth > MAX_SUPER {
            return false;
        }
        match tr {
            SymPath::Extern(p) => self.models.trait_model(p).is_some_and(|tm| {
                tm.methods.contains_key(name)
                    || tm.supertraits.iter().any(|s| self.trait_declares(&s.path, name, depth + 1))
            }),
            other => match self.resolve_type(0, other) {
                Look::Found(Def::Item(r)) => {
                    let ItemKind::Trait(td) = &self.item(r).kind else { return false };
                    if td.methods.iter().any(|m| &*m.name == name) {
                        return true;
                    }
                    let file = self.file_of(r.module);
                    td.supertraits.iter().any(|s| self.trait_declares(&self.abs_path(file, &s.path), name, depth + 1))
                }
                Look::Found(Def::Extern(p)) => self.trait_declares(&SymPath::Extern(p), name, depth + 1),
                _ => false,
            },
        }
    }

    /// Fill in associated types (`Self::Item`, `T::Output`). Projections
    /// that lead to themselves (`Item = <Self as Iterator>::Item`) stop.
    pub(super) fn project(&self, t: &Ty, self_ty: &Ty, tr: Option<&TraitRef>) -> Ty {
        if !has_assoc(t) {
            return t.clone();
        }
        let depth = PROJECTING.with(|d| {
            let v = d.get();
            d.set(v + 1);
            v
        });
        let out = if depth > MAX_PROJECT { Ty::Unknown } else { self.project_inner(t, self_ty, tr) };
        PROJECTING.with(|d| d.set(d.get().saturating_sub(1)));
        out
    }

    fn project_inner(&self, t: &Ty, self_ty: &Ty, tr: Option<&TraitRef>) -> Ty {
        match t {
            Ty::Assoc { base, name } => {
                let base = self.project(base, self_ty, tr);
                if base.is_unknown() {
                    return Ty::Unknown;
                }
                if let Some(b) = tr.and_then(|tr| tr.assoc_ty(name))
                    && (base == *self_ty)
                {
                    return b.clone();
                }
                self.assoc_of(&base, name)
            }
            _ if !has_assoc(t) => t.clone(),
            _ => t.map_children(&mut |c| self.project(c, self_ty, tr)),
        }
    }

    /// The associated type `name` of a type, from its impls.
    pub fn assoc_of(&self, t: &Ty, name: &str) -> Ty {
        let t = self.normalize(t);
        match &*t {
            Ty::Bounds(b) => b.iter().find_map(|tr| tr.assoc_ty(name).cloned()).unwrap_or_default(),
            Ty::Path { def: SymPath::Extern(p), args } => {
                let Some(tm) = self.models.type_model(p) else { return Ty::Unknown };
                for (_, tr) in &tm.impls {
                    if let Some(a) = tr.assoc_ty(name) {
                        return self.project(&a.subst(Some(&t), &tm.params, args), &t, None);
                    }
                }
                Ty::Unknown
            }
            Ty::Path { def, .. } => {
                let Some(canon) = self.resolve_type(0, def).found().and_then(|d| self.def_path(&d)) else {
                    return Ty::Unknown;
                };
                for (m, _, d) in self.impls_of(&canon) {
                    if let Some((_, a)) = d.assoc.iter().find(|(n, _)| &**n == name) {
                        let (params, args) = bind_impl(&self.absolutize(self.file_of(m), &d.self_ty), &t, d);
                        return self.absolutize(self.file_of(m), a).subst(Some(&t), &params, &args);
                    }
                }
                Ty::Unknown
            }
            _ => Ty::Unknown,
        }
    }

    /// One autoderef step: `&T` → `T`, `[T; N]` → `[T]`, `Deref::Target`.
    pub fn deref_step(&self, t: &Ty) -> Look<Ty> {
        match t {
            Ty::Ref { inner, .. } => Look::Found((**inner).clone()),
            Ty::Array(e) => Look::Found(Ty::Slice(e.clone())),
            Ty::Sym(_) => Look::Later,
            Ty::Bounds(b) => match b.iter().find(|tr| tr.path.is(DEREF)).and_then(|tr| tr.assoc_ty("Target")) {
                Some(x) => Look::Found(x.clone()),
                None => Look::Missing,
            },
            Ty::Path { def: SymPath::Extern(p), args } => {
                let Some(tm) = self.models.type_model(p) else { return Look::Missing };
                match deref_target(tm, t, args) {
                    Some(x) => Look::Found(self.project(&x, t, None)),
                    None => Look::Missing,
                }
            }
            Ty::Path { def, .. } => {
                let canon = match self.resolve_type(0, def) {
                    Look::Found(d) => self.def_path(&d),
                    Look::Later => return Look::Later,
                    Look::Missing => return Look::Missing,
                };
                let Some(canon) = canon else { return Look::Missing };
                for (m, _, d) in self.impls_of(&canon) {
                    if d.trait_ref.as_ref().is_some_and(|tr| self.abs_path(self.file_of(m), &tr.path).is(DEREF))
                        && let Some((_, x)) = d.assoc.iter().find(|(n, _)| &**n == "Target")
                    {
                        let (params, args) = bind_impl(&self.absolutize(self.file_of(m), &d.self_ty), t, d);
                        return Look::Found(self.absolutize(self.file_of(m), x).subst(Some(t), &params, &args));
                    }
                }
                if self.is_partial() { Look::Later } else { Look::Missing }
            }
            _ => Look::Missing,
        }
    }

    /// The type of field `name` (autoderef).
    pub fn field(&self, recv: &Ty, name: &str) -> Look<Ty> {
        self.autoderef(recv, |t| self.field_on(t, name))
    }

    fn field_on(&self, t: &Ty, name: &str) -> Look<Ty> {
        match t {
            Ty::Tuple(v) => {
                name.parse::<usize>().ok().and_then(|i| v.get(i).cloned()).map_or(Look::Missing, Look::Found)
            }
            Ty::Sym(_) => Look::Later,
            Ty::Path { def: SymPath::Extern(p), args } => {
                let Some(tm) = self.models.type_model(p) else { return Look::Missing };
                match tm.fields.iter().find(|(n, _)| &**n == name) {
                    Some((_, f)) => Look::Found(f.subst(Some(t), &tm.params, args)),
                    None => Look::Missing,
                }
            }
            Ty::Path { def, args } => match self.resolve_type(0, def) {
                Look::Found(Def::Item(r)) => {
                    let file = self.file_of(r.module);
                    let (generics, fields) = match &self.item(r).kind {
                        ItemKind::Struct { generics, fields } | ItemKind::Union { generics, fields } => {
                            (generics, fields)
                        }
                        _ => return Look::Missing,
                    };
                    match fields.get(name) {
                        Some(f) => Look::Found(self.absolutize(file, f).subst(Some(t), generics, args)),
                        None => Look::Missing,
                    }
                }
                Look::Later => Look::Later,
                _ => Look::Missing,
            },
            _ => Look::Missing,
        }
    }
}

/// The std blanket traits of a type that is (or is not) `Clone` and
/// `Display`.
fn blanket(clone: bool, display: bool) -> Vec<&'static str> {
    let mut v: Vec<&str> = BLANKET.to_vec();
    if clone {
        v.push("std::borrow::ToOwned");
    }
    if display {
        v.push("std::string::ToString");
    }
    v
}

/// The names of the generic parameters a model type mentions.
pub(super) fn params_in(t: &Ty, out: &mut Vec<Name>) {
    match t {
        Ty::Param(n) => {
            if !out.contains(n) {
                out.push(n.clone());
            }
        }
        _ => {
            t.map_children(&mut |c| {
                params_in(c, out);
                Ty::Unknown
            });
        }
    }
}

pub(super) fn fill_args(n: usize, given: &[Ty]) -> Vec<Ty> {
    (0..n).map(|i| given.get(i).cloned().unwrap_or_default()).collect()
}

fn has_assoc(t: &Ty) -> bool {
    match t {
        Ty::Assoc { .. } => true,
        Ty::Path { args, .. } | Ty::Tuple(args) => args.iter().any(has_assoc),
        Ty::Ref { inner, .. } | Ty::Ptr(inner) | Ty::Slice(inner) | Ty::Array(inner) => has_assoc(inner),
        Ty::Fn { params, ret } => has_assoc(ret) || params.iter().any(has_assoc),
        Ty::Bounds(b) => b.iter().any(|t| t.args.iter().chain(t.assoc.iter().map(|(_, a)| a)).any(has_assoc)),
        _ => false,
    }
}

/// A model trait ref with the type's parameters and `Self` filled in.
fn subst_trait(tr: &TraitRef, t: &Ty, params: &[Name], args: &[Ty]) -> TraitRef {
    TraitRef {
        path: tr.path.clone(),
        args: tr.args.iter().map(|a| a.subst(Some(t), params, args)).collect(),
        assoc: tr.assoc.iter().map(|(n, a)| (n.clone(), a.subst(Some(t), params, args))).collect(),
    }
}

/// The `Deref` target of a modelled type.
fn deref_target(tm: &TypeModel, t: &Ty, args: &[Ty]) -> Option<Ty> {
    let (_, tr) = tm.impls.iter().find(|(r, tr)| *r == super::models::Recv::Value && tr.path.is(DEREF))?;
    Some(tr.assoc_ty("Target")?.subst(Some(t), &tm.params, args))
}

/// The impl's generic parameters bound from the receiver: `impl<T>
/// Wrapper<T>` on `Wrapper<String>` binds `T = String`.
pub(super) fn bind_impl(impl_self: &Ty, recv: &Ty, d: &ImplDef) -> (Vec<Name>, Vec<Ty>) {
    let params: Vec<Name> = d.generics.iter().map(|(n, _)| n.clone()).collect();
    let mut args = vec![Ty::Unknown; params.len()];
    unify(impl_self.strip_refs(), recv.strip_refs(), &params, &mut args, 0);
    for (i, (_, bounds)) in d.generics.iter().enumerate() {
        if args[i].is_unknown() && !bounds.is_empty() {
            args[i] = Ty::Bounds(bounds.clone());
        }
    }
    (params, args)
}

/// Bind generic parameters of `pattern` from `actual` (positional).
pub(super) fn unify(pattern: &Ty, actual: &Ty, params: &[Name], out: &mut [Ty], depth: usize) {
    if depth > 8 {
        return;
    }
    match (pattern, actual) {
        (Ty::Param(n), a) => {
            if let Some(i) = params.iter().position(|p| p == n)
                && out[i].is_unknown()
                && a.is_known()
            {
                out[i] = a.clone();
            }
        }
        (Ty::Path { args: pa, .. }, Ty::Path { args: aa, .. }) => {
            for (p, a) in pa.iter().zip(aa) {
                unify(p, a, params, out, depth + 1);
            }
        }
        (Ty::Ref { inner: p, .. }, Ty::Ref { inner: a, .. })
        | (Ty::Slice(p), Ty::Slice(a))
        | (Ty::Array(p), Ty::Array(a))
        | (Ty::Ptr(p), Ty::Ptr(a)) => unify(p, a, params, out, depth + 1),
        (Ty::Ref { inner: p, .. }, a) => unify(p, a, params, out, depth + 1),
        (Ty::Tuple(p), Ty::Tuple(a)) => {
            for (p, a) in p.iter().zip(a) {
                unify(p, a, params, out, depth + 1);
            }
        }
        _ => {}
    }
}
