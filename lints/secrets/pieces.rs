//! A string written in pieces: `concat!` arguments and `+` chains of
//! literals, each piece with its span.

use proc_macro2::Span;
use syn::{Expr, Lit};

use crate::rules::cx::{Cx, Diag};

/// `concat!` pieces: each literal argument's value and span (`None` if an
/// argument is not a literal).
pub(crate) fn concat_pieces(args: &[&Expr]) -> Option<Vec<(String, Span)>> {
    args.iter()
        .map(|a| match *a {
            Expr::Lit(l) => match &l.lit {
                Lit::Str(s) => Some((s.value(), s.span())),
                Lit::Int(i) => Some((i.base10_digits().to_string(), i.span())),
                Lit::Char(c) => Some((c.value().to_string(), c.span())),
                _ => None,
            },
            _ => None,
        })
        .collect()
}

/// The literals of a `+` chain of literals at `e`, when `e` is the
/// whole chain (not an inner `+` of it).
pub(crate) fn added_pieces(cx: &Cx<'_, '_>, e: &Expr) -> Option<Vec<(String, Span)>> {
    let Expr::Binary(b) = e else { return None };
    if !matches!(b.op, syn::BinOp::Add(_))
        || cx.ancestors().next().is_some_and(|p| matches!(p, crate::rules::cx::Ancestor::Expr(Expr::Binary(o)) if matches!(o.op, syn::BinOp::Add(_))))
    {
        return None;
    }
    added_literals(e)
}

/// The string literals of a `+` chain whose operands are all literals
/// (`String::from("…") + "…"`, `"…".to_owned() + "…"`), left to right.
fn added_literals(e: &syn::Expr) -> Option<Vec<(String, proc_macro2::Span)>> {
    match crate::syntax::exprs::strip_parens_and_refs(e) {
        syn::Expr::Binary(b) if matches!(b.op, syn::BinOp::Add(_)) => {
            let mut left = added_literals(&b.left)?;
            left.extend(added_literals(&b.right)?);
            Some(left)
        }
        syn::Expr::Lit(syn::ExprLit { lit: syn::Lit::Str(s), .. }) => Some(vec![(s.value(), s.span())]),
        // `"…".to_owned()`, `.to_string()`, `String::from("…")`.
        other => crate::syntax::exprs::converted(other).and_then(added_literals),
    }
}

/// The pieces joined, and each piece's byte range in the joined text.
pub(crate) fn joined(pieces: &[(String, Span)]) -> (String, Vec<(usize, usize)>) {
    let mut out = String::new();
    let mut bounds = Vec::with_capacity(pieces.len());
    for (v, _) in pieces {
        let s = out.len();
        out.push_str(v);
        bounds.push((s, out.len()));
    }
    (out, bounds)
}

/// The pieces of a `concat!` value (`const K: &str = concat!("…", "…")`),
/// when every argument is a literal.
pub(crate) fn concat_value(value: &Expr) -> Option<Vec<(String, Span)>> {
    let Expr::Macro(m) = crate::syntax::exprs::strip_parens_and_refs(value) else { return None };
    if crate::syntax::macros::macro_name(&m.mac) != "concat" {
        return None;
    }
    let args = crate::syntax::macros::parse_args_cached(&m.mac);
    let exprs: Vec<&Expr> = args.iter().map(|a| &a.expr).collect();
    concat_pieces(&exprs)
}

/// A finding from the first piece to the last, every piece's content
/// masked (a secret written in pieces is still never shown).
pub(crate) fn report_masked<'c>(cx: &'c mut Cx<'_, '_>, pieces: &[(String, Span)], message: String) -> Option<Diag<'c>> {
    let (Some((_, first)), Some((_, last))) = (pieces.first(), pieces.last()) else { return None };
    let masks: Vec<(u32, u32)> =
        pieces.iter().filter_map(|(_, sp)| crate::lints::secrets::syntax::content_range(cx.file, *sp)).collect();
    let mut d = cx.report_between(*first, *last, message);
    for (s, e) in masks {
        d = d.mask_range(s, e);
    }
    Some(d)
}
