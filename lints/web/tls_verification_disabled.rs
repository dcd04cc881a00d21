use crate::rules::prelude::*;
use crate::syntax::exprs::bool_lit;
use syn::{Expr, ExprMethodCall};

declare_rule! {
    /// ### What it does
    /// Flags TLS clients and servers configured to accept any certificate or
    /// host name:
    ///
    /// - `danger_accept_invalid_certs(true)` and
    ///   `danger_accept_invalid_hostnames(true)` on reqwest, native-tls,
    ///   tokio-native-tls, async-native-tls, hyper-tls, attohttpc and other
    ///   builders with these methods; lettre's
    ///   `dangerous_accept_invalid_certs(true)`;
    /// - ureq's `TlsConfig::builder().disable_verification(true)`;
    /// - OpenSSL/BoringSSL `set_verify(SslVerifyMode::NONE)`,
    ///   `set_verify_callback(.., |_, _| true)` and
    ///   `configure()?.verify_hostname(false)` (also as used by actix-web,
    ///   awc, hyper-openssl, tokio-openssl);
    /// - curl's `ssl_verify_peer(false)` / `ssl_verify_host(false)`, isahc's
    ///   `SslOption::DANGER_ACCEPT_INVALID_CERTS`;
    /// - rustls (and so hyper-rustls, tokio-rustls, ureq 2): an
    ///   implementation of `ServerCertVerifier` or `ClientCertVerifier`
    ///   whose `verify_*` methods return `Ok(..)` without looking at the
    ///   certificate or signature they are given, typically installed with
    ///   `.dangerous().with_custom_certificate_verifier(..)`.
    ///
    /// A switch the user sets explicitly is that user's choice and is not
    /// reported: the flag is, or is guarded by (`if`, `match`), a setting
    /// named for it — `insecure`, `danger_*`, `accept_invalid_*`,
    /// `skip_verify`/`no_verify`/`verify`/`*_verification`, `skip_tls`
    /// (`danger_accept_invalid_certs(opts.insecure)`, a CLI's `--verify=no`
    /// in `match verify { Verify::No => b.danger_accept_invalid_certs(true) }`).
    /// A literal `true` (or a constant set to it) is reported high; a flag
    /// or a guard with any other origin (a request, the server's name, a
    /// variable named for something else) is reported medium, for every
    /// switch above.
    ///
    /// It also follows data: the server name a client verifies the
    /// certificate against (native-tls and tokio-native-tls
    /// `TlsConnector::connect(domain, ..)`, OpenSSL
    /// `ConnectConfiguration::connect`, tokio-rustls `TlsConnector::connect`
    /// and rustls `ClientConnection::new` with a `ServerName`) taken from
    /// data the peer sent — a `STARTTLS`-style plaintext greeting read off
    /// the socket (source kind `network`): the certificate is then checked
    /// against a name the man in the middle chose.
    ///
    /// ```rust
    /// use std::io::Read;
    /// use std::net::TcpStream;
    ///
    /// fn starttls(c: &native_tls::TlsConnector, mut tcp: TcpStream) -> Option<native_tls::TlsStream<TcpStream>> {
    ///     let mut name = String::new();
    ///     (&mut tcp).take(255).read_to_string(&mut name).ok()?;
    ///     c.connect(&name, tcp).ok() // the name the peer announced
    /// }
    /// ```
    ///
    /// ### Why is this bad?
    /// With verification off, anyone on the network path can present their
    /// own certificate and read or change the traffic (man-in-the-middle):
    /// credentials, tokens and data sent over "HTTPS" are exposed.
    ///
    /// ### Known problems
    /// The user's setting is recognised by its name: a setting called
    /// something else (`lax`, `dev_mode`) is reported at medium severity.
    /// Before switches set by the user's explicit setting were left out it
    /// had 3 findings on the real-world benchmark, all such switches,
    /// false; the 2 on the bench corpus are verifiers behind such an
    /// opt-out (`danger_accept_invalid_certs`, an `ssl_mode` without
    /// verification).
    ///
    /// ### Example
    /// ```rust
    /// fn client() -> reqwest::Result<reqwest::Client> {
    ///     reqwest::Client::builder().danger_accept_invalid_certs(true).build()
    /// }
    /// ```
    ///
    /// ### Use instead
    /// ```rust
    /// // Trust a private CA explicitly instead of disabling verification.
    /// fn client(ca_pem: &[u8]) -> reqwest::Result<reqwest::Client> {
    ///     let ca = reqwest::Certificate::from_pem(ca_pem)?;
    ///     reqwest::Client::builder().add_root_certificate(ca).build()
    /// }
    /// // native-tls: `TlsConnector::builder().add_root_certificate(ca)`;
    /// // rustls: add the CA to a `RootCertStore` and use
    /// // `ClientConfig::builder().with_root_certificates(roots)`;
    /// // OpenSSL: `builder.set_ca_file(path)` and keep `SslVerifyMode::PEER`.
    /// ```
    ///
    /// ### Fix
    /// Machine-applicable (`cargo sast --fix`): a switch that turns verification
    /// off unconditionally (`danger_accept_invalid_certs(true)`,
    /// `ssl_verify_peer(false)`, `verify_hostname(false)`, …) is removed —
    /// verification is every one of these libraries' default. A call alone on
    /// its line goes with its line (a comment above it stays); a statement
    /// `builder.danger_accept_invalid_certs(true);` goes whole.
    /// `set_verify(SslVerifyMode::NONE)` becomes `SslVerifyMode::PEER`:
    /// machine-applicable on an `SslConnector` (a client checks the server),
    /// maybe-incorrect elsewhere (`--fix --unsafe-fixes`: on an acceptor, `PEER`
    /// asks clients for certificates). Guarded switches, switches set from a
    /// variable and blind rustls verifiers get no fix: they need the user's
    /// decision or a real verifier.
    ///
    /// ### References
    /// - CWE-295: Improper Certificate Validation
    /// - OWASP Top 10 2021 A07: Identification and Authentication Failures
    /// - OWASP Top 10 2021 A02: Cryptographic Failures
    pub(crate) TlsVerificationDisabled {
        id: "tls-verification-disabled",
        name: "TlsCertificateVerificationDisabled",
        summary: "TLS certificate or host name verification is disabled",
        severity: High,
        precision: VeryHigh,
        measured: [
            Realworld { findings: 0, judged: 0, tp: 0, debatable: 0, when: "session 8 (a328b37)" },
            Corpus { findings: 2, judged: 2, tp: 0, debatable: 0, when: "session 8 (a328b37)" },
        ],
        cwe: [295],
        owasp: [A07, A02],
        tags: ["tls", "crypto"],
        options: [crate::rules::taint::sources_option("network")],
        fix: Mixed,
    }
}

/// A server name from the peer also reaches it: its data-flow sinks are the
/// crate models' `rule = "tls-verification-disabled"` entries
/// (`lints/models/network.toml`).
const SPEC: crate::rules::taint::TaintSpec = crate::rules::taint::TaintSpec::new();

/// Methods whose `true` argument turns verification off.
pub(crate) const DISABLE_ON_TRUE: &[(&str, &str)] = &[
    ("danger_accept_invalid_certs", "certificate"),
    ("danger_accept_invalid_hostnames", "host name"),
    ("dangerous_accept_invalid_certs", "certificate"),
    ("dangerous_accept_invalid_hostnames", "host name"),
    ("disable_verification", "certificate"),
];

/// Methods whose `false` argument turns verification off.
pub(crate) const DISABLE_ON_FALSE: &[(&str, &str)] =
    &[("ssl_verify_peer", "certificate"), ("ssl_verify_host", "host name"), ("verify_hostname", "host name")];

/// rustls verifier methods and the parameters they must look at.
const VERIFIER_METHODS: &[&str] =
    &["verify_server_cert", "verify_client_cert", "verify_tls12_signature", "verify_tls13_signature"];

const HELP: &str = "keep verification on; to trust a private CA, add it with `add_root_certificate` (reqwest, native-tls), a rustls `RootCertStore`, or `set_ca_file` (OpenSSL)";

impl Rule for TlsVerificationDisabled {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn interests(&self) -> Interests {
        Interests {
            keywords: &[
                "danger",
                "disable_verification",
                "ssl_verify_",
                "verify_hostname",
                "set_verify",
                "CertVerifier",
                "DANGER_ACCEPT",
            ],
            methods: &[
                "danger_accept_invalid_certs",
                "danger_accept_invalid_hostnames",
                "dangerous_accept_invalid_certs",
                "dangerous_accept_invalid_hostnames",
                "disable_verification",
                "ssl_verify_peer",
                "ssl_verify_host",
                "verify_hostname",
                "set_verify",
                "set_verify_callback",
                "ssl_options",
            ],
            nodes: node::ITEM,
            ..Default::default()
        }
    }

    fn taint(&self) -> Option<&'static crate::rules::taint::TaintSpec> {
        Some(&SPEC)
    }

    fn check_method_call<'ast>(&self, cx: &mut Cx<'_, 'ast>, m: &'ast ExprMethodCall) {
        let name = m.method.to_string();
        let args: Vec<&Expr> = m.args.iter().collect();
        match name.as_str() {
            "set_verify" | "set_verify_callback" => return self.openssl_verify(cx, m, &args),
            "ssl_options" => {
                if let [arg] = args[..]
                    && mentions_path(arg, "DANGER_ACCEPT_INVALID_CERTS")
                {
                    cx.report_between(m.method.span(), m.paren_token.span.close(), "TLS certificate verification is disabled")
                        .help(HELP);
                }
                return;
            }
            _ => {}
        }
        let [arg] = args[..] else { return };
        let (what, off_when) = match DISABLE_ON_TRUE.iter().find(|(n, _)| *n == name) {
            Some((_, w)) => (*w, true),
            None => match DISABLE_ON_FALSE.iter().find(|(n, _)| *n == name) {
                Some((_, w)) => (*w, false),
                None => return,
            },
        };
        match bool_value(cx, arg) {
            Some(v) if v != off_when => {}
            Some(_) => match guard(cx, m) {
                // `match args.verify { Verify::No => b.danger_accept_invalid_certs(true) }`:
                // the user's explicit choice.
                Some(Guard::UserSetting) => {}
                // `if peer_is_local { b = b.danger_accept_invalid_certs(true) }`.
                Some(Guard::Other(when)) => {
                    cx.report_between(
                        m.method.span(),
                        m.paren_token.span.close(),
                        format!("TLS {what} verification is disabled when {when}"),
                    )
                    .severity(Severity::Medium)
                    .help(HELP);
                }
                None => {
                    cx.report_between(m.method.span(), m.paren_token.span.close(), format!("TLS {what} verification is disabled"))
                        .help(HELP)
                        .suggest_with(
                            format!("remove `.{name}(..)`: verification is on by default"),
                            Applicability::MachineApplicable,
                            |f| [f.remove_method_call(m)],
                        );
                }
            },
            None => {
                // `danger_accept_invalid_certs(opts.insecure)`,
                // `verify_hostname(config.verify_hostname)`: the user's setting.
                if names_user_setting(cx, arg) {
                    return;
                }
                cx.report_between(
                    m.method.span(),
                    m.paren_token.span.close(),
                    format!("TLS {what} verification can be disabled at run time by `{}`", cx.file.snippet(arg.span())),
                )
                .severity(Severity::Medium)
                .help(HELP);
            }
        }
    }

    /// `impl ServerCertVerifier for AcceptAll { fn verify_server_cert(..) { Ok(..) } }`
    fn check_item<'ast>(&self, cx: &mut Cx<'_, 'ast>, item: &'ast syn::Item) {
        let syn::Item::Impl(imp) = item else { return };
        let Some((trait_path, _)) = &imp.trait_ else { return };
        let Some(last) = trait_path.segments.last() else { return };
        let server = last.ident == "ServerCertVerifier";
        if !server && last.ident != "ClientCertVerifier" {
            return;
        }
        let mut blind = Vec::new();
        for ii in &imp.items {
            let syn::ImplItem::Fn(f) = ii else { continue };
            let fname = f.sig.ident.to_string();
            if VERIFIER_METHODS.contains(&fname.as_str()) && accepts_anything(f) {
                blind.push(fname);
            }
        }
        if blind.is_empty() {
            return;
        }
        let who = if server { "server" } else { "client" };
        let list = blind.iter().map(|b| format!("`{b}`")).collect::<Vec<_>>().join(", ");
        cx.report_between(
            imp.impl_token.span,
            last.ident.span(),
            format!("this rustls verifier accepts any {who} certificate: {list} return(s) `Ok` without checking"),
        )
        .help("use `rustls::client::WebPkiServerVerifier` (or `rustls-platform-verifier`) with the CA you trust; a custom verifier must delegate to one");
    }
}

impl TlsVerificationDisabled {
    /// OpenSSL/BoringSSL `set_verify(SslVerifyMode::NONE)` and
    /// `set_verify_callback(mode, |_, _| true)`.
    fn openssl_verify<'ast>(&self, cx: &mut Cx<'_, 'ast>, m: &'ast ExprMethodCall, args: &[&'ast Expr]) {
        let Some(mode) = args.first() else { return };
        if mentions_path(mode, "NONE") && path_mentions(mode, "SslVerifyMode") {
            // `PEER` on a client connector checks the server; on an acceptor
            // it asks clients for certificates, which may not be wanted.
            let edit = match crate::syntax::exprs::strip_parens_and_refs(mode) {
                Expr::Path(p) => p.path.segments.last().and_then(|s| cx.file.replace_token(s.ident.span(), "NONE", "PEER")),
                _ => None,
            };
            let chain = crate::rules::chain::down(m);
            let root = crate::rules::chain::init_of(cx, chain.root).unwrap_or(chain.root);
            let connector = cx.file.snippet(root.span()).contains("SslConnector");
            let applicability = if connector { Applicability::MachineApplicable } else { Applicability::MaybeIncorrect };
            cx.report_between(m.method.span(), m.paren_token.span.close(), "TLS certificate verification is disabled (`SslVerifyMode::NONE`)")
                .help(HELP)
                .suggest("verify the peer (`SslVerifyMode::PEER`)", applicability, [edit]);
            return;
        }
        if m.method == "set_verify_callback"
            && let Some(Expr::Closure(c)) = args.get(1).map(|a| crate::syntax::exprs::strip_parens_and_refs(a))
            && bool_lit(&c.body) == Some(true)
        {
            cx.report_between(m.method.span(), m.paren_token.span.close(), "the TLS verify callback accepts every certificate")
                .help(HELP);
        }
    }
}

/// What a disabling call with a literal flag runs under.
enum Guard {
    /// An `if`/`match` on a setting named for this switch.
    UserSetting,
    /// A run-time condition of another origin, described.
    Other(String),
}

/// The enclosing `if` conditions and `match` scrutinees (not `cfg!(..)`)
/// the call runs under: the user's setting if any of them names one, else
/// the innermost other condition.
fn guard(cx: &Cx<'_, '_>, m: &ExprMethodCall) -> Option<Guard> {
    let at = cx.file.byte_range(m.method.span()).map(|(s, _)| s);
    let mut other = None;
    for a in cx.ancestors() {
        let crate::rules::cx::Ancestor::Expr(e) = a else { continue };
        match e {
            Expr::If(i) if !matches!(&*i.cond, Expr::Macro(_) | Expr::Lit(_)) => {
                if names_user_setting(cx, &i.cond) {
                    return Some(Guard::UserSetting);
                }
                other = other.or_else(|| Some(format!("`{}`", cx.file.snippet(i.cond.span()))));
            }
            Expr::Match(mt) => {
                if names_user_setting(cx, &mt.expr) {
                    return Some(Guard::UserSetting);
                }
                let arm = mt.arms.iter().find(|arm| {
                    let body = cx.file.byte_range(arm.body.span());
                    at.zip(body).is_some_and(|(p, (s, e))| s <= p && p < e)
                });
                if let Some(arm) = arm {
                    let pat = &arm.pat;
                    let pat = quote::quote!(#pat).to_string();
                    let pat = if pat.len() > 40 { "this arm".to_string() } else { format!("`{pat}`") };
                    other = other.or_else(|| Some(format!("`{}` matches {pat}", cx.file.snippet(mt.expr.span()))));
                }
            }
            _ => {}
        }
    }
    other.map(Guard::Other)
}

/// The expression reads a setting named for the switch (`opts.insecure`,
/// `!config.verify_tls`, `args.verify`), or is a local computed from one.
fn names_user_setting(cx: &Cx<'_, '_>, e: &Expr) -> bool {
    let tokens = quote::quote!(#e);
    if mentions_setting(&tokens) {
        return true;
    }
    // `let accept = cfg.insecure || cli.insecure; b.danger_accept_invalid_certs(accept)`
    let Some(local) = crate::rules::chain::local_name(crate::syntax::exprs::strip_parens_and_refs(e)) else { return false };
    let Some(f) = cx.enclosing_fn() else { return false };
    crate::rules::chain::binding_value(f, &local, crate::rules::chain::start_pos(e)).is_some_and(|init| {
        let tokens = quote::quote!(#init);
        mentions_setting(&tokens)
    })
}

fn mentions_setting(tokens: &proc_macro2::TokenStream) -> bool {
    tokens.clone().into_iter().any(|t| match t {
        proc_macro2::TokenTree::Ident(i) => is_setting_name(&i.to_string()),
        proc_macro2::TokenTree::Group(g) => mentions_setting(&g.stream()),
        _ => false,
    })
}

/// A name for the user's verification switch: `insecure`, `danger_*`,
/// `accept_invalid_certs`, `verify`, `tls_verify`, `hostname_verification`,
/// `skip_tls`, `no_cert_check`, `allow_self_signed_certs`.
fn is_setting_name(name: &str) -> bool {
    let w = crate::rules::secret_names::words(name);
    let has = |list: &[&str]| w.iter().any(|x| list.contains(&x.as_str()));
    has(&["insecure", "danger", "dangerous", "invalid", "verify", "verification", "unverified", "noverify", "insecurely"])
        || (has(&["skip", "no", "disable", "disabled", "ignore", "allow", "accept", "trust", "check", "validate", "validation"])
            && has(&["tls", "ssl", "cert", "certs", "certificate", "certificates", "hostname", "hostnames"]))
}

/// A flag known from the source: a literal, or a `const` of this file set
/// to one (`const ACCEPT_INVALID: bool = true;`).
fn bool_value(cx: &Cx<'_, '_>, e: &Expr) -> Option<bool> {
    if let Some(v) = bool_lit(e) {
        return Some(v);
    }
    let Expr::Path(p) = crate::syntax::exprs::strip_parens_and_refs(e) else { return None };
    let name = p.path.get_ident()?.to_string();
    if !crate::syntax::exprs::is_const_name(&name) {
        return None;
    }
    let text = &cx.file.text;
    let at = text.find(&format!("const {name}: bool"))?;
    let rest = &text[at..];
    let value = rest.get(rest.find('=')? + 1..rest.find(';')?)?.trim();
    match value {
        "true" => Some(true),
        "false" => Some(false),
        _ => None,
    }
}

/// A path in the expression (through `|` and calls) ends with `name`.
fn mentions_path(e: &Expr, name: &str) -> bool {
    match crate::syntax::exprs::strip_parens_and_refs(e) {
        Expr::Path(p) => p.path.segments.last().is_some_and(|s| s.ident == name),
        Expr::Binary(b) => mentions_path(&b.left, name) || mentions_path(&b.right, name),
        Expr::Call(c) => c.args.iter().any(|a| mentions_path(a, name)),
        _ => false,
    }
}

/// Some path in the expression has a segment `name`.
fn path_mentions(e: &Expr, name: &str) -> bool {
    match crate::syntax::exprs::strip_parens_and_refs(e) {
        Expr::Path(p) => p.path.segments.iter().any(|s| s.ident == name),
        Expr::Binary(b) => path_mentions(&b.left, name) || path_mentions(&b.right, name),
        _ => false,
    }
}

/// A verifier method that returns `Ok` without using any of its inputs
/// (other than `self`).
fn accepts_anything(f: &syn::ImplItemFn) -> bool {
    let params: Vec<String> = f
        .sig
        .inputs
        .iter()
        .filter_map(|a| match a {
            syn::FnArg::Typed(t) => crate::rules::chain::pat_name(&t.pat),
            syn::FnArg::Receiver(_) => None,
        })
        .filter(|n| !n.starts_with('_'))
        .collect();
    // `let _ = (cert, now);` only silences warnings.
    let stmts = f.block.stmts.iter().filter(|s| !matches!(s, syn::Stmt::Local(l) if matches!(l.pat, syn::Pat::Wild(_))));
    let tokens = quote::quote!(#(#stmts)*);
    if params.iter().any(|p| crate::rules::chain::mentions_ident(&tokens, p)) {
        return false;
    }
    // Delegating to `self.inner` or a helper counts as checking.
    if crate::rules::chain::mentions_ident(&tokens, "self") {
        return false;
    }
    crate::rules::chain::mentions_ident(&tokens, "Ok")
}
