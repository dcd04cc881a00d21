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
    /// `cond.then_some((a, b))`: the parts of the literal the result holds.
    pub(super) fn closure_literal_fields(&self, m: &syn::ExprMethodCall) -> Option<Vec<(String, Taint)>> {
        match (m.method.to_string().as_str(), m.args.first().map(strip_parens_refs_derefs)) {
            ("map" | "then" | "map_or_else", _) => {
                let Some(Expr::Closure(c)) = m.args.last().map(strip_parens_refs_derefs) else { return None };
                let body = match strip_parens_refs_derefs(&c.body) {
                    Expr::Block(b) => match b.block.stmts.last() {
                        Some(syn::Stmt::Expr(e, None)) => e,
                        _ => return None,
                    },
                    e => e,
                };
                match strip_parens_refs_derefs(body) {
                    e @ (Expr::Tuple(_) | Expr::Struct(_)) => self.fields_of(e),
                    _ => None,
                }
            }
            ("then_some", Some(e @ (Expr::Tuple(_) | Expr::Struct(_)))) => self.fields_of(e),
            _ => None,
        }
    }

    /// `let (a, b) = v` or `Some((a, b))` (in `let` or `if let`): each
    /// name bound to its element of `v` — a tracked part, an element of a
    /// call's result (resolved by the join), else the whole value. False
    /// when the pattern is no tuple (or has a `..`).
    pub(super) fn bind_tuple(&mut self, pat: &Pat, init: &Expr, t: &Taint) -> bool {
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
                (Expr::Path(x), None) if x.qself.is_none() && x.path.segments.len() == 1 => {
                    self.read_field(init, &syn::Member::Unnamed(syn::Index { index: i as u32, span }), span)
                }
                _ => self.call_field(t, "_", &key, span).unwrap_or_else(|| t.clone()),
            };
            self.bind_pat(p, &et);
        }
        true
    }
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
