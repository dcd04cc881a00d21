use crate::rules::prelude::*;
use crate::rules::chain::{self, NodeId};
use crate::syntax::exprs::{bool_lit, strip_parens_and_refs};
use proc_macro2::Span;
use std::net::Ipv4Addr;
use syn::{Expr, ExprCall, ExprMethodCall};

declare_rule! {
    /// ### What it does
    /// Flags requests and connections to `http://`, `ws://`, `ftp://` and
    /// `telnet://` URLs on non-local hosts: the URL given to an HTTP client
    /// (reqwest, ureq, hyper/http `Request::builder().uri(..)`, surf, isahc,
    /// attohttpc, awc, curl `easy.url(..)`), a WebSocket connect
    /// (tungstenite, tokio-tungstenite), directly, through `format!`, or
    /// through a local variable. Also flags lettre's
    /// `SmtpTransport::builder_dangerous(host)` (SMTP without TLS) and an
    /// explicit `https_only(false)` (reqwest, hyper-tls).
    ///
    /// Loopback, private and link-local addresses, single-label host names
    /// (`http://backend:8080`), `*.local`, `*.internal`, `*.svc` and the
    /// reserved example domains are not reported. A host filled in at run
    /// time (`format!("http://{}/", host)`) is reported only when the request
    /// carries credentials. A request that carries credentials
    /// (`basic_auth`, `bearer_auth`, an `Authorization` header, `user:pass@`
    /// in the URL) is reported at high severity, others at medium.
    ///
    /// ### Why is this bad?
    /// Cleartext traffic can be read and changed by anyone on the path:
    /// public Wi-Fi, an ISP, a compromised router. Credentials and session
    /// tokens are stolen, responses (including downloads) are replaced.
    ///
    /// ### Example
    /// ```rust
    /// fn notify(client: &reqwest::blocking::Client, token: &str) -> reqwest::Result<()> {
    ///     client.post("http://api.partner.com/notify").bearer_auth(token).send()?;
    ///     Ok(())
    /// }
    /// ```
    ///
    /// ### Use instead
    /// ```rust
    /// fn notify(client: &reqwest::blocking::Client, token: &str) -> reqwest::Result<()> {
    ///     client.post("https://api.partner.com/notify").bearer_auth(token).send()?;
    ///     Ok(())
    /// }
    /// // WebSockets: `wss://`; SMTP: `SmtpTransport::relay(host)` or
    /// // `starttls_relay(host)`; reqwest: `ClientBuilder::https_only(true)`.
    /// ```
    ///
    /// ### Fix
    /// Machine-applicable (`cargo sast --fix`): `https_only(false)` becomes
    /// `https_only(true)`. Maybe-incorrect (`--fix --unsafe-fixes`): a literal
    /// `http://` or `ws://` URL without an explicit port becomes `https://` or
    /// `wss://` — the peer may not serve TLS at that host. Other schemes, URLs
    /// with a port and hosts chosen at run time get no fix.
    ///
    /// ### References
    /// - CWE-319: Cleartext Transmission of Sensitive Information
    /// - CWE-523: Unprotected Transport of Credentials
    /// - OWASP Top 10 2021 A02: Cryptographic Failures
    pub(crate) CleartextTransport {
        id: "cleartext-transport",
        name: "CleartextNetworkTransport",
        summary: "a request or connection to a non-local host uses a cleartext protocol",
        severity: Medium,
        precision: High,
        measured: [
            Realworld { findings: 0, judged: 0, tp: 0, debatable: 0, when: "session 8 (a328b37)" },
            Corpus { findings: 0, judged: 0, tp: 0, debatable: 0, when: "session 8 (a328b37)" },
        ],
        cwe: [319, 523],
        owasp: [A02],
        tags: ["tls", "web"],
        fix: Mixed,
    }
}

/// Methods whose (first) argument is a request URL, and `https_only`
/// (handled before the URL check).
const REQUEST_METHODS: &[&str] = &[
    "get",
    "post",
    "put",
    "patch",
    "delete",
    "head",
    "request",
    "uri",
    "url",
    "connect",
    "base_url",
    "get_async",
    "post_async",
    "https_only",
];

/// Free functions whose (first or second) argument is a URL, and
/// `builder_dangerous` (handled before the URL check).
const REQUEST_FNS: &[&str] = &[
    "get",
    "post",
    "put",
    "patch",
    "delete",
    "head",
    "request",
    "connect",
    "connect_async",
    "connect_async_with_config",
    "connect_async_tls_with_config",
    "client_async",
    "from_static",
    "builder_dangerous",
];

/// Methods that attach credentials to a request.
const AUTH_METHODS: &[&str] = &["basic_auth", "bearer_auth", "auth", "set_auth", "credentials"];

impl Rule for CleartextTransport {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn interests(&self) -> Interests {
        Interests {
            keywords: &["http://", "ws://", "ftp://", "telnet://", "https_only", "builder_dangerous"],
            methods: REQUEST_METHODS,
            calls: REQUEST_FNS,
            ..Default::default()
        }
    }

    fn check_method_call<'ast>(&self, cx: &mut Cx<'_, 'ast>, m: &'ast ExprMethodCall) {
        let name = m.method.to_string();
        if name == "https_only" {
            if m.args.len() == 1 && bool_lit(&m.args[0]) == Some(false) {
                cx.report_between(m.method.span(), m.paren_token.span.close(), "HTTPS-only mode is explicitly turned off")
                    .severity(Severity::Low)
                    .help("use `https_only(true)` so a stray `http://` URL fails instead of sending data in cleartext")
                    .suggest_with("turn HTTPS-only mode on", Applicability::MachineApplicable, |f| {
                        [f.flip_bool_expr(&m.args[0])]
                    });
            }
            return;
        }
        if !REQUEST_METHODS.contains(&name.as_str()) {
            return;
        }
        // `client.request(Method::POST, url)`: the URL is the last argument.
        let Some(arg) = (if name == "request" { m.args.last() } else { m.args.first() }) else { return };
        if !scheme_in_fn(cx) {
            return;
        }
        let Some(url) = url_of(cx, arg, 0) else { return };
        let up = chain::up(cx, NodeId::of(m));
        let creds = up.calls.iter().any(|c| sends_credentials(c)) || url.userinfo;
        report(cx, &url, m.method.span(), creds);
    }

    fn check_call<'ast>(&self, cx: &mut Cx<'_, 'ast>, c: &'ast ExprCall, callee: &'ast syn::Path) {
        let r = cx.resolve(callee);
        let last = r.last();
        if last == "builder_dangerous" {
            if let Some(arg) = c.args.first()
                && let Some(host) = crate::syntax::exprs::str_lit(arg)
                && !is_local_host(&host)
            {
                cx.report(arg.span(), format!("SMTP to `{host}` without TLS (`builder_dangerous`)"))
                    .help("use `SmtpTransport::relay(host)` (TLS) or `starttls_relay(host)`");
            }
            return;
        }
        if !REQUEST_FNS.contains(&last) {
            return;
        }
        // `Request::get(url)`, `reqwest::get(url)`, `connect_async(url)`:
        // single-argument URL calls; `request(method, url)`.
        let arg = match (last, c.args.len()) {
            ("request", 2) => &c.args[1],
            (_, 1) => &c.args[0],
            _ => return,
        };
        if !scheme_in_fn(cx) {
            return;
        }
        let Some(url) = url_of(cx, arg, 0) else { return };
        let up = chain::up(cx, NodeId::of(c));
        let creds = up.calls.iter().any(|m| sends_credentials(m)) || url.userinfo;
        let at = callee.segments.last().map_or(c.paren_token.span.open(), |s| s.ident.span());
        report(cx, &url, at, creds);
    }
}

fn report(cx: &mut Cx<'_, '_>, url: &Url, at: Span, creds: bool) {
    // A host chosen at run time may well be local (a test server, a
    // sidecar): only worth a finding when credentials go with it.
    if url.host.is_none() && !creds {
        return;
    }
    let scheme = &url.scheme;
    let secure = match scheme.as_str() {
        "http" => "https",
        "ws" => "wss",
        "ftp" => "ftps or sftp",
        _ => "an encrypted protocol (SSH)",
    };
    let (msg, sev) = match (&url.host, creds) {
        (Some(h), true) => (format!("credentials are sent to `{h}` over cleartext `{scheme}://`"), Severity::High),
        (None, true) => (format!("credentials are sent over cleartext `{scheme}://`"), Severity::High),
        (Some(h), false) => (format!("cleartext `{scheme}://` connection to `{h}`"), Severity::Medium),
        (None, false) => (format!("cleartext `{scheme}://` URL with a host chosen at run time"), Severity::Medium),
    };
    let upgraded = format!("{}s", url.scheme);
    cx.report(url.span, msg)
        .severity(sev)
        .label(at, "the connection is made here")
        .help(format!("use {secure}://; if the peer is only reachable in cleartext, keep it on a private network"))
        .suggest_with(format!("use `{upgraded}://`"), Applicability::MaybeIncorrect, |f| [upgrade_scheme(f, url)]);
}

/// `"http://host/…"` → `"https://host/…"` (`ws` → `wss`) in the literal
/// as written; none with an explicit port (the TLS port differs) or for
/// other schemes. Maybe incorrect: the peer may not serve TLS.
fn upgrade_scheme(f: &crate::rules::file::FileCtx, url: &Url) -> Option<crate::finding::Edit> {
    if !matches!(url.scheme.as_str(), "http" | "ws") {
        return None;
    }
    let (s, e) = f.byte_range(url.span)?;
    let lit = f.text.get(s as usize..e as usize)?;
    let quote = lit.find('"')?;
    let rest = lit.get(quote + 1..)?;
    let after = rest.strip_prefix(url.scheme.as_str())?.strip_prefix("://")?;
    let authority = after.split(['/', '"', '?', '#']).next().unwrap_or("");
    let host_port = authority.rsplit('@').next().unwrap_or("");
    if host_port.contains(':') || host_port.contains('{') {
        return None;
    }
    let at = s + (quote + 1 + url.scheme.len()) as u32;
    f.edit(at, at, "s")
}

/// The enclosing function's text contains `://` (otherwise no literal in
/// it can be a URL, and local lookups are not worth doing).
fn scheme_in_fn(cx: &Cx<'_, '_>) -> bool {
    let Some(f) = cx.enclosing_fn() else { return true };
    let open = cx.file.byte_range(f.block.brace_token.span.open());
    let close = cx.file.byte_range(f.block.brace_token.span.close());
    match (open, close) {
        (Some((a, _)), Some((_, b))) => cx.file.text.get(a as usize..b as usize).is_none_or(|t| t.contains("://")),
        _ => true,
    }
}

/// A parsed cleartext URL.
struct Url {
    scheme: String,
    /// `None` when the host is a `format!` placeholder.
    host: Option<String>,
    userinfo: bool,
    span: Span,
}

/// The cleartext URL an argument evaluates to, as far as syntax shows.
fn url_of(cx: &Cx<'_, '_>, e: &Expr, depth: u8) -> Option<Url> {
    if depth > 3 {
        return None;
    }
    match strip_parens_and_refs(e) {
        Expr::Lit(l) => match &l.lit {
            syn::Lit::Str(s) => parse_url(&s.value(), s.span()),
            _ => None,
        },
        Expr::Macro(m) if m.mac.path.is_ident("format") => {
            let args = crate::syntax::macros::parse_args_cached(&m.mac);
            let first = args.first()?;
            match &first.expr {
                Expr::Lit(syn::ExprLit { lit: syn::Lit::Str(s), .. }) => parse_url(&s.value(), s.span()),
                _ => None,
            }
        }
        Expr::MethodCall(m)
            if matches!(
                m.method.to_string().as_str(),
                "as_str" | "as_ref" | "to_string" | "to_owned" | "clone" | "parse" | "into" | "unwrap" | "expect" | "try_into"
            ) =>
        {
            url_of(cx, &m.receiver, depth + 1)
        }
        Expr::Try(t) => url_of(cx, &t.expr, depth + 1),
        Expr::Call(c) => {
            let Expr::Path(p) = &*c.func else { return None };
            let last = p.path.segments.last()?.ident.to_string();
            (matches!(last.as_str(), "parse" | "from" | "from_static" | "from_str" | "new") && c.args.len() == 1)
                .then(|| url_of(cx, &c.args[0], depth + 1))
                .flatten()
        }
        e @ Expr::Path(_) => {
            let init = chain::init_of(cx, e)?;
            url_of(cx, init, depth + 1)
        }
        _ => None,
    }
}

fn parse_url(s: &str, span: Span) -> Option<Url> {
    let (scheme, rest) = s.split_once("://")?;
    let scheme = scheme.to_ascii_lowercase();
    if !matches!(scheme.as_str(), "http" | "ws" | "ftp" | "telnet") {
        return None;
    }
    let authority = rest.split(['/', '?', '#']).next().unwrap_or("");
    let (userinfo, hostport) = match authority.rsplit_once('@') {
        Some((_, h)) => (true, h),
        None => (false, authority),
    };
    let host = if hostport.starts_with('[') {
        hostport.split(']').next().map(|h| format!("{h}]")).unwrap_or_default()
    } else {
        hostport.split(':').next().unwrap_or("").to_string()
    };
    if host.is_empty() || host.contains('{') {
        // `http://{}/path`, `http://{host}:{port}`: chosen at run time.
        if host.is_empty() && !hostport.starts_with('{') {
            return None;
        }
        return Some(Url { scheme, host: None, userinfo, span });
    }
    if is_local_host(&host) {
        return None;
    }
    Some(Url { scheme, host: Some(host), userinfo, span })
}

/// Loopback, private, link-local, single-label and reserved names.
pub(crate) fn is_local_host(host: &str) -> bool {
    let h = host.trim_end_matches('.').to_ascii_lowercase();
    if h.is_empty() || h.starts_with('[') || h == "::1" {
        return true;
    }
    if let Ok(ip) = h.parse::<Ipv4Addr>() {
        return ip.is_loopback() || ip.is_private() || ip.is_link_local() || ip.is_unspecified() || ip.is_broadcast();
    }
    if !h.contains('.') {
        return true;
    }
    const LOCAL_SUFFIXES: &[&str] = &[
        ".localhost",
        ".local",
        ".internal",
        ".svc",
        ".cluster.local",
        ".lan",
        ".home.arpa",
        ".test",
        ".example",
        ".invalid",
        ".localdomain",
    ];
    const EXAMPLE: &[&str] = &["example.com", "example.org", "example.net"];
    LOCAL_SUFFIXES.iter().any(|s| h.ends_with(s))
        || EXAMPLE.iter().any(|d| h == *d || h.ends_with(&format!(".{d}")))
        || h.starts_with("localhost")
}

/// The call attaches credentials to the request.
fn sends_credentials(m: &ExprMethodCall) -> bool {
    let name = m.method.to_string();
    if AUTH_METHODS.contains(&name.as_str()) {
        return true;
    }
    if matches!(name.as_str(), "header" | "set" | "insert_header" | "append_header")
        && let Some(first) = m.args.first()
    {
        let text = match strip_parens_and_refs(first) {
            Expr::Lit(syn::ExprLit { lit: syn::Lit::Str(s), .. }) => s.value().to_ascii_lowercase(),
            Expr::Path(p) => p.path.segments.last().map(|s| s.ident.to_string().to_ascii_lowercase()).unwrap_or_default(),
            _ => String::new(),
        };
        return text == "authorization" || text == "cookie" || text == "x-api-key" || text.contains("token");
    }
    false
}
