//! File-system paths made safe: normalisation (a containment check counts
//! only on a normalised path) and `Component::Normal` parts.
//!
//! - A path is *normalised* when it comes from `canonicalize` (std,
//!   tokio, `dunce`), `path_clean` (`clean`), `normpath` (`normalize`),
//!   `path-absolutize` (`absolutize`): no `..` is left, so
//!   `resolved.starts_with(&base)` says where it is. `std::path::absolute`
//!   keeps `..` on Unix and does not count; neither does a bare `join`.
//! - A `Component::Normal(part)` is one plain name (no separator, no `..`,
//!   no root): a pattern binding it, a `filter`/`filter_map` keeping only
//!   such parts, and a check that every component is one
//!   (`components().all(..)`, `!components().any(|c| !matches!(..))`)
//!   make the value safe for the rules of `Guard::PathContainment`.

use proc_macro2::TokenTree;
use syn::parse::Parser;
use syn::{Expr, Pat};

use super::{FnAnalysis, strip_parens_refs_derefs};
use crate::rules::taint::Guard;
use crate::taint::{Mask, mask};

/// Methods that normalise the path they are called on.
const NORMALISING_METHODS: &[&str] = &[
    "canonicalize",
    "clean",
    "normalize",
    "normalize_virtually",
    "absolutize",
    "absolutize_from",
    "absolutize_virtually",
];

/// Does this expression give a normalised path? (Through `?`, `.await`,
/// `unwrap`/`expect`, error mapping and owned/borrowed conversions.)
pub(super) fn is_normalising(e: &Expr) -> bool {
    match strip_parens_refs_derefs(e) {
        Expr::Try(t) => is_normalising(&t.expr),
        Expr::Await(a) => is_normalising(&a.base),
        Expr::MethodCall(m) => {
            let name = m.method.to_string();
            if NORMALISING_METHODS.contains(&name.as_str()) {
                return true;
            }
            matches!(
                name.as_str(),
                "unwrap"
                    | "unwrap_or_default"
                    | "unwrap_or_else"
                    | "expect"
                    | "map_err"
                    | "context"
                    | "with_context"
                    | "ok"
                    | "to_path_buf"
                    | "into_owned"
                    | "into_path_buf"
                    | "as_path"
                    | "to_owned"
            ) && is_normalising(&m.receiver)
        }
        // `fs::canonicalize(p)`, `tokio::fs::canonicalize(p)`,
        // `dunce::canonicalize(p)`, `path_clean::clean(p)`.
        Expr::Call(c) => {
            let Expr::Path(p) = &*c.func else { return false };
            let segs: Vec<String> = p.path.segments.iter().map(|s| s.ident.to_string()).collect();
            match segs.last().map(String::as_str) {
                Some("canonicalize") => true,
                Some("clean") => segs.len() >= 2 && segs[segs.len() - 2] == "path_clean",
                _ => false,
            }
        }
        _ => false,
    }
}

/// The scrutinee and pattern of a `matches!(expr, pat)`.
pub(super) fn matches_args(mac: &syn::Macro) -> Option<(Expr, Pat)> {
    let tokens: Vec<TokenTree> = mac.tokens.clone().into_iter().collect();
    let comma = tokens.iter().position(|t| matches!(t, TokenTree::Punct(p) if p.as_char() == ','))?;
    let expr: Expr = syn::parse2(tokens[..comma].iter().cloned().collect()).ok()?;
    // A trailing `if guard` is not supported: the pattern alone then says too little.
    let rest: proc_macro2::TokenStream = tokens[comma + 1..].iter().cloned().collect();
    let pat = Pat::parse_multi_with_leading_vert.parse2(rest).ok()?;
    Some((expr, pat))
}

/// The `Component` variants a pattern names (`None` if it names anything else).
fn component_variants(pat: &Pat) -> Option<Vec<String>> {
    match pat {
        Pat::Or(o) => {
            let mut out = Vec::new();
            for c in &o.cases {
                out.extend(component_variants(c)?);
            }
            Some(out)
        }
        Pat::Paren(p) => component_variants(&p.pat),
        Pat::Reference(r) => component_variants(&r.pat),
        Pat::TupleStruct(ts) => variant(&ts.path),
        Pat::Path(p) => variant(&p.path),
        _ => None,
    }
}

fn variant(path: &syn::Path) -> Option<Vec<String>> {
    let name = path.segments.last()?.ident.to_string();
    let known = ["Normal", "CurDir", "ParentDir", "RootDir", "Prefix"];
    let qualified = path.segments.len() < 2 || path.segments[path.segments.len() - 2].ident == "Component";
    (known.contains(&name.as_str()) && qualified).then(|| vec![name])
}

/// Only plain names (and `.`, harmless) pass.
fn only_normal(variants: &[String]) -> bool {
    !variants.is_empty() && variants.iter().all(|v| v == "Normal" || v == "CurDir")
}

/// Every way out of the base is caught: `..`, a root, a prefix.
fn catches_escapes(variants: &[String]) -> bool {
    ["ParentDir", "RootDir", "Prefix"].iter().all(|v| variants.iter().any(|x| x == v))
}

/// The closure of `components().all(..)` (`all`) or `.any(..)`: when the
/// call returning `Some(when)` holds, every component is a plain name.
pub(super) fn components_check(closure: &Expr, all: bool) -> Option<bool> {
    let Expr::Closure(c) = strip_parens_refs_derefs(closure) else { return None };
    let (negated, body) = match strip_parens_refs_derefs(&c.body) {
        Expr::Unary(u) if matches!(u.op, syn::UnOp::Not(_)) => (true, strip_parens_refs_derefs(&u.expr)),
        other => (false, other),
    };
    let Expr::Macro(m) = body else { return None };
    if !m.mac.path.is_ident("matches") {
        return None;
    }
    let variants = component_variants(&matches_args(&m.mac)?.1)?;
    match (all, negated) {
        // all(|c| matches!(c, Normal(_))) true
        (true, false) if only_normal(&variants) => Some(true),
        // any(|c| !matches!(c, Normal(_))) false
        (false, true) if only_normal(&variants) => Some(false),
        // any(|c| matches!(c, ParentDir | RootDir | Prefix(_))) false
        (false, false) if catches_escapes(&variants) => Some(false),
        _ => None,
    }
}

/// `filter(|c| matches!(c, Component::Normal(_)))`: keeps plain names only.
pub(super) fn filter_keeps_normal(closure: &Expr) -> bool {
    let Expr::Closure(c) = strip_parens_refs_derefs(closure) else { return false };
    let Expr::Macro(m) = strip_parens_refs_derefs(&c.body) else { return false };
    m.mac.path.is_ident("matches")
        && matches_args(&m.mac).and_then(|(_, p)| component_variants(&p)).is_some_and(|v| only_normal(&v))
}

impl<'a> FnAnalysis<'a> {
    /// `Component::Normal(part)` (or `Normal(part)` imported from
    /// `std::path::Component`): `part` is one plain name.
    pub(super) fn normal_component_pattern(&self, pat: &Pat) -> Option<Mask> {
        let Pat::TupleStruct(ts) = pat else { return None };
        let r = self.file.imports.resolve(&ts.path);
        let n = r.segs.len();
        (n >= 2 && r.segs[n - 1] == "Normal" && r.segs[n - 2] == "Component")
            .then(|| mask::guarded_by(Guard::PathContainment))
    }
}
