//! Router registrations: which functions a router calls with a request
//! (axum `.route("/x", post(h))`, actix `web::get().to(h)`), and for warp
//! filter chains (`warp::path!("a" / String).and(warp::query::<Q>()).and_then(h)`)
//! which of the handler's parameters receive request data.

use syn::Expr;

use crate::rules::file::FileCtx;

/// A handler a router registers: its path as written (after the file's
/// imports), whether an import named it, and the parameters that receive
/// request data from the filters before it (warp; empty elsewhere, where
/// the parameters' extractor types say it).
pub(crate) type Route = (Vec<String>, bool, Vec<u16>);

/// Handler functions named in router registrations.
pub(crate) fn collect(file: &FileCtx, m: &syn::ExprMethodCall, out: &mut Vec<Route>) {
    const VERBS: &[&str] = &["get", "post", "put", "delete", "patch", "head", "options", "any", "trace", "on", "to"];
    fn walk(file: &FileCtx, e: &Expr, out: &mut Vec<Route>, depth: u32) {
        if depth > 16 {
            return;
        }
        match e {
            Expr::Call(c) => {
                let verb = match &*c.func {
                    Expr::Path(p) => {
                        p.path.segments.last().is_some_and(|s| VERBS.contains(&s.ident.to_string().as_str()))
                    }
                    _ => false,
                };
                if verb && let Some(Expr::Path(h)) = c.args.last() {
                    let r = file.imports.resolve(&h.path);
                    out.push((r.segs, r.via_import, Vec::new()));
                }
            }
            Expr::MethodCall(mc) => {
                // `get(a).post(b)`, `web::get().to(h)`
                if VERBS.contains(&mc.method.to_string().as_str())
                    && let Some(Expr::Path(h)) = mc.args.last()
                {
                    let r = file.imports.resolve(&h.path);
                    out.push((r.segs, r.via_import, Vec::new()));
                }
                walk(file, &mc.receiver, out, depth + 1);
            }
            _ => {}
        }
    }
    let name = m.method.to_string();
    if name == "and_then" || name == "map" {
        warp_handler(file, m, out);
        return;
    }
    if name == "to" {
        if let Some(Expr::Path(h)) = m.args.last() {
            let r = file.imports.resolve(&h.path);
            out.push((r.segs, r.via_import, Vec::new()));
        }
        return;
    }
    for a in &m.args {
        walk(file, a, out, 0);
    }
}

/// `filters.and_then(handler)` / `.map(handler)` on a warp filter chain:
/// the handler gets the chain's extracted values in order.
fn warp_handler(file: &FileCtx, m: &syn::ExprMethodCall, out: &mut Vec<Route>) {
    if !file.text_contains("warp") {
        return;
    }
    let Some(Expr::Path(h)) = m.args.last() else { return };
    let Some(values) = chain(file, &m.receiver, 0) else { return };
    let data: Vec<u16> = values.iter().enumerate().filter(|(_, d)| **d).map(|(i, _)| i as u16).collect();
    if data.is_empty() {
        return;
    }
    let r = file.imports.resolve(&h.path);
    out.push((r.segs, r.via_import, data));
}

/// `filters.map(|name: String| ..)` (or `and_then`, `then`) on a warp
/// filter chain: which of the closure's parameters receive request data.
pub(crate) fn warp_closure_params(file: &FileCtx, m: &syn::ExprMethodCall) -> Option<Vec<bool>> {
    if !matches!(m.method.to_string().as_str(), "map" | "and_then" | "then") || !file.text_contains("warp") {
        return None;
    }
    let values = chain(file, &m.receiver, 0)?;
    values.contains(&true).then_some(values)
}

/// The values a warp filter extracts, each marked request data or not;
/// `None` when the expression is not recognisably a warp filter.
fn chain(file: &FileCtx, e: &Expr, depth: u32) -> Option<Vec<bool>> {
    if depth > 32 {
        return None;
    }
    match crate::syntax::exprs::strip_parens_and_refs(e) {
        Expr::MethodCall(mc) => match mc.method.to_string().as_str() {
            "and" => {
                let mut v = chain(file, &mc.receiver, depth + 1)?;
                v.extend(mc.args.first().and_then(|a| chain(file, a, depth + 1)).unwrap_or_else(|| vec![false]));
                Some(v)
            }
            // What a mapped filter extracts is its closure's result.
            "map" | "and_then" | "then" => {
                chain(file, &mc.receiver, depth + 1)?;
                Some(vec![false])
            }
            "untuple_one" | "or" | "unify" => None,
            _ => chain(file, &mc.receiver, depth + 1),
        },
        Expr::Call(c) => {
            let Expr::Path(p) = &*c.func else { return None };
            let r = file.imports.resolve(&p.path);
            let segs: Vec<&str> = r.segs.iter().map(String::as_str).collect();
            if segs.first() != Some(&"warp") {
                // A helper returning a filter (`with_db(pool)`): one value
                // the server provides.
                return Some(vec![false]);
            }
            let last = segs.last().copied().unwrap_or("");
            let parent = if segs.len() >= 2 { segs[segs.len() - 2] } else { "" };
            Some(match (parent, last) {
                (
                    _,
                    "param" | "tail" | "full" | "query" | "raw" | "json" | "form" | "bytes" | "aggregate" | "stream",
                )
                | ("header", _)
                | (_, "header" | "headers_cloned" | "cookie") => vec![true],
                ("addr", _) | (_, "method" | "remote") => vec![false],
                // `warp::path("x")`, `warp::get()`, `path::end()`, `any()`.
                _ => Vec::new(),
            })
        }
        Expr::Macro(mac) => {
            let name = mac.mac.path.segments.last().map(|s| s.ident.to_string()).unwrap_or_default();
            (name == "path").then(|| path_macro_values(&mac.mac))
        }
        _ => None,
    }
}

/// `warp::path!("a" / String / u32 / "b")`: one value per segment that is
/// a type (request data), none for literal ones.
fn path_macro_values(m: &syn::Macro) -> Vec<bool> {
    let mut out = Vec::new();
    let mut seg_is_lit = None;
    for tt in m.tokens.clone() {
        match tt {
            proc_macro2::TokenTree::Punct(p) if p.as_char() == '/' => {
                if seg_is_lit == Some(false) {
                    out.push(true);
                }
                seg_is_lit = None;
            }
            proc_macro2::TokenTree::Punct(p) if p.as_char() == '.' => return out,
            proc_macro2::TokenTree::Literal(_) => {
                seg_is_lit.get_or_insert(true);
            }
            _ => {
                seg_is_lit.get_or_insert(false);
            }
        }
    }
    if seg_is_lit == Some(false) {
        out.push(true);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn path_macro_segments() {
        let m: syn::Macro = syn::parse_str(r#"warp::path!("avatars" / String / "refresh" / u64)"#).unwrap();
        assert_eq!(path_macro_values(&m), [true, true]);
        let m: syn::Macro = syn::parse_str(r#"warp::path!("health" / "auth")"#).unwrap();
        assert!(path_macro_values(&m).is_empty());
    }
}
