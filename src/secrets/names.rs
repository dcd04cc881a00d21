//! What names say about secrets: the words of an identifier or config key,
//! which names hold credentials (`DB_PASSWORD`, `clientSecret`, `api_key`)
//! and which only name something about them (`PASSWORD_FIELD`, `token_url`).

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

/// Words of an identifier or key: `AWS_SECRET_ACCESS_KEY`, `clientSecret`,
/// `db.password`, `x-api-key` → lowercase words.
pub(crate) fn words(name: &str) -> Vec<String> {
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
            && i > 0
            && (chars[i - 1].is_lowercase()
                || chars.get(i + 1).is_some_and(|n| n.is_lowercase()) && chars[i - 1].is_uppercase());
        if boundary && !cur.is_empty() {
            out.push(std::mem::take(&mut cur));
        }
        cur.extend(c.to_lowercase());
    }
    if !cur.is_empty() {
        out.push(cur);
    }
    out
}

/// Words that, at the end of a name, say it holds something other than
/// the secret itself (`PASSWORD_FIELD`, `token_url`, `api_key_header`).
#[rustfmt::skip]
const NOT_A_VALUE: &[&str] = &[
    "url", "uri", "urls", "path", "paths", "file", "files", "filename", "dir", "directory", "name", "names",
    "field", "fields", "header", "headers", "type", "types", "kind", "prefix", "suffix", "len", "length", "size",
    "min", "max", "count", "env", "var", "variable", "hint", "label", "prompt", "placeholder", "regex", "re",
    "pattern", "format", "fmt", "id", "ids", "hash", "hashed", "digest", "policy", "rules", "endpoint", "expiry",
    "expires", "expiration", "ttl", "timeout", "validity", "lifetime", "duration", "mode", "enabled", "required",
    "error", "err", "message", "msg", "text", "title", "description", "desc", "column", "col", "param", "parameter",
    "query", "attr", "attribute", "location", "store", "storage", "provider", "manager", "source", "strategy",
    "cache", "index", "idx", "offset", "host", "port", "user", "username", "login", "email", "domain", "region",
    "scope", "scopes", "version", "algorithm", "alg", "method", "scheme", "style", "class", "selector", "button",
    "input", "form", "link", "page", "route", "command", "cmd", "flag", "option", "opt", "arg", "key", "keys",
    "map", "table", "list", "set", "len", "bytes", "bits", "width", "count", "mask", "char", "chars", "separator",
    "sep", "delimiter", "marker", "tag", "tags", "kind", "location", "reset", "change", "confirm", "confirmation",
    "validation", "validator", "strength", "complexity", "rotation", "generator", "reader", "loader", "callback",
    "handler", "fn", "func", "function", "service", "client", "request", "response", "req", "res", "result",
    "status", "state", "type", "ref", "reference", "template", "example", "sample", "test", "dummy", "mock", "fake",
    "default", "check", "checker", "exists", "present", "missing", "set", "unset", "ok", "valid", "invalid",
    "lookup", "store", "db", "path", "sha", "md5", "checksum", "fingerprint", "public", "pub", "pubkey",
];

/// Words that name a secret when they are the head of a name.
#[rustfmt::skip]
pub(crate) const SECRET_HEADS: &[&str] = &[
    "password", "passwd", "passphrase", "pwd", "pw", "pass", "secret", "token", "apikey", "credential",
    "credentials", "creds", "cred", "auth", "authorization", "bearer",
];

/// Words that make a following `key` a secret key (`API_KEY`, `signing_key`).
#[rustfmt::skip]
const KEY_QUALIFIERS: &[&str] = &[
    "api", "secret", "private", "priv", "access", "signing", "sign", "encryption", "encrypt", "enc", "decryption",
    "master", "auth", "hmac", "client", "app", "application", "license", "licence", "jwt", "shared", "webhook",
    "account", "admin", "aes", "cipher", "crypto", "subscription", "consumer", "mac", "root", "service", "secure",
    "ssh", "session", "write", "server", "integration", "deploy", "ingest", "instrumentation", "personal",
];

/// Words that make a following `pass`/`pw` a password (`db_pass`).
#[rustfmt::skip]
const PASS_QUALIFIERS: &[&str] = &[
    "db", "user", "admin", "root", "smtp", "mail", "ftp", "redis", "mysql", "pg", "postgres", "sql", "ldap", "proxy",
    "login", "auth", "account", "basic", "http", "api", "app", "bind", "database", "master", "my", "default", "sudo",
    "wifi", "rpc",
];

/// Words that make a following `token` a parser, paging or sync token.
#[rustfmt::skip]
const NOT_CREDENTIAL_TOKENS: &[&str] = &[
    "next", "page", "continuation", "cancel", "cancellation", "sync", "lexer", "parse", "parser", "syntax", "eof",
    "current", "cur", "last", "first", "peek", "peeked", "end", "start", "open", "close", "separator", "delimiter",
    "stop", "special", "bos", "eos", "pad", "unk", "mask", "cls", "sep", "word", "input", "output", "prev", "resume",
    "pagination", "idempotency", "request", "trace", "span", "cursor", "lock", "fencing", "waker", "notify", "ack",
    "batch",
];

/// Words that make a following `key` key material (`signing_key`).
#[rustfmt::skip]
const PRIVATE_KEY_QUALIFIERS: &[&str] = &[
    "private", "priv", "secret", "signing", "sign", "encryption", "encrypt", "enc", "master", "hmac", "aes",
    "cipher", "crypto", "mac", "decryption", "root", "ssh", "session",
];

/// What kind of secret a name says it holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum NameKind {
    /// password, passphrase: short human-chosen values count.
    Password,
    /// secret, client secret.
    Secret,
    /// token, api key, credential, auth: long random values only.
    Token,
    /// private key, secret key, signing key.
    Key,
}

impl NameKind {
    pub(crate) fn noun(self) -> &'static str {
        match self {
            Self::Password => "password",
            Self::Secret => "secret",
            Self::Token => "token",
            Self::Key => "key",
        }
    }
}

static HEAD_WORDS: std::sync::LazyLock<Option<aho_corasick::AhoCorasick>> = std::sync::LazyLock::new(|| {
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

/// Does this name (variable, constant, field, config key) hold a
/// credential? The secret word must be the head of the name (its last
/// word, or followed only by `value`/`str`/`string`/`bytes`).
pub(crate) fn secret_name(name: &str) -> Option<NameKind> {
    if !may_be_secret_name(name) {
        return None;
    }
    let mut w = words(name);
    while w.len() > 1
        && matches!(
            w.last().map(String::as_str),
            Some(
                "value"
                    | "str"
                    | "string"
                    | "bytes"
                    | "raw"
                    | "b64"
                    | "base64"
                    | "hex"
                    | "plain"
                    | "plaintext"
                    | "literal"
                    | "const"
                    | "static"
                    | "s"
            )
        )
    {
        w.pop();
    }
    let last = w.last()?.as_str();
    let prev = w.len().checked_sub(2).map(|i| w[i].as_str());
    if w.iter().any(|x| {
        matches!(
            x.as_str(),
            "public"
                | "pub"
                | "publishable"
                | "csrf"
                | "xsrf"
                | "test"
                | "example"
                | "dummy"
                | "fake"
                | "mock"
                | "sample"
                | "default"
                | "placeholder"
                | "unused"
        )
    }) {
        return None;
    }
    let prev_in = |list: &[&str]| prev.is_some_and(|p| list.contains(&p));
    let kind = match last {
        "password" | "passwd" | "passphrase" | "pwd" => NameKind::Password,
        "pw" | "pass" if prev_in(PASS_QUALIFIERS) => NameKind::Password,
        "secret" | "secrets" => NameKind::Secret,
        "token" | "apikey" | "credential" | "credentials" | "creds" | "cred" | "bearer"
            if !prev_in(NOT_CREDENTIAL_TOKENS) =>
        {
            NameKind::Token
        }
        "auth" | "authorization" => NameKind::Token,
        "key" if prev_in(PRIVATE_KEY_QUALIFIERS) => NameKind::Key,
        "key" if prev_in(KEY_QUALIFIERS) => NameKind::Token,
        _ => return None,
    };
    Some(kind)
}

/// A name that could hold a secret at all (for contextual detectors: not
/// `DATADOG_SITE_URL` or `github_repo_name`).
pub(crate) fn name_may_hold_secret(name: &str) -> bool {
    let w = words(name);
    match w.last() {
        None => false,
        Some(last) => !NOT_A_VALUE.contains(&last.as_str()) || secret_name(name).is_some() || last == "key",
    }
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
    }

    #[test]
    fn secret_names() {
        assert_eq!(secret_name("DB_PASSWORD"), Some(NameKind::Password));
        assert_eq!(secret_name("api_key"), Some(NameKind::Token));
        assert_eq!(secret_name("apiKey"), Some(NameKind::Token));
        assert_eq!(secret_name("JWT_SECRET"), Some(NameKind::Secret));
        assert_eq!(secret_name("signing_key"), Some(NameKind::Key));
        assert_eq!(secret_name("password_field"), None);
        assert_eq!(secret_name("TOKEN_URL"), None);
        assert_eq!(secret_name("next_token"), None);
        assert_eq!(secret_name("public_key"), None);
        assert_eq!(secret_name("cache_key"), None);
        assert_eq!(secret_name("pass"), None);
        assert_eq!(secret_name("db_pass"), Some(NameKind::Password));
    }
}
