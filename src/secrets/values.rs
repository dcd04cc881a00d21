//! Questions about candidate secrets: entropy, placeholders and example
//! values, whether a value could be a credential of the kind its name says.

use super::names::{SecretKind, is_head_word, words};

/// Shannon entropy in bits per character (over bytes).
pub(crate) fn entropy(s: &str) -> f64 {
    let b = s.as_bytes();
    if b.is_empty() {
        return 0.0;
    }
    let mut counts = [0u32; 256];
    for &c in b {
        counts[c as usize] += 1;
    }
    let n = b.len() as f64;
    counts.iter().filter(|&&c| c > 0).map(|&c| f64::from(c) / n).map(|p| -p * p.log2()).sum()
}

/// Values that stand for a secret rather than being one: placeholders,
/// template holes, documented examples, masked values.
pub(crate) fn is_placeholder(v: &str) -> bool {
    let t = v.trim();
    if t.is_empty() {
        return true;
    }
    let lower = t.to_ascii_lowercase();
    // Template and environment references.
    if t.contains("${") || t.contains("{{") || t.contains("%(") || t.contains("#{") || t.contains("<%") {
        return true;
    }
    if (t.starts_with('<') && t.ends_with('>'))
        || (t.starts_with('[') && t.ends_with(']'))
        || (t.starts_with('{') && t.ends_with('}'))
    {
        return true;
    }
    if t.starts_with('$') && t[1..].chars().all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '{' || c == '}') {
        return true;
    }
    if t.starts_with('%') && t.ends_with('%') && t.len() > 2 {
        return true;
    }
    if t.contains("{}") || t.contains("{0}") || t.contains("{:") || t.contains("%s") || t.contains("%v") {
        return true;
    }
    // Secret-manager and vault references.
    for p in [
        "vault:",
        "secret:",
        "secrets.",
        "arn:aws:secretsmanager",
        "ssm:",
        "enc[",
        "!vault",
        "projects/",
        "op://",
        "keyvault",
        "azurekeyvault",
        "sm://",
        "gcp-secret",
        "file:",
        "env:",
        "/run/secrets/",
        "/var/run/secrets/",
    ] {
        if lower.starts_with(p) || (p.len() > 6 && lower.contains(p)) {
            return true;
        }
    }
    WEAK_MARKERS.iter().any(|m| lower.contains(m)) || is_example_token(t) || super::examples::is_published(t)
}

/// Words that mark an example or masked value, anywhere in it (tokens
/// included).
#[rustfmt::skip]
const EXAMPLE_MARKERS: &[&str] = &[
    "example", "changeme", "change_me", "change-me", "changeit", "change_it", "replace_me", "replaceme",
    "replace-me", "replace_with", "replace-with", "your_", "your-", "yourpassword", "yoursecret", "yourtoken",
    "yourkey", "yourapikey", "placeholder", "dummy", "redacted", "insert_", "insert-", "xxxx", "****", "....",
    "<your", "not_a_real", "not-a-real", "notareal", "sample", "secret_key_here", "api_key_here", "token_here",
    "key_here", "0000000", "1111111", "deadbeef", "open sesame", "opensesame", "aladdin",
];

/// Words that mark a made-up password or secret (checked for name-bound
/// values, not for provider tokens, whose random bodies can contain them).
#[rustfmt::skip]
const WEAK_MARKERS: &[&str] = &[
    "fake", "fixme", "todo", "someval", "some_secret", "somesecret", "mysecret", "my-secret", "my_secret",
    "mypassword", "mypass", "my-password", "my_password", "super_secret", "supersecret", "super-secret", "secret123",
    "password123", "s3cr3t", "p@ssw0rd", "passw0rd", "test123", "testtest", "abcdefgh", "abcd1234", "1234abcd",
    "12345678", "qwerty", "letmein", "hunter2", "foobar", "foo_bar", "lorem", "ipsum", "nothing", "undefined",
    "invalid", "here_", "_here", "the_secret", "thesecret", "topsecret", "top_secret", "sekrit", "sekret",
    "secretsecret", "passwordpassword", "tokentoken", "bogus", "notsecret", "not_secret", "not-secret", "insecure",
];

/// Exact values that are conventional test or default values.
#[rustfmt::skip]
const EXAMPLE_VALUES: &[&str] = &[
    "password", "passwd", "pass", "secret", "token", "test", "testing", "tests", "foo", "bar", "baz", "qux",
    "admin", "root", "user", "guest", "default", "demo", "dev", "local", "localhost", "123456", "1234", "12345",
    "123456789", "abc", "abcd", "abc123", "key", "apikey", "api_key", "api-key", "xyz", "true", "false", "yes",
    "no", "on", "off", "enabled", "disabled", "changeme", "postgres", "mysql", "redis", "sa", "toor", "pwd", "pw",
    "unknown", "empty", "blank", "n/a", "na", "tbd", "secret-key", "secret_key", "secretkey", "access_token",
    "access-token", "bearer", "basic", "auth", "authorization", "mongo", "mongodb", "rabbit", "rabbitmq",
    "minioadmin", "minio", "elastic", "changeit", "foobared", "docker", "vagrant", "ubuntu", "pi", "raspberry",
];

/// Example tokens: documented example values, runs of one character,
/// simple ascending sequences, masked values.
pub(crate) fn is_example_token(t: &str) -> bool {
    let lower = t.to_ascii_lowercase();
    if EXAMPLE_VALUES.contains(&lower.as_str()) {
        return true;
    }
    if EXAMPLE_MARKERS.iter().any(|m| lower.contains(m)) {
        return true;
    }
    // A short token prefix and an example word: `ghp_secret`, `sk_test`.
    if let Some((prefix, rest)) = lower.split_once(['_', '-'])
        && (1..=5).contains(&prefix.len())
        && prefix.chars().all(|c| c.is_ascii_alphanumeric())
        && EXAMPLE_VALUES.contains(&rest)
    {
        return true;
    }
    // All one character (ignoring a known prefix like `ghp_`).
    let body = lower.rsplit(['_', '-', '.']).next().unwrap_or(&lower);
    let mut chars = body.chars();
    if let Some(first) = chars.next()
        && body.len() >= 4
        && chars.all(|c| c == first)
    {
        return true;
    }
    is_sequence(body)
}

/// `abcdef…`, `0123456…`, `123abc`-style ascending runs.
fn is_sequence(s: &str) -> bool {
    let b = s.as_bytes();
    if b.len() < 6 {
        return false;
    }
    let ascending = b.windows(2).filter(|w| w[1] == w[0] + 1).count();
    ascending * 10 >= (b.len() - 1) * 8
}

/// The value could be a credential of this kind (not a placeholder, a
/// word, a path, a URL, a sentence, or a name).
pub(crate) fn plausible(value: &str, kind: SecretKind, name: &str) -> bool {
    let v = value.trim();
    // Base64 of text (a Kubernetes `data:` value): judged by what it
    // encodes, so a wrapped placeholder stays a placeholder.
    if let Some(decoded) = super::encoded::decoded_text(v) {
        let d = decoded.trim();
        return !d.contains('\n') && plausible_plain(d, kind, name);
    }
    plausible_plain(v, kind, name)
}

fn plausible_plain(v: &str, kind: SecretKind, name: &str) -> bool {
    if is_placeholder(v) {
        return false;
    }
    if v.contains("://") || v.starts_with('/') || v.starts_with("./") || v.starts_with("~/") || v.starts_with("\\\\") {
        return false;
    }
    // Rust paths, file paths and globs, percent-encoded test vectors.
    if v.contains("::") || looks_like_file_path(v) || percent_escape(v) || v.contains("\\u00") || v.contains("\\x") {
        return false;
    }
    // A lookup key that repeats the name (`"api_key"`, `"X-Api-Key"`,
    // `"DATABASE_PASSWORD"`), or an environment variable name.
    let vw = words(v);
    let nw = words(name);
    if !vw.is_empty() && v.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.' | ':')) {
        let shared = vw.iter().filter(|w| nw.contains(w) || is_head_word(w) || w.as_str() == "key").count();
        if shared > 0 && vw.iter().all(|w| w.chars().all(|c| c.is_ascii_alphabetic())) {
            return false;
        }
    }
    if v.len() >= 3 && v.chars().all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '_') && v.contains('_') {
        return false;
    }
    // Email addresses, dotted identifiers, file names.
    if v.contains('@') && v.contains('.') && !v.contains(' ') && v.split('@').count() == 2 && v.len() < 80 {
        let domain = v.rsplit('@').next().unwrap_or("");
        if domain.contains('.') && domain.chars().all(|c| c.is_ascii_alphanumeric() || c == '.' || c == '-') {
            return false;
        }
    }
    let has_space = v.contains(char::is_whitespace);
    match kind {
        SecretKind::Password => {
            if v.chars().count() < 4 || v.chars().count() > 128 {
                return false;
            }
            // Passphrases may have spaces; prose does not look like one.
            if has_space && (v.split_whitespace().count() > 5 || v.ends_with(['.', ':', '?', '!'])) {
                return false;
            }
            !looks_like_prose_or_code(v)
        }
        SecretKind::Secret | SecretKind::Key => {
            if has_space || v.chars().count() < 8 {
                return false;
            }
            !looks_like_prose_or_code(v) && random_looking(v, 2.5)
        }
        SecretKind::Token | SecretKind::Code => {
            if has_space || v.chars().count() < 16 {
                return false;
            }
            random_looking(v, 3.0)
        }
    }
}

/// Mixed characters with some entropy, not a word or an identifier.
pub(crate) fn random_looking(v: &str, min_entropy: f64) -> bool {
    if entropy(v) < min_entropy {
        return false;
    }
    let has_digit = v.chars().any(|c| c.is_ascii_digit());
    let has_alpha = v.chars().any(|c| c.is_ascii_alphabetic());
    let has_upper = v.chars().any(|c| c.is_ascii_uppercase());
    let has_lower = v.chars().any(|c| c.is_ascii_lowercase());
    let has_symbol = v.chars().any(|c| !c.is_ascii_alphanumeric());
    // `snake_case_identifier`, `kebab-case-name`, `CamelCaseName`.
    let identifier = v.chars().all(|c| c.is_ascii_alphabetic() || c == '_' || c == '-' || c == '.');
    if identifier && !(has_upper && has_lower && v.len() >= 20 && !v.contains(['_', '-', '.'])) {
        return false;
    }
    (has_digit && has_alpha) || (has_upper && has_lower && has_symbol) || (has_upper && has_lower && v.len() >= 20)
}

/// `%5D`: percent-encoded values are URL parts (test vectors), not
/// configured credentials.
fn percent_escape(v: &str) -> bool {
    let b = v.as_bytes();
    b.windows(3).any(|w| w[0] == b'%' && w[1].is_ascii_hexdigit() && w[2].is_ascii_hexdigit())
}

/// `tests/pass/*.rs`, `config/app.toml`, `C:\\keys\\id.pem`.
fn looks_like_file_path(v: &str) -> bool {
    let sep = v.contains('/') || v.contains('\\');
    let ext = v.rsplit_once('.').is_some_and(|(_, e)| {
        (1..=5).contains(&e.len())
            && e.chars().all(|c| c.is_ascii_alphanumeric())
            && e.chars().any(|c| c.is_ascii_lowercase())
    });
    (sep && (ext || v.contains('*'))) || v.contains("/*") || v.starts_with("*.")
}

fn looks_like_prose_or_code(v: &str) -> bool {
    v.contains("\n") || v.contains("();") || v.starts_with("fn ") || v.contains("{:")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn placeholders_and_examples() {
        for v in [
            "",
            "changeme",
            "${DB_PASSWORD}",
            "{{ secret }}",
            "<token>",
            "your-api-key",
            "xxxxxxxx",
            "$TOKEN",
            "%API_KEY%",
            "AKIAIOSFODNN7EXAMPLE",
            "aaaaaaaa",
            "abcdefghijklmnop",
            "0123456789",
            "password",
            "vault:secret/db",
            "ghp_secret",
            "sk_test",
        ] {
            assert!(is_placeholder(v), "{v:?} should be a placeholder");
        }
        // sast:allow(hardcoded-secret): made-up test vector
        for v in ["Xk8#mQ2vLp9wRz", "ghp_R8mzQ4vN2xLp7KwT9bYc3HdJ6fGs1aEu0Vo5", "w8Ks2pQz7Lm4Xv9Rt1Yb6Nc3Hd5Fg0Je"] {
            assert!(!is_placeholder(v), "{v:?} is not a placeholder");
        }
    }

    #[test]
    fn plausible_values() {
        assert!(plausible("Xk8#mQ2vLp9wRz", SecretKind::Password, "password"));
        assert!(plausible("correct horse battery staple", SecretKind::Password, "passphrase"));
        assert!(!plausible("Enter your password:", SecretKind::Password, "password"));
        assert!(!plausible("password", SecretKind::Password, "password"));
        assert!(!plausible("DATABASE_PASSWORD", SecretKind::Password, "PASSWORD_VAR"));
        assert!(!plausible("x-api-key", SecretKind::Token, "api_key"));
        assert!(!plausible("fn", SecretKind::Token, "token"));
        assert!(plausible("w8Ks2pQz7Lm4Xv9Rt1Yb6Nc3Hd5Fg0Je", SecretKind::Token, "token"));
        assert!(!plausible("some_identifier_name", SecretKind::Secret, "secret"));
        assert!(!plausible("admin@example.org", SecretKind::Password, "password"));
    }

    #[test]
    fn entropy_of_simple_strings() {
        assert_eq!(entropy(""), 0.0);
        assert_eq!(entropy("aaaa"), 0.0);
        assert!((entropy("abcd") - 2.0).abs() < 1e-9);
    }
}
