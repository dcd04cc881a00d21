//! `--untrusted-repo`: the scan of a pull request someone else wrote.
//!
//! Everything in the checkout is the author's — so is every way it has to
//! weaken the scan. In this mode the repository's configuration (its
//! `sast.toml`, `[workspace|package.metadata.sast]`) may only tighten the
//! scan: settings that turn rules off, lower severities, skip files, add
//! allow-lists, sanitizers or cleansers, change limits, name an advisory
//! database or accept advisories are not applied; neither is its baseline,
//! nor its in-source suppressions (`// sast:allow`, clippy `#[allow]`) —
//! except, in `--diff` mode, those of the base ref: a finding the base ref
//! had and suppressed in its source (same rule, same code on the line)
//! stays suppressed where the change only moved or re-indented it; a
//! suppression the change added, one whose code it edited, or one over a
//! copy of suppressed code it added, is not applied. Each
//! one not applied is listed in the report. The command line and a
//! `--config` file are the user's and apply as always.

use std::collections::HashMap;
use std::path::Path;
use std::sync::Arc;

use crate::config::{AuditConfig, Config, RuleConfig};
use crate::engine::outcome::Outcome;
use crate::filter::diff::ChangedLines;
use crate::finding::Finding;
use crate::finding::{NoteLevel, Notification, SuppressionKind};
use crate::rules::{Severity, TestPolicy};

/// The flag, as users type it.
pub(crate) const FLAG: &str = "--untrusted-repo";

/// Notification kind for a setting or suppression that was not applied.
pub(crate) const NOT_APPLIED: &str = "not-applied";

fn rank(p: TestPolicy) -> u8 {
    match p {
        TestPolicy::Skip => 0,
        TestPolicy::Lower => 1,
        TestPolicy::Report => 2,
    }
}

/// The part of the repository's config `repo` that tightens the scan
/// relative to `base` (what applies without it), and a line for each
/// setting that is not applied.
pub(crate) fn restrict(repo: &Config, base: &Config) -> (Config, Vec<String>) {
    let mut out = Config { source: repo.source.clone(), ..Default::default() };
    let mut dropped = Vec::new();
    let mut drop = |key: &str, why: &str| dropped.push(format!("`{key}` ({why})"));

    if let Some(f) = repo.fail_on {
        if f <= base.fail_on.unwrap_or(Severity::Low) {
            out.fail_on = Some(f);
        } else {
            drop("fail-on", "raises the severity that fails the run");
        }
    }
    match repo.test_code {
        Some(TestPolicy::Report) => out.test_code = Some(TestPolicy::Report),
        Some(_) => drop("test-code", "hides or lowers findings in test code"),
        None => {}
    }
    if !repo.exclude.is_empty() {
        drop("exclude", "skips files");
    }
    out.extend_select = repo.extend_select.clone();
    if let Some(sel) = &repo.select {
        out.extend_select.extend(sel.iter().cloned());
        drop("select", "would narrow the rule set; its rules were added to it instead");
    }
    if !repo.ignore.is_empty() {
        drop("ignore", "turns rules off");
    }
    if repo.max_file_size.is_some() {
        drop("max-file-size", "changes a limit");
    }
    if repo.baseline.is_some() {
        drop("baseline", "hides the findings it accepts");
    }
    for (id, rc) in &repo.rules {
        let Some(rule) = crate::lints::by_id(id) else { continue };
        let m = rule.meta();
        let b = base.rules.get(id);
        let mut r = RuleConfig::default();
        match rc.enabled {
            Some(false) => drop(&format!("rule.{id}.enabled"), "turns the rule off"),
            Some(true) => r.enabled = Some(true),
            None => {}
        }
        if let Some(s) = rc.severity {
            if s >= b.and_then(|b| b.severity).unwrap_or(m.severity) {
                r.severity = Some(s);
            } else {
                drop(&format!("rule.{id}.severity"), "lowers the rule's severity");
            }
        }
        if let Some(t) = rc.test_code {
            let current = b.and_then(|b| b.test_code).or(base.test_code).unwrap_or(m.test_code);
            if rank(t) >= rank(current) {
                r.test_code = Some(t);
            } else {
                drop(&format!("rule.{id}.test-code"), "hides or lowers findings in test code");
            }
        }
        if !rc.exclude.is_empty() {
            drop(&format!("rule.{id}.exclude"), "skips files");
        }
        let mut options: Vec<&String> = rc.options.keys().collect();
        options.sort();
        for k in options {
            drop(&format!("rule.{id}.{k}"), "a rule option can narrow what the rule reports");
        }
        out.rules.insert(id.clone(), r);
    }
    if repo.taint_models.is_some() {
        out.taint_models = repo.taint_strict.clone();
        for section in &repo.taint_weakening {
            drop(&format!("taint.{section}"), "can stop data flows from being reported");
        }
    }
    if let Some(a) = &repo.audit {
        out.audit = Some(restrict_audit(a, base.audit.as_ref(), &mut drop));
    }
    let s = &repo.secrets;
    match s.text_files {
        Some(false) => drop("secrets.text-files", "stops scanning text files for secrets"),
        Some(true) => out.secrets.text_files = Some(true),
        None => {}
    }
    if !s.allow_paths.is_empty() {
        drop("secrets.allow-paths", "an allow-list");
    }
    if !s.allow_regexes.is_empty() {
        drop("secrets.allow-regexes", "an allow-list");
    }
    if !s.allow_fingerprints.is_empty() {
        drop("secrets.allow-fingerprints", "an allow-list");
    }
    out.secrets.patterns = s.patterns.clone();
    (out, dropped)
}

fn restrict_audit(a: &AuditConfig, base: Option<&AuditConfig>, drop: &mut dyn FnMut(&str, &str)) -> AuditConfig {
    // Start from what applies without the repository's settings: a
    // package's `[audit]` must not reset a trusted one.
    let mut out = base.cloned().unwrap_or_default();
    match a.enabled {
        Some(false) => drop("audit.enabled", "turns the dependency audit off"),
        Some(true) => out.enabled = Some(true),
        None => {}
    }
    if a.advisory_db.is_some() {
        drop("audit.advisory-db", "names the advisory database");
    }
    if let Some(s) = a.unscored_severity {
        if s >= out.unscored_severity.unwrap_or(Severity::High) {
            out.unscored_severity = Some(s);
        } else {
            drop("audit.unscored-severity", "lowers a severity");
        }
    }
    for (kind, sev) in &a.informational {
        let default = if kind == "unsound" { Severity::Medium } else { Severity::Low };
        let current = out.informational.get(kind).copied().unwrap_or(Some(default));
        match (sev, current) {
            (Some(s), None) => {
                out.informational.insert(kind.clone(), Some(*s));
            }
            (Some(s), Some(c)) if *s >= c => {
                out.informational.insert(kind.clone(), Some(*s));
            }
            _ => drop(&format!("audit.informational.{kind}"), "lowers or turns off a kind of advisory"),
        }
    }
    if !a.ignore.is_empty() {
        drop("audit.ignore", "accepts advisories");
    }
    out
}

/// Notifications for the settings of `source` that were not applied.
pub(crate) fn notifications(source: Option<&Path>, root: &Path, dropped: &[String]) -> Vec<Notification> {
    let path: Option<Arc<str>> = source.map(|p| crate::util::fspath::rel_path(root, p).into());
    dropped
        .iter()
        .map(|d| {
            Notification::new(
                NoteLevel::Warning,
                NOT_APPLIED,
                path.clone(),
                format!("{d} is a repository setting that would weaken the scan: not applied ({FLAG})"),
            )
        })
        .collect()
}

/// A notification for a repository file that was not used at all.
pub(crate) fn file_not_applied(root: &Path, file: &Path, what: &str) -> Notification {
    Notification::new(
        NoteLevel::Warning,
        NOT_APPLIED,
        Some(crate::util::fspath::rel_path(root, file).into()),
        format!("{what}: not applied ({FLAG})"),
    )
}

/// What identifies a finding across versions of a file: its rule, path
/// and the (masked) code on its line, whitespace runs collapsed.
type LineKey = (&'static str, Arc<str>, String);

fn line_key(f: &Finding) -> Option<LineKey> {
    let ex = f.excerpt.as_ref()?;
    let i = f.location.start.line.checked_sub(ex.first_line)? as usize;
    let line = ex.text.lines().nth(i)?;
    Some((f.rule, f.location.path.clone(), line.split_whitespace().collect::<Vec<_>>().join(" ")))
}

fn suppressed_in_source(f: &Finding) -> bool {
    f.suppression.as_ref().is_some_and(|s| s.kind == SuppressionKind::InSource)
}

/// How many findings the base ref `reference` suppressed in its source,
/// per rule, file and line of code, in the files where `o` has in-source
/// suppressions: the base versions of those files, read raw from git and
/// analysed with `config`.
pub(crate) fn base_suppressions(
    root: &Path,
    reference: &str,
    config: &Config,
    cli: &crate::config::CliRuleOverrides,
    o: &Outcome,
) -> Result<BaseSuppressions, String> {
    let mut paths: Vec<&str> =
        o.findings.iter().filter(|f| suppressed_in_source(f)).map(|f| &*f.location.path).collect();
    paths.sort_unstable();
    paths.dedup();
    let mut out = BaseSuppressions::default();
    if paths.is_empty() {
        return Ok(out);
    }
    let mut base = crate::filter::diff::BaseTree::open(root, reference)?;
    for path in paths {
        let Some(bytes) = base.file(path)? else { continue };
        let Ok(text) = String::from_utf8(bytes) else { continue };
        let kind =
            if path.ends_with(".rs") { crate::workspace::FileKind::Lib } else { crate::workspace::FileKind::Other };
        for f in crate::engine::scan::scan_source_with(path, &text, kind, false, config, cli)
            .findings
            .iter()
            .filter(|f| suppressed_in_source(f))
        {
            if let Some(k) = line_key(f) {
                *out.0.entry(k).or_insert(0) += 1;
            }
        }
    }
    base.close();
    Ok(out)
}

/// Findings the base ref suppressed in its source, counted per [`LineKey`].
#[derive(Debug, Default)]
pub(crate) struct BaseSuppressions(HashMap<LineKey, usize>);

/// Undo the repository's in-source suppressions (see the module docs).
/// With `diff` (the changed lines and the base ref's suppressions), a
/// suppressed finding on a line the change touched keeps its suppression
/// when the base ref suppressed as many findings of that rule on that code
/// as are left after the unchanged ones: it is one of them, re-indented or
/// moved, not a new one. Each finding a suppression would hide is
/// otherwise reported, with a note saying what was requested.
pub(crate) fn restrict_suppressions(o: &mut Outcome, diff: Option<(&ChangedLines, &BaseSuppressions)>) {
    let mut budget: HashMap<LineKey, usize> = HashMap::new();
    if let Some((changed, base)) = diff {
        budget = base.0.clone();
        for f in o.findings.iter().filter(|f| suppressed_in_source(f)) {
            if !changed.contains(&f.location.path, f.location.start.line)
                && let Some(n) = line_key(f).and_then(|k| budget.get_mut(&k))
            {
                *n = n.saturating_sub(1);
            }
        }
    }
    let mut not_applied = 0usize;
    for f in o.findings.iter_mut() {
        if !suppressed_in_source(f) {
            continue;
        }
        if let Some((changed, _)) = diff {
            if !changed.contains(&f.location.path, f.location.start.line) {
                continue;
            }
            if let Some(n) = line_key(f).and_then(|k| budget.get_mut(&k))
                && *n > 0
            {
                *n -= 1;
                continue;
            }
        }
        let Some(s) = &f.suppression else { continue };
        let at = s.location.as_ref().map(|l| format!(" at line {}", l.start.line)).unwrap_or_default();
        f.notes
            .push(format!("suppression requested in the repository{at} but not applied ({FLAG}): {}", s.justification));
        f.properties.insert(
            "suppression_not_applied".into(),
            serde_json::json!({ "justification": s.justification, "line": s.location.as_ref().map(|l| l.start.line) }),
        );
        f.suppression = None;
        not_applied += 1;
    }
    if not_applied > 0 {
        let base = if diff.is_some() { " (those of findings the base ref suppressed apply)" } else { "" };
        o.notifications.push(Notification::new(
            NoteLevel::Warning,
            NOT_APPLIED,
            None,
            format!(
                "{not_applied} in-source suppression{} not applied ({FLAG}){base}: the findings are reported",
                if not_applied == 1 { "" } else { "s" }
            ),
        ));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::parse_config;

    fn restricted(text: &str) -> (Config, Vec<String>) {
        let c = parse_config(Path::new("sast.toml"), text, &[]).unwrap();
        restrict(&c, &Config::default())
    }

    #[test]
    fn weakening_settings_are_dropped_and_tightening_ones_kept() {
        let (c, d) = restricted(
            "fail-on = \"critical\"\nexclude = [\"src/\"]\nignore = [\"unwrap-used\"]\nselect = [\"unsafe\"]\n\
             extend-select = [\"tls\"]\nmax-file-size = 10\nbaseline = \"b.toml\"\ntest-code = \"skip\"\n\
             [rule.unwrap-used]\nenabled = false\nseverity = \"low\"\nexclude = [\"x\"]\nallow-in-main = true\n\
             [rule.transmute]\nseverity = \"critical\"\n\
             [secrets]\nallow-paths = [\"a\"]\nallow-regexes = [\"b\"]\ntext-files = false\n\
             [[secrets.pattern]]\nid = \"acme\"\nregex = \"acme_[0-9]{8}\"\n\
             [audit]\nenabled = false\nadvisory-db = \"db\"\nunscored-severity = \"low\"\n\
             [audit.informational]\nunsound = \"off\"\nunmaintained = \"high\"\n\
             [[audit.ignore]]\nid = \"RUSTSEC-2020-0001\"\nreason = \"r\"\n\
             [[taint.sanitizer]]\nfunctions = [\"my::clean\"]\n[[taint.source]]\nfunctions = [\"my::input\"]\nkind = \"remote\"\n",
        );
        for key in [
            "fail-on",
            "exclude",
            "ignore",
            "select",
            "max-file-size",
            "baseline",
            "test-code",
            "rule.unwrap-used.enabled",
            "rule.unwrap-used.severity",
            "rule.unwrap-used.exclude",
            "rule.unwrap-used.allow-in-main",
            "secrets.allow-paths",
            "secrets.allow-regexes",
            "secrets.text-files",
            "audit.enabled",
            "audit.advisory-db",
            "audit.unscored-severity",
            "audit.informational.unsound",
            "audit.ignore",
            "taint.sanitizer",
        ] {
            assert!(d.iter().any(|l| l.starts_with(&format!("`{key}`"))), "{key} not listed: {d:#?}");
        }
        assert!(!d.iter().any(|l| l.contains("transmute") || l.contains("unmaintained") || l.contains("pattern")));
        assert_eq!(c.fail_on, None);
        assert!(c.exclude.is_empty() && c.ignore.is_empty() && c.select.is_none() && c.baseline.is_none());
        assert!(c.extend_select.contains(&"tls".to_string()) && c.extend_select.contains(&"unsafe".to_string()));
        assert_eq!(c.rules["transmute"].severity, Some(Severity::Critical));
        assert_eq!(c.rules["unwrap-used"].enabled, None);
        assert!(c.rules["unwrap-used"].options.is_empty());
        assert_eq!(c.secrets.patterns.len(), 1);
        let a = c.audit.unwrap();
        assert_eq!((a.enabled, a.advisory_db.as_ref(), a.ignore.len()), (None, None, 0));
        assert_eq!(a.informational.get("unmaintained"), Some(&Some(Severity::High)));
        let m = c.taint_models.unwrap();
        assert!(m.fn_sources.contains_key("my::input"));
        assert!(!m.fn_sanitizers.contains_key("my::clean"));
    }

    #[test]
    fn a_trusted_base_is_kept() {
        let base = parse_config(Path::new("/trusted.toml"), "[audit]\nadvisory-db = \"/db\"\n", &[]).unwrap();
        let repo = parse_config(Path::new("sast.toml"), "[audit]\nadvisory-db = \"x\"\n", &[]).unwrap();
        let (c, _) = restrict(&repo, &base);
        let merged = base.merged(&c);
        assert_eq!(merged.audit.unwrap().advisory_db.as_deref(), Some(Path::new("/db")));
    }
}
