//! Recognising web request handlers from syntax: route attributes (actix-web,
//! rocket, poem) and extractor parameters (axum, actix-web, rocket, warp,
//! poem). Used to rank findings by reachability and as taint sources.

use syn::{FnArg, Type};

use crate::syntax::FnLike;
use crate::syntax::paths::Imports;

/// Route attributes of actix-web / rocket / poem / axum helpers.
const ROUTE_ATTRS: &[&str] =
    &["get", "post", "put", "delete", "patch", "head", "options", "route", "routes", "handler", "debug_handler", "oai"];

/// Extractor and request types whose presence in a parameter list marks a
/// request handler.
pub(crate) const EXTRACTORS: &[&str] = &[
    "Json",
    "Query",
    "Path",
    "Form",
    "RawQuery",
    "HeaderMap",
    "TypedHeader",
    "Multipart",
    "HttpRequest",
    "Payload",
    "Bytes",
    "Request",
    "RawForm",
    "ConnectInfo",
    "WebSocketUpgrade",
    "OriginalUri",
    "Uri",
];

/// The last path segment of a parameter's type (through references).
pub(crate) fn type_name(ty: &Type) -> Option<String> {
    match ty {
        Type::Path(p) => p.path.segments.last().map(|s| s.ident.to_string()),
        Type::Reference(r) => type_name(&r.elem),
        Type::Paren(p) => type_name(&p.elem),
        Type::Group(g) => type_name(&g.elem),
        _ => None,
    }
}

/// The type's name after import resolution (`UrlPath` for
/// `use axum::extract::Path as UrlPath` is `Path`).
pub(crate) fn resolved_type_name(ty: &Type, imports: &Imports) -> Option<String> {
    match ty {
        Type::Path(p) => imports.resolve(&p.path).segs.last().cloned(),
        Type::Reference(r) => resolved_type_name(&r.elem, imports),
        Type::Paren(p) => resolved_type_name(&p.elem, imports),
        Type::Group(g) => resolved_type_name(&g.elem, imports),
        _ => None,
    }
}

/// Is this function a web request handler?
pub(crate) fn is_request_handler(f: &FnLike<'_>, imports: &Imports) -> bool {
    let routed = f.attrs.iter().any(|a| {
        let p = a.path();
        p.segments.last().is_some_and(|s| {
            let n = s.ident.to_string();
            ROUTE_ATTRS.contains(&n.as_str()) && (p.segments.len() == 1 || has_web_root(p))
        })
    });
    if routed {
        return true;
    }
    if !f.is_async() {
        return false;
    }
    f.sig.inputs.iter().any(|arg| match arg {
        FnArg::Typed(t) => resolved_type_name(&t.ty, imports)
            .is_some_and(|n| EXTRACTORS.contains(&n.as_str()) && n != "Bytes" && n != "Request" && n != "Uri"),
        FnArg::Receiver(_) => false,
    })
}

/// Does the function answer a request: `async`, and its declared result a
/// web framework's response (`HttpResponse`, `impl Responder`, `impl
/// IntoResponse`, `axum::response::Response`, through `Result`)? Such a
/// function that nothing in the workspace calls is a handler registered
/// where the scan cannot see (another crate, a macro).
pub(crate) fn returns_response(f: &FnLike<'_>, imports: &Imports) -> bool {
    let syn::ReturnType::Type(_, ty) = &f.sig.output else { return false };
    f.is_async() && is_response_type(ty, imports, 0)
}

fn is_response_type(ty: &Type, imports: &Imports, depth: u8) -> bool {
    let from_web = |p: &syn::Path| {
        let r = imports.resolve(p);
        r.via_import && r.segs.first().is_some_and(|s| WEB_CRATES.contains(&s.as_str()))
    };
    match ty {
        Type::Path(p) if from_web(&p.path) => true,
        // `Result<HttpResponse, Error>`, `actix_web::Result<impl Responder>`.
        Type::Path(p) if depth == 0 => p.path.segments.last().is_some_and(|s| {
            s.ident == "Result"
                && matches!(&s.arguments, syn::PathArguments::AngleBracketed(a)
                    if a.args.iter().next().is_some_and(|g| matches!(g, syn::GenericArgument::Type(t) if is_response_type(t, imports, 1))))
        }),
        Type::ImplTrait(i) => i.bounds.iter().any(|b| matches!(b, syn::TypeParamBound::Trait(t) if from_web(&t.path))),
        Type::Paren(p) => is_response_type(&p.elem, imports, depth),
        _ => false,
    }
}

/// Crates whose types a handler's declared result names.
const WEB_CRATES: &[&str] = &["actix_web", "axum", "poem", "salvo", "ntex", "rocket", "tide", "warp", "poem_openapi"];

/// The parameter names a route attribute binds to request data: Rocket's
/// `#[get("/files/<name>/<path..>?<q>", data = "<form>")]` gives `name`,
/// `path`, `q`, `form`.
pub(crate) fn route_params(attrs: &[syn::Attribute]) -> Vec<String> {
    let mut out = Vec::new();
    for a in attrs {
        let p = a.path();
        let routed = p.segments.last().is_some_and(|s| ROUTE_ATTRS.contains(&s.ident.to_string().as_str()));
        let syn::Meta::List(list) = &a.meta else { continue };
        if !routed {
            continue;
        }
        for tt in list.tokens.clone() {
            let proc_macro2::TokenTree::Literal(l) = tt else { continue };
            let Ok(syn::Lit::Str(s)) = syn::parse_str::<syn::Lit>(&l.to_string()) else { continue };
            let v = s.value();
            let mut rest = v.as_str();
            while let Some(i) = rest.find('<') {
                rest = &rest[i + 1..];
                let Some(j) = rest.find('>') else { break };
                let name = rest[..j].trim_end_matches("..").trim();
                if !name.is_empty() && name.chars().all(|c| c.is_alphanumeric() || c == '_') {
                    out.push(name.to_string());
                }
                rest = &rest[j + 1..];
            }
        }
    }
    out
}

fn has_web_root(p: &syn::Path) -> bool {
    p.segments.first().is_some_and(|s| {
        matches!(
            s.ident.to_string().as_str(),
            "actix_web" | "rocket" | "poem" | "axum" | "web" | "ntex" | "salvo" | "poem_openapi"
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::syntax::FnKind;

    fn check(src: &str) -> bool {
        let f: syn::ItemFn = syn::parse_str(src).unwrap();
        let imports = Imports::from_items(&[syn::parse_str("use axum::extract::Path as UrlPath;").unwrap()]);
        is_request_handler(
            &FnLike { attrs: &f.attrs, vis: Some(&f.vis), sig: &f.sig, block: &f.block, kind: FnKind::Free },
            &imports,
        )
    }

    #[test]
    fn recognises_handlers() {
        assert!(check("#[get(\"/\")] async fn index() -> String { String::new() }"));
        assert!(check("async fn create(Json(body): Json<NewUser>) -> StatusCode { todo!() }"));
        assert!(check("async fn show(Path(id): Path<u64>, State(db): State<Db>) {}"));
        assert!(check("async fn aliased(UrlPath(id): UrlPath<u64>) {}"));
        assert!(!check("async fn helper(x: u64) {}"));
        assert!(!check("fn parse(p: Path) {}"));
    }

    #[test]
    fn rocket_route_params() {
        let f: syn::ItemFn = syn::parse_str("#[get(\"/f/<name>/<rest..>?<q>\", data = \"<form>\")] fn h() {}").unwrap();
        assert_eq!(route_params(&f.attrs), ["name", "rest", "q", "form"]);
        let g: syn::ItemFn = syn::parse_str("#[get(\"/static\")] fn h() {}").unwrap();
        assert!(route_params(&g.attrs).is_empty());
    }
}
