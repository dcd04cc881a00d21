//! What a scan produces: findings, notifications, counts, and the rules that
//! ran, described as owned data. Every report format renders an `Outcome`.

use std::path::PathBuf;

use crate::finding::{Finding, Notification};
use crate::rules::{Owasp, Precision, RuleMeta, Severity, doc_section};

/// The tool's identity, for reports.
pub(crate) const TOOL_NAME: &str = "cargo-sast";
pub(crate) const TOOL_VERSION: &str = env!("CARGO_PKG_VERSION");
pub(crate) const TOOL_URI: &str = "https://github.com/cargo-sast/cargo-sast";

/// A rule as reports describe it: owned data, so rules that are not in the
/// static registry (one per security advisory, say) are described the same
/// way.
#[derive(Clone, Debug)]
pub struct RuleDescriptor {
    pub id: String,
    /// Display name, distinct from the id.
    pub name: String,
    /// One sentence.
    pub summary: String,
    /// Longer description (Markdown).
    pub full: String,
    /// Full help (Markdown).
    pub help_markdown: String,
    /// The severity the rule ran at.
    pub severity: Severity,
    pub precision: Precision,
    pub cwe: Vec<u32>,
    pub owasp: Vec<Owasp>,
    pub tags: Vec<String>,
    pub help_uri: Option<String>,
    /// Overrides the severity band's default `security-severity` (e.g. a CVSS score).
    pub security_severity: Option<String>,
}

impl RuleDescriptor {
    /// Describe a registered rule running at `severity`.
    pub fn from_meta(m: &RuleMeta, severity: Severity) -> Self {
        let docs = m.docs();
        RuleDescriptor {
            id: m.id.to_string(),
            name: m.name.to_string(),
            summary: m.summary.to_string(),
            full: doc_section(&docs, "What it does").unwrap_or_else(|| m.summary.to_string()),
            help_markdown: docs,
            severity,
            precision: m.precision,
            cwe: m.cwe.to_vec(),
            owasp: m.owasp.to_vec(),
            tags: m.tags.iter().map(|t| t.to_string()).collect(),
            help_uri: Some(format!("{TOOL_URI}/blob/main/lints/README.md#{}", m.id)),
            security_severity: None,
        }
    }

    pub fn security_severity(&self) -> &str {
        self.security_severity.as_deref().unwrap_or(self.severity.security_severity())
    }

    /// `severity: high · CWE-248 · OWASP A04:2021 Insecure Design`
    pub fn classification(&self, severity: Severity) -> String {
        let mut s = format!("severity: {severity}");
        for c in &self.cwe {
            s.push_str(&format!(" · CWE-{c}"));
        }
        for o in &self.owasp {
            s.push_str(&format!(" · OWASP {} {}", o.code(), o.title()));
        }
        s
    }
}

/// Counts for the summary.
#[derive(Debug, Clone, Default, serde::Serialize)]
pub struct Stats {
    pub files_scanned: usize,
    pub files_skipped: usize,
    /// Files analysed but for items that do not parse.
    pub files_partial: usize,
    pub files_excluded: usize,
    /// Files whose analysis came from the cache (shown with the timing).
    pub files_cached: usize,
    pub lines: u64,
    pub suppressed: usize,
    /// Unsuppressed findings per severity (critical, high, medium, low).
    pub by_severity: [usize; 4],
    /// Findings hidden by the baseline (included in `suppressed`).
    pub baselined: usize,
    /// Diff mode: findings on unchanged lines, not reported.
    pub outside_diff: usize,
    /// Baseline entries without a `reason` or an `accepted-by`.
    pub baseline_unreviewed: usize,
    /// Cargo.lock packages checked against the advisory database (0: no audit ran).
    pub packages_audited: usize,
    /// Advisories in the database the audit used.
    pub advisories: usize,
    /// What the taint engine asked of the semantic model (`--stats`):
    /// functions analysed, bodies inferred (as far as the questions
    /// reached: `taint::sem::FnSem`), the calls inferred and how many
    /// resolved (in the file, or deferred to the crate index with a
    /// recipe), their method calls and how many receivers were typed.
    pub semantic: [u64; 6],
}

/// Everything a report needs.
pub struct Outcome {
    /// All findings (suppressed ones included), sorted.
    pub findings: Vec<Finding>,
    pub notifications: Vec<Notification>,
    /// Rules that ran, sorted by id.
    pub rules: Vec<RuleDescriptor>,
    /// Paths of the files that were analysed (a baseline entry elsewhere
    /// cannot be judged stale).
    pub analysed: std::collections::HashSet<std::sync::Arc<str>>,
    pub stats: Stats,
    /// Project root (SARIF `%SRCROOT%`).
    pub root: PathBuf,
    /// Path of the current directory relative to the root, for display
    /// (empty when they are the same or unrelated).
    pub cwd_prefix: String,
    pub elapsed: std::time::Duration,
    /// SARIF `automationDetails.id`.
    pub category: Option<String>,
}

impl Outcome {
    pub fn active(&self) -> impl Iterator<Item = &Finding> {
        self.findings.iter().filter(|f| !f.is_suppressed())
    }

    /// Path as shown to a user in the terminal: relative to the current
    /// directory when the file is below it.
    pub fn display_path<'a>(&self, path: &'a str) -> &'a str {
        if self.cwd_prefix.is_empty() {
            return path;
        }
        path.strip_prefix(self.cwd_prefix.as_str()).and_then(|p| p.strip_prefix('/')).unwrap_or(path)
    }

    pub fn rule_index(&self, id: &str) -> Option<usize> {
        self.rules.iter().position(|r| r.id == id)
    }

    /// Recompute the finding counts after findings were filtered or suppressed.
    pub fn recount(&mut self) {
        self.stats.suppressed = 0;
        self.stats.by_severity = [0; 4];
        for f in &self.findings {
            if f.is_suppressed() {
                self.stats.suppressed += 1;
            } else {
                self.stats.by_severity[severity_index(f.severity)] += 1;
            }
        }
    }

    pub fn rule(&self, id: &str) -> Option<&RuleDescriptor> {
        self.rules.iter().find(|r| r.id == id)
    }
}

/// The order findings are reported in: by file, position, rule, message.
pub(crate) fn sort_findings(findings: &mut [Finding]) {
    findings.sort_by(|a, b| {
        (&a.location.path, a.location.start.line, a.location.start.col, a.rule, &a.message).cmp(&(
            &b.location.path,
            b.location.start.line,
            b.location.start.col,
            b.rule,
            &b.message,
        ))
    });
}

/// Notifications in a stable order, each once.
pub(crate) fn sort_notifications(notifications: &mut Vec<Notification>) {
    notifications.sort_by(|a, b| (&a.path, a.line, a.kind, &a.message).cmp(&(&b.path, b.line, b.kind, &b.message)));
    notifications.dedup();
}

/// Index of a severity in `Stats::by_severity` (critical first).
pub(crate) fn severity_index(s: Severity) -> usize {
    match s {
        Severity::Critical => 0,
        Severity::High => 1,
        Severity::Medium => 2,
        Severity::Low => 3,
    }
}
