//! What names say about secrets: the words of an identifier or config key,
//! which names hold credentials (`DB_PASSWORD`, `clientSecret`, `api_key`)
//! and which only name something about them (`PASSWORD_FIELD`, `token_url`,
//! `password_hash_algorithm`, `token_count`).
//!
//! One vocabulary ([`VOCABULARY`]: each role a word can play in a name,
//! with its words) serves two readings of a name:
//!
//! - [`secret_name`]: a *literal* bound to the name (`const DB_PASSWORD:
//!   &str = "…"`, `api_key = "…"` in a config snippet) is a credential —
//!   the secrets pack's name-based detectors. A literal bound to
//!   `password_field` or `token_url` is the name of a field or a URL.
//! - [`classify`]: a *run-time value* named so (`form.password`,
//!   `session_id`, `expected_token`) holds a secret — the rules that ask
//!   whether a secret is logged, hashed, compared or generated.
//!
//! A name is split into words (`snake_case`, `camelCase`, `SCREAMING_CASE`,
//! `x-api-key`, `db.password`); its *head* — the last word once
//! representation suffixes (`_str`, `_bytes`, `_hex`, …) are dropped — says
//! what the value is. Words before the head only qualify it: `password_len`
//! is a length, `api_key` a key. Ambiguous heads (`key`, `code`, `id`,
//! `pass`) count only with a qualifier that makes them secret (`signing_key`,
//! `recovery_code`, `session_id`, `db_pass`).

use std::collections::HashMap;
use std::sync::LazyLock;

/// What kind of secret a name denotes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum SecretKind {
    /// password, passphrase: short human-chosen values count.
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

    pub(crate) fn noun(self) -> &'static str {
        match self {
            SecretKind::Password => "password",
            SecretKind::Secret => "secret",
            SecretKind::Key => "key",
            SecretKind::Token => "token",
            SecretKind::Code => "one-time code",
        }
    }
}

/// A role a word plays in a name.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Role {
    /// A head that names a secret of this kind by itself, in both readings.
    Head(SecretKind),
    /// A head by itself only for a literal bound to the name (`pwd` of a
    /// run-time value is the working directory; a bare `token` is a lexeme).
    LiteralHead(SecretKind),
    /// A head by itself only for a run-time value (`pw`).
    RuntimeHead(SecretKind),
    /// Ambiguous heads: secret only after a qualifier of their family.
    Needs(Family),
    /// Makes the following ambiguous head of its family a secret.
    Qualifies(Family),
    /// An issued value (an API key, credentials): a literal bound to it is
    /// judged like a token (long and random), whatever the head's kind.
    Issued,
    /// Before `token`: a parser, paging or sync token, not a credential
    /// (literal reading; the run-time reading needs a positive qualifier).
    NotACredentialToken,
    /// A representation suffix: `password_str` is still a password.
    Repr,
    /// A carrier suffix: `password_field` of a run-time value holds the
    /// password; a literal bound to it is the field's name.
    Carrier,
    /// At the end of a name, says a literal bound to it is something other
    /// than the secret (`PASSWORD_FIELD`, `token_url`, `api_key_header`).
    NotAValue,
    /// A leading word that makes the name a fact about the secret
    /// (`has_password`, `num_tokens`, `max_password`) — run-time reading.
    Negates,
    /// Anywhere in the name: not a credential literal (`public_key`,
    /// `TEST_PASSWORD`, `csrf_token`) — literal reading.
    NotACredential,
    /// In a function's name: the function deals with authentication.
    AuthContext,
    /// A head for something that must be unpredictable (nonces, salts, IVs,
    /// one-time identifiers) — what a function named `generate_<head>` returns.
    Unpredictable,
}

/// The families of ambiguous heads.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Family {
    /// `pass`, `pw` (literal reading): `db_pass`, `smtp_pw`.
    Pass,
    /// `token` (run-time reading): `access_token`.
    Token,
    /// `key` qualified as key material: `signing_key`.
    KeyMaterial,
    /// `key` qualified as an issued key: `api_key`, `license_key`.
    IssuedKey,
    /// `code`: `recovery_code`.
    Code,
    /// `pin`: `user_pin`.
    Pin,
    /// `id`, `key`, `cookie`, `token`: `session_id`.
    Session,
}

/// The one vocabulary of secret names: each role with its words.
#[rustfmt::skip]
const VOCABULARY: &[(Role, &[&str])] = &[
    (Role::Head(SecretKind::Password), &["password", "passwd", "passphrase", "passcode", "passwords"]),
    (Role::Head(SecretKind::Secret), &["secret", "secrets", "credential", "credentials", "creds", "cred"]),
    (Role::Head(SecretKind::Key), &["apikey", "privkey", "secretkey", "seckey", "privatekey"]),
    (Role::Head(SecretKind::Token), &["jwt", "accesstoken", "authtoken", "sessionid"]),
    (Role::Head(SecretKind::Code), &["otp", "totp", "hotp"]),
    (Role::LiteralHead(SecretKind::Password), &["pwd"]),
    (Role::LiteralHead(SecretKind::Token), &["token", "auth", "authorization", "bearer"]),
    (Role::RuntimeHead(SecretKind::Password), &["pw"]),
    (Role::Issued, &["credential", "credentials", "creds", "cred", "apikey"]),
    (Role::Needs(Family::Pass), &["pass", "pw"]),
    (Role::Needs(Family::Token), &["token", "tokens"]),
    (Role::Needs(Family::KeyMaterial), &["key", "keys"]),
    (Role::Needs(Family::IssuedKey), &["key", "keys"]),
    (Role::Needs(Family::Code), &["code", "codes"]),
    (Role::Needs(Family::Pin), &["pin"]),
    (Role::Needs(Family::Session), &["id", "key", "cookie", "token", "tokens"]),
    (Role::Qualifies(Family::Pass), &[
        "db", "user", "admin", "root", "smtp", "mail", "ftp", "redis", "mysql", "pg", "postgres", "sql", "ldap",
        "proxy", "login", "auth", "account", "basic", "http", "api", "app", "bind", "database", "master", "my",
        "default", "sudo", "wifi", "rpc",
    ]),
    (Role::Qualifies(Family::Token), &[
        "access", "refresh", "auth", "api", "bearer", "id", "session", "csrf", "xsrf", "reset", "verification",
        "verify", "confirm", "confirmation", "invite", "invitation", "magic", "oauth", "oauth2", "github", "gitlab",
        "slack", "bot", "personal", "security", "login", "remember", "secret", "private", "client", "user", "admin",
        "service", "upload", "download", "registration", "activation", "unsubscribe", "jwt", "sso", "saml", "cloud",
        "aws", "gcp", "azure", "discord", "telegram", "npm", "pypi", "stripe", "twilio", "expected", "provided",
        "stored", "current", "new", "old", "raw", "signed", "hmac", "app", "installation", "push", "device", "pat",
        "deploy", "password", "account",
    ]),
    (Role::Qualifies(Family::KeyMaterial), &[
        "private", "priv", "secret", "signing", "sign", "signature", "encryption", "encrypt", "enc", "decryption",
        "decrypt", "master", "hmac", "mac", "aes", "cipher", "crypto", "root", "ssh", "session", "symmetric", "gpg",
        "pgp", "rsa", "ed25519", "ecdsa", "derived", "wrapping", "wrap",
    ]),
    (Role::Qualifies(Family::IssuedKey), &[
        "api", "access", "auth", "client", "app", "application", "license", "licence", "jwt", "shared", "webhook",
        "account", "admin", "subscription", "consumer", "service", "secure", "write", "server", "integration",
        "deploy", "ingest", "instrumentation", "personal", "cookie", "stripe", "aws",
    ]),
    (Role::Qualifies(Family::Code), &[
        "recovery", "verification", "verify", "reset", "otp", "auth", "authorization", "invite", "invitation",
        "confirmation", "confirm", "activation", "backup", "mfa", "twofa", "2fa", "totp", "login", "pairing",
        "security", "access", "one", "magic",
    ]),
    (Role::Qualifies(Family::Pin), &["user", "card", "secret", "security", "login", "atm", "account"]),
    (Role::Qualifies(Family::Session), &["session", "sess", "sid"]),
    (Role::NotACredentialToken, &[
        "next", "page", "continuation", "cancel", "cancellation", "sync", "lexer", "parse", "parser", "syntax", "eof",
        "current", "cur", "last", "first", "peek", "peeked", "end", "start", "open", "close", "separator",
        "delimiter", "stop", "special", "bos", "eos", "pad", "unk", "mask", "cls", "sep", "word", "input", "output",
        "prev", "resume", "pagination", "idempotency", "request", "trace", "span", "cursor", "lock", "fencing",
        "waker", "notify", "ack", "batch",
    ]),
    (Role::Repr, &[
        "value", "val", "str", "string", "bytes", "buf", "raw", "plain", "plaintext", "cleartext", "b64", "base64",
        "hex", "encoded", "literal", "const", "static", "s", "owned", "clone", "copy", "data",
    ]),
    (Role::Carrier, &["text", "input", "param", "opt", "ref", "header", "arg", "field"]),
    (Role::NotAValue, &[
        "url", "uri", "urls", "path", "paths", "file", "files", "filename", "dir", "directory", "name", "names",
        "field", "fields", "header", "headers", "type", "types", "kind", "prefix", "suffix", "len", "length", "size",
        "min", "max", "count", "env", "var", "variable", "hint", "label", "prompt", "placeholder", "regex", "re",
        "pattern", "format", "fmt", "id", "ids", "hash", "hashed", "digest", "policy", "rules", "endpoint",
        "expiry", "expires", "expiration", "ttl", "timeout", "validity", "lifetime", "duration", "mode", "enabled",
        "required", "error", "err", "message", "msg", "text", "title", "description", "desc", "column", "col",
        "param", "parameter", "query", "attr", "attribute", "location", "store", "storage", "provider", "manager",
        "source", "strategy", "cache", "index", "idx", "offset", "host", "port", "user", "username", "login",
        "email", "domain", "region", "scope", "scopes", "version", "algorithm", "alg", "method", "scheme", "style",
        "class", "selector", "button", "input", "form", "link", "page", "route", "command", "cmd", "flag", "option",
        "opt", "arg", "key", "keys", "map", "table", "list", "set", "bytes", "bits", "width", "mask", "char",
        "chars", "separator", "sep", "delimiter", "marker", "tag", "tags", "reset", "change", "confirm",
        "confirmation", "validation", "validator", "strength", "complexity", "rotation", "generator", "reader",
        "loader", "callback", "handler", "fn", "func", "function", "service", "client", "request", "response",
        "req", "res", "result", "status", "state", "ref", "reference", "template", "example", "sample", "test",
        "dummy", "mock", "fake", "default", "check", "checker", "exists", "present", "missing", "unset", "ok",
        "valid", "invalid", "lookup", "db", "sha", "md5", "checksum", "fingerprint", "public", "pub", "pubkey",
    ]),
    (Role::Negates, &[
        "is", "has", "have", "no", "num", "n", "count", "max", "min", "should", "use", "needs", "need", "allow",
        "require", "requires", "with", "without", "show", "hide", "ask", "prompt", "enable", "disable", "len",
        "length", "skip", "missing", "invalid", "validate", "check", "hash", "hashed", "masked", "redacted",
        "encrypted", "enc", "obfuscated",
    ]),
    (Role::NotACredential, &[
        "public", "pub", "publishable", "csrf", "xsrf", "test", "example", "dummy", "fake", "mock", "sample",
        "default", "placeholder", "unused",
    ]),
    (Role::AuthContext, &[
        "auth", "authenticate", "authorize", "authorized", "authorization", "login", "logout", "verify", "validate",
        "session", "bearer", "credential", "credentials", "csrf", "webhook", "signin", "oauth", "jwt", "refresh",
        "revoke", "introspect", "valid",
    ]),
    (Role::Unpredictable, &["token", "tokens", "nonce", "salt", "iv", "csrf", "otp", "secret", "sessionid"]),
];

/// Each word's roles.
static ROLES: LazyLock<HashMap<&'static str, Vec<Role>>> = LazyLock::new(|| {
    let mut map: HashMap<&'static str, Vec<Role>> = HashMap::new();
    for &(role, words) in VOCABULARY {
        for &w in words {
            map.entry(w).or_default().push(role);
        }
    }
    map
});

fn roles(word: &str) -> &'static [Role] {
    ROLES.get(word).map_or(&[], Vec::as_slice)
}

fn has(word: &str, role: Role) -> bool {
    roles(word).contains(&role)
}

/// The head kind of a word in one reading.
fn head_kind(word: &str, literal: bool) -> Option<SecretKind> {
    roles(word).iter().find_map(|r| match *r {
        Role::Head(k) => Some(k),
        Role::LiteralHead(k) if literal => Some(k),
        Role::RuntimeHead(k) if !literal => Some(k),
        _ => None,
    })
}

/// `text[at..]` starts a word: at the start, after a non-alphanumeric
/// character, or at a lower→upper camelCase boundary.
pub(crate) fn is_word_start(text: &str, at: usize) -> bool {
    let b = text.as_bytes();
    if at == 0 {
        return true;
    }
    let (Some(&prev), Some(&cur)) = (b.get(at - 1), b.get(at)) else { return true };
    !prev.is_ascii_alphanumeric() || (prev.is_ascii_lowercase() && cur.is_ascii_uppercase())
}

/// Words of an identifier or key, lower-cased: `AWS_SECRET_ACCESS_KEY`,
/// `clientSecret`, `APIKey`, `db.password`, `x-api-key`, `r#type`.
pub(crate) fn words(name: &str) -> Vec<String> {
    let name = name.strip_prefix("r#").unwrap_or(name);
    let mut out = Vec::new();
    let mut cur = String::new();
    let chars: Vec<char> = name.chars().collect();
    for (i, &c) in chars.iter().enumerate() {
        if !c.is_alphanumeric() {
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

/// A name's words without its trailing suffixes of `strip` roles (but never
/// its only word).
fn without_suffixes(name: &str, strip: &[Role]) -> Vec<String> {
    let mut w = words(name);
    while w.len() > 1 && w.last().is_some_and(|l| strip.iter().any(|&r| has(l, r))) {
        w.pop();
    }
    w
}

/// Is `word` a word that names a credential (a head of any reading)?
/// `"X-Api-Token"` as a value repeats such words: a lookup key.
pub(crate) fn is_head_word(word: &str) -> bool {
    roles(word).iter().any(|r| {
        matches!(
            r,
            Role::Head(_) | Role::LiteralHead(_) | Role::RuntimeHead(_) | Role::Needs(Family::Pass | Family::Token)
        )
    })
}

static HEAD_WORDS: LazyLock<Option<aho_corasick::AhoCorasick>> = LazyLock::new(|| {
    aho_corasick::AhoCorasickBuilder::new()
        .ascii_case_insensitive(true)
        .build(["pass", "pw", "secret", "token", "key", "cred", "auth", "bearer"])
        .ok()
});

/// Could this name hold a credential at all? (A cheap prefilter for
/// `secret_name`.)
pub(crate) fn may_be_secret_name(name: &str) -> bool {
    HEAD_WORDS.as_ref().is_none_or(|ac| ac.is_match(name))
}

/// The literal reading: is a literal bound to this name (variable,
/// constant, field, config key) a credential, and of what kind? The secret
/// word must be the head of the name. One-time codes are not credentials
/// kept in code; issued values (API keys, credentials) are judged as tokens.
pub(crate) fn secret_name(name: &str) -> Option<SecretKind> {
    if !may_be_secret_name(name) {
        return None;
    }
    let w = without_suffixes(name, &[Role::Repr]);
    if w.iter().any(|x| has(x, Role::NotACredential)) {
        return None;
    }
    let (head, quals) = w.split_last()?;
    let qualified = |f: Family| quals.iter().any(|q| has(q, Role::Qualifies(f)));
    if let Some(kind) = head_kind(head, true) {
        let kind = if has(head, Role::Issued) { SecretKind::Token } else { kind };
        let not_credential = quals.iter().any(|q| has(q, Role::NotACredentialToken));
        return match kind {
            SecretKind::Code => None,
            SecretKind::Token if not_credential => None,
            _ => Some(kind),
        };
    }
    let needs = |f: Family| has(head, Role::Needs(f));
    if needs(Family::Pass) && qualified(Family::Pass) {
        Some(SecretKind::Password)
    } else if needs(Family::KeyMaterial) && qualified(Family::KeyMaterial) {
        Some(SecretKind::Key)
    } else if needs(Family::IssuedKey) && qualified(Family::IssuedKey)
        || needs(Family::Session) && qualified(Family::Session)
    {
        Some(SecretKind::Token)
    } else {
        None
    }
}

/// A name that could hold a secret at all (for contextual detectors: not
/// `DATADOG_SITE_URL` or `github_repo_name`).
pub(crate) fn name_may_hold_secret(name: &str) -> bool {
    match words(name).last() {
        None => false,
        Some(last) => !has(last, Role::NotAValue) || secret_name(name).is_some() || last == "key",
    }
}

/// The run-time reading: does a value named so (a binding, field, function
/// or method name) hold a secret, and of what kind?
pub(crate) fn classify(name: &str) -> Option<SecretKind> {
    let w = words(name);
    if w.len() > 1 && has(&w[0], Role::Negates) {
        return None;
    }
    let w = without_suffixes(name, &[Role::Repr, Role::Carrier]);
    let (head, quals) = w.split_last()?;
    if let Some(k) = head_kind(head, false) {
        // `api_secret` is a secret; `password_secret` is a password.
        return Some(k);
    }
    let needs = |f: Family| has(head, Role::Needs(f));
    let qualified = |f: Family| quals.iter().any(|q| has(q, Role::Qualifies(f)));
    if needs(Family::Token) && (qualified(Family::Token) || qualified(Family::Session)) {
        Some(SecretKind::Token)
    } else if needs(Family::KeyMaterial) && (qualified(Family::KeyMaterial) || qualified(Family::IssuedKey)) {
        Some(SecretKind::Key)
    } else if needs(Family::Code) && qualified(Family::Code) {
        Some(SecretKind::Code)
    } else if needs(Family::Pin) && qualified(Family::Pin) {
        Some(SecretKind::Password)
    } else if needs(Family::Session) && qualified(Family::Session) {
        Some(SecretKind::Token)
    } else {
        None
    }
}

/// The bare, ambiguous `token` (lexers have tokens too): a secret only
/// where the surrounding code is not about parsing.
pub(crate) fn is_bare_token(name: &str) -> bool {
    let w = without_suffixes(name, &[Role::Repr, Role::Carrier]);
    w.len() == 1 && w[0] == "token"
}

/// The function's name says it deals with authentication, so a bare `token`
/// in it is an authentication token (elsewhere it is a lexeme, an event
/// id, a cancellation token…).
pub(crate) fn is_auth_context(fn_name: &str) -> bool {
    words(fn_name).iter().any(|w| has(w, Role::AuthContext))
}

/// Names for things that must be unpredictable: secrets, and also nonces,
/// salts, IVs and one-time identifiers generated at random
/// (`generate_token`, `new_session_id`, `make_api_key`: a function's name
/// says what it returns).
pub(crate) fn is_unpredictable_value(name: &str) -> bool {
    if classify(name).is_some() {
        return true;
    }
    let first = words(name);
    if first.is_empty() || (first.len() > 1 && has(&first[0], Role::Negates)) {
        return false;
    }
    let w = without_suffixes(name, &[Role::Repr, Role::Carrier]);
    let head = w.last().map_or("", String::as_str);
    let any = |f: Family| w.iter().any(|x| has(x, Role::Qualifies(f)));
    has(head, Role::Unpredictable)
        || (head == "key" && (any(Family::KeyMaterial) || any(Family::IssuedKey)))
        || (head == "id" && any(Family::Session))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_names_into_words() {
        assert_eq!(words("AWS_SECRET_ACCESS_KEY"), ["aws", "secret", "access", "key"]);
        assert_eq!(words("clientSecret"), ["client", "secret"]);
        assert_eq!(words("HTTPAuthToken"), ["http", "auth", "token"]);
        assert_eq!(words("x-api-key"), ["x", "api", "key"]);
        assert_eq!(words("passwordHashAlgorithm"), ["password", "hash", "algorithm"]);
        assert_eq!(words("APIKey"), ["api", "key"]);
        assert_eq!(words("db.password"), ["db", "password"]);
        assert_eq!(words("r#type"), ["type"]);
    }

    #[test]
    fn a_role_lists_each_word_once() {
        for (role, words) in VOCABULARY {
            let mut seen = std::collections::HashSet::new();
            for w in *words {
                assert!(seen.insert(w), "{w} twice in {role:?}");
                assert_eq!(*w, w.to_lowercase(), "{role:?}");
            }
        }
        let roles: Vec<_> = VOCABULARY.iter().map(|(r, _)| *r).collect();
        for (i, r) in roles.iter().enumerate() {
            assert!(!roles[i + 1..].contains(r), "{r:?} twice");
        }
    }

    #[test]
    fn literal_reading() {
        assert_eq!(secret_name("DB_PASSWORD"), Some(SecretKind::Password));
        assert_eq!(secret_name("api_key"), Some(SecretKind::Token));
        assert_eq!(secret_name("apiKey"), Some(SecretKind::Token));
        assert_eq!(secret_name("JWT_SECRET"), Some(SecretKind::Secret));
        assert_eq!(secret_name("signing_key"), Some(SecretKind::Key));
        assert_eq!(secret_name("credentials"), Some(SecretKind::Token));
        assert_eq!(secret_name("password_field"), None);
        assert_eq!(secret_name("TOKEN_URL"), None);
        assert_eq!(secret_name("next_token"), None);
        assert_eq!(secret_name("public_key"), None);
        assert_eq!(secret_name("cache_key"), None);
        assert_eq!(secret_name("csrf_token"), None);
        assert_eq!(secret_name("recovery_code"), None);
        assert_eq!(secret_name("pass"), None);
        assert_eq!(secret_name("pw"), None);
        assert_eq!(secret_name("pwd"), Some(SecretKind::Password));
        assert_eq!(secret_name("token"), Some(SecretKind::Token));
        assert_eq!(secret_name("db_pass"), Some(SecretKind::Password));
        assert!(!name_may_hold_secret("DATADOG_SITE_URL"));
        assert!(name_may_hold_secret("api_key"));
    }

    #[test]
    fn runtime_reading() {
        assert_eq!(classify("password"), Some(SecretKind::Password));
        assert_eq!(classify("user_password"), Some(SecretKind::Password));
        assert_eq!(classify("password_str"), Some(SecretKind::Password));
        assert_eq!(classify("password_field"), Some(SecretKind::Password));
        assert_eq!(classify("pw"), Some(SecretKind::Password));
        assert_eq!(classify("pwd"), None);
        assert_eq!(classify("JWT_SECRET"), Some(SecretKind::Secret));
        assert_eq!(classify("access_token"), Some(SecretKind::Token));
        assert_eq!(classify("csrf_token"), Some(SecretKind::Token));
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
        assert!(is_auth_context("verify_login"));
    }
}
