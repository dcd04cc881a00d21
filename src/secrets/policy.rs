//! The secrets pack's test-code policy, in one place.
//!
//! Provider-format secrets, private keys, connection strings with
//! passwords and any high-entropy value are reported everywhere: a real
//! key committed in a test is still a leaked key. A name-based guess
//! (`password: "pwd0"`) whose value looks like a placeholder or a test
//! value ([`is_test_value`]) is quiet in test code (`#[cfg(test)]`,
//! `#[test]`, `tests/`, benches, examples, build scripts) and in test data
//! (text files under `tests/`, `testdata/`, `fixtures/`, …: discovery
//! gives them the kind `Test`, `workspace::is_test_data_path`).
//!
//! Who applies what: a rule marks such a finding with `Diag::test_value`
//! (the value is judged here); the engine's test-code policy
//! (`engine::scan`), which knows where test code is once the crate's module
//! tree is joined, drops marked findings in test code and applies the
//! rule's `test-code` setting to the rest. [`region_may_report`] lets the
//! walker skip test code in which nothing the pack still reports there can
//! be (the cost of test code is a keyword scan, not a walk).

use aho_corasick::{AhoCorasick, AhoCorasickBuilder};
use std::sync::LazyLock;

pub(crate) use super::literals::Region;
use super::names::words;
use super::{detect, encoded, values};

/// Words that mark a made-up value in test code (`test_password_123`,
/// `wrong-secret`, `fake_token_abcdef`).
#[rustfmt::skip]
const TEST_WORDS: &[&str] = &[
    "test", "dummy", "example", "fake", "mock", "sample", "changeme", "wrong", "invalid", "incorrect", "bad",
    "secret", "passw", "token", "demo", "foo", "bar", "hello", "abc", "xyz", "qwerty", "letmein", "correct",
];

/// Password hashes (`$2y$…` bcrypt, `$argon2id$…`, crypt, LDAP `{SSHA}`),
/// alone or after `user:` (an htpasswd line): the secret is the password
/// they hash, not the hash.
pub(crate) fn is_password_hash(v: &str) -> bool {
    let h = match v.split_once(':') {
        Some((user, h)) if !user.is_empty() && !user.contains('$') && h.starts_with(['$', '{']) => h,
        _ => v,
    };
    const PREFIXES: &[&str] = &[
        "$2a$",
        "$2b$",
        "$2x$",
        "$2y$",
        "$argon2i$",
        "$argon2d$",
        "$argon2id$",
        "$scrypt$",
        "$pbkdf2",
        "$1$",
        "$5$",
        "$6$",
        "$y$",
        "$7$",
        "{ssha}",
        "{sha}",
        "{ssha256}",
        "{ssha512}",
        "{bcrypt}",
        "{crypt}",
        "{pbkdf2",
    ];
    let lower = h.get(..12.min(h.len())).unwrap_or(h).to_ascii_lowercase();
    h.len() >= 20 && PREFIXES.iter().any(|p| lower.starts_with(p))
}

/// Does this value, bound to `name`, look like a placeholder or a test
/// value: short (under 12 characters), dictionary words, a test word
/// (`test`, `dummy`, `example`, `fake`, `changeme`, `wrong`, …), repeated
/// characters, a sequence (`123456`), the name itself, too regular to be
/// random, or a password hash (whose password cannot be judged)?
pub(crate) fn is_test_value(value: &str, name: &str) -> bool {
    let v = value.trim();
    if v.chars().count() < 12 || values::is_placeholder(v) || values::is_example_token(v) || is_password_hash(v) {
        return true;
    }
    let lower = v.to_ascii_lowercase();
    if TEST_WORDS.iter().any(|w| lower.contains(w)) {
        return true;
    }
    if words(name).iter().any(|w| w.len() >= 4 && lower.contains(w.as_str())) {
        return true;
    }
    // Dictionary words: letters, spaces and separators only.
    if v.chars().all(|c| c.is_alphabetic() || matches!(c, ' ' | '_' | '-' | '.')) {
        return true;
    }
    !values::random_looking(v, 3.0)
}

/// Credential words a name-based finding needs somewhere near its value
/// (its name, a credential API or header name), ASCII case-insensitive.
static CREDENTIAL_WORDS: LazyLock<Option<AhoCorasick>> = LazyLock::new(|| {
    AhoCorasickBuilder::new()
        .ascii_case_insensitive(true)
        .build(["pass", "pw", "secret", "token", "key", "cred", "auth", "bearer", "cookie", "provider"])
        .ok()
});

/// Connection-string markers (as `connection-string-password` prefilters).
static CONNECTION_WORDS: LazyLock<Option<AhoCorasick>> = LazyLock::new(|| {
    AhoCorasickBuilder::new().ascii_case_insensitive(true).build(["://", "password=", "pwd=", "passwd="]).ok()
});

/// An `ALL_CAPS` name (a constant, whose value is read where it is defined).
fn names_a_constant(text: &str) -> bool {
    text.split(|c: char| !(c.is_ascii_alphanumeric() || c == '_')).any(|w| {
        w.len() >= 3
            && w.bytes().next().is_some_and(|c| c.is_ascii_uppercase())
            && w.bytes().all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == b'_')
    })
}

/// What a pack rule can still report in test code, as far as a keyword
/// scan of the code's text and its string literals can tell (a superset: `false` means nothing).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Reach {
    /// Provider formats (detector keywords in a literal, name-bound formats) and the
    /// user's `[secrets] patterns`.
    Formats,
    /// Connection strings with a password.
    ConnectionStrings,
    /// Name-based guesses whose value is not a test value.
    Names,
}

/// Could a pack rule of this reach report something in test code whose
/// text is `region`'s? `user_patterns`: the user configured extra patterns.
pub(crate) fn region_may_report(reach: Reach, region: &Region<'_>, user_patterns: bool) -> bool {
    let words = |ac: &LazyLock<Option<AhoCorasick>>, t: &str| ac.as_ref().is_none_or(|ac| ac.is_match(t));
    let text = region.text;
    // Literals by their source: a value of n characters is at least n + 2.
    let literals = || region.literals().iter().copied();
    match reach {
        Reach::Formats => {
            user_patterns
                || text.contains("concat!")
                || literals().any(|l| l.len() >= 10)
                    // The literals first: a keyword or a base64 run in one
                    // spares the pass over the whole text.
                    && (literals()
                        .any(|l| l.len() >= 10 && (detect::TABLE.has_candidates(l) || encoded::may_hold(l)))
                        || detect::TABLE.has_context_candidates(text))
        }
        Reach::ConnectionStrings => literals().any(|l| l.len() >= 12 && words(&CONNECTION_WORDS, l)),
        Reach::Names => words(&CREDENTIAL_WORDS, text) && (literals().any(|l| l.len() >= 14) || names_a_constant(text)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn test_values() {
        for (v, name) in [
            ("pwd0", "password"),
            ("wrong", "password"),
            ("correct horse", "password"),
            ("test_password_123", "password"),
            ("jq:$2y$05$32zazJ1yzhlDHnt26L3MFOgY0HVqPmDUvG0KUx6cjf9RDiUGp/M9q", "basic_auth"),
            ("$argon2id$v=19$m=65536,t=2,p=1$c29tZXNhbHQ$RdescudvJCsgt3ub+b+dWRWJTmaaJObG", "hash"),
            ("aaaaaaaaaaaaaaaa", "token"),
            ("1234567890123456", "api_key"),
            ("my-api-key-for-staging", "api_key"),
            ("super secret phrase", "passphrase"),
        ] {
            assert!(is_test_value(v, name), "{v}");
        }
        for (v, name) in [("Xk8#mQ2vLp9wRz4!", "password"), ("9f8a7c6b5e4d3a2b1c0f9e8d7c6b5a4f", "api_key")] {
            assert!(!is_test_value(v, name), "{v}");
        }
    }

    #[test]
    fn regions() {
        let no = "fn t() { assert_eq!(parse(\"a\"), Ok(1)); let map = HashMap::new(); }";
        assert!(!region_may_report(Reach::Names, &Region::new(no), false));
        assert!(!region_may_report(Reach::ConnectionStrings, &Region::new(no), false));
        let yes = "fn t() { let api_key = \"9f8a7c6b5e4d3a2b1c0f\"; }";
        assert!(region_may_report(Reach::Names, &Region::new(yes), false));
        assert!(region_may_report(Reach::Names, &Region::new("fn t() { c.password(DB_PASSWORD); }"), false));
        assert!(region_may_report(Reach::ConnectionStrings, &Region::new("connect(\"postgres://u:p@h/db\")"), false));
        assert!(region_may_report(
            Reach::Formats,
            &Region::new("f(\"ghp_R8mzQ4vN2xLp7KwT9bYc3HdJ6fGs1aEu0Vo5\")"), // sast:allow(hardcoded-secret): made-up test vector
            false
        ));
        // Detector keywords in code or comments are not literals.
        assert!(!region_may_report(
            Reach::Formats,
            &Region::new("fn ask(task: T) { t.sk(\"short\") } // \"ghp_R8mzQ4vN2xLp7\""),
            false
        ));
        assert!(region_may_report(Reach::Formats, &Region::new(""), true));
    }
}
