//! What expressions give: the operators on types (`?`, `.await`, `*`,
//! indexing, `for`), the values paths name (fns, constructors, consts),
//! constructors' types from their arguments, and the evaluation of
//! deferred types at the join.

use super::index::{CrateIndex, Def, FileId, FnRef, Look};
use super::items::ItemKind;
use super::ops::{MAX_DEREF, Target, bind_impl, fill_args, params_in, unify};
use super::path::SymPath;
use super::ty::{INTO_ITERATOR, ITERATOR, Op, SymTy, Ty};

impl CrateIndex<'_> {
    /// The type an external constructor (`Some`, `Poll::Ready`, `Json`)
    /// builds from arguments of these types.
    pub fn extern_ctor(&self, p: &str, arg_tys: &[Ty]) -> Option<Ty> {
        let (parent, fields): (&str, Vec<&Ty>) = match p.rsplit_once("::") {
            Some((parent, v))
                if self.models.type_model(parent).is_some_and(|tm| tm.variants.iter().any(|(n, _)| &**n == v)) =>
            {
                let tm = self.models.type_model(parent)?;
                (parent, tm.variants.iter().find(|(n, _)| &**n == v)?.1.iter().collect())
            }
            _ => (p, self.models.type_model(p)?.fields.iter().map(|(_, t)| t).collect()),
        };
        let tm = self.models.type_model(parent)?;
        let mut bound = vec![Ty::Unknown; tm.params.len()];
        for (f, a) in fields.iter().zip(arg_tys) {
            unify(f, a, &tm.params, &mut bound, 0);
        }
        Some(Ty::ext(parent, bound))
    }

    /// Apply an operation (`?`, `.await`, `*`, `[i]`, `for`).
    pub fn apply(&self, op: Op, t: &Ty) -> Look<Ty> {
        let t = self.normalize(t);
        if let Ty::Sym(_) = *t {
            return Look::Later;
        }
        match op {
            Op::Try => match t.try_output() {
                Some(x) => Look::Found(x),
                None => self.later_if_crate(&t),
            },
            Op::Await => self.await_output(&t),
            Op::Deref => self.deref_step(&t),
            Op::Index => self.index_output(&t),
            Op::IterItem => self.iter_item(&t),
        }
    }

    fn later_if_crate(&self, t: &Ty) -> Look<Ty> {
        match t {
            Ty::Path { def, .. } if !matches!(def, SymPath::Extern(_)) && self.is_partial() => Look::Later,
            _ => Look::Missing,
        }
    }

    fn await_output(&self, t: &Ty) -> Look<Ty> {
        for tr in ["std::future::Future", "std::future::IntoFuture"] {
            let x = match t {
                Ty::Bounds(_) => t.bound_assoc(tr, "Output"),
                _ => self.impl_assoc(t, tr, "Output"),
            };
            if let Some(x) = x {
                return Look::Found(x);
            }
        }
        if let Ty::Path { def: SymPath::Extern(p), args } = t
            && (&**p == "std::pin::Pin" || &**p == "std::boxed::Box")
            && let Some(inner) = args.first()
        {
            return self.await_output(inner);
        }
        self.later_if_crate(t)
    }

    /// An associated type bound by an impl of `trait_path` for `t`.
    fn impl_assoc(&self, t: &Ty, trait_path: &str, name: &str) -> Option<Ty> {
        match t {
            Ty::Path { def: SymPath::Extern(p), args } => {
                let tm = self.models.type_model(p)?;
                let (_, tr) =
                    tm.impls.iter().find(|(r, tr)| *r == super::models::Recv::Value && tr.path.is(trait_path))?;
                let a = tr.assoc_ty(name)?;
                Some(self.project(&a.subst(Some(t), &tm.params, args), t, None))
            }
            Ty::Path { def, .. } => {
                let canon = self.resolve_type(0, def).found().and_then(|d| self.def_path(&d))?;
                for (m, _, d) in self.impls_of(&canon) {
                    let file = self.file_of(m);
                    if d.trait_ref.as_ref().is_some_and(|tr| self.abs_path(file, &tr.path).is(trait_path))
                        && let Some((_, a)) = d.assoc.iter().find(|(n, _)| &**n == name)
                    {
                        let (params, args) = bind_impl(&self.absolutize(file, &d.self_ty), t, d);
                        return Some(self.absolutize(file, a).subst(Some(t), &params, &args));
                    }
                }
                None
            }
            _ => None,
        }
    }

    fn index_output(&self, t: &Ty) -> Look<Ty> {
        let mut t = t.clone();
        for _ in 0..MAX_DEREF {
            match &t {
                Ty::Slice(e) | Ty::Array(e) => return Look::Found((**e).clone()),
                Ty::Path { def: SymPath::Extern(p), args } => {
                    let elem = match &**p {
                        "std::vec::Vec" | "std::collections::VecDeque" => args.first().cloned(),
                        "std::collections::HashMap" | "std::collections::BTreeMap" => args.get(1).cloned(),
                        "std::string::String" | "str" => Some(Ty::ext("str", Vec::new())),
                        _ => self.impl_assoc(&t, "std::ops::Index", "Output").filter(|o| !o.has_vars()),
                    };
                    if let Some(e) = elem {
                        return Look::Found(e);
                    }
                }
                Ty::Path { .. } => {
                    if let Some(o) = self.impl_assoc(&t, "std::ops::Index", "Output") {
                        return Look::Found(o);
                    }
                }
                _ => {}
            }
            match self.deref_step(&t) {
                Look::Found(n) => t = self.normalize_owned(n),
                other => return other,
            }
        }
        Look::Missing
    }

    /// What `for x in t` binds `x` to.
    pub fn iter_item(&self, t: &Ty) -> Look<Ty> {
        match t {
            Ty::Bounds(b) => {
                for tp in [ITERATOR, INTO_ITERATOR] {
                    if let Some(x) = b.iter().find(|tr| tr.path.is(tp)).and_then(|tr| tr.assoc_ty("Item")) {
                        return Look::Found(x.clone());
                    }
                }
                Look::Missing
            }
            Ty::Ref { mutable, inner } => {
                let inner = self.normalize(inner);
                let recv = if *mutable { super::models::Recv::RefMut } else { super::models::Recv::Ref };
                match &*inner {
                    Ty::Slice(e) | Ty::Array(e) => return Look::Found(Ty::reference((**e).clone(), *mutable)),
                    Ty::Path { def: SymPath::Extern(p), args } => {
                        if let Some(tm) = self.models.type_model(p)
                            && let Some((_, tr)) =
                                tm.impls.iter().find(|(r, tr)| *r == recv && tr.path.is(INTO_ITERATOR))
                            && let Some(a) = tr.assoc_ty("Item")
                        {
                            return Look::Found(self.project(&a.subst(Some(&*inner), &tm.params, args), &inner, None));
                        }
                    }
                    _ => {}
                }
                // `for x in &mut iter`
                self.iter_item(&inner)
            }
            Ty::Path { .. } => {
                for tp in [ITERATOR, INTO_ITERATOR] {
                    if let Some(x) = self.impl_assoc(t, tp, "Item") {
                        return Look::Found(x);
                    }
                }
                self.later_if_crate(t)
            }
            Ty::Array(e) | Ty::Slice(e) => Look::Found((**e).clone()),
            Ty::Sym(_) => Look::Later,
            _ => Look::Missing,
        }
    }

    /// Evaluate the deferred parts of a type (full index; `t` absolute).
    pub fn eval(&self, t: &Ty) -> Ty {
        self.eval_depth(t, 0)
    }

    fn eval_depth(&self, t: &Ty, depth: usize) -> Ty {
        if depth > 32 {
            return Ty::Unknown;
        }
        match t {
            Ty::Sym(s) => {
                let r = match &**s {
                    SymTy::RetOf(p) => self.call_path(0, p, &[], &[]).1,
                    SymTy::MethodRet(r, n) => {
                        self.method(&self.eval_depth(r, depth + 1), n).found().map(|h| h.ret).unwrap_or_default()
                    }
                    SymTy::FieldOf(r, n) => self.field(&self.eval_depth(r, depth + 1), n).found().unwrap_or_default(),
                    SymTy::Op(r, op) => self.apply(*op, &self.eval_depth(r, depth + 1)).found().unwrap_or_default(),
                    SymTy::PathTy(p) => self.path_value(0, p).found().unwrap_or_default(),
                    SymTy::PatField { ty, ctor, field } => {
                        self.pat_field(0, &self.eval_depth(ty, depth + 1), ctor, field).found().unwrap_or_default()
                    }
                };
                if r.is_deferred() { self.eval_depth(&r, depth + 1) } else { r }
            }
            _ if !t.is_deferred() && !matches!(t, Ty::Bounds(_)) => t.clone(),
            _ => t.map_children(&mut |c| self.eval_depth(c, depth + 1)),
        }
    }

    /// The type of the value a path names: a const or static, a unit
    /// struct or variant, a fn item (as a fn type).
    pub fn path_value(&self, file: FileId, p: &SymPath) -> Look<Ty> {
        let d = match self.resolve_value(file, p) {
            Look::Found(d) => d,
            Look::Later => return Look::Later,
            Look::Missing => return Look::Missing,
        };
        match d {
            Def::Item(r) => {
                let it = self.item(r);
                let file = self.file_of(r.module);
                match &it.kind {
                    ItemKind::Const(t) | ItemKind::Static(t) => Look::Found(self.absolutize(file, t)),
                    ItemKind::Struct { .. } => Look::Found(self.call_def(Def::Item(r), &[], &[]).1),
                    ItemKind::Fn(sig) => Look::Found(Ty::Fn {
                        params: sig.params.iter().map(|t| self.absolutize(file, t)).collect(),
                        ret: Box::new(self.absolutize(file, &sig.call_ty())),
                    }),
                    _ => Look::Missing,
                }
            }
            Def::Variant(..) => Look::Found(self.call_def(d, &[], &[]).1),
            Def::Fn(f) => {
                let (_, ret) = self.call_def(Def::Fn(f), &[], &[]);
                Look::Found(Ty::Fn { params: Vec::new(), ret: Box::new(ret) })
            }
            Def::Extern(s) => match self.extern_call(&s, &[], &[]) {
                (Target::Extern(_), ret) => Look::Found(Ty::Fn { params: Vec::new(), ret: Box::new(ret) }),
                (Target::Ctor(_), ty) => Look::Found(ty),
                _ => Look::Missing,
            },
            _ => Look::Missing,
        }
    }

    /// The type of field `field` of constructor `ctor` (written in `file`)
    /// when a pattern matches a value of type `ty`: `Some(x)` on
    /// `Option<T>` binds `x: T`.
    pub fn pat_field(&self, file: FileId, ty: &Ty, ctor: &SymPath, field: &str) -> Look<Ty> {
        let ty = self.normalize(ty.strip_refs());
        let args: &[Ty] = match &*ty {
            Ty::Path { args, .. } => args,
            _ => &[],
        };
        let d = match self.resolve_sym(file, ctor) {
            Look::Found(d) => d,
            Look::Later => return Look::Later,
            Look::Missing => return Look::Missing,
        };
        match d {
            Def::Variant(r, v) => {
                let ItemKind::Enum { generics, variants } = &self.item(r).kind else { return Look::Missing };
                let Some((_, fields)) = variants.get(v as usize) else { return Look::Missing };
                match fields.get(field) {
                    Some(f) => Look::Found(self.absolutize(self.file_of(r.module), f).subst(Some(&ty), generics, args)),
                    None => Look::Missing,
                }
            }
            Def::Item(r) => match &self.item(r).kind {
                ItemKind::Struct { generics, fields } | ItemKind::Union { generics, fields } => match fields.get(field)
                {
                    Some(f) => Look::Found(self.absolutize(self.file_of(r.module), f).subst(Some(&ty), generics, args)),
                    None => Look::Missing,
                },
                _ => Look::Missing,
            },
            Def::Extern(s) => {
                // A variant of a modelled enum (`Some`, `Poll::Ready`) …
                if let Some((parent, v)) = s.rsplit_once("::")
                    && let Some(tm) = self.models.type_model(parent)
                    && let Some((_, fs)) = tm.variants.iter().find(|(n, _)| &**n == v)
                {
                    let f = field.parse::<usize>().ok().and_then(|i| fs.get(i));
                    return f.map_or(Look::Missing, |f| Look::Found(f.subst(Some(&ty), &tm.params, args)));
                }
                // … or a modelled tuple struct (`Json(x)`).
                match self.models.type_model(&s) {
                    Some(tm) => match tm.fields.iter().find(|(n, _)| &**n == field) {
                        Some((_, f)) => Look::Found(f.subst(Some(&ty), &tm.params, args)),
                        None => Look::Missing,
                    },
                    None => Look::Missing,
                }
            }
            _ => Look::Missing,
        }
    }

    /// What calling the fn, constructor or associated fn named by `p`
    /// (written in `file`) calls and returns. `args` are the explicit
    /// generic arguments of the type part (`Vec::<u8>::new`).
    /// `arg_tys`: the types of the call's arguments, when known (they bind
    /// generics: `Arc::new(x)`).
    pub fn call_path(&self, file: FileId, p: &SymPath, args: &[Ty], arg_tys: &[Ty]) -> (Target, Ty) {
        match self.resolve_value(file, p) {
            // A type named like a prelude value (`Err(e)` where an enum
            // `Err` is imported): types and values have their own namespaces.
            Look::Found(Def::Item(r))
                if !self.in_ns(&Def::Item(r), super::index::Ns::Value)
                    && super::scope::prelude(p.last())
                        .is_some_and(|v| v.contains("::Option::") || v.contains("::Result::")) =>
            {
                let v = super::scope::prelude(p.last()).unwrap_or_default();
                self.extern_call(v, args, arg_tys)
            }
            Look::Found(d) => self.call_def(d, args, arg_tys),
            Look::Later => (Target::Later, Ty::sym(SymTy::RetOf(p.clone()))),
            Look::Missing => self.type_assoc_call(file, p, args),
        }
    }

    /// `Type::f` where no impl of the type declares `f`: a method of a
    /// trait it implements (`#[derive(Default)]`, a trait's default body,
    /// std's blanket impls).
    fn type_assoc_call(&self, file: FileId, p: &SymPath, args: &[Ty]) -> (Target, Ty) {
        let unresolved = (Target::Unresolved, Ty::Unknown);
        let Some(parent) = p.parent() else { return unresolved };
        let Look::Found(d @ Def::Item(_)) = self.resolve_type(file, &parent) else { return unresolved };
        let Some(def) = self.def_path(&self.through_aliases(d)) else { return unresolved };
        let n = match self.resolve_type(0, &def) {
            Look::Found(Def::Item(r)) => match &self.item(r).kind {
                ItemKind::Struct { generics, .. }
                | ItemKind::Enum { generics, .. }
                | ItemKind::Union { generics, .. } => generics.len(),
                _ => return unresolved,
            },
            _ => return unresolved,
        };
        match self.assoc(&Ty::Path { def, args: fill_args(n, args) }, p.last()) {
            Look::Found(h) => (h.target, h.ret),
            _ => unresolved,
        }
    }

    pub(super) fn call_def(&self, d: Def, args: &[Ty], arg_tys: &[Ty]) -> (Target, Ty) {
        match d {
            Def::Fn(f) => {
                let Some(sig) = self.fn_sig(f) else { return (Target::Unresolved, Ty::Unknown) };
                let file = self.fn_file(f);
                let mut ret = self.absolutize(file, &sig.call_ty());
                if let FnRef::Method { module, imp, .. } = f {
                    let d = self.impl_def(module, imp);
                    let self_ty = self.absolutize(file, &d.self_ty);
                    ret = ret.subst(Some(&self_ty), &[], &[]);
                }
                (Target::Fn(f), ret)
            }
            Def::Item(r) => {
                let it = self.item(r);
                let path = self.def_path(&Def::Item(r)).unwrap_or(SymPath::Crate(Default::default()));
                match &it.kind {
                    ItemKind::Fn(_) => {
                        self.call_def(Def::Fn(FnRef::Free { module: r.module, item: r.item }), args, arg_tys)
                    }
                    ItemKind::Struct { generics, .. } | ItemKind::Union { generics, .. } => {
                        let a = fill_args(generics.len(), args);
                        (Target::Ctor(path.clone()), Ty::Path { def: path, args: a })
                    }
                    ItemKind::Const(t) | ItemKind::Static(t) => {
                        (Target::Local(it.name.clone()), fn_ret_of(&self.absolutize(self.file_of(r.module), t)))
                    }
                    _ => (Target::Unresolved, Ty::Unknown),
                }
            }
            Def::Variant(r, _) => {
                let it = self.item(r);
                let enum_path = self.def_path(&Def::Item(r)).unwrap_or(SymPath::Crate(Default::default()));
                let vpath = self.def_path(&d).unwrap_or_else(|| enum_path.clone());
                let n = match &it.kind {
                    ItemKind::Enum { generics, .. } => generics.len(),
                    _ => 0,
                };
                (Target::Ctor(vpath), Ty::Path { def: enum_path, args: fill_args(n, args) })
            }
            Def::Extern(s) => self.extern_call(&s, args, arg_tys),
            Def::Module(_) | Def::OtherCrate(_) => (Target::Unresolved, Ty::Unknown),
        }
    }

    /// An external fn, associated fn (`String::from_utf8`), trait fn
    /// (`Default::default`) or variant (`Some`).
    fn extern_call(&self, s: &str, args: &[Ty], arg_tys: &[Ty]) -> (Target, Ty) {
        if let Some(ret) = self.models.fn_ret(s) {
            let ret = match self.models.fn_params(s) {
                Some(ps) if !arg_tys.is_empty() => {
                    let mut names = Vec::new();
                    ps.iter().for_each(|p| params_in(p, &mut names));
                    let mut bound = vec![Ty::Unknown; names.len()];
                    for (p, a) in ps.iter().zip(arg_tys) {
                        unify(p, a, &names, &mut bound, 0);
                    }
                    ret.subst(None, &names, &bound)
                }
                _ => ret.clone(),
            };
            return (Target::Extern(s.into()), ret);
        }
        let Some((parent, last)) = s.rsplit_once("::") else { return (Target::Unresolved, Ty::Unknown) };
        // The type part: a modelled type (its generics given, or bound by
        // the arguments: `Arc::new(x)`), or an alias of one.
        let parent_ty = match (self.models.type_model(parent), self.models.alias(parent)) {
            (Some(tm), _) => {
                let mut a = fill_args(tm.params.len(), args);
                if let Some(ps) = tm.arg_types.get(last).filter(|_| !arg_tys.is_empty()) {
                    let mut bound = vec![Ty::Unknown; tm.params.len()];
                    for (p, at) in ps.iter().zip(arg_tys) {
                        unify(p, at, &tm.params, &mut bound, 0);
                    }
                    for (slot, b) in a.iter_mut().zip(bound) {
                        if slot.is_unknown() {
                            *slot = b;
                        }
                    }
                }
                Some(Ty::ext(parent, a))
            }
            (None, Some(a)) => Some(self.normalize_owned(Ty::ext(parent, fill_args(a.params.len(), args)))),
            (None, None) => None,
        };
        if let Some(ty) = parent_ty {
            if let Ty::Path { def: SymPath::Extern(tp), .. } = &ty
                && let Some(tm) = self.models.type_model(tp)
                && tm.variants.iter().any(|(n, _)| &**n == last)
            {
                return (Target::Ctor(SymPath::Extern(format!("{tp}::{last}").into())), ty);
            }
            if let Look::Found(h) = self.assoc(&ty, last) {
                return (h.target, h.ret);
            }
            return (Target::Unresolved, Ty::Unknown);
        }
        if let Some(tm) = self.models.trait_model(parent)
            && let Some(ret) = tm.methods.get(last)
        {
            let ret = if ret.has_vars() { Ty::Unknown } else { ret.clone() };
            return (Target::Extern(s.into()), ret);
        }
        // A tuple struct of an external crate called as a constructor
        // (`Json(value)`), when the models know the type.
        if self.models.type_model(s).is_some_and(|tm| tm.fields.iter().any(|(n, _)| &**n == "0")) {
            let n = self.models.type_model(s).map_or(0, |tm| tm.params.len());
            return (Target::Ctor(SymPath::Extern(s.into())), Ty::ext(s, fill_args(n, args)));
        }
        (Target::Unresolved, Ty::Unknown)
    }
}

fn fn_ret_of(t: &Ty) -> Ty {
    match t {
        Ty::Fn { ret, .. } => (**ret).clone(),
        _ => Ty::Unknown,
    }
}
