//! Secrets in the workspace's other text files: `.env*`, `*.toml`,
//! `*.yaml`/`*.yml`, `*.json`, `*.ini`, `*.properties`, `*.cfg`, `*.conf`,
//! `Dockerfile`, `.npmrc`, `.pypirc`. Same detectors as in Rust code:
//! provider formats anywhere in the file, connection strings, and
//! `key = value` / `key: value` lines whose key names a credential. What is
//! found is handed to the engine's reporter (`engine::inputs::text`) as
//! [`TextHit`]s.

use std::collections::HashSet;
use std::sync::LazyLock;

use regex::Regex;

use super::settings::Settings;
use super::{
    CONNECTION_STRING_PASSWORD, HARDCODED_CREDENTIAL, HARDCODED_SECRET, connstr, detect, encoded, names, policy, values,
};
use crate::finding::Severity;

/// A secret found in a text file: rule, byte range, message, help.
#[derive(Debug)]
pub(crate) struct TextHit {
    pub rule: &'static str,
    pub start: usize,
    pub end: usize,
    pub message: String,
    pub help: &'static str,
    pub severity: Option<Severity>,
    /// A name-based guess whose value looks like a test value
    /// (`policy::is_test_value`): quiet in test data.
    pub test_value: bool,
}

impl TextHit {
    fn new(
        rule: &'static str,
        start: usize,
        end: usize,
        message: String,
        help: &'static str,
        severity: Option<Severity>,
    ) -> Self {
        TextHit { rule, start, end, message, help, severity, test_value: false }
    }
}

const HELP_SECRET: &str = "remove the secret from the file, rotate it (it is compromised once committed), and load it at run time from the environment or a secret manager";
const HELP_CRED: &str = "load the credential at run time (environment, secret manager, a git-ignored local file) and rotate the committed value";

/// Every secret of a text file, in the order the detectors find them.
pub(crate) fn scan(text: &str, settings: &Settings, mut report: impl FnMut(TextHit)) {
    let url_passwords = connstr::url_passwords(text);
    // Provider formats anywhere (multi-line PEM blocks included), plain or
    // behind base64.
    for h in encoded::format_hits(text) {
        if settings.allowed_value(&text[h.start..h.end]) {
            continue;
        }
        let mut hit =
            TextHit::new(HARDCODED_SECRET, h.start, h.end, h.message(), HELP_SECRET, Some(h.detector.severity));
        // A human-chosen password (`.netrc`): a test value is quiet in test data.
        hit.test_value =
            h.detector.password_of(&text[h.start..h.end]).is_some_and(|p| policy::is_test_value(&p, "password"));
        report(hit);
    }
    for (p, s, e) in settings.scan(text) {
        report(TextHit::new(
            HARDCODED_SECRET,
            s,
            e,
            format!("hardcoded secret matching pattern `{}` ({})", p.id, p.description),
            HELP_SECRET,
            None,
        ));
    }
    for h in connstr::find(text) {
        if settings.allowed_value(&text[h.start..h.end]) {
            continue;
        }
        report(TextHit::new(
            CONNECTION_STRING_PASSWORD,
            h.start,
            h.end,
            format!("password in a {}", connstr::what(&h)),
            "keep the password out of the URL: read the whole connection string (or the password) from the environment or a secret manager",
            None,
        ));
    }
    for (s, e, what) in encoded::connection_strings(text) {
        if settings.allowed_value(&text[s..e]) {
            continue;
        }
        report(TextHit::new(
            CONNECTION_STRING_PASSWORD,
            s,
            e,
            format!("password in a {what} (base64-encoded)"),
            "keep the password out of the URL: read the whole connection string (or the password) from the environment or a secret manager",
            None,
        ));
    }
    pairs(text, &url_passwords, settings, &mut report);
}

/// Could this string literal's value be a config snippet (`KEY = "…"`,
/// `export KEY=…`, YAML/JSON/TOML lines) whose pairs name credentials?
pub(crate) fn looks_like_config(value: &str) -> bool {
    let t = value.trim_start();
    let first_line = t.split('\n').next().unwrap_or("");
    (value.contains('\n') || t.starts_with("export ") || t.starts_with('{') || is_env_line(t))
        && (first_line.contains('=')
            || first_line.contains(':')
            || value.contains("\n") && (value.contains('=') || value.contains(':')))
}

/// A single environment-file line: `NAME=value`, the name in capitals
/// (`AWS_SECRET_ACCESS_KEY=…`, rendered into a `.env` file or passed to a
/// child process).
fn is_env_line(t: &str) -> bool {
    let Some((name, value)) = t.split_once('=') else { return false };
    name.len() >= 3
        && name.starts_with(|c: char| c.is_ascii_uppercase())
        && name.bytes().all(|b| b.is_ascii_uppercase() || b.is_ascii_digit() || b == b'_')
        && value.starts_with(|c: char| !c.is_whitespace() && c != '=')
}

/// The `key = value` pairs of a config snippet inside a Rust string
/// literal (`value`): the hits of `rule` only, in `value`'s offsets. A
/// value with spaces is prose in a literal (help text), not a credential.
pub(crate) fn literal_pairs(value: &str, settings: &Settings, rule: &str) -> Vec<TextHit> {
    let mut out = Vec::new();
    let url_passwords = connstr::url_passwords(value);
    pairs(value, &url_passwords, settings, &mut |h: TextHit| {
        if h.rule == rule && value.get(h.start..h.end).is_some_and(|v| !v.contains(char::is_whitespace)) {
            out.push(h);
        }
    });
    out
}

/// `key = value` / `key: value` lines and inline `"key": "value"` pairs.
fn pairs(text: &str, url_passwords: &HashSet<&str>, settings: &Settings, mut report: impl FnMut(TextHit)) {
    let url_passwords = url_passwords.clone();
    let mut offset = 0usize;
    let mut prev_name: Option<(String, usize)> = None;
    for (lineno, line) in text.split_inclusive('\n').enumerate() {
        let line_start = offset;
        offset += line.len();
        let line = line.trim_end_matches(['\n', '\r']);
        let t = line.trim_start();
        if t.starts_with('#') || t.starts_with("//") || t.starts_with(';') || line.len() > 4096 {
            continue;
        }
        let has_colon = memchr::memchr(b':', line.as_bytes()).is_some();
        if !has_colon
            && memchr::memchr(b'=', line.as_bytes()).is_none()
            && !t.starts_with("ENV")
            && !t.starts_with("ARG")
        {
            continue;
        }
        // `{"key": "value", …}` pairs inside a line (inline JSON, flow YAML).
        if let Some(re) = QUOTED_PAIR.as_ref()
            && has_colon
            && memchr::memmem::find(line.as_bytes(), b"\":").is_some()
        {
            for c in re.captures_iter(line) {
                let (Some(k), Some(v)) = (c.get(1), c.get(2)) else { continue };
                pair(
                    &mut report,
                    &url_passwords,
                    settings,
                    k.as_str(),
                    &line[v.range()],
                    line_start + v.start(),
                    line_start + v.end(),
                );
            }
        }
        let Some(((ks, ke), vstart)) = parse_kv(line) else { continue };
        let Some((vs, ve)) = clean_value(line, vstart) else { continue };
        let mut key = line[ks..ke].to_string();
        let value = &line[vs..ve];
        if key == "name" {
            prev_name = Some((value.to_string(), lineno));
            continue;
        }
        // `- name: DB_PASSWORD` / `  value: …` (Kubernetes, compose).
        if key == "value"
            && let Some((n, l)) = &prev_name
            && lineno <= l + 2
        {
            key = n.clone();
        }
        pair(&mut report, &url_passwords, settings, &key, value, line_start + vs, line_start + ve);
    }
}

/// One `key = value` pair of a text file at file range `s..e`.
fn pair(
    report: &mut impl FnMut(TextHit),
    url_passwords: &HashSet<&str>,
    settings: &Settings,
    key: &str,
    value: &str,
    s: usize,
    e: usize,
) {
    if value.is_empty() || settings.allowed_value(value) {
        return;
    }
    // The same password inside a URL of the file: the connection-string
    // check decides about it.
    if url_passwords.contains(value) {
        return;
    }
    if let Some(d) = detect::TABLE.scan_named(key, value) {
        report(TextHit::new(
            HARDCODED_SECRET,
            s,
            e,
            format!("hardcoded {} in `{key}`", d.name),
            HELP_SECRET,
            Some(d.severity),
        ));
        return;
    }
    if let Some(kind) = names::secret_name(key)
        && values::plausible(value, kind, key)
        && detect::TABLE.scan(value).is_empty()
        && connstr::find(value).is_empty()
    {
        report(TextHit {
            test_value: policy::is_test_value(value, key),
            ..TextHit::new(HARDCODED_CREDENTIAL, s, e, format!("hardcoded {} in `{key}`", kind.noun()), HELP_CRED, None)
        });
    }
}

static QUOTED_PAIR: LazyLock<Option<Regex>> =
    LazyLock::new(|| Regex::new(r#""([A-Za-z_][A-Za-z0-9_.\-]*)"\s*:\s*"((?:[^"\\]|\\.)*)""#).ok());

/// A `key = value` / `key: value` / `export KEY=value` / `- KEY=value` /
/// `"key": value` / Dockerfile `ENV KEY value` line: the key's range and
/// where the value starts. Hand-written: it runs on every line.
fn parse_kv(line: &str) -> Option<((usize, usize), usize)> {
    let b = line.as_bytes();
    let ws = |i: &mut usize| {
        while *i < b.len() && (b[*i] == b' ' || b[*i] == b'\t') {
            *i += 1;
        }
    };
    let mut i = 0;
    ws(&mut i);
    let docker = line[i..].starts_with("ENV ") || line[i..].starts_with("ARG ");
    if docker {
        i += 4;
    } else {
        if line[i..].starts_with("- ") {
            i += 2;
        }
        ws(&mut i);
        for kw in ["export ", "set "] {
            if line[i..].starts_with(kw) {
                i += kw.len();
            }
        }
    }
    ws(&mut i);
    let quote = match b.get(i) {
        Some(&q @ (b'"' | b'\'')) if !docker => {
            i += 1;
            Some(q)
        }
        _ => None,
    };
    let ks = i;
    if !b.get(i).is_some_and(|c| c.is_ascii_alphabetic() || *c == b'_') {
        return None;
    }
    while i < b.len() && (b[i].is_ascii_alphanumeric() || matches!(b[i], b'_' | b'.' | b'-')) {
        i += 1;
    }
    let ke = i;
    if let Some(q) = quote {
        if b.get(i) != Some(&q) {
            return None;
        }
        i += 1;
    }
    let before = i;
    ws(&mut i);
    match b.get(i) {
        Some(b'=') => i += 1,
        Some(b':') if !docker && b.get(i + 1) != Some(&b':') => i += 1,
        Some(_) if docker && i > before => {}
        _ => return None,
    }
    ws(&mut i);
    (i < b.len()).then_some(((ks, ke), i))
}

/// The value part of a `key = value` line: unquoted, without a trailing
/// comment or comma. Returns its byte range within the line.
fn clean_value(line: &str, start: usize) -> Option<(usize, usize)> {
    let v = &line[start..];
    let first = v.chars().next()?;
    if first == '"' || first == '\'' {
        let body = &v[1..];
        let mut prev = '\0';
        for (i, c) in body.char_indices() {
            if c == first && prev != '\\' {
                return Some((start + 1, start + 1 + i));
            }
            prev = c;
        }
        return None;
    }
    if matches!(first, '{' | '[' | '|' | '>' | '&' | '*' | '!' | '(' | '<' | '$' | '%') {
        return None;
    }
    let mut end = v.len();
    for pat in [" #", "\t#", " //", " ;"] {
        if let Some(i) = v.find(pat) {
            end = end.min(i);
        }
    }
    let t = v[..end].trim_end().trim_end_matches(',').trim_end();
    (!t.is_empty()).then(|| (start, start + t.len()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn key_value_lines() {
        let kv = |l: &str| parse_kv(l).map(|((ks, ke), v)| (l[ks..ke].to_string(), l[v..].to_string()));
        assert_eq!(kv("DB_PASSWORD=x1"), Some(("DB_PASSWORD".into(), "x1".into())));
        assert_eq!(kv("  - DB_PASSWORD=x1"), Some(("DB_PASSWORD".into(), "x1".into())));
        assert_eq!(kv("export API_TOKEN=\"a b\""), Some(("API_TOKEN".into(), "\"a b\"".into())));
        assert_eq!(kv("ENV AWS_KEY abc"), Some(("AWS_KEY".into(), "abc".into())));
        assert_eq!(kv("ENV AWS_KEY=abc"), Some(("AWS_KEY".into(), "abc".into())));
        assert_eq!(kv("  \"user\": \"x\","), Some(("user".into(), "\"x\",".into())));
        assert_eq!(kv("db.password = secret"), Some(("db.password".into(), "secret".into())));
        assert_eq!(kv("use std::fmt;"), None);
        assert_eq!(kv("[section]"), None);
        assert_eq!(kv("key:"), None);
    }

    #[test]
    fn values_of_lines() {
        let l = "password = \"abc def\" # comment";
        let (s, e) = clean_value(l, 11).unwrap();
        assert_eq!(&l[s..e], "abc def");
        let l = "DB_PASSWORD=Xk8mQ2vLp9wRz # dev"; // sast:allow(hardcoded-credential): made-up test vector
        let (s, e) = clean_value(l, 12).unwrap();
        assert_eq!(&l[s..e], "Xk8mQ2vLp9wRz");
        assert!(clean_value("x: ${VAR}", 3).is_none());
    }
}
