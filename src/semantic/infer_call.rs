//! Calls inside a body: what a call expression calls and returns, the
//! closure-taking combinators of iterators, `Option` and `Result` (their
//! closures' parameters and what they give back), trait-in-scope
//! resolution, and macros' values.

use syn::{Expr, ExprCall, ExprMethodCall};

use super::index::Look;
use super::infer::{CallInfo, Infer, Recipe};
use super::lower::ident;
use super::ops::{MethodHit, Target};
use super::path::{Name, SymPath};
use super::ty::{OPTION, Op, RESULT, SymTy, TraitRef, Ty};

impl Infer<'_> {
    /// What a call or method-call expression calls (`None` for other
    /// expressions).
    pub fn call(&mut self, e: &Expr) -> Option<CallInfo> {
        match e {
            Expr::Call(c) => Some(self.fn_call(c)),
            Expr::MethodCall(m) => Some(self.method_call(m)),
            _ => None,
        }
    }

    fn fn_call(&mut self, c: &ExprCall) -> CallInfo {
        let unresolved =
            |ret: Ty| CallInfo { target: Target::Unresolved, recv: None, ret, via_scope_trait: false, recipe: None };
        let Expr::Path(fp) = peel(&c.func) else {
            // `(self.handler)(x)`, `make()(x)`
            let ft = self.type_of(&c.func);
            return CallInfo { target: Target::Local("<expr>".into()), ..unresolved(fn_ret(&ft)) };
        };
        let name: Name = fp.path.segments.last().map(|s| ident(&s.ident)).unwrap_or_else(|| "".into());
        if let Some(q) = &fp.qself {
            // `<T as Trait>::f(x)`, `<T>::f(x)`
            let self_ty = self.lower_ty(&q.ty);
            let hit = if q.position > 0 {
                let tp: syn::Path = syn::Path {
                    leading_colon: fp.path.leading_colon,
                    segments: fp.path.segments.iter().take(q.position).cloned().collect(),
                };
                let tr = TraitRef::new(self.resolve_path(&tp));
                self.index.trait_method(&tr, &self_ty, &name, 0)
            } else {
                self.index.assoc(&self_ty, &name).found()
            };
            return match hit {
                Some(h) => self.hit(h, None, false),
                None => unresolved(Ty::Unknown),
            };
        }
        if let Some(id) = fp.path.get_ident()
            && let Some(t) = self.local(&id.to_string())
        {
            let ret = fn_ret(&t);
            return CallInfo { target: Target::Local(name), ..unresolved(ret) };
        }
        // `T::default()` on a generic parameter: the bound's trait fn.
        let segs = &fp.path.segments;
        if segs.len() == 2
            && let Some(bounds) = self.generic_bounds(&segs[0].ident.to_string())
        {
            let self_ty = Ty::Bounds(bounds.to_vec());
            for tr in bounds {
                if let Some(h) = self.index.trait_method(tr, &self_ty, &name, 0) {
                    return self.hit(h, None, false);
                }
            }
            return unresolved(Ty::Unknown);
        }
        let path = self.self_path(self.resolve_path(&fp.path));
        if let SymPath::SelfTy(rest) = &path {
            let Some(st) = self.self_ty().cloned() else { return unresolved(Ty::Unknown) };
            if rest.len() != 1 {
                return unresolved(Ty::Unknown);
            }
            return match self.index.assoc(&st, &rest[0]) {
                Look::Found(h) => self.hit(h, None, false),
                Look::Later => CallInfo {
                    target: Target::Later,
                    recv: None,
                    ret: Ty::sym(SymTy::MethodRet(st.clone(), rest[0].clone())),
                    via_scope_trait: false,
                    recipe: Some(Recipe::Method { recv: st, name: rest[0].clone(), traits: Vec::new() }),
                },
                Look::Missing => unresolved(Ty::Unknown),
            };
        }
        // Explicit generic arguments of the type part: `Vec::<u8>::new()`.
        let type_args: Vec<Ty> = if segs.len() >= 2 {
            match &segs[segs.len() - 2].arguments {
                syn::PathArguments::AngleBracketed(ab) => ab
                    .args
                    .iter()
                    .filter_map(|a| match a {
                        syn::GenericArgument::Type(t) => Some(self.lower_ty(t)),
                        _ => None,
                    })
                    .collect(),
                _ => Vec::new(),
            }
        } else {
            Vec::new()
        };
        let arg_tys: Vec<Ty> = c.args.iter().map(|a| self.type_of(a)).collect();
        let (target, mut ret) = self.index.call_path(self.file, &path, &type_args, &arg_tys);
        // Constructors and generic fns: the arguments fill the type in.
        match &target {
            Target::Ctor(SymPath::Extern(p)) => {
                if let Some(t) = self.index.extern_ctor(p, &arg_tys) {
                    ret = t;
                }
            }
            Target::Fn(f) if ret.has_vars() => {
                if let Some(sig) = self.index.fn_sig(*f) {
                    let params: Vec<Name> = sig.generics.iter().map(|(n, _)| n.clone()).collect();
                    let mut bound = vec![Ty::Unknown; params.len()];
                    let file = self.index.fn_file(*f);
                    for (p, at) in sig.params.iter().zip(&arg_tys) {
                        super::ops::unify(&self.index.absolutize(file, p), at, &params, &mut bound, 0);
                    }
                    ret = ret.subst(None, &params, &bound);
                }
            }
            _ => {}
        }
        let recipe = match &target {
            Target::Fn(_) | Target::Later => Some(Recipe::Path(path)),
            Target::Ctor(p) if !matches!(p, SymPath::Extern(_)) => Some(Recipe::Path(path)),
            // An external path the models do not know may be a renamed
            // dependency or another workspace crate: the join knows.
            Target::Unresolved if matches!(path, SymPath::Extern(_)) => Some(Recipe::Path(path)),
            _ => None,
        };
        CallInfo { target, recv: None, ret: self.forget_params(ret), via_scope_trait: false, recipe }
    }

    fn hit(&self, h: MethodHit, recv: Option<Ty>, via_scope_trait: bool) -> CallInfo {
        CallInfo { target: h.target, recv, ret: self.forget_params(h.ret), via_scope_trait, recipe: None }
    }

    /// Method-level generics nobody bound are unknown.
    fn forget_params(&self, t: Ty) -> Ty {
        if !t.has_vars() {
            return t;
        }
        match t {
            Ty::Param(_) | Ty::SelfTy => Ty::Unknown,
            other => other.map_children(&mut |c| self.forget_params(c.clone())),
        }
    }

    fn method_call(&mut self, m: &ExprMethodCall) -> CallInfo {
        let recv = self.type_of(&m.receiver);
        let name = ident(&m.method);
        let mut info = match self.index.method(&recv, &name) {
            Look::Found(mut h) => {
                let recipe = matches!(h.target, Target::Fn(_)).then(|| Recipe::Method {
                    recv: recv.clone(),
                    name: name.clone(),
                    traits: Vec::new(),
                });
                // `ext.get::<T>()`: the one generic of the method, named.
                if let Some(tf) = &m.turbofish
                    && let [syn::GenericArgument::Type(t)] = tf.args.iter().collect::<Vec<_>>().as_slice()
                {
                    let mut names = Vec::new();
                    super::ops::params_in(&h.ret, &mut names);
                    names.retain(|n| !self.is_generic(n));
                    if let [one] = names.as_slice() {
                        let t = self.lower_ty(t);
                        h.ret = h.ret.subst(None, std::slice::from_ref(one), &[t]);
                    }
                }
                CallInfo { recipe, ..self.hit(h, Some(recv.clone()), false) }
            }
            Look::Later => CallInfo {
                target: Target::Later,
                recv: Some(recv.clone()),
                ret: Ty::sym(SymTy::MethodRet(recv.clone(), name.clone())),
                via_scope_trait: false,
                recipe: Some(Recipe::Method { recv: recv.clone(), name: name.clone(), traits: Vec::new() }),
            },
            Look::Missing => self.scope_trait_call(&recv, &name),
        };
        if let Some(t) = self.combinator_ret(m, &recv, &name) {
            info.ret = t;
        }
        // `parse::<u32>()`, `collect::<Vec<_>>()`.
        if let Some(tf) = &m.turbofish
            && let Some(syn::GenericArgument::Type(t)) = tf.args.first()
        {
            let t = self.lower_ty(t);
            info.ret = match &*name {
                "collect" | "sum" | "product" | "into" => t,
                _ => info.ret,
            };
        }
        if let Some(Recipe::Method { traits, .. }) = &mut info.recipe
            && matches!(info.target, Target::Later)
            && traits.is_empty()
        {
            *traits = self.scope_traits_with(&name).map(|(v, _)| v.to_vec()).unwrap_or_default();
        }
        info
    }

    /// The one trait in scope that has this method, when the receiver's
    /// type does not say: its type is unknown (any trait in scope), or its
    /// known methods do not include it (an imported extension trait).
    fn scope_trait_call(&mut self, recv: &Ty, name: &Name) -> CallInfo {
        let unresolved = CallInfo {
            target: Target::Unresolved,
            recv: Some(recv.clone()),
            ret: Ty::Unknown,
            via_scope_trait: false,
            recipe: None,
        };
        let Some((cands, later)) = self.scope_traits_with(name) else { return unresolved };
        let cands = self.index.scope_candidates(recv, &cands);
        if cands.is_empty() {
            return unresolved;
        }
        if later {
            return CallInfo {
                target: Target::Later,
                recv: Some(recv.clone()),
                ret: Ty::sym(SymTy::MethodRet(recv.clone(), name.clone())),
                via_scope_trait: false,
                recipe: Some(Recipe::Method { recv: recv.clone(), name: name.clone(), traits: cands }),
            };
        }
        match self.index.scope_trait_method(recv, name, &cands) {
            Some(h) => self.hit(h, Some(recv.clone()), true),
            None => unresolved,
        }
    }

    /// Traits in scope with a method of this name (cached per name), and
    /// whether some crate trait can only be checked at the join.
    fn scope_traits_with(&mut self, name: &Name) -> super::infer::TraitCands {
        if let Some(c) = self.cached_traits_with(name) {
            return c;
        }
        let traits = self.traits();
        let mut found = Vec::new();
        let mut later = false;
        for t in traits.iter() {
            match self.index.trait_has_method(t, name) {
                Look::Found(()) => found.push(t.clone()),
                Look::Later => {
                    later = true;
                    found.push(t.clone());
                }
                Look::Missing => {}
            }
        }
        let r = (!found.is_empty()).then(|| (found.into(), later));
        self.cache_traits_with(name, r.clone());
        r
    }

    /// The types a closure passed as argument `arg` of this method call
    /// receives (the element of an iterator, the value of an `Option`, …).
    pub fn closure_params(&mut self, m: &ExprMethodCall, arg: usize) -> Vec<Ty> {
        let recv = self.type_of(&m.receiver);
        let name = m.method.to_string();
        self.params_for(&recv, &name, arg, m)
    }

    fn params_for(&mut self, recv: &Ty, name: &str, arg: usize, m: &ExprMethodCall) -> Vec<Ty> {
        let r = Ty::reference;
        match self.kind_of(recv) {
            Kind::Option(t) => match (name, arg) {
                ("map" | "and_then" | "is_some_and" | "is_none_or", _) | ("map_or", 1) | ("map_or_else", 1) => vec![t],
                ("filter" | "inspect", _) => vec![r(t, false)],
                _ => Vec::new(),
            },
            Kind::Result(t, e) => match (name, arg) {
                ("map" | "and_then" | "is_ok_and" | "inspect", _) | ("map_or", 1) | ("map_or_else", 1) => vec![t],
                ("map_err" | "or_else" | "unwrap_or_else" | "is_err_and" | "inspect_err", _) | ("map_or_else", 0) => {
                    vec![e]
                }
                _ => Vec::new(),
            },
            Kind::Iter(item) => match (name, arg) {
                (
                    "map" | "filter_map" | "flat_map" | "for_each" | "any" | "all" | "position" | "map_while"
                    | "try_for_each" | "max_by_key" | "min_by_key" | "partition" | "find_map" | "rposition",
                    _,
                ) => vec![item],
                ("filter" | "find" | "skip_while" | "take_while" | "inspect", _) => vec![r(item, false)],
                ("max_by" | "min_by", _) => vec![r(item.clone(), false), r(item, false)],
                ("fold" | "try_fold", 1) => {
                    let acc = m.args.first().map(|a| self.type_of(a)).unwrap_or_default();
                    vec![acc, item]
                }
                _ => Vec::new(),
            },
            Kind::Elems(t) => match name {
                "retain" | "sort_by_key" | "sort_unstable_by_key" | "binary_search_by" | "binary_search_by_key" => {
                    vec![r(t, false)]
                }
                "sort_by" | "sort_unstable_by" | "dedup_by" => vec![r(t.clone(), false), r(t, false)],
                _ => Vec::new(),
            },
            Kind::Other => Vec::new(),
        }
    }

    fn kind_of(&mut self, recv: &Ty) -> Kind {
        let t = self.index.normalize(recv);
        let t: &Ty = &t;
        if let Ty::Path { def: SymPath::Extern(p), args } = &t {
            if &**p == OPTION {
                return Kind::Option(args.first().cloned().unwrap_or_default());
            }
            if &**p == RESULT {
                return Kind::Result(
                    args.first().cloned().unwrap_or_default(),
                    args.get(1).cloned().unwrap_or_default(),
                );
            }
            if matches!(&**p, "std::vec::Vec" | "std::collections::VecDeque") {
                return Kind::Elems(args.first().cloned().unwrap_or_default());
            }
        }
        if let Ty::Ref { inner, .. } = &t
            && let Ty::Slice(e) | Ty::Array(e) = &**inner
        {
            return Kind::Elems((**e).clone());
        }
        let is_iter = match &t {
            Ty::Bounds(b) => b.iter().any(|tr| tr.path.is(super::ty::ITERATOR)),
            Ty::Path { def: SymPath::Extern(p), .. } => self
                .models
                .type_model(p)
                .is_some_and(|tm| tm.impls.iter().any(|(_, tr)| tr.path.is(super::ty::ITERATOR))),
            Ty::Ref { mutable: true, .. } => true,
            _ => false,
        };
        if is_iter && let Look::Found(item) = self.index.iter_item(t) {
            return Kind::Iter(item);
        }
        Kind::Other
    }

    /// What a closure-taking combinator gives (`None`: the model says).
    fn combinator_ret(&mut self, m: &ExprMethodCall, recv: &Ty, name: &str) -> Option<Ty> {
        let kind = self.kind_of(recv);
        if matches!(kind, Kind::Other | Kind::Elems(_)) {
            return None;
        }
        let f = |this: &mut Self, i: usize| -> Ty {
            let Some(a) = m.args.get(i) else { return Ty::Unknown };
            let params = this.params_for(recv, name, i, m);
            match peel(a) {
                Expr::Closure(c) => fn_ret(&this.closure_ty(c, &params)),
                other => fn_ret(&this.type_of(other)),
            }
        };
        Some(match kind {
            Kind::Option(t) => match name {
                "map" => Ty::ext(OPTION, vec![f(self, 0)]),
                "and_then" => f(self, 0),
                "unwrap_or_else" => t,
                "map_or" | "map_or_else" => f(self, 1),
                "ok_or_else" => Ty::ext(RESULT, vec![t, f(self, 0)]),
                "filter" | "or_else" | "inspect" => Ty::ext(OPTION, vec![t]),
                _ => return None,
            },
            Kind::Result(t, e) => match name {
                "map" => Ty::ext(RESULT, vec![f(self, 0), e]),
                "map_err" => Ty::ext(RESULT, vec![t, f(self, 0)]),
                "and_then" | "or_else" => f(self, 0),
                "unwrap_or_else" => t,
                "map_or" | "map_or_else" => f(self, 1),
                _ => return None,
            },
            Kind::Iter(item) => match name {
                "map" => Ty::iter_of(f(self, 0)),
                "filter" | "skip_while" | "take_while" | "inspect" | "peekable" | "skip" | "take" | "rev" | "fuse"
                | "step_by" | "cycle" | "chain" | "by_ref" => Ty::iter_of(item),
                "filter_map" => Ty::iter_of(f(self, 0).unwrapped().unwrap_or_default()),
                "find_map" => Ty::ext(OPTION, vec![f(self, 0).unwrapped().unwrap_or_default()]),
                "flat_map" => {
                    let r = f(self, 0);
                    Ty::iter_of(self.deferred(self.index.apply(Op::IterItem, &r), &r, Op::IterItem))
                }
                // `incoming().flatten()`: the items of each item (a
                // `Result`'s or an `Option`'s value, a nested collection's).
                "flatten" => Ty::iter_of(self.deferred(self.index.apply(Op::IterItem, &item), &item, Op::IterItem)),
                "enumerate" => Ty::iter_of(Ty::Tuple(vec![Ty::ext("usize", Vec::new()), item])),
                "zip" => {
                    let o = m.args.first().map(|a| self.type_of(a)).unwrap_or_default();
                    let oi = self.deferred(self.index.apply(Op::IterItem, &o), &o, Op::IterItem);
                    Ty::iter_of(Ty::Tuple(vec![item, oi]))
                }
                "cloned" | "copied" => Ty::iter_of(item.strip_refs().clone()),
                "fold" => m.args.first().map(|a| self.type_of(a)).unwrap_or_default(),
                "find" | "max_by_key" | "min_by_key" | "max_by" | "min_by" => Ty::ext(OPTION, vec![item]),
                _ => return None,
            },
            Kind::Elems(_) | Kind::Other => return None,
        })
    }

    /// The value of a macro call.
    pub fn macro_ty(&mut self, mac: &syn::Macro) -> Ty {
        let name = mac.path.segments.last().map(|s| s.ident.to_string()).unwrap_or_default();
        match name.as_str() {
            "format" => Ty::string(),
            "concat" | "stringify" | "env" | "include_str" | "file" | "module_path" => Ty::str_ref(),
            "option_env" => Ty::ext(OPTION, vec![Ty::str_ref()]),
            "line" | "column" => Ty::ext("u32", Vec::new()),
            "matches" | "cfg" => Ty::ext("bool", Vec::new()),
            "panic" | "todo" | "unimplemented" | "unreachable" => Ty::Never,
            "print" | "println" | "eprint" | "eprintln" | "assert" | "assert_eq" | "assert_ne" | "debug_assert"
            | "debug_assert_eq" | "debug_assert_ne" => Ty::unit(),
            "format_args" => Ty::ext("std::fmt::Arguments", Vec::new()),
            "quote" | "quote_spanned" => Ty::ext("proc_macro2::TokenStream", Vec::new()),
            "format_ident" => Ty::ext("proc_macro2::Ident", Vec::new()),
            "write" | "writeln" => {
                // What the writer's `write_fmt` returns (`fmt::Result`,
                // `io::Result<()>`).
                let args = super::walk::macro_exprs(mac);
                self.in_macro += 1;
                let w = args.first().map(|a| self.type_of(a)).unwrap_or_default();
                self.in_macro -= 1;
                match self.index.method(&w, "write_fmt") {
                    Look::Found(h) => h.ret,
                    _ => Ty::Unknown,
                }
            }
            "vec" => {
                let args = super::walk::macro_exprs(mac);
                self.in_macro += 1;
                let elem = args.first().map(|a| self.type_of(a)).unwrap_or_default();
                self.in_macro -= 1;
                Ty::ext("std::vec::Vec", vec![elem])
            }
            "include_bytes" => Ty::reference(Ty::Array(Box::new(Ty::ext("u8", Vec::new()))), false),
            "json" => Ty::ext("serde_json::Value", Vec::new()),
            "anyhow" => Ty::ext("anyhow::Error", Vec::new()),
            "bail" => Ty::Never,
            // `ready!(poll)`: the value of `Poll::Ready`; `try!(r)`: `r?`.
            "ready" | "try" | "r#try" => {
                let args = super::walk::macro_exprs(mac);
                self.in_macro += 1;
                let t = args.first().map(|a| self.type_of(a)).unwrap_or_default();
                self.in_macro -= 1;
                let op = Op::Try;
                match (name.as_str(), &t) {
                    ("ready", Ty::Path { def: SymPath::Extern(p), args }) if &**p == "std::task::Poll" => {
                        args.first().cloned().unwrap_or_default()
                    }
                    ("ready", _) => Ty::Unknown,
                    _ => self.deferred(self.index.apply(op, &t), &t, op),
                }
            }
            "pin" => {
                let args = super::walk::macro_exprs(mac);
                self.in_macro += 1;
                let t = args.first().map(|a| self.type_of(a)).unwrap_or_default();
                self.in_macro -= 1;
                Ty::ext("std::pin::Pin", vec![Ty::reference(t, true)])
            }
            "dbg" => {
                let args = super::walk::macro_exprs(mac);
                self.in_macro += 1;
                let t = args.first().map(|a| self.type_of(a)).unwrap_or_default();
                self.in_macro -= 1;
                t
            }
            _ => Ty::Unknown,
        }
    }
}

enum Kind {
    Option(Ty),
    Result(Ty, Ty),
    Iter(Ty),
    /// A `Vec`, slice or array: the element.
    Elems(Ty),
    Other,
}

pub(super) fn peel(e: &Expr) -> &Expr {
    match e {
        Expr::Paren(p) => peel(&p.expr),
        Expr::Group(g) => peel(&g.expr),
        other => other,
    }
}

/// What calling a value of this type gives.
fn fn_ret(t: &Ty) -> Ty {
    match t.strip_refs() {
        Ty::Fn { ret, .. } => (**ret).clone(),
        Ty::Bounds(b) => b
            .iter()
            .find(|tr| matches!(tr.path.as_extern(), Some("std::ops::Fn" | "std::ops::FnMut" | "std::ops::FnOnce")))
            .and_then(|tr| tr.assoc_ty("Output"))
            .cloned()
            .unwrap_or_default(),
        _ => Ty::Unknown,
    }
}
