//! `[secrets]` compiled once per configuration: user patterns, allowlists,
//! the text-file switch.

use std::collections::HashSet;

use regex::Regex;

use super::values;
use crate::finding::{Finding, Suppression, SuppressionKind};

/// A user-defined pattern, compiled.
#[derive(Debug)]
pub(crate) struct UserPattern {
    pub id: String,
    pub description: String,
    pub regex: Regex,
    /// Lowercase.
    pub keywords: Vec<String>,
    pub entropy: f64,
}

/// The secrets pack's settings.
#[derive(Debug)]
pub(crate) struct Settings {
    pub text_files: bool,
    pub allow_paths: Option<globset::GlobSet>,
    pub allow_regexes: Vec<Regex>,
    pub allow_fingerprints: HashSet<String>,
    pub patterns: Vec<UserPattern>,
    /// The `[secrets]` table this was compiled from (part of the cache key).
    pub source: String,
}

impl Default for Settings {
    fn default() -> Self {
        Settings::new(&SecretsConfig::default())
    }
}

impl Settings {
    /// Compile a validated `[secrets]` table (invalid entries, which the
    /// config reader already rejects, are skipped).
    pub(crate) fn new(c: &SecretsConfig) -> Self {
        Settings {
            text_files: c.text_files.unwrap_or(true),
            allow_paths: if c.allow_paths.is_empty() { None } else { crate::util::glob::build_globs(&c.allow_paths) },
            allow_regexes: c.allow_regexes.iter().filter_map(|r| Regex::new(r).ok()).collect(),
            allow_fingerprints: c.allow_fingerprints.iter().map(|f| f.to_ascii_lowercase()).collect(),
            patterns: c
                .patterns
                .iter()
                .filter_map(|p| {
                    Some(UserPattern {
                        id: p.id.clone(),
                        description: p.description.clone(),
                        regex: Regex::new(&p.regex).ok()?,
                        keywords: p.keywords.iter().map(|k| k.to_ascii_lowercase()).collect(),
                        entropy: p.entropy,
                    })
                })
                .collect(),
            source: format!("{c:?}"),
        }
    }

    /// The user allowlisted this value.
    pub(crate) fn allowed_value(&self, secret: &str) -> bool {
        self.allow_regexes.iter().any(|r| r.is_match(secret))
    }

    pub(crate) fn allowed_path(&self, path: &str) -> bool {
        self.allow_paths.as_ref().is_some_and(|g| g.is_match(path))
    }

    /// User patterns matching in `text`: (pattern, secret range).
    pub(crate) fn scan<'s>(&'s self, text: &str) -> Vec<(&'s UserPattern, usize, usize)> {
        if self.patterns.is_empty() {
            return Vec::new();
        }
        let lower = text.to_ascii_lowercase();
        let mut out = Vec::new();
        for p in &self.patterns {
            if !p.keywords.is_empty() && !p.keywords.iter().any(|k| lower.contains(k.as_str())) {
                continue;
            }
            for c in p.regex.captures_iter(text) {
                let Some(m) = c.get(1).or_else(|| c.get(0)) else { continue };
                if m.as_str().is_empty() || values::entropy(m.as_str()) < p.entropy || self.allowed_value(m.as_str()) {
                    continue;
                }
                out.push((p, m.start(), m.end()));
            }
        }
        out
    }

    /// Apply the path and fingerprint allowlists to a file's findings of
    /// the pack (after fingerprints are computed): allowlisted paths report
    /// nothing; allowlisted fingerprints are suppressed, so they still show
    /// as reviewed in SARIF and with `--show-suppressed`.
    pub(crate) fn apply_allowlists(&self, findings: &mut Vec<Finding>) {
        if self.allow_paths.is_none() && self.allow_fingerprints.is_empty() {
            return;
        }
        findings.retain(|f| !(super::is_pack_rule(f.rule) && self.allowed_path(&f.location.path)));
        for f in findings.iter_mut() {
            if f.suppression.is_none()
                && super::is_pack_rule(f.rule)
                && self.allow_fingerprints.contains(&f.fingerprint)
            {
                f.suppression = Some(Suppression {
                    kind: SuppressionKind::External,
                    justification: "fingerprint allowlisted in `[secrets] allow-fingerprints`".to_string(),
                    location: None,
                });
            }
        }
    }
}

/// A user-defined secret pattern: `[[secrets.pattern]]`.
#[derive(Debug, Clone)]
pub struct SecretPattern {
    /// Kebab-case id, shown in messages.
    pub id: String,
    pub description: String,
    /// Rust regex syntax; group 1, when present, is the secret.
    pub regex: String,
    /// The regex runs only on values containing one of these
    /// (ASCII case-insensitive; empty: always).
    pub keywords: Vec<String>,
    /// Minimum Shannon entropy of the secret (bits per character).
    pub entropy: f64,
}

/// `[secrets]`: options of the secrets pack (`hardcoded-secret`,
/// `hardcoded-credential`, `connection-string-password`,
/// `hardcoded-crypto-key`).
#[derive(Debug, Clone, Default)]
pub struct SecretsConfig {
    /// Also scan `.env*`, `*.toml`, `*.yaml`, `*.json`, … (default true).
    pub text_files: Option<bool>,
    /// Paths (globs) where the pack reports nothing.
    pub allow_paths: Vec<String>,
    /// Values matching one of these regexes are not secrets.
    pub allow_regexes: Vec<String>,
    /// Findings with these fingerprints are suppressed (reviewed).
    pub allow_fingerprints: Vec<String>,
    pub patterns: Vec<SecretPattern>,
}
