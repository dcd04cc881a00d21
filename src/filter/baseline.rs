//! Baselines: reviewed and accepted findings, kept in a TOML file.
//!
//! `cargo sast baseline` writes the current findings; reviewers fill in a
//! reason, who accepted the risk, and optionally an expiry date. A scan with
//! `--baseline FILE` (or `baseline = "…"` in sast.toml) then reports only
//! findings not in the baseline. Entries match by fingerprint (rule, path,
//! the code on the line, occurrence number — not the line number), so they
//! survive code moving within a file. An entry whose expiry has passed no
//! longer hides its finding; entries that match nothing are listed as stale
//! (only those the scan could have matched: their rule ran on their file);
//! entries without a reason or an owner are pointed out (`--strict` fails).

use std::collections::HashMap;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use toml::de::{DeTable, DeValue};

use crate::finding::{Finding, NoteLevel, Notification, Suppression, SuppressionKind};
use crate::util::time::Date;
use crate::util::toml::{ConfigError, Reader};

pub(crate) const DEFAULT_FILE: &str = "sast-baseline.toml";
pub(crate) const FORMAT_VERSION: i64 = 1;

/// One accepted finding.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Entry {
    pub rule: String,
    pub path: String,
    pub fingerprint: String,
    /// Informational: where the finding was when it was accepted.
    pub line: Option<u32>,
    pub message: Option<String>,
    pub reason: String,
    pub accepted_by: String,
    pub expires: Option<Date>,
    /// Line of the entry's `[[finding]]` header in the baseline file (when
    /// read from one).
    pub decl_line: Option<u32>,
}

#[derive(Debug, Clone, Default)]
pub(crate) struct Baseline {
    pub path: PathBuf,
    pub entries: Vec<Entry>,
}

/// What applying a baseline did.
#[derive(Debug, Clone, Default)]
pub(crate) struct Applied {
    /// Per finding: hidden by an entry.
    pub hidden: Vec<bool>,
    /// Entries whose expiry passed, with the index of the finding that is
    /// reported again.
    pub expired: Vec<(usize, Entry)>,
    /// Entries that match no finding although the scan could have matched
    /// them.
    pub stale: Vec<Entry>,
}

impl Applied {
    /// Narrow to the findings that stay in the report (`keep`, per finding:
    /// diff mode drops those on unchanged lines). Stale entries stay: they
    /// were judged against every finding of the scan.
    pub(crate) fn keep_only(&mut self, keep: &[bool]) {
        for (h, k) in self.hidden.iter_mut().zip(keep) {
            *h &= *k;
        }
        self.expired.retain(|(i, _)| keep.get(*i).copied().unwrap_or(false));
    }

    pub(crate) fn hidden_count(&self) -> usize {
        self.hidden.iter().filter(|h| **h).count()
    }
}

impl Entry {
    /// The review fields an accepted risk needs and this entry lacks.
    pub(crate) fn missing_review(&self) -> Vec<&'static str> {
        let mut out = Vec::new();
        if self.reason.trim().is_empty() {
            out.push("reason");
        }
        if self.accepted_by.trim().is_empty() {
            out.push("accepted-by");
        }
        out
    }
}

const ENTRY_KEYS: &[&str] = &["rule", "path", "fingerprint", "line", "message", "reason", "accepted-by", "expires"];

impl Baseline {
    /// Read a baseline. `boundary`: it comes from the repository (its
    /// config or the default file), whose canonical root this is.
    pub(crate) fn load(path: &Path, boundary: Option<&Path>) -> Result<Baseline, ConfigError> {
        let text =
            crate::util::confine::read_string(path, boundary, crate::util::fsread::limit::BASELINE).map_err(|e| {
                ConfigError::unreadable(
                    path,
                    format!(
                        "cannot read the baseline file {}: {e}",
                        crate::util::escape::line(&path.display().to_string())
                    ),
                )
            })?;
        Self::parse(path, &text)
    }

    /// Parse a baseline. Errors name the file, line and key but never
    /// quote it: it is not a configuration file.
    pub(crate) fn parse(path: &Path, text: &str) -> Result<Baseline, ConfigError> {
        Self::parse_text(path, text).map_err(|mut e| {
            e.quote = false;
            e
        })
    }

    fn parse_text(path: &Path, text: &str) -> Result<Baseline, ConfigError> {
        let r = Reader { path, text, boundary: None };
        let doc = DeTable::parse(text)
            .map_err(|e| r.err(e.span().unwrap_or(0..0), "", format!("invalid TOML: {}", e.message().trim())))?;
        let mut b = Baseline { path: path.to_path_buf(), entries: Vec::new() };
        for (k, v) in doc.get_ref().iter() {
            let key = k.get_ref().as_ref();
            match key {
                "version" => {
                    let n = r.int(v, key)?;
                    if n != FORMAT_VERSION {
                        return Err(r.err(
                            v.span(),
                            key,
                            format!("unsupported baseline version {n} (expected {FORMAT_VERSION})"),
                        ));
                    }
                }
                "finding" => {
                    let DeValue::Array(items) = v.get_ref() else {
                        return Err(r.err(v.span(), key, "expected `[[finding]]` entries"));
                    };
                    for (i, item) in items.iter().enumerate() {
                        let DeValue::Table(t) = item.get_ref() else {
                            return Err(r.err(item.span(), key, "expected a table"));
                        };
                        let mut e = entry(&r, t, item.span(), &format!("finding[{i}]"))?;
                        e.decl_line = Some(header_line(text, item.span().start));
                        b.entries.push(e);
                    }
                }
                _ => {
                    return Err(r.err(
                        k.span(),
                        key,
                        format!("unknown key `{key}`; expected `version` or `[[finding]]`"),
                    ));
                }
            }
        }
        Ok(b)
    }

    /// Hide findings the baseline accepts (as external suppressions).
    /// `findings` must be every finding the scan computed (before diff mode
    /// narrows them), and `judged` says which entries the scan could have
    /// matched (their rule ran on their file): only those can be stale.
    pub(crate) fn apply(&self, findings: &mut [Finding], today: Date, judged: impl Fn(&Entry) -> bool) -> Applied {
        let mut by_fp: HashMap<&str, Vec<usize>> = HashMap::new();
        for (i, e) in self.entries.iter().enumerate() {
            by_fp.entry(e.fingerprint.as_str()).or_default().push(i);
        }
        let mut used = vec![false; self.entries.len()];
        let mut applied = Applied { hidden: vec![false; findings.len()], ..Applied::default() };
        for (fi, f) in findings.iter_mut().enumerate() {
            let Some(idxs) = by_fp.get(f.fingerprint.as_str()) else { continue };
            let Some(&i) = idxs.iter().find(|&&i| self.entries[i].rule == f.rule) else { continue };
            used[i] = true;
            let e = &self.entries[i];
            if e.expires.is_some_and(|d| d < today) {
                applied.expired.push((fi, e.clone()));
                continue;
            }
            if f.suppression.is_none() {
                applied.hidden[fi] = true;
                let mut why =
                    if e.reason.is_empty() { "accepted in the baseline".to_string() } else { e.reason.clone() };
                if !e.accepted_by.is_empty() {
                    let _ = write!(why, " (accepted by {})", e.accepted_by);
                }
                if let Some(d) = e.expires {
                    let _ = write!(why, " [until {d}]");
                }
                f.suppression =
                    Some(Suppression { kind: SuppressionKind::External, justification: why, location: None });
            }
        }
        applied.stale =
            self.entries.iter().zip(used).filter(|(e, u)| !u && judged(e)).map(|(e, _)| e.clone()).collect();
        applied
    }

    /// Entries without a `reason` or an `accepted-by`.
    pub(crate) fn unreviewed(&self) -> impl Iterator<Item = &Entry> {
        self.entries.iter().filter(|e| !e.missing_review().is_empty())
    }

    /// Notifications for expired, stale and unreviewed entries. `shown`:
    /// the baseline file's path relative to the project root, when it is
    /// inside it (notifications then point at the entry's line).
    pub(crate) fn notifications(&self, a: &Applied, shown: Option<&str>) -> Vec<Notification> {
        let file = self.path.display();
        let mut out = Vec::new();
        for e in self.unreviewed() {
            let missing = e.missing_review().iter().map(|k| format!("`{k}`")).collect::<Vec<_>>().join(" and no ");
            let what = format!(
                "baseline entry for `{}` in {}{} has no {missing}: record why the risk is accepted and who accepted it{}, or remove the entry (`--strict` fails on it)",
                e.rule,
                e.path,
                e.line.map(|l| format!(" (line {l})")).unwrap_or_default(),
                if shown.is_some() { String::new() } else { format!(" in {file}") },
            );
            let mut n = Notification::new(NoteLevel::Warning, "baseline-unreviewed", shown.map(Into::into), what);
            if let (Some(_), Some(l)) = (shown, e.decl_line) {
                n = n.at(l, 1);
            }
            out.push(n);
        }
        for (_, e) in &a.expired {
            out.push(Notification::new(
                NoteLevel::Warning,
                "baseline-expired",
                Some(e.path.as_str().into()),
                format!(
                    "baseline entry for `{}` expired on {} ({file}); the finding is reported again",
                    e.rule,
                    e.expires.map(|d| d.to_string()).unwrap_or_default()
                ),
            ));
        }
        for e in &a.stale {
            out.push(Notification::new(
                NoteLevel::Note,
                "baseline-stale",
                Some(e.path.as_str().into()),
                format!(
                    "stale baseline entry: `{}`{} matches no finding; remove it from {file}",
                    e.rule,
                    e.line.map(|l| format!(" (line {l})")).unwrap_or_default()
                ),
            ));
        }
        out
    }

    /// The baseline for these findings, keeping the review fields of
    /// entries that already exist (matched by fingerprint and rule).
    pub(crate) fn from_findings<'f>(
        path: &Path,
        findings: impl Iterator<Item = &'f Finding>,
        previous: Option<&Baseline>,
    ) -> Baseline {
        let mut entries = Vec::new();
        for f in findings {
            let old =
                previous.and_then(|p| p.entries.iter().find(|e| e.fingerprint == f.fingerprint && e.rule == f.rule));
            entries.push(Entry {
                rule: f.rule.to_string(),
                path: f.location.path.to_string(),
                fingerprint: f.fingerprint.clone(),
                line: Some(f.location.start.line),
                message: Some(f.message.clone()),
                reason: old.map(|o| o.reason.clone()).unwrap_or_default(),
                accepted_by: old.map(|o| o.accepted_by.clone()).unwrap_or_default(),
                expires: old.and_then(|o| o.expires),
                decl_line: None,
            });
        }
        Baseline { path: path.to_path_buf(), entries }
    }

    pub(crate) fn to_toml(&self) -> String {
        let mut s = String::new();
        s.push_str("# cargo-sast baseline: reviewed and accepted findings.\n");
        s.push_str("# For each entry, record why the risk is accepted (`reason`), who accepted it\n");
        s.push_str("# (`accepted-by`) and, optionally, until when (`expires = \"YYYY-MM-DD\"`).\n");
        s.push_str("# Scans warn about entries without a reason or an owner, and `--strict` fails on them.\n");
        s.push_str("# Entries match by fingerprint, so they survive code moving within a file.\n");
        let _ = writeln!(s, "version = {FORMAT_VERSION}");
        for e in &self.entries {
            s.push_str("\n[[finding]]\n");
            let _ = writeln!(s, "rule = {}", quote(&e.rule));
            let _ = writeln!(s, "path = {}", quote(&e.path));
            if let Some(l) = e.line {
                let _ = writeln!(s, "line = {l}");
            }
            if let Some(m) = &e.message {
                let _ = writeln!(s, "message = {}", quote(m));
            }
            let _ = writeln!(s, "fingerprint = {}", quote(&e.fingerprint));
            let _ = writeln!(s, "reason = {}", quote(&e.reason));
            let _ = writeln!(s, "accepted-by = {}", quote(&e.accepted_by));
            if let Some(d) = e.expires {
                let _ = writeln!(s, "expires = \"{d}\"");
            }
        }
        s
    }
}

/// 1-based line of the `[[finding]]` header of the entry whose span starts
/// at byte `at` (at the header or just after it).
fn header_line(text: &str, at: usize) -> u32 {
    let mut end = at.saturating_add(2).min(text.len());
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    let upto = &text[..end];
    let header = upto.rfind("[[").unwrap_or(upto.len());
    upto[..header].matches('\n').count() as u32 + 1
}

/// A TOML basic string.
fn quote(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            c if c.is_control() => {
                let _ = write!(out, "\\u{:04X}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

fn entry(r: &Reader<'_>, t: &DeTable<'_>, span: std::ops::Range<usize>, prefix: &str) -> Result<Entry, ConfigError> {
    let mut e = Entry {
        rule: String::new(),
        path: String::new(),
        fingerprint: String::new(),
        line: None,
        message: None,
        reason: String::new(),
        accepted_by: String::new(),
        expires: None,
        decl_line: None,
    };
    for (k, v) in t.iter() {
        let key = k.get_ref().as_ref();
        let full = format!("{prefix}.{key}");
        match key {
            "rule" => e.rule = r.string(v, &full)?,
            "path" => e.path = r.string(v, &full)?,
            "fingerprint" => e.fingerprint = r.string(v, &full)?,
            "line" => e.line = u32::try_from(r.int(v, &full)?).ok(),
            "message" => e.message = Some(r.string(v, &full)?),
            "reason" => e.reason = r.string(v, &full)?,
            "accepted-by" => e.accepted_by = r.string(v, &full)?,
            "expires" => {
                let s = r.string(v, &full)?;
                e.expires = Some(
                    Date::parse(&s)
                        .ok_or_else(|| r.err(v.span(), full.clone(), format!("`{s}` is not a date (YYYY-MM-DD)")))?,
                );
            }
            _ => {
                return Err(r.err(
                    k.span(),
                    full,
                    format!("unknown key `{key}`; expected one of: {}", ENTRY_KEYS.join(", ")),
                ));
            }
        }
    }
    for (name, val) in [("rule", &e.rule), ("path", &e.path), ("fingerprint", &e.fingerprint)] {
        if val.is_empty() {
            return Err(r.err(span.clone(), prefix, format!("missing `{name}`")));
        }
    }
    Ok(e)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_and_rejects_bad_entries() {
        let b = Baseline {
            path: "b.toml".into(),
            entries: vec![Entry {
                rule: "unwrap-used".into(),
                path: "src/a \"b\".rs".into(),
                fingerprint: "ff".into(),
                line: Some(3),
                message: Some("`.unwrap()` can panic".into()),
                reason: "startup only".into(),
                accepted_by: "alice".into(),
                expires: Date::parse("2030-01-31"),
                decl_line: None,
            }],
        };
        let text = b.to_toml();
        let mut back = Baseline::parse(Path::new("b.toml"), &text).unwrap();
        let header = text.lines().position(|l| l == "[[finding]]").unwrap() as u32 + 1;
        assert_eq!(back.entries[0].decl_line, Some(header));
        back.entries[0].decl_line = None;
        assert_eq!(back.entries, b.entries);
        let e = Baseline::parse(
            Path::new("b.toml"),
            "version = 1\n[[finding]]\nrule = \"x\"\npath = \"p\"\nfingerprint = \"f\"\nexpires = \"2030-02-30\"\n",
        )
        .unwrap_err();
        assert_eq!(e.line_col().0, 6);
        assert_eq!(e.key.as_deref(), Some("finding[0].expires"));
        let e = Baseline::parse(Path::new("b.toml"), "version = 1\n[[finding]]\nrule = \"x\"\n").unwrap_err();
        assert!(e.message.contains("missing `path`"), "{}", e.message);
    }
}
