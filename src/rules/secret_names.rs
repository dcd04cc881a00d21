//! What names say about values: is `form.password` a password, is
//! `password_hash_algorithm` one (no), is `token_count` a token (no)?
//!
//! A name is split into words (`snake_case`, `camelCase`, `SCREAMING_CASE`);
//! its *head* — the last word once value-preserving suffixes (`_str`,
//! `_bytes`, `_hex`, …) are dropped — says what the value is. Words before
//! the head only qualify it: `password_len` is a length, `api_key` a key.
//! Ambiguous heads (`token`, `key`, `code`, `id`) count only with a
//! qualifier that makes them secret (`access_token`, `signing_key`,
//! `recovery_code`, `session_id`).

/// What kind of secret a name denotes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum SecretKind {
    Password,
    /// A generic secret (`secret`, `client_secret`, `credentials`).
    Secret,
    /// A private or symmetric key (`private_key`, `signing_key`, `api_key`).
    Key,
    /// A bearer or session token (`access_token`, `jwt`, `session_id`).
    Token,
    /// A one-time code (`otp`, `recovery_code`).
    Code,
}

impl SecretKind {
    pub(crate) fn describe(self) -> &'static str {
        match self {
            SecretKind::Password => "a password",
            SecretKind::Secret => "a secret",
            SecretKind::Key => "a key",
            SecretKind::Token => "a token",
            SecretKind::Code => "a one-time code",
        }
    }
}

/// Words of an identifier, lower-cased.
pub(crate) fn words(ident: &str) -> Vec<String> {
    let ident = ident.strip_prefix("r#").unwrap_or(ident);
    let mut out = Vec::new();
    let mut cur = String::new();
    let chars: Vec<char> = ident.chars().collect();
    for (i, &c) in chars.iter().enumerate() {
        if c == '_' || c == '-' || c == '.' {
            if !cur.is_empty() {
                out.push(std::mem::take(&mut cur));
            }
            continue;
        }
        let boundary = c.is_uppercase()
            && !cur.is_empty()
            && (chars.get(i.wrapping_sub(1)).is_some_and(|p| p.is_lowercase() || p.is_ascii_digit())
                || chars.get(i + 1).is_some_and(|n| n.is_lowercase()));
        if boundary {
            out.push(std::mem::take(&mut cur));
        }
        cur.extend(c.to_lowercase());
    }
    if !cur.is_empty() {
        out.push(cur);
    }
    out
}

/// Suffixes that describe the representation, not the meaning:
/// `password_str` is still a password.
const REPR_SUFFIXES: &[&str] = &[
    "str",
    "string",
    "bytes",
    "buf",
    "raw",
    "plain",
    "plaintext",
    "cleartext",
    "text",
    "value",
    "val",
    "b64",
    "base64",
    "hex",
    "encoded",
    "input",
    "param",
    "opt",
    "ref",
    "owned",
    "clone",
    "copy",
    "header",
    "arg",
    "bearer",
    "field",
    "data",
];

/// Leading words that turn the name into a fact about the secret
/// (`has_password`, `num_tokens`, `max_password`): not the secret itself.
const NEGATING_PREFIXES: &[&str] = &[
    "is",
    "has",
    "have",
    "no",
    "num",
    "n",
    "count",
    "max",
    "min",
    "should",
    "use",
    "needs",
    "need",
    "allow",
    "require",
    "requires",
    "with",
    "without",
    "show",
    "hide",
    "ask",
    "prompt",
    "enable",
    "disable",
    "len",
    "length",
    "skip",
    "missing",
    "invalid",
    "validate",
    "check",
    "hash",
    "hashed",
    "masked",
    "redacted",
    "encrypted",
    "enc",
    "obfuscated",
];

/// Heads that denote a secret by themselves.
fn strong_head(w: &str) -> Option<SecretKind> {
    Some(match w {
        "password" | "passwd" | "passphrase" | "passcode" | "pw" | "passwords" => SecretKind::Password,
        "secret" | "secrets" | "credential" | "credentials" | "creds" => SecretKind::Secret,
        "apikey" | "privkey" | "secretkey" | "seckey" | "privatekey" => SecretKind::Key,
        "jwt" | "accesstoken" | "authtoken" => SecretKind::Token,
        "otp" | "totp" | "hotp" => SecretKind::Code,
        _ => return None,
    })
}

/// Qualifiers that make `token` a secret.
const TOKEN_QUALIFIERS: &[&str] = &[
    "access",
    "refresh",
    "auth",
    "api",
    "bearer",
    "id",
    "session",
    "csrf",
    "xsrf",
    "reset",
    "verification",
    "verify",
    "confirm",
    "confirmation",
    "invite",
    "invitation",
    "magic",
    "oauth",
    "oauth2",
    "github",
    "gitlab",
    "slack",
    "bot",
    "personal",
    "security",
    "login",
    "remember",
    "secret",
    "private",
    "client",
    "user",
    "admin",
    "service",
    "upload",
    "download",
    "registration",
    "activation",
    "unsubscribe",
    "jwt",
    "sso",
    "saml",
    "cloud",
    "aws",
    "gcp",
    "azure",
    "discord",
    "telegram",
    "npm",
    "pypi",
    "stripe",
    "twilio",
    "expected",
    "provided",
    "stored",
    "current",
    "new",
    "old",
    "raw",
    "signed",
    "hmac",
    "app",
    "installation",
    "push",
    "device",
    "pat",
    "deploy",
    "password",
    "account",
];

/// Qualifiers that make `key` a secret.
const KEY_QUALIFIERS: &[&str] = &[
    "api",
    "secret",
    "private",
    "priv",
    "signing",
    "sign",
    "signature",
    "encryption",
    "encrypt",
    "decryption",
    "decrypt",
    "master",
    "hmac",
    "mac",
    "aes",
    "session",
    "access",
    "auth",
    "client",
    "shared",
    "symmetric",
    "root",
    "ssh",
    "gpg",
    "pgp",
    "rsa",
    "ed25519",
    "ecdsa",
    "app",
    "cipher",
    "crypto",
    "derived",
    "wrapping",
    "wrap",
    "jwt",
    "cookie",
    "license",
    "stripe",
    "aws",
    "account",
    "service",
    "webhook",
    "admin",
];

/// Qualifiers that make `code` a secret.
const CODE_QUALIFIERS: &[&str] = &[
    "recovery",
    "verification",
    "verify",
    "reset",
    "otp",
    "auth",
    "authorization",
    "invite",
    "invitation",
    "confirmation",
    "confirm",
    "activation",
    "backup",
    "mfa",
    "twofa",
    "2fa",
    "totp",
    "login",
    "pairing",
    "security",
    "access",
    "one",
    "magic",
];

/// Qualifiers that make `id`/`key`/`token` a session identifier.
const SESSION_WORDS: &[&str] = &["session", "sess", "sid"];

/// Classify a name (a binding, field, function or method name).
pub(crate) fn classify(name: &str) -> Option<SecretKind> {
    let mut w = words(name);
    if w.is_empty() {
        return None;
    }
    if NEGATING_PREFIXES.contains(&w[0].as_str()) && w.len() > 1 {
        return None;
    }
    while w.len() > 1 && w.last().is_some_and(|l| REPR_SUFFIXES.contains(&l.as_str())) {
        w.pop();
    }
    let head = w.last()?.as_str();
    let quals = &w[..w.len() - 1];
    let has = |list: &[&str]| quals.iter().any(|q| list.contains(&q.as_str()));
    if let Some(k) = strong_head(head) {
        // `api_secret` is a secret; `password_secret` is a password.
        return Some(k);
    }
    match head {
        "token" | "tokens" if has(TOKEN_QUALIFIERS) || has(SESSION_WORDS) => Some(SecretKind::Token),
        "key" | "keys" if has(KEY_QUALIFIERS) => Some(SecretKind::Key),
        "key" | "keys" if quals.iter().any(|q| q == "api") => Some(SecretKind::Key),
        "code" | "codes" if has(CODE_QUALIFIERS) => Some(SecretKind::Code),
        "pin" if has(&["user", "card", "secret", "security", "login", "atm", "account"]) => Some(SecretKind::Password),
        "id" | "key" | "cookie" if has(SESSION_WORDS) => Some(SecretKind::Token),
        "sessionid" if w.len() == 1 => Some(SecretKind::Token),
        _ => None,
    }
}

/// The bare, ambiguous `token` (lexers have tokens too): a secret only
/// where the surrounding code is not about parsing.
pub(crate) fn is_bare_token(name: &str) -> bool {
    let mut w = words(name);
    while w.len() > 1 && w.last().is_some_and(|l| REPR_SUFFIXES.contains(&l.as_str())) {
        w.pop();
    }
    w.len() == 1 && w[0] == "token"
}

/// Words in a function name that say it authenticates something.
const AUTH_WORDS: &[&str] = &[
    "auth",
    "authenticate",
    "authorize",
    "authorized",
    "authorization",
    "login",
    "logout",
    "verify",
    "validate",
    "session",
    "bearer",
    "credential",
    "credentials",
    "csrf",
    "webhook",
    "signin",
    "oauth",
    "jwt",
    "refresh",
    "revoke",
    "introspect",
    "valid",
];

/// The function's name says it deals with authentication, so a bare `token`
/// in it is an authentication token (elsewhere it is a lexeme, an event
/// id, a cancellation token…).
pub(crate) fn is_auth_context(fn_name: &str) -> bool {
    words(fn_name).iter().any(|w| AUTH_WORDS.contains(&w.as_str()))
}

/// The file looks like parsing or code-generation code, where `token` means
/// a lexeme.
pub(crate) fn looks_like_parser(file: &crate::rules::file::FileCtx) -> bool {
    file.text_contains_any(&[
        "TokenStream",
        "TokenTree",
        "TokenKind",
        "proc_macro",
        "Lexer",
        "lexer",
        "Token::",
        "syn::",
        "tokenize",
    ])
}

/// Names for things that must be unpredictable: secrets, and also nonces,
/// salts, IVs and one-time identifiers generated at random.
pub(crate) fn is_unpredictable_value(name: &str) -> bool {
    if classify(name).is_some() {
        return true;
    }
    let mut w = words(name);
    if w.is_empty() || (NEGATING_PREFIXES.contains(&w[0].as_str()) && w.len() > 1) {
        return false;
    }
    while w.len() > 1 && w.last().is_some_and(|l| REPR_SUFFIXES.contains(&l.as_str())) {
        w.pop();
    }
    // `generate_token`, `new_session_id`, `make_api_key`: the function's name
    // says what it returns.
    let head = w.last().map_or("", String::as_str);
    matches!(head, "token" | "tokens" | "nonce" | "salt" | "iv" | "csrf" | "otp" | "secret" | "sessionid")
        || (head == "key" && w.iter().any(|x| KEY_QUALIFIERS.contains(&x.as_str())))
        || (head == "id" && w.iter().any(|x| SESSION_WORDS.contains(&x.as_str())))
}

/// A name mentioned anywhere in an expression (paths, fields, argument-less
/// method calls, `format!`-style macro arguments and inline captures) that
/// denotes a secret: the first one found, with its kind. Broad on purpose:
/// for questions like "is a password part of what is hashed here?".
pub(crate) fn mention_in(e: &syn::Expr) -> Option<(SecretKind, String)> {
    use syn::visit::Visit;
    struct Find {
        hit: Option<(SecretKind, String)>,
    }
    impl Find {
        fn name(&mut self, n: &str) {
            if self.hit.is_none()
                && let Some(k) = classify(n)
            {
                self.hit = Some((k, n.to_string()));
            }
        }
    }
    impl<'ast> Visit<'ast> for Find {
        fn visit_expr_path(&mut self, p: &'ast syn::ExprPath) {
            if let Some(s) = p.path.segments.last() {
                self.name(&s.ident.to_string());
            }
        }
        fn visit_expr_field(&mut self, f: &'ast syn::ExprField) {
            if let syn::Member::Named(n) = &f.member {
                self.name(&n.to_string());
            }
            syn::visit::visit_expr_field(self, f);
        }
        fn visit_expr_method_call(&mut self, m: &'ast syn::ExprMethodCall) {
            if m.args.is_empty() && !matches!(m.method.to_string().as_str(), "len" | "is_empty" | "is_some" | "is_none")
            {
                self.name(&m.method.to_string());
            }
            if !matches!(m.method.to_string().as_str(), "len" | "is_empty" | "is_some" | "is_none" | "count") {
                syn::visit::visit_expr_method_call(self, m);
            }
        }
        fn visit_macro(&mut self, m: &'ast syn::Macro) {
            for a in crate::syntax::macros::parse_args(m) {
                if let syn::Expr::Lit(syn::ExprLit { lit: syn::Lit::Str(s), .. }) = &a.expr {
                    for p in crate::syntax::macros::format_placeholders(&s.value()) {
                        if let crate::syntax::macros::Placeholder::Name(n) = p {
                            self.name(&n);
                        }
                    }
                } else {
                    self.visit_expr(&a.expr);
                }
            }
        }
    }
    let mut f = Find { hit: None };
    f.visit_expr(e);
    f.hit
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_words() {
        assert_eq!(words("passwordHashAlgorithm"), ["password", "hash", "algorithm"]);
        assert_eq!(words("JWT_SECRET"), ["jwt", "secret"]);
        assert_eq!(words("APIKey"), ["api", "key"]);
        assert_eq!(words("user_password"), ["user", "password"]);
    }

    #[test]
    fn the_head_decides() {
        assert_eq!(classify("password"), Some(SecretKind::Password));
        assert_eq!(classify("user_password"), Some(SecretKind::Password));
        assert_eq!(classify("password_str"), Some(SecretKind::Password));
        assert_eq!(classify("JWT_SECRET"), Some(SecretKind::Secret));
        assert_eq!(classify("access_token"), Some(SecretKind::Token));
        assert_eq!(classify("api_key"), Some(SecretKind::Key));
        assert_eq!(classify("session_id"), Some(SecretKind::Token));
        assert_eq!(classify("recovery_code"), Some(SecretKind::Code));
        assert_eq!(classify("password_hash_algorithm"), None);
        assert_eq!(classify("token_count"), None);
        assert_eq!(classify("password_len"), None);
        assert_eq!(classify("has_password"), None);
        assert_eq!(classify("token"), None);
        assert_eq!(classify("key"), None);
        assert_eq!(classify("status_code"), None);
        assert_eq!(classify("secret_name"), None);
        assert_eq!(classify("key_id"), None);
        assert_eq!(classify("token_type"), None);
        assert!(is_bare_token("token"));
        assert!(is_unpredictable_value("nonce"));
        assert!(is_unpredictable_value("generate_token"));
        assert!(!is_unpredictable_value("jitter"));
    }
}
