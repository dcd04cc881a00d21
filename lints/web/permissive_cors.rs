use crate::rules::prelude::*;
use crate::rules::chain::{self, Dest, NodeId};
use crate::rules::cx::Ancestor;
use crate::syntax::exprs::{bool_lit, strip_parens_and_refs, str_lit};
use syn::{Expr, ExprCall, ExprMethodCall};

declare_rule! {
    /// ### What it does
    /// Flags CORS policies that let any web site call the API:
    ///
    /// - tower-http (axum, tonic) and salvo: `CorsLayer::permissive()`,
    ///   `CorsLayer::very_permissive()`, `allow_origin(Any)` /
    ///   `AllowOrigin::any()` / `"*"`, and origins mirrored from the request
    ///   (`AllowOrigin::mirror_request()`, a predicate that is always true);
    /// - actix-cors: `Cors::permissive()`, `allow_any_origin()`,
    ///   `allowed_origin_fn(|_, _| true)`, `send_wildcard()`;
    /// - warp: `warp::cors().allow_any_origin()`;
    /// - rocket_cors: `AllowedOrigins::all()`;
    /// - a handler that copies the request's `Origin` header into
    ///   `Access-Control-Allow-Origin`.
    ///
    /// **High** when credentials are allowed too (`allow_credentials(true)`,
    /// `supports_credentials()`, or the `very_permissive`/actix `permissive`
    /// presets, which include them): any site can then make authenticated
    /// requests with the user's cookies and read the answers. **Medium**
    /// otherwise, when the policy allows state-changing methods or does not
    /// say which: fine for a truly public, unauthenticated API — suppress
    /// it there with a reason.
    ///
    /// Not reported: a policy without credentials that allows only safe
    /// methods (`allowed_methods(vec!["GET"])`, `allow_methods([Method::GET,
    /// Method::HEAD])`: GET, HEAD, OPTIONS) — another site can then read
    /// what any anonymous request already gets; policies under
    /// `if cfg!(debug_assertions)` or in `#[cfg(debug_assertions)]`
    /// functions.
    ///
    /// ### Why is this bad?
    /// CORS is the browser's exception to the same-origin policy. Opening it
    /// to every origin lets a malicious page read responses that were meant
    /// for your own front end; with credentials, it reads them as the
    /// logged-in victim (account data, CSRF tokens, API keys).
    ///
    /// ### Known problems
    /// Without credentials, what a reader gains depends on what the API
    /// serves anonymously, which syntax does not show (an intranet service
    /// is reachable from its users' browsers). Its real-world finding is
    /// debatable; a GET-only policy, false, is no longer reported.
    ///
    /// ### Example
    /// ```rust
    /// fn cors() -> tower_http::cors::CorsLayer {
    ///     tower_http::cors::CorsLayer::very_permissive()
    /// }
    /// ```
    ///
    /// ### Use instead
    /// ```rust
    /// use axum::http::{header, HeaderValue, Method};
    /// use tower_http::cors::CorsLayer;
    /// fn cors() -> CorsLayer {
    ///     CorsLayer::new()
    ///         .allow_origin(HeaderValue::from_static("https://app.example.com"))
    ///         .allow_methods([Method::GET, Method::POST])
    ///         .allow_headers([header::CONTENT_TYPE, header::AUTHORIZATION])
    ///         .allow_credentials(true)
    /// }
    /// // actix-cors: `Cors::default().allowed_origin("https://app.example.com")`;
    /// // warp: `warp::cors().allow_origin("https://app.example.com")`.
    /// ```
    ///
    /// ### References
    /// - CWE-942: Permissive Cross-domain Policy with Untrusted Domains
    /// - CWE-346: Origin Validation Error
    /// - OWASP Top 10 2021 A05: Security Misconfiguration
    /// - OWASP Top 10 2021 A07: Identification and Authentication Failures
    pub(crate) PermissiveCors {
        id: "permissive-cors",
        name: "PermissiveCorsPolicy",
        summary: "the CORS policy allows any origin, or mirrors the request's origin",
        severity: Medium,
        precision: High,
        measured: [
            Realworld { findings: 1, judged: 1, tp: 0, debatable: 1, when: "session 8 (a328b37)" },
            Corpus { findings: 0, judged: 0, tp: 0, debatable: 0, when: "session 8 (a328b37)" },
        ],
        cwe: [942, 346],
        owasp: [A05, A07],
        tags: ["web"],
    }
}

/// Crates with a CORS builder.
const CORS_CRATES: &[&str] = &["tower_http", "actix_cors", "warp", "salvo", "salvo_cors", "rocket_cors", "axum", "poem"];

#[derive(Default)]
struct Policy {
    any_origin: Option<&'static str>,
    mirror: Option<&'static str>,
    credentials: bool,
    /// The allowed methods, when the policy lists them: only safe ones?
    safe_methods_only: Option<bool>,
}

impl Rule for PermissiveCors {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn interests(&self) -> Interests {
        Interests {
            keywords: &["Cors", "cors", "CORS", "ALLOW_ORIGIN", "allow-origin", "Allow-Origin"],
            calls: &["new", "default", "permissive", "very_permissive", "cors", "all"],
            methods: &["insert", "append", "header", "insert_header", "append_header", "typed_insert"],
            ..Default::default()
        }
    }

    /// The root of a CORS builder chain.
    fn check_call<'ast>(&self, cx: &mut Cx<'_, 'ast>, c: &'ast ExprCall, callee: &'ast syn::Path) {
        let Some(preset) = cors_root(cx, callee) else { return };
        if dev_only(cx) {
            return;
        }
        let mut p = Policy::default();
        match preset {
            "very_permissive" => {
                p.mirror = Some("`CorsLayer::very_permissive()` mirrors any origin");
                p.credentials = true;
            }
            "permissive" if callee.segments.iter().any(|s| s.ident == "CorsLayer") => {
                p.any_origin = Some("`CorsLayer::permissive()` allows any origin");
            }
            "permissive" => {
                p.mirror = Some("`Cors::permissive()` allows any origin");
                p.credentials = true;
            }
            "all" => p.any_origin = Some("`AllowedOrigins::all()` allows any origin"),
            _ => {}
        }
        let up = chain::up(cx, NodeId::of(c));
        for m in &up.calls {
            apply(&mut p, m);
        }
        if let Some(Dest::Let(local, _)) = &up.dest
            && let Some(f) = cx.enclosing_fn()
        {
            for m in chain::calls_on(f.block, local) {
                apply(&mut p, m);
            }
        }
        // rocket_cors: `CorsOptions { allowed_origins: AllowedOrigins::all(), allow_credentials: true, .. }`
        if preset == "all"
            && let Some(Ancestor::Expr(Expr::Struct(s))) = cx.ancestors().next()
        {
            p.credentials |= s.fields.iter().any(|f| {
                matches!(&f.member, syn::Member::Named(n) if n == "allow_credentials") && bool_lit(&f.expr) == Some(true)
            });
            if let Some(f) = s.fields.iter().find(|f| matches!(&f.member, syn::Member::Named(n) if n == "allowed_methods")) {
                p.safe_methods_only = Some(safe_methods(&f.expr));
            }
        }
        let Some(what) = p.mirror.or(p.any_origin) else { return };
        // Any origin may read what anonymous GETs return anyway.
        if !p.credentials && p.safe_methods_only == Some(true) {
            return;
        }
        let Some(first) = callee.segments.first() else { return };
        let (msg, sev) = if p.credentials {
            (format!("{what}, with credentials: any web site can make authenticated requests and read the responses"), Severity::High)
        } else {
            (format!("{what}: any web site can call this API and read the responses"), Severity::Medium)
        };
        cx.report_between(first.ident.span(), c.paren_token.span.close(), msg).severity(sev).help(HELP);
    }

    /// `headers.insert(ACCESS_CONTROL_ALLOW_ORIGIN, origin)` with the
    /// request's own `Origin`.
    fn check_method_call<'ast>(&self, cx: &mut Cx<'_, 'ast>, m: &'ast ExprMethodCall) {
        if m.args.len() != 2 || !is_allow_origin_header(&m.args[0]) {
            return;
        }
        let value = &m.args[1];
        let mirrored = reads_origin(value) || chain::init_of(cx, strip(value)).is_some_and(reads_origin);
        if !mirrored || dev_only(cx) {
            return;
        }
        cx.report_between(m.method.span(), m.paren_token.span.close(), "the request's `Origin` is copied into `Access-Control-Allow-Origin`: every origin is allowed")
            .help("compare the origin with an allow-list of your own front ends before echoing it, and send `Vary: Origin`");
    }
}

const HELP: &str = "list the origins that may call the API (`allow_origin([\"https://app.example.com\".parse()?])`, actix `allowed_origin(..)`, warp `allow_origins(..)`); never combine a wildcard or mirrored origin with credentials";

/// `CorsLayer::new()`, `Cors::default()`, `warp::cors()`, `AllowedOrigins::all()`:
/// the preset's name.
fn cors_root(cx: &Cx<'_, '_>, callee: &syn::Path) -> Option<&'static str> {
    let r = cx.resolve(callee);
    let root = r.segs.first().map(String::as_str).unwrap_or("");
    let last = r.last();
    let ty = if r.segs.len() >= 2 { r.segs[r.segs.len() - 2].as_str() } else { "" };
    let ours = if r.via_import || callee.segments.len() > 2 || root == "warp" {
        CORS_CRATES.contains(&root)
    } else {
        // `CorsLayer::new()` brought in by a glob, not a type of this file.
        matches!(ty, "CorsLayer" | "Cors" | "AllowedOrigins" | "CorsOptions") && !cx.file.text_contains(&format!("struct {ty}"))
    };
    if !ours {
        return None;
    }
    Some(match (ty, last) {
        ("CorsLayer" | "Cors", "very_permissive") => "very_permissive",
        ("CorsLayer" | "Cors", "permissive") => "permissive",
        ("CorsLayer" | "Cors" | "CorsOptions", "new" | "default") => "new",
        (_, "cors") if root == "warp" => "new",
        ("AllowedOrigins", "all") => "all",
        _ => return None,
    })
}

/// Record what one builder call does to the policy.
fn apply(p: &mut Policy, m: &ExprMethodCall) {
    let name = m.method.to_string();
    let arg = m.args.first();
    match name.as_str() {
        "allow_any_origin" => p.any_origin = Some("`allow_any_origin()` allows any origin"),
        "send_wildcard" => p.any_origin = Some("`send_wildcard()` allows any origin"),
        "allow_origin" | "allowed_origins" | "allow_origins" | "allowed_origin" => {
            if let Some(a) = arg {
                match origin_kind(a) {
                    Some(Origin::Any) => p.any_origin = Some("the allowed origin is `*`"),
                    Some(Origin::Mirror) => p.mirror = Some("the request's origin is mirrored"),
                    None => {}
                }
            }
        }
        "allowed_origin_fn" | "allow_origin_fn" if arg.is_some_and(always_true) => {
            p.mirror = Some("the origin predicate accepts every origin");
        }
        "allowed_methods" | "allow_methods" | "allow_method" => {
            let safe = arg.is_some_and(safe_methods);
            p.safe_methods_only = Some(p.safe_methods_only.unwrap_or(true) && safe);
        }
        "allow_any_method" => p.safe_methods_only = Some(false),
        "allow_credentials" => p.credentials = arg.is_some_and(|a| bool_lit(a) == Some(true)),
        "supports_credentials" => p.credentials = true,
        _ => {}
    }
}

/// The argument lists HTTP methods, all of them safe (GET, HEAD, OPTIONS):
/// `vec!["GET"]`, `[Method::GET, Method::HEAD]`, `Method::GET`. Anything
/// else (`Any`, a variable) is not known to be safe.
fn safe_methods(e: &Expr) -> bool {
    fn scan(tokens: proc_macro2::TokenStream, seen: &mut usize) -> bool {
        tokens.into_iter().all(|t| match t {
            proc_macro2::TokenTree::Ident(i) => {
                let n = i.to_string();
                if let Some(safe) = method_word(&n) {
                    *seen += 1;
                    return safe;
                }
                matches!(n.as_str(), "Method"
                        | "http"
                        | "hyper"
                        | "axum"
                        | "actix_web"
                        | "rocket"
                        | "vec"
                        | "Vec"
                        | "from"
                        | "From"
                        | "into"
                        | "iter"
                        | "into_iter"
                        | "map"
                        | "collect"
                )
            }
            proc_macro2::TokenTree::Literal(l) => {
                let text = l.to_string();
                let Some(s) = text.strip_prefix('"').and_then(|t| t.strip_suffix('"')) else { return false };
                *seen += 1;
                method_word(s).unwrap_or(false)
            }
            proc_macro2::TokenTree::Group(g) => scan(g.stream(), seen),
            proc_macro2::TokenTree::Punct(_) => true,
        })
    }
    let mut seen = 0;
    scan(quote::quote!(#e), &mut seen) && seen > 0
}

/// `Some(safe)` for an HTTP method name (any case).
fn method_word(s: &str) -> Option<bool> {
    match s.to_ascii_uppercase().as_str() {
        "GET" | "HEAD" | "OPTIONS" => Some(true),
        "POST" | "PUT" | "PATCH" | "DELETE" | "CONNECT" | "TRACE" => Some(false),
        _ => None,
    }
}

enum Origin {
    Any,
    Mirror,
}

fn origin_kind(e: &Expr) -> Option<Origin> {
    let e = strip_parens_and_refs(e);
    if str_lit(e).as_deref() == Some("*") {
        return Some(Origin::Any);
    }
    match e {
        Expr::Path(p) => {
            let last = p.path.segments.last()?.ident.to_string();
            (last == "Any").then_some(Origin::Any)
        }
        Expr::Call(c) => {
            let Expr::Path(p) = &*c.func else { return None };
            let last = p.path.segments.last()?.ident.to_string();
            match last.as_str() {
                "any" | "all" => Some(Origin::Any),
                "mirror_request" => Some(Origin::Mirror),
                "predicate" | "async_predicate" if c.args.first().is_some_and(always_true) => Some(Origin::Mirror),
                "from" | "exact" | "list" if c.args.len() == 1 => origin_kind(&c.args[0]),
                _ => None,
            }
        }
        Expr::MethodCall(m) if matches!(m.method.to_string().as_str(), "parse" | "unwrap" | "into") => origin_kind(&m.receiver),
        _ => None,
    }
}

/// `|_, _| true`
fn always_true(e: &Expr) -> bool {
    match strip_parens_and_refs(e) {
        Expr::Closure(c) => match &*c.body {
            Expr::Block(b) => matches!(b.block.stmts.as_slice(), [syn::Stmt::Expr(x, None)] if bool_lit(x) == Some(true)),
            body => bool_lit(body) == Some(true),
        },
        _ => false,
    }
}

/// The policy is built only for debug builds.
fn dev_only(cx: &Cx<'_, '_>) -> bool {
    let debug_cfg = |tokens: &proc_macro2::TokenStream| chain::mentions_ident(tokens, "debug_assertions");
    if cx.enclosing_fn().is_some_and(|f| f.attrs.iter().any(|a| a.path().is_ident("cfg") && debug_cfg(&quote::quote!(#a)))) {
        return true;
    }
    cx.ancestors().any(|a| match a {
        Ancestor::Expr(Expr::If(i)) => match &*i.cond {
            Expr::Macro(m) => m.mac.path.is_ident("cfg") && debug_cfg(&m.mac.tokens),
            _ => false,
        },
        _ => false,
    })
}

fn is_allow_origin_header(e: &Expr) -> bool {
    match strip_parens_and_refs(e) {
        Expr::Path(p) => p.path.segments.last().is_some_and(|s| s.ident == "ACCESS_CONTROL_ALLOW_ORIGIN"),
        other => str_lit(other).is_some_and(|s| s.eq_ignore_ascii_case("access-control-allow-origin")),
    }
}

fn strip(e: &Expr) -> &Expr {
    match strip_parens_and_refs(e) {
        Expr::MethodCall(m) if matches!(m.method.to_string().as_str(), "clone" | "to_owned" | "unwrap" | "into") => strip(&m.receiver),
        Expr::Try(t) => strip(&t.expr),
        other => other,
    }
}

/// The expression reads the request's `Origin` header.
fn reads_origin(e: &Expr) -> bool {
    use syn::visit::Visit;
    struct Find(bool);
    impl<'ast> Visit<'ast> for Find {
        fn visit_expr_method_call(&mut self, m: &'ast ExprMethodCall) {
            if matches!(m.method.to_string().as_str(), "get" | "get_all" | "header")
                && m.args.first().is_some_and(|a| match strip_parens_and_refs(a) {
                    Expr::Path(p) => p.path.segments.last().is_some_and(|s| s.ident == "ORIGIN"),
                    other => str_lit(other).is_some_and(|s| s.eq_ignore_ascii_case("origin")),
                })
            {
                self.0 = true;
            }
            syn::visit::visit_expr_method_call(self, m);
        }
    }
    let mut f = Find(false);
    f.visit_expr(e);
    f.0
}
