//! Secrets in the workspace's other text files: `.env*`, `*.toml`,
//! `*.yaml`/`*.yml`, `*.json`, `*.ini`, `*.properties`, `*.cfg`, `*.conf`,
//! `Dockerfile`, `.npmrc`, `.pypirc`. Same detectors as in Rust code:
//! provider formats anywhere in the file, connection strings, and
//! `key = value` / `key: value` lines whose key names a credential.

use std::collections::HashMap;
use std::sync::{Arc, LazyLock};

use regex::Regex;

use super::{connstr, detect, values};
use crate::engine::analyze::{FileFacts, FileInput};
use crate::engine::ruleset::RuleSet;
use crate::finding::{Finding, Suppression, SuppressionKind};
use crate::rules::cx::{Cx, Scope};
use crate::rules::file::FileCtx;

/// Should the scan read text files: some rule of the pack is enabled (in
/// the workspace or a package) and `[secrets] text-files` is not off.
pub fn wanted(base: &RuleSet, per_package: &std::collections::HashMap<String, Arc<RuleSet>>) -> bool {
    let on = |set: &RuleSet| {
        set.rules.iter().enumerate().any(|(i, r)| {
            super::is_pack_rule(r.meta().id)
                && r.meta().id != super::HARDCODED_CRYPTO_KEY
                && set.settings[i].secrets.text_files
        })
    };
    on(base) || per_package.values().any(|s| on(s))
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

struct Reporter<'a> {
    file: &'a FileCtx,
    /// Passwords of the file's URLs (`connection-string-password` judges them).
    url_passwords: std::collections::HashSet<&'a str>,
    set: &'a RuleSet,
    out: Vec<Finding>,
    /// Reported ranges (disjoint), start → end.
    covered: std::collections::BTreeMap<usize, usize>,
}

impl Reporter<'_> {
    /// No reported range overlaps `s..e` (the one starting last before `e`
    /// is the only candidate: they are disjoint).
    fn free(&self, s: usize, e: usize) -> bool {
        self.covered.range(..e).next_back().is_none_or(|(_, &b)| b <= s)
    }

    fn report(
        &mut self,
        rule: &str,
        s: usize,
        e: usize,
        message: String,
        help: &str,
        severity: Option<crate::rules::Severity>,
    ) {
        let Some(i) = self.set.index_of(rule) else { return };
        if !self.free(s, e) {
            return;
        }
        self.covered.insert(s, e);
        let scope = Scope::default();
        let mut cx = Cx {
            file: self.file,
            scope: &scope,
            rule: self.set.rules[i].meta(),
            settings: &self.set.settings[i],
            out: &mut self.out,
        };
        let mut d = cx.report_range(s as u32, e as u32, message).mask_range(s as u32, e as u32).help(help.to_string());
        if let Some(sev) = severity {
            d = d.severity(sev);
        }
        drop(d);
    }
}

const HELP_SECRET: &str = "remove the secret from the file, rotate it (it is compromised once committed), and load it at run time from the environment or a secret manager";
const HELP_CRED: &str = "load the credential at run time (environment, secret manager, a git-ignored local file) and rotate the committed value";

/// Scan one text file with the pack's enabled rules.
pub fn analyze(input: &FileInput, bytes: Vec<u8>, set: &RuleSet, limits: &crate::engine::analyze::Limits) -> FileFacts {
    let mut facts = FileFacts { path: input.path.clone(), bytes: bytes.len() as u64, ..Default::default() };
    // A stray invalid byte or NUL must not hide the rest of the file: such
    // bytes read as `?` (one byte each, so offsets stay right).
    let text = match String::from_utf8(bytes) {
        Ok(t) => t,
        Err(e) => {
            let bytes = e.into_bytes();
            let mut t = String::with_capacity(bytes.len());
            for chunk in bytes.utf8_chunks() {
                t.push_str(chunk.valid());
                t.extend(std::iter::repeat_n('?', chunk.invalid().len()));
            }
            t
        }
    };
    let Some(settings) =
        set.rules.iter().position(|r| super::is_pack_rule(r.meta().id)).map(|i| Arc::clone(&set.settings[i].secrets))
    else {
        return facts;
    };
    if settings.allowed_path(&input.path) {
        return facts;
    }
    let file = FileCtx::new(input.path.clone(), text, input.kind);
    let text = file.text.as_str();
    let mut r = Reporter {
        file: &file,
        url_passwords: connstr::url_passwords(text),
        set,
        out: Vec::new(),
        covered: Default::default(),
    };

    // Provider formats anywhere (multi-line PEM blocks included).
    for h in detect::TABLE.scan(text) {
        if settings.allowed_value(&text[h.start..h.end]) {
            continue;
        }
        r.report(
            super::HARDCODED_SECRET,
            h.start,
            h.end,
            format!("hardcoded {}", h.detector.name),
            HELP_SECRET,
            Some(h.detector.severity),
        );
    }
    for (p, s, e) in settings.scan(text) {
        r.report(
            super::HARDCODED_SECRET,
            s,
            e,
            format!("hardcoded secret matching pattern `{}` ({})", p.id, p.description),
            HELP_SECRET,
            None,
        );
    }
    for h in connstr::find(text) {
        if settings.allowed_value(&text[h.start..h.end]) {
            continue;
        }
        r.report(super::CONNECTION_STRING_PASSWORD, h.start, h.end, format!("password in a {}", connstr::what(&h)), "keep the password out of the URL: read the whole connection string (or the password) from the environment or a secret manager", None);
    }
    // `key = value` lines.
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
            && !t.starts_with('"')
            && memchr::memmem::find(line.as_bytes(), b"\":").is_some()
        {
            for c in re.captures_iter(line) {
                let (Some(k), Some(v)) = (c.get(1), c.get(2)) else { continue };
                pair(&mut r, &settings, k.as_str(), &line[v.range()], line_start + v.start(), line_start + v.end());
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
        pair(&mut r, &settings, &key, value, line_start + vs, line_start + ve);
    }
    let mut findings = r.out;
    apply_comment_suppressions(&file, &mut findings);
    findings.sort_by(|a, b| (a.location.byte_start, a.rule).cmp(&(b.location.byte_start, b.rule)));
    crate::engine::analyze::finalize(&file, &mut findings, limits.line_hashes);
    settings.apply_allowlists(&mut findings);
    facts.findings = findings;
    facts
}

/// One `key = value` pair of a text file at file range `s..e`.
fn pair(r: &mut Reporter<'_>, settings: &super::Settings, key: &str, value: &str, s: usize, e: usize) {
    if value.is_empty() || settings.allowed_value(value) {
        return;
    }
    // The same password inside a URL of the file: the connection-string
    // check decides about it.
    if r.url_passwords.contains(value) {
        return;
    }
    if let Some(d) = detect::TABLE.scan_named(key, value) {
        r.report(
            super::HARDCODED_SECRET,
            s,
            e,
            format!("hardcoded {} in `{key}`", d.name),
            HELP_SECRET,
            Some(d.severity),
        );
        return;
    }
    if let Some(kind) = values::secret_name(key)
        && values::plausible(value, kind, key)
        && detect::TABLE.scan(value).is_empty()
        && connstr::find(value).is_empty()
    {
        r.report(super::HARDCODED_CREDENTIAL, s, e, format!("hardcoded {} in `{key}`", kind.noun()), HELP_CRED, None);
    }
}

/// `# sast:allow(<rule-id>): <reason>` (or `//`, `;`) on the finding's
/// line or the line above it. Each line is looked at once, however many
/// findings it has.
fn apply_comment_suppressions(file: &FileCtx, findings: &mut [Finding]) {
    const MARK: &str = "sast:allow(";
    let mut parsed: HashMap<usize, Option<(u32, Vec<String>, String)>> = HashMap::new();
    let mut allow_on = |l: usize| {
        parsed
            .entry(l)
            .or_insert_with(|| {
                let text = file.line_text(l);
                let i = memchr::memmem::find(text.as_bytes(), MARK.as_bytes())?;
                let rest = &text[i + MARK.len()..];
                let close = rest.find(')')?;
                let rules = rest[..close].split(',').map(|id| id.trim().to_string()).collect();
                let reason = rest[close + 1..].trim_start_matches(':').trim().to_string();
                Some((file.lines.line_start(l) + i as u32, rules, reason))
            })
            .clone()
    };
    for f in findings.iter_mut() {
        let l = f.location.start.line as usize - 1;
        let candidates = if l > 0 { vec![l, l - 1] } else { vec![l] };
        for line in candidates {
            let Some((at, rules, reason)) = allow_on(line) else { continue };
            if rules.iter().any(|r| r == f.rule) {
                f.suppression = Some(Suppression {
                    kind: SuppressionKind::InSource,
                    justification: if reason.is_empty() { "sast:allow".to_string() } else { reason },
                    location: Some(file.location(at, at + MARK.len() as u32 - 1)),
                });
                break;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_file_names() {
        for p in [
            ".env",
            ".env.production",
            "config.toml",
            "a/b.yaml",
            "x.yml",
            "app.json",
            "db.ini",
            "app.properties",
            "Dockerfile",
            "Dockerfile.dev",
            ".npmrc",
        ] {
            assert!(crate::workspace::is_text_file(std::path::Path::new(p)), "{p}");
        }
        for p in ["main.rs", "Cargo.lock", "package-lock.json", "README.md", "x.min.json"] {
            assert!(!crate::workspace::is_text_file(std::path::Path::new(p)), "{p}");
        }
    }

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
        let l = "DB_PASSWORD=Xk8mQ2vLp9wRz # dev";
        let (s, e) = clean_value(l, 12).unwrap();
        assert_eq!(&l[s..e], "Xk8mQ2vLp9wRz");
        assert!(clean_value("x: ${VAR}", 3).is_none());
    }
}
