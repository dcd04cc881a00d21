//! Output formats. Each format renders an `Outcome` (the filtered result
//! of a scan) to a writer; JSON and SARIF are byte-for-byte deterministic.

pub mod fingerprint;
pub mod human;
pub mod json;
pub mod sarif;

use std::path::PathBuf;

use crate::finding::{Finding, Notification};
use crate::rules::{Rule, Severity};

/// The tool's identity, for reports.
pub const TOOL_NAME: &str = "cargo-sast";
pub const TOOL_VERSION: &str = env!("CARGO_PKG_VERSION");
pub const TOOL_URI: &str = "https://github.com/cargo-sast/cargo-sast";

/// Output formats.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, clap::ValueEnum)]
pub enum Format {
    /// Rich terminal diagnostics (default).
    Human,
    /// cargo-sast's own JSON schema (versioned; see README).
    Json,
    /// SARIF 2.1.0 for GitHub code scanning and other dashboards.
    Sarif,
}

impl Format {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Human => "human",
            Self::Json => "json",
            Self::Sarif => "sarif",
        }
    }
}

/// A rule that ran, with the severity it ran at.
#[derive(Clone, Copy)]
pub struct RanRule {
    pub rule: &'static dyn Rule,
    pub severity: Severity,
}

/// Counts for the summary.
#[derive(Debug, Clone, Default, serde::Serialize)]
pub struct Stats {
    pub files_scanned: usize,
    pub files_skipped: usize,
    pub files_excluded: usize,
    pub lines: u64,
    pub suppressed: usize,
    /// Unsuppressed findings per severity (critical, high, medium, low).
    pub by_severity: [usize; 4],
}

/// Everything a report needs.
pub struct Outcome {
    /// All findings (suppressed ones included), sorted.
    pub findings: Vec<Finding>,
    pub notifications: Vec<Notification>,
    /// Rules that ran, sorted by id.
    pub rules: Vec<RanRule>,
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
        self.rules.iter().position(|r| r.rule.meta().id == id)
    }
}

pub fn severity_index(s: Severity) -> usize {
    match s {
        Severity::Critical => 0,
        Severity::High => 1,
        Severity::Medium => 2,
        Severity::Low => 3,
    }
}
