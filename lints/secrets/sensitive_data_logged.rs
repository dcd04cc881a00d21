use crate::rules::prelude::*;
use crate::rules::chain::{self, Dest, NodeId};
use crate::syntax::exprs::{is_const_name, strip_parens_and_refs};
use crate::syntax::macros::{self, MacroArg, Placeholder};
use crate::rules::secret_names::{self, SecretKind};
use syn::{Expr, Macro};

declare_rule! {
    /// ### What it does
    /// Flags passwords, secrets, private and API keys, credentials and
    /// tokens written to logs, the console or error messages:
    ///
    /// - `log` (`info!`, `debug!`, …) and `tracing` macros — message
    ///   arguments, inline captures (`{password}`) and fields
    ///   (`password = %p`, `?token`, `%creds.secret`);
    /// - `tracing::instrument` on a function with a secret parameter that
    ///   is not `skip`ped;
    /// - `dbg!` (debug output left behind, wherever it is);
    /// - `println!`/`eprintln!`/`print!`/`eprint!` in server code: a web
    ///   request handler, or a file that uses a server framework (actix-web,
    ///   axum, rocket, warp, poem, hyper, tide, salvo, tonic, ntex), where
    ///   standard output is the service's log;
    /// - error and panic messages: `panic!`, `anyhow!`, `bail!`, `eyre!`,
    ///   `ensure!`, and `format!` passed to `Err(..)`, `.context(..)`,
    ///   `.expect(..)`;
    /// - HTTP responses: a `format!` given to `Html(..)` or `.body(..)`
    ///   that contains a password or a server secret (tokens and new API
    ///   keys are returned to clients by design).
    ///
    /// It looks at what is actually logged, not at words nearby:
    /// `password.len()`, `token.is_some()` and `&token[..6]` are not the
    /// secret; `password_hash_algorithm`, `token_count`, `secret_name` and
    /// `key_id` are not secrets; values typed `Secret<..>`/`SecretString`
    /// (which redact themselves) are not reported unless
    /// `expose_secret()` is called. A bare `token` counts only outside
    /// parser code. Names that say the value is a quantity or a name are
    /// not the secret: `BCRYPT_MAX_PASSWORD_BYTES` (a limit), `token_ttl`,
    /// an enum variant or type such as `Field::Password` (the name of a
    /// field, not its value). Severity is high for passwords, secrets and
    /// keys in logs, medium for tokens, one-time codes and console output.
    ///
    /// Console output outside server code is not reported: in a
    /// command-line tool (its binary or the library its commands live in)
    /// the console is the user's own terminal, and printing the password,
    /// token or generated key the user asked for is the feature.
    ///
    /// ### Why is this bad?
    /// Logs are copied to aggregators, support tickets and backups, read by
    /// far more people than the database, and kept for years. A password in
    /// a log line is a password leak; a token in one is a session takeover.
    ///
    /// ### Known problems
    /// Server code is recognised by its request handlers and framework
    /// imports: a library that prints a secret to standard output for
    /// debugging, or a server module that uses no framework type, is not
    /// reported for `println!` (log macros there still are). Before console
    /// output was limited to server code it reported 18 findings on the
    /// real-world benchmark, 6% true (CLIs showing what their user asked
    /// for, a limit named `…_MAX_PASSWORD_BYTES`, `Field::Password`).
    ///
    /// ### Example
    /// ```rust
    /// fn login(user: &str, password: &str) {
    ///     tracing::debug!("login attempt for {} with password {}", user, password);
    /// }
    /// ```
    ///
    /// ### Use instead
    /// ```rust
    /// fn login(user: &str, password: &str) {
    ///     tracing::debug!(user, password_len = password.len(), "login attempt");
    /// }
    /// // Wrap secrets in `secrecy::SecretString` so `{:?}` prints `[REDACTED]`,
    /// // and `#[tracing::instrument(skip(password))]`.
    /// ```
    ///
    /// ### References
    /// - CWE-532: Insertion of Sensitive Information into Log File
    /// - CWE-209: Generation of Error Message Containing Sensitive Information
    /// - OWASP Top 10 2021 A09: Security Logging and Monitoring Failures
    /// - OWASP Top 10 2021 A04: Insecure Design
    pub(crate) SensitiveDataLogged {
        id: "sensitive-data-logged",
        name: "SecretWrittenToLog",
        summary: "a password, secret, key or token is written to a log, the console or an error message",
        severity: High,
        precision: High,
        measured: [
            Realworld { findings: 1, judged: 1, tp: 1, debatable: 0, when: "session 8 (a328b37)" },
            Corpus { findings: 0, judged: 0, tp: 0, debatable: 0, when: "session 8 (a328b37)" },
        ],
        cwe: [532, 209],
        owasp: [A09, A04],
        tags: ["logging"],
    }
}

/// Where a macro writes.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Sink {
    Log,
    Console,
    Error,
    /// The body of an HTTP response.
    Response,
}

fn sink_of(name: &str) -> Option<Sink> {
    Some(match name {
        "trace" | "debug" | "info" | "warn" | "error" | "log" | "event" | "span" | "trace_span" | "debug_span"
        | "info_span" | "warn_span" | "error_span" | "dbg" => Sink::Log,
        "println" | "eprintln" | "print" | "eprint" => Sink::Console,
        "panic" | "unreachable" | "todo" | "unimplemented" | "anyhow" | "bail" | "eyre" | "format_err" | "ensure"
        | "format" => Sink::Error,
        _ => return None,
    })
}

/// Callees and methods whose argument becomes an error message.
const ERROR_DESTS: &[&str] = &["Err", "context", "wrap_err", "expect", "custom", "msg", "with_message"];

/// Callees and methods whose argument becomes an HTTP response body.
const RESPONSE_DESTS: &[&str] = &["Html", "body", "set_body", "send_body", "text", "Text"];

/// Methods that return the receiver's value (or a rendering of it).
const PRESERVING: &[&str] = &[
    "as_str", "as_ref", "as_bytes", "as_slice", "to_string", "to_owned", "clone", "unwrap", "expect", "unwrap_or_default",
    "as_deref", "deref", "borrow", "trim", "to_vec", "into_inner", "to_str", "to_string_lossy", "into_string", "into",
    "as_secret", "reveal", "get_ref", "display", "as_os_str",
];

/// Types that redact themselves when formatted.
const REDACTING_TYPES: &[&str] = &["Secret", "SecretString", "SecretBox", "SecretVec", "Redacted", "Masked", "Sensitive", "Protected"];

impl Rule for SensitiveDataLogged {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn interests(&self) -> Interests {
        Interests {
            keywords: &[
                "pass", "secret", "token", "key", "cred", "jwt", "otp", "pw", "Key", "KEY", "SECRET", "PASS", "TOKEN",
            ],
            macros: &[
                "trace", "debug", "info", "warn", "error", "log", "event", "span", "trace_span", "debug_span", "info_span",
                "warn_span", "error_span", "dbg", "println", "eprintln", "print", "eprint", "panic", "unreachable", "todo",
                "unimplemented", "anyhow", "bail", "eyre", "format_err", "ensure", "format",
            ],
            nodes: node::FN,
            ..Default::default()
        }
    }

    fn check_macro<'ast>(&self, cx: &mut Cx<'_, 'ast>, mac: &'ast Macro, _args: Option<&[&Expr]>) {
        let name = macros::macro_name(mac);
        let Some(sink) = sink_of(&name) else { return };
        let mut sink = sink;
        // The console is the service's log only in server code; elsewhere it
        // is the user's terminal.
        if sink == Sink::Console && !server_code(cx) {
            return;
        }
        if name == "format" {
            // Only a `format!` that becomes an error message or a response.
            let up = chain::up(cx, NodeId::of(mac));
            sink = match &up.dest {
                Some(Dest::Arg(callee)) if ERROR_DESTS.contains(&callee.as_str()) => Sink::Error,
                Some(Dest::Arg(callee)) if RESPONSE_DESTS.contains(&callee.as_str()) => Sink::Response,
                _ => return,
            };
        }
        if !mentions_secret_word(&mac.tokens) {
            return;
        }
        let args = macros::parse_args_cached(mac);
        // A bare `token` is a secret only in authentication code.
        let auth_fn = cx.enclosing_fn().is_some_and(|f| secret_names::is_auth_context(&f.name()));
        let parser = !auth_fn || secret_names::looks_like_parser(cx.file);
        let Some((kind, what, at)) = find_logged(cx, &args, parser) else { return };
        let (sev, place) = match sink {
            Sink::Log if name == "dbg" => (Severity::Medium, "debug output"),
            Sink::Log => (severity_of(kind), "a log"),
            Sink::Console => (Severity::Medium, "the console (the service's log)"),
            Sink::Error => (Severity::Medium, "an error message"),
            // Responses carry tokens and new API keys by design; a password
            // or a server secret has no business there.
            Sink::Response if matches!(kind, SecretKind::Password | SecretKind::Secret) => (Severity::High, "an HTTP response"),
            Sink::Response => return,
        };
        cx.report(at, format!("{} (`{what}`) is written to {place}", kind.describe()))
            .severity(sev)
            .help("log that the event happened, not the secret: drop the value, log a length or a fingerprint, or wrap it in `secrecy::SecretString` so it prints as `[REDACTED]`");
    }

    /// `#[tracing::instrument]` records every argument unless skipped.
    fn check_fn<'ast>(&self, cx: &mut Cx<'_, 'ast>, f: &FnLike<'ast>) {
        let Some(attr) = f.attrs.iter().find(|a| a.path().segments.last().is_some_and(|s| s.ident == "instrument")) else {
            return;
        };
        let tokens = match &attr.meta {
            syn::Meta::List(l) => l.tokens.clone(),
            _ => proc_macro2::TokenStream::new(),
        };
        if chain::mentions_ident(&tokens, "skip_all") {
            return;
        }
        let skipped = skipped_params(&tokens);
        for input in &f.sig.inputs {
            let syn::FnArg::Typed(t) = input else { continue };
            let Some(name) = chain::pat_name(&t.pat) else { continue };
            if skipped.contains(&name) || redacting_type(&t.ty) {
                continue;
            }
            if let Some(kind) = secret_names::classify(&name) {
                cx.report(t.pat.span(), format!("{} (`{name}`) is recorded by `#[instrument]`", kind.describe()))
                    .severity(severity_of(kind))
                    .help(format!("add `skip({name})` to `#[instrument]` (or `skip_all` and list the fields you want)"));
            }
        }
    }
}

/// Crates whose use marks a file as server code.
const SERVER_CRATES: &[&str] =
    &["actix_web", "axum", "rocket", "warp", "poem", "hyper", "tide", "salvo", "tonic", "ntex", "gotham", "trillium"];

/// A request handler, or a file that uses a server framework (imports or
/// paths `actix_web::…`, `axum::…`): standard output there is the log.
fn server_code(cx: &Cx<'_, '_>) -> bool {
    if cx.enclosing_fn().is_some_and(|f| crate::rules::web::is_request_handler(f, &cx.file.imports)) {
        return true;
    }
    SERVER_CRATES.iter().any(|c| cx.file.text_contains(&format!("{c}::")))
}

/// Words that make a name a quantity or a setting about the secret, not the
/// secret: `BCRYPT_MAX_PASSWORD_BYTES`, `password_min_length`, `token_ttl`.
const QUANTITY_WORDS: &[&str] = &[
    "max", "maximum", "min", "minimum", "limit", "limits", "len", "length", "size", "count", "num", "number", "ttl",
    "timeout", "expiry", "expires", "lifetime", "age", "duration", "rounds", "iterations", "cost",
];

fn quantity_name(name: &str) -> bool {
    secret_names::words(name).iter().any(|w| QUANTITY_WORDS.contains(&w.as_str()))
}

fn severity_of(k: SecretKind) -> Severity {
    match k {
        SecretKind::Password | SecretKind::Secret | SecretKind::Key => Severity::High,
        SecretKind::Token | SecretKind::Code => Severity::Medium,
    }
}

/// The first secret among what a macro writes: tracing fields, format
/// arguments, inline captures.
fn find_logged(cx: &Cx<'_, '_>, args: &[MacroArg], parser: bool) -> Option<(SecretKind, String, proc_macro2::Span)> {
    let msg_index = args.iter().position(|a| a.name.is_none() && is_str_lit(&a.expr));
    for (i, a) in args.iter().enumerate() {
        if Some(i) == msg_index {
            continue;
        }
        // `target: "db"`, `parent: &span`, `name: "x"`
        if let Some(n) = &a.name
            && matches!(n.to_string().as_str(), "target" | "parent" | "name" | "level")
        {
            continue;
        }
        if let Some((k, what)) = secret_value(cx, &a.expr, parser, 0) {
            return Some((k, what, a.expr.span()));
        }
        // A tracing field named like a secret: `password = %input`.
        if let Some(n) = &a.name
            && let Some(k) = secret_names::classify(&n.to_string())
            && plain_value(&a.expr)
        {
            return Some((k, n.to_string(), n.span()));
        }
    }
    // Inline captures: `"{password}"`, `"{token:?}"`.
    let msg = msg_index.and_then(|i| args.get(i))?;
    let Expr::Lit(syn::ExprLit { lit: syn::Lit::Str(s), .. }) = &msg.expr else { return None };
    let named: Vec<String> = args.iter().filter_map(|a| a.name.as_ref().map(|n| n.to_string())).collect();
    for ph in macros::format_placeholders(&s.value()) {
        let Placeholder::Name(n) = ph else { continue };
        if named.contains(&n) || !is_ident(&n) {
            continue;
        }
        let Some(k) = name_kind(&n, parser) else { continue };
        if typed_redacting(cx, &n) {
            continue;
        }
        return Some((k, n, s.span()));
    }
    None
}

fn is_ident(s: &str) -> bool {
    !s.is_empty() && s.chars().all(|c| c.is_alphanumeric() || c == '_') && !s.starts_with(|c: char| c.is_ascii_digit())
}

fn is_str_lit(e: &Expr) -> bool {
    matches!(e, Expr::Lit(syn::ExprLit { lit: syn::Lit::Str(_), .. }))
}

/// A path, a field, or a preserving chain of them (not a literal, a length
/// or a flag).
fn plain_value(e: &Expr) -> bool {
    match strip_parens_and_refs(e) {
        Expr::Path(_) | Expr::Field(_) => true,
        Expr::MethodCall(m) => PRESERVING.contains(&m.method.to_string().as_str()) && plain_value(&m.receiver),
        _ => false,
    }
}

fn name_kind(name: &str, parser: bool) -> Option<SecretKind> {
    if quantity_name(name) {
        return None;
    }
    secret_names::classify(name).or_else(|| (!parser && secret_names::is_bare_token(name)).then_some(SecretKind::Token))
}

/// Is the value of this expression a secret? Follows only operations that
/// keep the value (`as_str`, `clone`, `hex::encode`, `format!`).
fn secret_value(cx: &Cx<'_, '_>, e: &Expr, parser: bool, depth: u8) -> Option<(SecretKind, String)> {
    if depth > 4 {
        return None;
    }
    match strip_parens_and_refs(e) {
        Expr::Path(p) => {
            if p.qself.is_some() {
                return None;
            }
            let name = p.path.segments.last()?.ident.to_string();
            // `Field::Password`, `Kind::ApiKey`: an enum variant or a type
            // names a field, not its value.
            if p.path.segments.len() > 1 && name.starts_with(|c: char| c.is_uppercase()) && !is_const_name(&name) {
                return None;
            }
            let k = name_kind(&name, parser)?;
            if p.path.segments.len() == 1 && typed_redacting(cx, &name) {
                return None;
            }
            Some((k, name))
        }
        Expr::Field(f) => match &f.member {
            syn::Member::Named(n) => {
                let name = n.to_string();
                name_kind(&name, parser).map(|k| (k, name))
            }
            syn::Member::Unnamed(_) => None,
        },
        Expr::Unary(u) if matches!(u.op, syn::UnOp::Deref(_)) => secret_value(cx, &u.expr, parser, depth + 1),
        Expr::MethodCall(m) => {
            let name = m.method.to_string();
            if name == "expose_secret" || name == "expose" {
                let inner = secret_value(cx, &m.receiver, parser, depth + 1);
                return Some(inner.unwrap_or((SecretKind::Secret, "expose_secret()".into())));
            }
            if PRESERVING.contains(&name.as_str()) {
                return secret_value(cx, &m.receiver, parser, depth + 1);
            }
            // Accessors: `creds.password()`, `token.secret()`.
            if m.args.is_empty() {
                return secret_names::classify(&name).map(|k| (k, format!("{name}()")));
            }
            None
        }
        Expr::Call(c) => {
            let Expr::Path(p) = &*c.func else { return None };
            let f = p.path.segments.last()?.ident.to_string();
            if matches!(f.as_str(), "encode" | "from_utf8" | "from_utf8_lossy" | "from" | "to_hex" | "Some") && c.args.len() == 1 {
                return secret_value(cx, &c.args[0], parser, depth + 1);
            }
            None
        }
        Expr::Macro(m) if m.mac.path.is_ident("format") => {
            let args = macros::parse_args_cached(&m.mac);
            let msg = args.iter().position(|a| a.name.is_none() && is_str_lit(&a.expr));
            for (i, a) in args.iter().enumerate() {
                if Some(i) == msg {
                    if let Expr::Lit(syn::ExprLit { lit: syn::Lit::Str(s), .. }) = &a.expr {
                        for ph in macros::format_placeholders(&s.value()) {
                            if let Placeholder::Name(n) = ph
                                && is_ident(&n)
                                && let Some(k) = name_kind(&n, parser)
                            {
                                return Some((k, n));
                            }
                        }
                    }
                    continue;
                }
                if let Some(r) = secret_value(cx, &a.expr, parser, depth + 1) {
                    return Some(r);
                }
            }
            None
        }
        _ => None,
    }
}

/// The local or parameter `name` has a self-redacting type.
fn typed_redacting(cx: &Cx<'_, '_>, name: &str) -> bool {
    let Some(f) = cx.enclosing_fn() else { return false };
    let param = f.sig.inputs.iter().find_map(|a| match a {
        syn::FnArg::Typed(t) if chain::pat_name(&t.pat).as_deref() == Some(name) => Some(&*t.ty),
        _ => None,
    });
    if let Some(ty) = param {
        return redacting_type(ty);
    }
    if let Some(l) = chain::local_init(f, name, None)
        && let syn::Pat::Type(t) = &l.pat
    {
        return redacting_type(&t.ty);
    }
    false
}

fn redacting_type(ty: &syn::Type) -> bool {
    let t = quote::quote!(#ty).to_string();
    REDACTING_TYPES.iter().any(|r| t.split(|c: char| !c.is_alphanumeric() && c != '_').any(|w| w == *r))
}

/// Cheap pre-check on the macro's tokens before parsing its arguments: some
/// identifier or string mentions a secret-ish word.
fn mentions_secret_word(tokens: &proc_macro2::TokenStream) -> bool {
    const WORDS: &[&str] = &["pass", "secret", "token", "key", "cred", "jwt", "otp", "pw", "session", "code"];
    tokens.clone().into_iter().any(|t| match t {
        proc_macro2::TokenTree::Ident(i) => {
            let s = i.to_string().to_ascii_lowercase();
            WORDS.iter().any(|w| s.contains(w))
        }
        proc_macro2::TokenTree::Literal(l) => {
            let s = l.to_string().to_ascii_lowercase();
            s.contains('{') && WORDS.iter().any(|w| s.contains(w))
        }
        proc_macro2::TokenTree::Group(g) => mentions_secret_word(&g.stream()),
        proc_macro2::TokenTree::Punct(_) => false,
    })
}

/// Names in `skip(a, b)` of an `#[instrument(..)]`.
fn skipped_params(tokens: &proc_macro2::TokenStream) -> Vec<String> {
    let mut out = Vec::new();
    let mut it = tokens.clone().into_iter().peekable();
    while let Some(t) = it.next() {
        if let proc_macro2::TokenTree::Ident(i) = &t
            && i == "skip"
            && let Some(proc_macro2::TokenTree::Group(g)) = it.peek()
        {
            for inner in g.stream() {
                if let proc_macro2::TokenTree::Ident(n) = inner {
                    out.push(n.to_string());
                }
            }
        }
    }
    out
}
