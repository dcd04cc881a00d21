use syn::{BinOp, Expr, ExprCall, ExprMethodCall, Lit};

use crate::rules::prelude::*;
use crate::secrets::policy::{self, Reach, Region};
use crate::lints::secrets::pieces;
use crate::lints::secrets::syntax::{self as ss, Named};
use crate::secrets::names::{self, SecretKind};
use crate::secrets::{text, values};
use crate::secrets::claimed_by_format;

declare_rule! {
    /// ### What it does
    /// Flags literal passwords, secrets, tokens and API keys identified by
    /// what they are bound to or passed to, rather than by their format:
    ///
    /// - bound to a name that says it holds a credential: `let`, `const`,
    ///   `static`, struct fields (`Config { password: "…" }`), assignments
    ///   (`cfg.api_key = "…"`), `(name, value)` pairs and
    ///   `map.insert("client_secret", "…")`, `"key": "value"` pairs of
    ///   `serde_json::json!` bodies, a `const`/`static`/`let` whose value
    ///   is `concat!` pieces (`concat!("Pylon+", "Nectar")`), and the pairs of config snippets in
    ///   literals (`"DB_PASSWORD=…\n…"`, `export API_TOKEN=…`, YAML, JSON
    ///   or TOML lines; values with spaces are prose there) — where the
    ///   credential word is
    ///   the head of the name (`DB_PASSWORD`, `clientSecret`, `api_key`,
    ///   not `PASSWORD_FIELD`, `token_url` or `next_token`);
    /// - compared with such a name (`if password == "…"`: a backdoor; a
    ///   field of a `static` — the application's own configuration, as in
    ///   `ARGS.admin_password == "…"` — compared with a literal is a check
    ///   for a known default and is not reported);
    /// - passed where an API expects a credential: `.password("…")`
    ///   builders (sqlx `PgConnectOptions`, mongodb, lettre, …),
    ///   `basic_auth(user, Some("…"))`, `bearer_auth("…")`, an
    ///   `Authorization`/`X-Api-Key` header value, `Credentials::new(user,
    ///   "…")`, `Authorization::basic`/`bearer` — also through a constant
    ///   defined elsewhere in the file.
    ///
    /// Placeholders and example values (`changeme`, `<password>`,
    /// `${VAR}`, `your-api-key`, `xxxx`, runs of one character, `password`,
    /// `test123`), empty strings, values read from the environment or a
    /// secret manager, lookup keys that repeat the name (`"api_key"`,
    /// `"X-Api-Key"`), URLs, paths and prose are not reported. Tokens and
    /// keys must look random (length and entropy); passwords may be short.
    /// `Basic` credentials are judged by their decoded password, and a
    /// value that is base64 of text (a Kubernetes `data:` value) by what
    /// it encodes. In test
    /// code and test data (`tests/`, `testdata/`, `fixtures/`, …) a value
    /// that looks like a test value (short, dictionary words, `test`,
    /// `dummy`, `wrong`, a sequence, the name itself, a password hash) is
    /// not reported, and any other one is reported one severity lower
    /// (`test-code` policy `lower`; `report` keeps test values too). The same check runs on
    /// `key = value` lines of `.env`, TOML, YAML, JSON, INI and properties
    /// files.
    ///
    /// A value that `hardcoded-secret`, `connection-string-password` or
    /// `hardcoded-crypto-key` reports is not reported again here.
    ///
    /// ### Why is this bad?
    /// A password in the source is shared with everyone who can read the
    /// repository or the binary, cannot be rotated without a release, and
    /// is usually the same in every deployment. A literal compared with a
    /// user-supplied password is a backdoor.
    ///
    /// ### Example
    /// ```rust
    /// fn options() -> sqlx::postgres::PgConnectOptions {
    ///     sqlx::postgres::PgConnectOptions::new().host("db.internal").username("app").password("Xk8#mQ2vLp9wRz")
    /// }
    /// ```
    ///
    /// ### Use instead
    /// ```rust
    /// fn options() -> Result<sqlx::postgres::PgConnectOptions, std::env::VarError> {
    ///     let password = std::env::var("DB_PASSWORD")?;
    ///     Ok(sqlx::postgres::PgConnectOptions::new().host("db.internal").username("app").password(&password))
    /// }
    /// ```
    ///
    /// ### References
    /// - CWE-798: Use of Hard-coded Credentials
    /// - CWE-259: Use of Hard-coded Password
    /// - OWASP Top 10 2021 A07: Identification and Authentication Failures
    /// - OWASP Secrets Management Cheat Sheet
    pub(crate) HardcodedCredential {
        id: "hardcoded-credential",
        name: "HardcodedPasswordOrToken",
        summary: "a literal password, secret, token or API key is bound to a credential name or passed to a credential API",
        severity: High,
        precision: High,
        measured: [
            Realworld { findings: 6, judged: 6, tp: 6, debatable: 0, when: "session 8 (a328b37)" },
            Corpus { findings: 1, judged: 1, tp: 0, debatable: 0, when: "session 8 (a328b37)" },
            Secrets { findings: 115, judged: 115, tp: 115, debatable: 0, when: "session 8 (a328b37)" },
        ],
        cwe: [798, 259],
        owasp: [A07],
        tags: ["secrets"],
        test_code: Lower,
    }
}

const HELP: &str = "load the credential at run time (environment, secret manager, a git-ignored local config file), and rotate the committed value";

/// Header names whose value is a credential.
fn is_auth_header(name: &str) -> bool {
    let n = name.to_ascii_lowercase().replace('_', "-");
    matches!(
        n.as_str(),
        "authorization" | "proxy-authorization" | "x-api-key" | "api-key" | "apikey" | "x-auth-token" | "x-access-token"
            | "private-token" | "x-goog-api-key" | "x-functions-key" | "ocp-apim-subscription-key" | "x-vault-token"
            | "x-figma-token" | "x-shopify-access-token" | "x-riot-token" | "x-rapidapi-key" | "x-token"
            | "x-api-token" | "x-auth-key" | "x-secret" | "x-client-secret" | "cookie"
    )
}

/// The credential part of a header value: `Bearer xyz` → `xyz`.
fn strip_scheme(v: &str) -> (&str, SecretKind) {
    let t = v.trim();
    for (p, k) in [("Bearer ", SecretKind::Token), ("Token ", SecretKind::Token), ("token ", SecretKind::Token), ("Basic ", SecretKind::Password), ("Bot ", SecretKind::Token), ("ApiKey ", SecretKind::Token), ("Key ", SecretKind::Token)] {
        if let Some(r) = t.strip_prefix(p) {
            return (r.trim(), k);
        }
    }
    (t, SecretKind::Token)
}

/// The password of a `Basic` credential (`base64(user:password)`).
fn basic_password(b64: &str) -> Option<String> {
    use base64::Engine as _;
    let bytes = base64::engine::general_purpose::STANDARD.decode(b64.trim()).ok()?;
    let text = String::from_utf8(bytes).ok()?;
    Some(text.split_once(':')?.1.to_string())
}

/// Credential-taking methods: (method, argument index, kind).
const METHODS: &[(&str, usize, SecretKind)] = &[
    ("password", 0, SecretKind::Password),
    ("set_password", 0, SecretKind::Password),
    ("with_password", 0, SecretKind::Password),
    ("pass", 0, SecretKind::Password),
    ("passwd", 0, SecretKind::Password),
    ("passphrase", 0, SecretKind::Password),
    ("set_passphrase", 0, SecretKind::Password),
    ("basic_auth", 1, SecretKind::Password),
    ("bearer_auth", 0, SecretKind::Token),
    ("token", 0, SecretKind::Token),
    ("set_token", 0, SecretKind::Token),
    ("with_token", 0, SecretKind::Token),
    ("auth_token", 0, SecretKind::Token),
    ("access_token", 0, SecretKind::Token),
    ("personal_token", 0, SecretKind::Token),
    ("api_key", 0, SecretKind::Token),
    ("set_api_key", 0, SecretKind::Token),
    ("with_api_key", 0, SecretKind::Token),
    ("apikey", 0, SecretKind::Token),
    ("client_secret", 0, SecretKind::Secret),
    ("set_client_secret", 0, SecretKind::Secret),
    ("with_client_secret", 0, SecretKind::Secret),
    ("secret", 0, SecretKind::Secret),
    ("secret_key", 0, SecretKind::Key),
    ("secret_access_key", 0, SecretKind::Key),
];

/// Credential-taking functions: (type, function, argument index, kind).
const CALLS: &[(&str, &str, usize, SecretKind)] = &[
    ("Credentials", "new", 1, SecretKind::Password),
    ("Credentials", "from_keys", 1, SecretKind::Key),
    ("StaticProvider", "new", 1, SecretKind::Key),
    ("BasicAuth", "new", 1, SecretKind::Password),
    ("Authorization", "basic", 1, SecretKind::Password),
    ("Authorization", "bearer", 0, SecretKind::Token),
    ("Basic", "new", 1, SecretKind::Password),
    ("Bearer", "new", 0, SecretKind::Token),
    ("Auth", "basic", 1, SecretKind::Password),
    ("Auth", "bearer", 0, SecretKind::Token),
];

/// A literal argument, or the literal of a constant it names: (literal,
/// constant name and the argument's span when it came from a constant).
fn arg_literal<'ast>(cx: &Cx<'_, 'ast>, e: &'ast Expr) -> Option<(&'ast Lit, Option<String>)> {
    if let Some(l) = ss::string_lit(e) {
        return Some((l, None));
    }
    let Expr::Path(p) = ss::strip_value_conversions(e) else { return None };
    let name = p.path.get_ident()?.to_string();
    if !crate::syntax::exprs::is_const_name(&name) {
        return None;
    }
    let (_, init) = ss::find_const(cx.scope.root?, &name)?;
    Some((ss::string_lit(init)?, Some(name)))
}

/// The credential a value bound to `name` holds, when it is a plausible
/// one that no more specific rule claims: the value itself, the token
/// after an `Authorization` scheme, or the password of `Basic` credentials.
fn judged_value(cx: &Cx<'_, '_>, value: &str, name: &str, kind: SecretKind) -> Option<String> {
    let (v, kind) = if kind == SecretKind::Token && is_auth_header(name) { strip_scheme(value) } else { (value, kind) };
    // `Basic <base64 of user:password>` is judged by its password.
    let decoded = if v.len() < value.trim().len() && value.trim().starts_with("Basic ") { basic_password(v) } else { None };
    let v = decoded.as_deref().unwrap_or(v);
    if !values::plausible(v, kind, name) || claimed_by_format(Some(name), v) || cx.settings.secrets.allowed_value(v) {
        return None;
    }
    Some(v.to_string())
}

impl HardcodedCredential {
    /// `const DB_PASSWORD: &str = concat!("…", "…")`: a credential split
    /// across `concat!` pieces, bound to the constant, static or local it
    /// initialises; every piece is masked.
    fn named_split(&self, cx: &mut Cx<'_, '_>, name: &str, value: &Expr) {
        let Some(kind) = names::secret_name(name) else { return };
        let Some(pieces) = pieces::concat_value(value) else { return };
        if pieces.len() < 2 {
            return;
        }
        let (joined, _) = pieces::joined(&pieces);
        let Some(v) = judged_value(cx, &joined, name, kind) else { return };
        let message = format!("hardcoded {} `{name}` (split across `concat!` pieces)", kind.noun());
        if let Some(d) = pieces::report_masked(cx, &pieces, message) {
            drop(d.help(HELP).name_guess(&v, name));
        }
    }

    /// Report `lit` if it is a plausible credential not claimed by a more
    /// specific rule.
    fn check_value(&self, cx: &mut Cx<'_, '_>, lit: &Lit, name: &str, kind: SecretKind, what: String, at: Option<proc_macro2::Span>) {
        // Binary byte strings are key material, not credentials (known-answer
        // test vectors, mostly); `hardcoded-crypto-key` sees them where they
        // reach a crypto API.
        let Some((value, false)) = ss::lit_value(lit) else { return };
        let Some(v) = judged_value(cx, &value, name, kind) else { return };
        let span = lit.span();
        let Some((ms, me)) = ss::content_range(cx.file, span) else { return };
        let mut d = cx.report(span, what).mask_range(ms, me).help(HELP).name_guess(&v, name);
        if let Some(at) = at {
            d = d.label(at, "used here");
        }
        drop(d);
    }

    fn named(&self, cx: &mut Cx<'_, '_>, n: &Named<'_>, is_const: bool) {
        let Some(kind) = names::secret_name(&n.name) else { return };
        // A constant passed to a crypto API is `hardcoded-crypto-key`'s.
        if is_const && cx.scope.root.is_some_and(|r| ss::used_as_crypto_input(r, &n.name)) {
            return;
        }
        self.check_value(cx, n.lit, &n.name, kind, format!("hardcoded {} `{}`", kind.noun(), n.name), None);
    }

    /// An API argument: a literal, or a constant whose own name does not
    /// already make it a finding.
    fn api_arg(&self, cx: &mut Cx<'_, '_>, arg: &Expr, kind: SecretKind, api: &str, at: proc_macro2::Span) {
        let Some((lit, konst)) = arg_literal(cx, arg) else { return };
        match konst {
            None => self.check_value(cx, lit, api, kind, format!("hardcoded {} passed to `{api}`", kind.noun()), None),
            Some(name) => {
                if names::secret_name(&name).is_some() {
                    return;
                }
                self.check_value(cx, lit, api, kind, format!("hardcoded {} `{name}` passed to `{api}`", kind.noun()), Some(at));
            }
        }
    }
}

impl Rule for HardcodedCredential {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn interests(&self) -> Interests {
        Interests {
            methods: &[
                "password", "set_password", "with_password", "pass", "passwd", "passphrase", "set_passphrase",
                "basic_auth", "bearer_auth", "token", "set_token", "with_token", "auth_token", "access_token",
                "personal_token", "api_key", "set_api_key", "with_api_key", "apikey", "client_secret",
                "set_client_secret", "with_client_secret", "secret", "secret_key", "secret_access_key", "insert",
                "header", "append", "set", "add", "env", "set_var", "param", "with", "entry", "set_header",
                "try_insert",
            ],
            calls: &["new", "from_keys", "basic", "bearer", "set_var"],
            macros: &["json"],
            nodes: node::LOCAL | node::ITEM | node::EXPR | node::LIT,
            ..Default::default()
        }
    }

    fn may_report_in_test(&self, region: &Region<'_>, _settings: &crate::rules::settings::RuleSettings) -> bool {
        policy::region_may_report(Reach::Names, region, false)
    }

    /// A config snippet in a literal (`"DB_PASSWORD=…\nDB_HOST=…"`, `export
    /// API_TOKEN=…`, YAML/JSON/TOML lines): its pairs, as in a text file.
    fn check_lit<'ast>(&self, cx: &mut Cx<'_, 'ast>, lit: &'ast syn::Lit) {
        let raw = ss::lit_source(lit);
        if raw.len() < 12 || !(raw.contains('=') || raw.contains(':')) || !names::may_be_secret_name(&raw) {
            return;
        }
        let Some((value, false)) = ss::lit_value(lit) else { return };
        if !text::looks_like_config(&value) {
            return;
        }
        let span = lit.span();
        for h in text::literal_pairs(&value, &cx.settings.secrets, crate::secrets::HARDCODED_CREDENTIAL) {
            let Some((ms, me)) = ss::value_range(cx.file, span, &value, h.start, h.end) else { continue };
            let d = cx.report(span, h.message).mask_range(ms, me).help(HELP);
            if h.test_value {
                drop(d.test_value());
            }
        }
    }

    /// `serde_json::json!({ "client_secret": "…" })`: the body is not
    /// Rust syntax, its `"key": "value"` pairs are read from the tokens.
    fn check_macro<'ast>(&self, cx: &mut Cx<'_, 'ast>, mac: &'ast syn::Macro, _args: Option<&[&syn::Expr]>) {
        for (name, lit) in crate::syntax::macros::json_pairs(mac.tokens.clone()) {
            let Some(kind) = names::secret_name(&name) else { continue };
            self.check_value(cx, &lit, &name, kind, format!("hardcoded {} in `{name}`", kind.noun()), None);
        }
    }

    fn check_local<'ast>(&self, cx: &mut Cx<'_, 'ast>, l: &'ast syn::Local) {
        if let Some(n) = ss::named_in_local(l) {
            self.named(cx, &n, false);
        }
        if let Some((name, init)) = ss::bound_in_local(l) {
            self.named_split(cx, &name, init);
        }
    }

    fn check_item<'ast>(&self, cx: &mut Cx<'_, 'ast>, item: &'ast syn::Item) {
        for n in ss::named_in_item(item) {
            self.named(cx, &n, true);
        }
        if let Some((name, value)) = ss::bound_in_item(item) {
            self.named_split(cx, &name, value);
        }
    }

    fn check_expr<'ast>(&self, cx: &mut Cx<'_, 'ast>, e: &'ast Expr) {
        match e {
            Expr::Struct(_) | Expr::Assign(_) | Expr::Tuple(_) => {
                for n in ss::named_in_expr(e) {
                    self.named(cx, &n, false);
                }
            }
            Expr::Binary(b) if matches!(b.op, BinOp::Eq(_) | BinOp::Ne(_)) => {
                for (side, other) in [(&b.left, &b.right), (&b.right, &b.left)] {
                    let Some(lit) = ss::string_lit(other) else { continue };
                    let Some((name, _)) = ss::target_name(side) else { continue };
                    // The application's own configured credential (a
                    // static's field: `ARGS.admin_password == "m1cr0b1n"`)
                    // checked against a known default, not input let in.
                    if rooted_in_static(side) {
                        continue;
                    }
                    let Some(kind) = names::secret_name(&name) else { continue };
                    self.check_value(cx, lit, &name, kind, format!("`{name}` is compared with a hardcoded {}", kind.noun()), None);
                }
            }
            _ => {}
        }
    }

    fn check_method_call<'ast>(&self, cx: &mut Cx<'_, 'ast>, m: &'ast ExprMethodCall) {
        let method = m.method.to_string();
        if let Some(&(_, i, kind)) = METHODS.iter().find(|(n, ..)| *n == method) {
            // `pass` is also trybuild's `t.pass("tests/ui/*.rs")`: only the
            // optional-password form (`OptsBuilder::pass(Some("…"))`) counts.
            let optional = |a: &Expr| matches!(a, Expr::Call(c) if matches!(&*c.func, Expr::Path(p) if p.path.is_ident("Some")));
            if method == "pass" && !m.args.first().is_some_and(optional) {
                return;
            }
            if let Some(arg) = m.args.iter().nth(i) {
                self.api_arg(cx, arg, kind, &method, m.method.span());
            }
            return;
        }
        if m.args.len() != 2 {
            return;
        }
        // `.header(AUTHORIZATION, "Bearer …")`, `.insert("X-Api-Key", …)`,
        // `.env("API_TOKEN", "…")`.
        let name = match ss::strip_value_conversions(&m.args[0]) {
            Expr::Lit(syn::ExprLit { lit: Lit::Str(s), .. }) => s.value(),
            Expr::Path(p) => p.path.segments.last().map(|s| s.ident.to_string()).unwrap_or_default(),
            Expr::Call(c) => match (&*c.func, c.args.first().and_then(ss::string_lit)) {
                (Expr::Path(p), Some(Lit::Str(s))) if p.path.segments.last().is_some_and(|l| l.ident == "from_static") => s.value(),
                _ => return,
            },
            _ => return,
        };
        let kind = if is_auth_header(&name) { SecretKind::Token } else if let Some(k) = names::secret_name(&name) { k } else { return };
        let Some(lit) = ss::string_lit(&m.args[1]) else { return };
        self.check_value(cx, lit, &name, kind, format!("hardcoded {} in `{name}`", kind.noun()), None);
    }

    fn check_call<'ast>(&self, cx: &mut Cx<'_, 'ast>, c: &'ast ExprCall, callee: &'ast syn::Path) {
        // Cheap look before allocating: `Type::function` of the table, or `set_var`.
        let mut rev = callee.segments.iter().rev();
        let (Some(last), ty) = (rev.next().map(|s| &s.ident), rev.next().map(|s| &s.ident)) else { return };
        let known = last == "set_var" || ty.is_some_and(|ty| CALLS.iter().any(|(t, f, ..)| last == f && ty == t));
        if !known {
            return;
        }
        let segs: Vec<String> = callee.segments.iter().map(|s| s.ident.to_string()).collect();
        let (Some(f), Some(ty)) = (segs.last(), segs.len().checked_sub(2).map(|i| &segs[i])) else {
            if segs.len() == 1 && segs[0] == "set_var" {
                self.set_var(cx, c);
            }
            return;
        };
        if f == "set_var" {
            self.set_var(cx, c);
            return;
        }
        let Some(&(_, _, i, kind)) = CALLS.iter().find(|(t, n, ..)| t == ty && n == f) else { return };
        let Some(arg) = c.args.iter().nth(i) else { return };
        let api = format!("{ty}::{f}");
        let at = callee.segments.last().map_or_else(proc_macro2::Span::call_site, |s| s.ident.span());
        self.api_arg(cx, arg, kind, &api, at);
    }
}

impl HardcodedCredential {
    /// `std::env::set_var("API_TOKEN", "…")`.
    fn set_var(&self, cx: &mut Cx<'_, '_>, c: &ExprCall) {
        let (Some(Lit::Str(k)), Some(lit)) = (c.args.first().and_then(ss::string_lit), c.args.get(1).and_then(ss::string_lit)) else {
            return;
        };
        let name = k.value();
        let Some(kind) = names::secret_name(&name) else { return };
        self.check_value(cx, lit, &name, kind, format!("hardcoded {} in `{name}`", kind.noun()), None);
    }
}

/// `ARGS.auth.password`, `*CONFIG.password`, `SETTINGS.get().token`: a
/// value read from a `static` or `const` (a SCREAMING_CASE name), through
/// fields, derefs and method calls.
fn rooted_in_static(e: &Expr) -> bool {
    let mut e = e;
    for _ in 0..16 {
        e = match e {
            Expr::Field(f) => &f.base,
            Expr::MethodCall(m) => &m.receiver,
            Expr::Unary(u) => &u.expr,
            Expr::Reference(r) => &r.expr,
            Expr::Paren(p) => &p.expr,
            Expr::Path(p) => {
                return p.qself.is_none()
                    && p.path.segments.len() == 1
                    && p.path.segments.last().is_some_and(|s| {
                        let n = s.ident.to_string();
                        n.len() > 1
                            && n.chars().any(|c| c.is_ascii_uppercase())
                            && n.chars().all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '_')
                    });
            }
            _ => return false,
        };
    }
    false
}
