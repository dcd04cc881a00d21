//! Findings and notifications: owned data that crosses thread boundaries.

use std::sync::Arc;

use std::fmt;

use serde::{Deserialize, Serialize};

pub(crate) mod fingerprint;
mod fix;

pub(crate) use fix::FixMode;
pub use fix::{Applicability, Edit, FixKind, Suggestion};

/// How bad a finding is. Ordered: `Low < Medium < High < Critical`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Low,
    Medium,
    High,
    Critical,
}

impl Severity {
    pub const ALL: [Severity; 4] = [Self::Critical, Self::High, Self::Medium, Self::Low];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Low => "low",
            Self::Medium => "medium",
            Self::High => "high",
            Self::Critical => "critical",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "low" => Some(Self::Low),
            "medium" => Some(Self::Medium),
            "high" => Some(Self::High),
            "critical" => Some(Self::Critical),
            _ => None,
        }
    }

    /// A CVSS-like score in GitHub's band for this severity
    /// (critical ≥ 9.0, high 7.0–8.9, medium 4.0–6.9, low 0.1–3.9).
    pub fn security_severity(self) -> &'static str {
        match self {
            Self::Critical => "9.1",
            Self::High => "7.5",
            Self::Medium => "5.5",
            Self::Low => "3.0",
        }
    }

    /// One step lower (used for findings in test code under the `lower` policy).
    pub fn lowered(self) -> Self {
        match self {
            Self::Critical => Self::High,
            Self::High => Self::Medium,
            Self::Medium | Self::Low => Self::Low,
        }
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

pub use crate::syntax::lines::Pos;

/// A region of a file: byte offsets plus 1-based start and end positions
/// (end is exclusive).
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Default)]
pub struct Location {
    /// Path relative to the project root, with `/` separators.
    pub path: Arc<str>,
    #[serde(skip)]
    pub byte_start: u32,
    #[serde(skip)]
    pub byte_end: u32,
    pub start: Pos,
    pub end: Pos,
}

impl Location {
    pub fn sort_key(&self) -> (&str, u32, u32) {
        (&self.path, self.start.line, self.start.col)
    }
}

/// A secondary label: a location with a message.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Label {
    pub location: Location,
    pub message: String,
}

/// One step of a data-flow path (source, intermediate steps, sink).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct FlowStep {
    pub location: Location,
    pub message: String,
}

/// Source lines around a finding, kept so reports can show a code frame
/// without holding whole files in memory.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct Excerpt {
    /// 1-based number of the first line in `text`.
    pub first_line: u32,
    /// Byte offset of `text` in the file.
    pub byte_offset: u32,
    pub text: String,
    /// Characters of the first line left out before `text`: a very long
    /// line is shown as a window around the finding.
    pub clipped: u32,
}

/// How a finding was suppressed.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum SuppressionKind {
    /// A `// sast:allow(...)` comment or a clippy `#[allow]` in the source.
    InSource,
    /// A baseline or ignore entry outside the source.
    External,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Suppression {
    pub kind: SuppressionKind,
    pub justification: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub location: Option<Location>,
}

/// A finding: a rule matched somewhere.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Finding {
    pub rule: &'static str,
    pub severity: Severity,
    pub message: String,
    pub location: Location,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub labels: Vec<Label>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub help: Option<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub notes: Vec<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub flow: Vec<FlowStep>,
    /// In test, example, bench or build-script code.
    pub in_test: bool,
    /// A name-based guess whose value looks like a test value: the
    /// test-code policy drops it in test code (`secrets::policy`).
    #[serde(skip)]
    pub test_value: bool,
    /// Fingerprint that survives lines moving (rule, path, code, occurrence).
    pub fingerprint: String,
    /// GitHub's `primaryLocationLineHash`.
    #[serde(skip)]
    pub line_hash: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub suppression: Option<Suppression>,
    #[serde(skip)]
    pub excerpt: Option<Excerpt>,
    /// Byte ranges (file offsets) of secret values to mask in any output.
    #[serde(skip)]
    pub masks: Vec<(u32, u32)>,
    /// Structured facts for machine formats (JSON `properties`, SARIF
    /// result `properties`), e.g. a vulnerable dependency's package and
    /// version.
    #[serde(skip_serializing_if = "serde_json::Map::is_empty")]
    pub properties: serde_json::Map<String, serde_json::Value>,
    /// Ways to repair it (edits of its file), best first.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub suggestions: Vec<Suggestion>,
}

impl Finding {
    /// A finding of `rule` at `location`, with nothing else yet.
    pub fn new(rule: &'static str, severity: Severity, message: String, location: Location) -> Self {
        Finding {
            rule,
            severity,
            message,
            location,
            labels: Vec::new(),
            help: None,
            notes: Vec::new(),
            flow: Vec::new(),
            in_test: false,
            test_value: false,
            fingerprint: String::new(),
            line_hash: String::new(),
            suppression: None,
            excerpt: None,
            masks: Vec::new(),
            properties: serde_json::Map::new(),
            suggestions: Vec::new(),
        }
    }

    pub fn is_suppressed(&self) -> bool {
        self.suppression.is_some()
    }
}

/// Something the scanner could not do: a file it could not read or parse,
/// a fallback it took. Reported on the terminal and as SARIF
/// `toolExecutionNotifications`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Notification {
    pub level: NoteLevel,
    /// Stable kind, e.g. `parse-error`, `unreadable`, `not-utf8`, `too-large`.
    pub kind: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub path: Option<Arc<str>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub line: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub col: Option<u32>,
    pub message: String,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum NoteLevel {
    Note,
    Warning,
    Error,
}

impl Notification {
    pub fn new(level: NoteLevel, kind: &'static str, path: Option<Arc<str>>, message: impl Into<String>) -> Self {
        Notification { level, kind, path, line: None, col: None, message: message.into() }
    }

    pub fn at(mut self, line: u32, col: u32) -> Self {
        self.line = Some(line);
        self.col = Some(col);
        self
    }

    /// A file that could not be analysed (counts toward `--strict`).
    pub fn is_skipped_file(&self) -> bool {
        self.level == NoteLevel::Error && self.path.is_some()
    }

    /// The plain one-line form printed beside machine-readable output, as
    /// the human report prints it: `warning: PATH:LINE:COL: MESSAGE`
    /// (`note:` for a note).
    pub fn warning_line(&self) -> String {
        let label = if self.level == NoteLevel::Note { "note" } else { "warning" };
        let at = match (&self.path, self.line) {
            (Some(p), Some(l)) => format!("{p}:{l}:{}: ", self.col.unwrap_or(1)),
            (Some(p), None) => format!("{p}: "),
            _ => String::new(),
        };
        format!("{label}: {at}{}", self.message)
    }
}
