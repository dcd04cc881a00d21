use crate::rules::prelude::*;
use crate::rules::chain::{self, Dest, NodeId};
use crate::syntax::exprs::{bool_lit, strip_parens_and_refs, str_lit};
use crate::rules::secret_names;
use syn::{Expr, ExprCall, ExprMethodCall};

declare_rule! {
    /// ### What it does
    /// Flags cookies and cookie-based sessions configured insecurely:
    ///
    /// - `secure(false)` / `set_secure(false)`, `http_only(false)` /
    ///   `set_http_only(false)` on a session or authentication cookie, and
    ///   `same_site(SameSite::None)` without `Secure` — in the `cookie`
    ///   crate and its re-exports (actix-web `actix_web::cookie`,
    ///   axum-extra `axum_extra::extract::cookie`, tower-cookies, rocket
    ///   `rocket::http`);
    /// - a session or authentication cookie (`session`, `sid`, `auth`,
    ///   `token`, `jwt`, `remember_me`, …) built without `Secure` or without
    ///   `HttpOnly` (`Cookie::new("session", id)` added to a jar). Rocket
    ///   sets both by default and is only checked for explicit `false`;
    /// - session middleware with an insecure cookie: actix-session
    ///   `cookie_secure(false)` / `cookie_http_only(false)`, tower-sessions
    ///   and axum-sessions `with_secure(false)` / `with_http_only(false)`,
    ///   actix-identity `CookieIdentityPolicy::secure(false)`.
    ///
    /// ### Why is this bad?
    /// Without `Secure` the browser also sends the cookie over plain HTTP,
    /// where anyone on the network reads it and takes over the session.
    /// Without `HttpOnly` any script on the page — one XSS is enough — can
    /// read it. `SameSite=None` without `Secure` is rejected by browsers and
    /// signals a cross-site cookie sent in cleartext.
    ///
    /// ### Known problems
    /// A cookie's role is read from its name: a token-named cookie that
    /// grants nothing (a short-lived marker, a preference) is reported like
    /// a session cookie. Its real-world finding is such a case: a 15-second
    /// `owner_token` cookie that only skips a read counter.
    ///
    /// ### Example
    /// ```rust
    /// use axum_extra::extract::cookie::{Cookie, CookieJar};
    /// fn login(jar: CookieJar, session_id: String) -> CookieJar {
    ///     jar.add(Cookie::build(("session", session_id)).secure(false).build())
    /// }
    /// ```
    ///
    /// ### Use instead
    /// ```rust
    /// use axum_extra::extract::cookie::{Cookie, CookieJar, SameSite};
    /// fn login(jar: CookieJar, session_id: String) -> CookieJar {
    ///     let cookie = Cookie::build(("session", session_id))
    ///         .secure(true)
    ///         .http_only(true)
    ///         .same_site(SameSite::Lax)
    ///         .path("/")
    ///         .build();
    ///     jar.add(cookie)
    /// }
    /// // actix-session: `SessionMiddleware::builder(store, key).cookie_secure(true)`;
    /// // tower-sessions: `SessionManagerLayer::new(store).with_secure(true)`.
    /// ```
    ///
    /// ### Fix
    /// Machine-applicable (`cargo sast --fix`): every `Secure` or `HttpOnly`
    /// switch the finding reports as off is turned on (`.secure(false)` →
    /// `.secure(true)`, `cookie_secure(false)` → `cookie_secure(true)`, …),
    /// and the attributes a session cookie built with `Cookie::build(..)` lacks
    /// are added right after the constructor (`.secure(true).http_only(true)`).
    /// A cookie made with `Cookie::new` (no builder) and switches turned off
    /// through a variable get no fix.
    ///
    /// ### References
    /// - CWE-614: Sensitive Cookie in HTTPS Session Without 'Secure' Attribute
    /// - CWE-1004: Sensitive Cookie Without 'HttpOnly' Flag
    /// - CWE-1275: Sensitive Cookie with Improper SameSite Attribute
    /// - OWASP Top 10 2021 A05: Security Misconfiguration
    /// - OWASP Top 10 2021 A01: Broken Access Control
    pub(crate) InsecureCookie {
        id: "insecure-cookie",
        name: "CookieWithoutSecurityAttributes",
        summary: "a session cookie lacks Secure or HttpOnly, or has SameSite=None without Secure",
        severity: Medium,
        precision: High,
        measured: [
            Realworld { findings: 1, judged: 1, tp: 0, debatable: 0, when: "session 8 (a328b37)" },
            Corpus { findings: 0, judged: 0, tp: 0, debatable: 0, when: "session 8 (a328b37)" },
        ],
        cwe: [614, 1004, 1275],
        owasp: [A05, A01],
        tags: ["web", "auth"],
        fix: Safe,
    }
}

/// Crates whose `Cookie` is the `cookie` crate's (or behaves like it).
const COOKIE_CRATES: &[&str] = &["cookie", "actix_web", "actix_http", "axum_extra", "tower_cookies", "rocket", "poem", "salvo", "warp"];

/// Session/identity middleware builders and their insecure switches.
const MIDDLEWARE_SWITCHES: &[(&str, &str)] = &[
    ("cookie_secure", "Secure"),
    ("cookie_http_only", "HttpOnly"),
    ("with_secure", "Secure"),
    ("with_http_only", "HttpOnly"),
];

/// Types whose `.secure(false)` / `.http_only(false)` configure a session cookie.
const SESSION_TYPES: &[&str] = &[
    "CookieIdentityPolicy",
    "CookieSession",
    "CookieSessionBackend",
    "SessionMiddleware",
    "SessionManagerLayer",
    "SessionLayer",
    "CookieConfig",
    "CookieSessionStore",
];

/// Cookie names that are meant to be read by scripts or carry no secret.
const PUBLIC_COOKIES: &[&str] = &["csrf", "xsrf", "theme", "lang", "locale", "consent", "tz", "timezone", "ui", "prefs", "preferences"];

impl Rule for InsecureCookie {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn interests(&self) -> Interests {
        Interests {
            keywords: &["Cookie", "cookie", "with_secure", "with_http_only", "Session"],
            calls: &["build", "new", "named"],
            methods: &[
                "secure",
                "http_only",
                "set_secure",
                "set_http_only",
                "cookie_secure",
                "cookie_http_only",
                "with_secure",
                "with_http_only",
            ],
            ..Default::default()
        }
    }

    /// `Cookie::build(..)`, `Cookie::new(..)`: the whole cookie at its root.
    fn check_call<'ast>(&self, cx: &mut Cx<'_, 'ast>, c: &'ast ExprCall, callee: &'ast syn::Path) {
        let Some(lib) = cookie_ctor(cx, callee) else { return };
        let name = cookie_name(c);
        let up = chain::up(cx, NodeId::of(c));
        let mut calls = up.calls.clone();
        // `let mut c = Cookie::new(..); c.set_secure(true);`
        if let Some(Dest::Let(local, _)) = &up.dest
            && let Some(f) = cx.enclosing_fn()
        {
            calls.extend(chain::calls_on(f.block, local));
        }
        let mut attrs = Attrs::default();
        for m in &calls {
            attrs.apply(m);
        }
        // The fix: every switch reported as off is turned on; attributes
        // missing from a builder are added right after its constructor.
        let mut fix = Vec::new();
        let segs: Vec<String> = callee.segments.iter().map(|s| s.ident.to_string()).collect();
        let is_builder = matches!(segs.as_slice(), [.., _, f] if f == "build") || segs.ends_with(&["CookieBuilder".into(), "new".into()]);
        let sensitive = name.as_deref().is_some_and(is_session_cookie);
        let label = name.clone().map_or_else(|| "this cookie".to_string(), |n| format!("cookie `{n}`"));
        let mut problems = Vec::new();
        let mut explicit = false;
        if attrs.secure == Some(false) {
            problems.push("`Secure` turned off");
            explicit = true;
            fix.extend(turn_on(cx, &calls, &["secure", "set_secure"]));
        }
        if attrs.http_only == Some(false) && !name.as_deref().is_some_and(is_public_cookie) && (sensitive || name.is_none()) {
            problems.push("`HttpOnly` turned off");
            explicit = true;
            fix.extend(turn_on(cx, &calls, &["http_only", "set_http_only"]));
        }
        let mut missing = String::new();
        if attrs.same_site_none && attrs.secure != Some(true) && attrs.secure != Some(false) {
            problems.push("`SameSite=None` without `Secure`");
            explicit = true;
            missing.push_str(".secure(true)");
        }
        // Defaults: only for session cookies completed here, and not for
        // rocket (which sets HttpOnly, and Secure under TLS, by itself),
        // nor for cookies that only delete one (`jar.remove(..)`, `.removal()`,
        // an empty value).
        let completed_elsewhere = returns_builder(cx, &up.dest) || is_removal(cx, c, callee, &up);
        if sensitive && lib != Lib::Rocket && !completed_elsewhere {
            if attrs.secure.is_none() && !attrs.same_site_none {
                problems.push("no `Secure` attribute");
                missing.push_str(".secure(true)");
            }
            if attrs.http_only.is_none() {
                problems.push("no `HttpOnly` attribute");
                missing.push_str(".http_only(true)");
            }
        }
        if problems.is_empty() {
            return;
        }
        if !missing.is_empty() {
            // `Cookie::new` is no builder: no chain to add to.
            fix.push(is_builder.then(|| cx.file.insert_after(c.paren_token.span.close(), &missing)).flatten());
        }
        let sev = if explicit && sensitive { Severity::High } else { Severity::Medium };
        let Some(first) = callee.segments.first() else { return };
        cx.report_between(first.ident.span(), c.paren_token.span.close(), format!("{label}: {}", problems.join(", ")))
            .severity(sev)
            .help("set `.secure(true)` and `.http_only(true)` on session cookies (and `SameSite=Lax` or `Strict` unless the cookie must be cross-site)")
            .suggest("turn `Secure` and `HttpOnly` on", Applicability::MachineApplicable, fix);
    }

    /// Session middleware switches and `set_secure(false)` on a cookie that
    /// was not built in this function.
    fn check_method_call<'ast>(&self, cx: &mut Cx<'_, 'ast>, m: &'ast ExprMethodCall) {
        let name = m.method.to_string();
        let [arg] = m.args.iter().collect::<Vec<_>>()[..] else { return };
        if bool_lit(arg) != Some(false) {
            return;
        }
        let attr = if let Some((_, a)) = MIDDLEWARE_SWITCHES.iter().find(|(n, _)| *n == name) {
            *a
        } else {
            let chain = chain::down(m);
            let root = root_init(cx, chain.root);
            if cookie_root(cx, root) {
                // Reported with the cookie, at its constructor.
                return;
            }
            let session_type = type_of_root(cx, chain.root, root).is_some_and(|t| SESSION_TYPES.contains(&t.as_str()) || t == "Cookie" || t == "CookieBuilder");
            if !session_type {
                return;
            }
            match name.as_str() {
                "secure" | "set_secure" => "Secure",
                _ => "HttpOnly",
            }
        };
        cx.report_between(m.method.span(), m.paren_token.span.close(), format!("cookie with `{attr}` turned off"))
            .help(format!("keep `{attr}` on for session cookies (the middleware default); for local development over plain HTTP, make it a setting that is on in production"))
            .suggest_with(format!("turn `{attr}` on"), Applicability::MachineApplicable, |f| [f.flip_bool_expr(arg)]);
    }
}

/// `false` → `true` in every call of `names` with a literal `false`; a
/// switch turned off some other way (`Some(false)`, a constant) makes no
/// fix (`None`).
fn turn_on(cx: &Cx<'_, '_>, calls: &[&ExprMethodCall], names: &[&str]) -> Vec<Option<crate::finding::Edit>> {
    let mut out = Vec::new();
    for m in calls.iter().filter(|m| names.iter().any(|n| m.method == n)) {
        match m.args.first().map(|a| (bool_lit(a), a)) {
            Some((Some(true), _)) => {}
            Some((_, a)) => out.push(cx.file.flip_bool_expr(a)),
            None => out.push(None),
        }
    }
    if out.is_empty() {
        out.push(None);
    }
    out
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Lib {
    Rocket,
    Other,
}

/// `Cookie::build` / `Cookie::new` / `Cookie::named` / `CookieBuilder::new`
/// of a cookie crate.
fn cookie_ctor(cx: &Cx<'_, '_>, callee: &syn::Path) -> Option<Lib> {
    let segs = &callee.segments;
    // Cheap filter first: the type segment is written `Cookie`, `CookieBuilder`
    // or an alias that says so (`ActixCookie`).
    if segs.len() < 2 || !segs[segs.len() - 2].ident.to_string().contains("Cookie") {
        return None;
    }
    let r = cx.resolve(callee);
    if r.segs.len() < 2 {
        return None;
    }
    let ty = r.segs[r.segs.len() - 2].as_str();
    let f = r.last();
    let ok = match ty {
        "Cookie" => matches!(f, "build" | "new" | "named"),
        "CookieBuilder" => f == "new",
        _ => false,
    };
    if !ok {
        return None;
    }
    let root = r.segs.first().map(String::as_str).unwrap_or("");
    if r.via_import && !COOKIE_CRATES.contains(&root) {
        return None;
    }
    if !r.via_import && segs.len() == 2 && defines_cookie(cx) {
        return None;
    }
    Some(if root == "rocket" { Lib::Rocket } else { Lib::Other })
}

fn defines_cookie(cx: &Cx<'_, '_>) -> bool {
    cx.file.text_contains_any(&["struct Cookie", "struct CookieBuilder"])
}

/// The cookie's name: `("session", v)`, `"session", v`, or a constant's name.
fn cookie_name(c: &ExprCall) -> Option<String> {
    let first = c.args.first()?;
    let first = match strip_parens_and_refs(first) {
        Expr::Tuple(t) => t.elems.first()?,
        e => e,
    };
    if let Some(s) = str_lit(first) {
        return Some(s);
    }
    match strip_parens_and_refs(first) {
        Expr::Path(p) => p.path.segments.last().map(|s| s.ident.to_string()),
        _ => None,
    }
}

/// Session and authentication cookies.
fn is_session_cookie(name: &str) -> bool {
    let n = name.to_ascii_lowercase();
    if is_public_cookie(&n) {
        return false;
    }
    let words = secret_names::words(name);
    words.iter().any(|w| {
        matches!(
            w.as_str(),
            "session" | "sess" | "sid" | "sessionid" | "auth" | "token" | "jwt" | "remember" | "login" | "identity" | "id"
                | "access" | "refresh" | "bearer" | "credentials"
        )
    }) || n.starts_with("__host-")
        || n.starts_with("__secure-")
        || n == "connect.sid"
        || n == "phpsessid"
        || n == "jsessionid"
}

fn is_public_cookie(name: &str) -> bool {
    let n = name.to_ascii_lowercase();
    PUBLIC_COOKIES.iter().any(|p| n.contains(p))
}

/// A cookie built only to delete the browser's copy: a name without a value
/// (`Cookie::named("sid")`, `Cookie::build("sid")`), an empty value,
/// `.removal()`, or handed to `jar.remove(..)` (directly or through a local).
fn is_removal(cx: &Cx<'_, '_>, c: &ExprCall, callee: &syn::Path, up: &chain::Up<'_>) -> bool {
    let name_only = callee.segments.last().is_some_and(|s| s.ident == "named")
        || (c.args.len() == 1 && !matches!(c.args.first().map(strip_parens_and_refs), Some(Expr::Tuple(_))));
    let empty_value = match c.args.first().map(strip_parens_and_refs) {
        Some(Expr::Tuple(t)) => t.elems.iter().nth(1).and_then(str_lit).is_some_and(|v| v.is_empty()),
        _ => c.args.iter().nth(1).and_then(str_lit).is_some_and(|v| v.is_empty()),
    };
    let removed = |f: &str| f.starts_with("remove") || f == "force_remove";
    let handed_to_remove = match &up.dest {
        Some(Dest::Arg(f)) => removed(f),
        Some(Dest::Let(local, _)) => cx.enclosing_fn().is_some_and(|f| {
            crate::rules::chain::calls_in(f.block, |m| {
                removed(&m.method.to_string()) && m.args.first().and_then(chain::local_name).as_deref() == Some(local.as_str())
            })
        }),
        _ => false,
    };
    name_only
        || empty_value
        || handed_to_remove
        || up.calls.iter().any(|m| matches!(m.method.to_string().as_str(), "removal" | "make_removal" | "expires_in_past"))
}

/// The cookie is returned as a builder for the caller to finish.
fn returns_builder(cx: &Cx<'_, '_>, dest: &Option<Dest<'_>>) -> bool {
    let Some(Dest::Return(_)) = dest else { return false };
    let Some(f) = cx.enclosing_fn() else { return false };
    match &f.sig.output {
        syn::ReturnType::Type(_, ty) => {
            let t = quote::quote!(#ty).to_string();
            t.contains("Builder")
        }
        syn::ReturnType::Default => false,
    }
}

/// Attributes set on a cookie.
#[derive(Default)]
struct Attrs {
    secure: Option<bool>,
    http_only: Option<bool>,
    same_site_none: bool,
}

impl Attrs {
    fn apply(&mut self, m: &ExprMethodCall) {
        let name = m.method.to_string();
        let arg = m.args.first();
        let val = |a: Option<&Expr>| match a {
            Some(a) => match strip_parens_and_refs(a) {
                Expr::Call(c) if matches!(&*c.func, Expr::Path(p) if p.path.is_ident("Some")) => c.args.first().and_then(bool_lit),
                e => bool_lit(e),
            },
            None => Some(true),
        };
        match name.as_str() {
            "secure" | "set_secure" => {
                // A variable (a setting) counts as set.
                self.secure = Some(val(arg).unwrap_or(true));
            }
            "http_only" | "set_http_only" => self.http_only = Some(val(arg).unwrap_or(true)),
            "same_site" | "set_same_site" => {
                self.same_site_none = arg.is_some_and(|a| {
                    matches!(strip_parens_and_refs(a), Expr::Path(p) if p.path.segments.last().is_some_and(|s| s.ident == "None"))
                        || matches!(strip_parens_and_refs(a), Expr::Call(c) if c.args.first().is_some_and(|x| matches!(strip_parens_and_refs(x), Expr::Path(p) if p.path.segments.last().is_some_and(|s| s.ident == "None"))))
                });
            }
            _ => {}
        }
    }
}

/// The expression a chain starts from, through one local.
fn root_init<'ast>(cx: &Cx<'_, 'ast>, root: &'ast Expr) -> &'ast Expr {
    match chain::local_name(root) {
        Some(_) => chain::init_of(cx, root).unwrap_or(root),
        None => root,
    }
}

fn cookie_root(cx: &Cx<'_, '_>, e: &Expr) -> bool {
    let e = strip_chain(e);
    match e {
        Expr::Call(c) => matches!(&*c.func, Expr::Path(p) if cookie_ctor(cx, &p.path).is_some()),
        _ => false,
    }
}

/// The innermost call of a chain (`Cookie::build(..)` in `Cookie::build(..).path("/")`).
fn strip_chain(e: &Expr) -> &Expr {
    match strip_parens_and_refs(e) {
        Expr::MethodCall(m) => strip_chain(&m.receiver),
        Expr::Try(t) => strip_chain(&t.expr),
        other => other,
    }
}

/// The type a chain root comes from: `Type::ctor(..)`, or a parameter's type.
fn type_of_root(cx: &Cx<'_, '_>, written: &Expr, init: &Expr) -> Option<String> {
    if let Expr::Call(c) = strip_chain(init)
        && let Expr::Path(p) = &*c.func
    {
        let segs = &p.path.segments;
        if segs.len() >= 2 {
            return Some(segs[segs.len() - 2].ident.to_string());
        }
    }
    let name = chain::local_name(written)?;
    let f = cx.enclosing_fn()?;
    f.sig.inputs.iter().find_map(|a| match a {
        syn::FnArg::Typed(t) if chain::pat_name(&t.pat).as_deref() == Some(name.as_str()) => {
            crate::rules::web::type_name(&t.ty)
        }
        _ => None,
    })
}
