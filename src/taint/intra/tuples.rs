//! Tuples as values with parts: a tuple literal's elements are its fields
//! `0`, `1`, … (tracked like a struct literal's: in a local, a returned
//! value, an argument), so `let (path, is_dir) = probe(p)` or
//! `if let Some((path, coding)) = variant` binds each name to what that
//! element holds, not to the whole tuple.

use syn::{Expr, Pat};

use super::{FnAnalysis, Taint, strip_parens_refs_derefs, union};

impl FnAnalysis<'_> {
    /// A tuple literal: its elements' taint, each element remembered.
    pub(super) fn eval_tuple(&mut self, x: &syn::ExprTuple) -> Taint {
        let mut t = Vec::new();
        let mut fields = Vec::with_capacity(x.elems.len());
        let mut subs = Vec::new();
        for (i, e) in x.elems.iter().enumerate() {
            let et = self.eval(e);
            union(&mut t, &et);
            for (sub, st) in self.fields_of(e).into_iter().flatten() {
                if sub != super::stmt::REST {
                    subs.push((format!("{i}.{sub}"), st));
                }
            }
            fields.push((i.to_string(), et));
        }
        fields.extend(subs);
        self.struct_fields.insert(std::ptr::from_ref(x) as usize, fields);
        t
    }

    /// `opt.map(|p| (p.path, p.flag))`, `cond.then(|| Opts { .. })`,
    /// `cond.then_some((a, b))`, `read(..).and_then(|(n, nr)| Ok((n, nr)))`:
    /// the parts of the literal the result holds (through `Ok`/`Some`,
    /// the tails of blocks, `if` and `match`, and the views that keep the
    /// success value: `map_err`, `ok_or`, …).
    pub(super) fn closure_literal_fields(&self, m: &syn::ExprMethodCall) -> Option<Vec<(String, Taint)>> {
        match (m.method.to_string().as_str(), m.args.first().map(strip_parens_refs_derefs)) {
            ("map" | "then" | "map_or_else" | "and_then", _) => {
                let Some(Expr::Closure(c)) = m.args.last().map(strip_parens_refs_derefs) else { return None };
                if closure_returns_early(&c.body) {
                    return None;
                }
                self.returned_fields(&c.body).filter(|f| !f.is_empty())
            }
            ("map_err" | "ok_or" | "ok_or_else" | "ok" | "context" | "with_context", _) => self.fields_of(&m.receiver),
            ("then_some", Some(e @ (Expr::Tuple(_) | Expr::Struct(_)))) => self.fields_of(e),
            _ => None,
        }
    }

    /// `let (a, b) = v` or `Some((a, b))` (in `let` or `if let`): each
    /// name bound to its element of `v` — a tracked part, an element of a
    /// call's result (resolved by the join), else the whole value. False
    /// when the pattern is no tuple (or has a `..`).
    pub(super) fn bind_tuple(&mut self, pat: &Pat, init: &Expr, t: &Taint) -> bool {
        self.bind_elems(pat, init, t, true)
    }

    /// The tuple parameter of a closure an `Option`/`Result` combinator
    /// calls with its value (`read(..).and_then(|(n, nr)| ..)`): each
    /// element as in `bind_tuple`, but never through an iterator (whose
    /// items are not the receiver's parts) nor a local the function does
    /// not track part by part.
    pub(super) fn bind_closure_tuple(&mut self, pat: &Pat, recv: &Expr, t: &Taint) -> bool {
        let recv = views_of(recv);
        let parts_known = self.fields_of(recv).is_some();
        let call = matches!(recv, Expr::Call(_) | Expr::MethodCall(_) | Expr::Try(_)) && !iterator_chain(recv);
        (parts_known || call) && self.bind_elems(pat, recv, t, false)
    }

    fn bind_elems(&mut self, pat: &Pat, init: &Expr, t: &Taint, locals: bool) -> bool {
        let Some(tp) = tuple_pat(pat) else { return false };
        if tp.elems.iter().any(|p| matches!(p, Pat::Rest(_))) {
            return false;
        }
        let init = views_of(init);
        let parts = self.fields_of(init);
        for (i, p) in tp.elems.iter().enumerate() {
            let span = syn::spanned::Spanned::span(p);
            let key = i.to_string();
            let et = match (init, parts.as_ref().and_then(|f| f.iter().find(|(n, _)| *n == key))) {
                (_, Some((_, et))) => et.clone(),
                (Expr::Path(x), None) if locals && x.qself.is_none() && x.path.segments.len() == 1 => {
                    self.read_field(init, &syn::Member::Unnamed(syn::Index { index: i as u32, span }), span)
                }
                _ => self.call_field(t, "_", &key, span).unwrap_or_else(|| t.clone()),
            };
            self.bind_pat(p, &et);
        }
        true
    }
}

/// A method chain that makes or adapts an iterator (`v.iter()`,
/// `s.chars().enumerate()`, `a.zip(b)`): its closures get items.
fn iterator_chain(e: &Expr) -> bool {
    let mut e = e;
    while let Expr::MethodCall(m) = strip_parens_refs_derefs(e) {
        let name = m.method.to_string();
        if name.starts_with("iter")
            || name.starts_with("into_iter")
            || name.starts_with("split")
            || name.starts_with("chunks")
            || name.starts_with("windows")
            || matches!(
                name.as_str(),
                "enumerate"
                    | "zip"
                    | "chain"
                    | "drain"
                    | "chars"
                    | "char_indices"
                    | "bytes"
                    | "lines"
                    | "keys"
                    | "values"
                    | "values_mut"
                    | "skip"
                    | "take"
                    | "rev"
                    | "peekable"
                    | "filter"
                    | "filter_map"
                    | "flat_map"
                    | "flatten"
                    | "map"
                    | "step_by"
                    | "cloned"
                    | "copied"
                    | "entries"
            )
        {
            return true;
        }
        e = &m.receiver;
    }
    false
}

/// A tuple pattern, through a type ascription, a reference and `Some(..)`.
fn tuple_pat(pat: &Pat) -> Option<&syn::PatTuple> {
    match pat {
        Pat::Type(pt) => tuple_pat(&pt.pat),
        Pat::Reference(r) => tuple_pat(&r.pat),
        Pat::Paren(p) => tuple_pat(&p.pat),
        Pat::Tuple(t) => Some(t),
        Pat::TupleStruct(ts) if ts.elems.len() == 1 && ts.path.is_ident("Some") => tuple_pat(&ts.elems[0]),
        _ => None,
    }
}

/// The value under views of it that keep its parts (`opt.as_ref()`,
/// `pair.clone()`).
fn views_of(e: &Expr) -> &Expr {
    match strip_parens_refs_derefs(e) {
        Expr::MethodCall(m)
            if m.args.is_empty()
                && matches!(m.method.to_string().as_str(), "as_ref" | "as_mut" | "clone" | "to_owned" | "as_deref") =>
        {
            views_of(&m.receiver)
        }
        other => other,
    }
}

/// A closure body with a `return` or `?`: values leave it by other ways
/// than its tail.
fn closure_returns_early(body: &Expr) -> bool {
    struct Early(bool);
    impl<'ast> syn::visit::Visit<'ast> for Early {
        fn visit_expr_return(&mut self, _: &'ast syn::ExprReturn) {
            self.0 = true;
        }
        fn visit_expr_try(&mut self, _: &'ast syn::ExprTry) {
            self.0 = true;
        }
        fn visit_expr_closure(&mut self, _: &'ast syn::ExprClosure) {}
    }
    let mut v = Early(false);
    syn::visit::Visit::visit_expr(&mut v, body);
    v.0
}
