//! Output formats. Each format renders an `Outcome` (the filtered result
//! of a scan) to a writer; JSON and SARIF are byte-for-byte deterministic.

pub mod github;
pub mod gitlab;
pub mod human;
pub mod json;
pub(crate) mod rustc_json;
pub mod sarif;

/// Output formats.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, clap::ValueEnum)]
pub(crate) enum Format {
    /// Rich terminal diagnostics (default).
    Human,
    /// cargo-sast's own JSON schema (versioned; see README).
    Json,
    /// SARIF 2.1.0 for GitHub code scanning and other dashboards.
    Sarif,
    /// GitHub Actions workflow commands (annotations on the pull request).
    Github,
    /// GitLab SAST report (gl-sast-report.json, schema 15.x).
    Gitlab,
}

impl Format {
    pub(crate) fn as_str(self) -> &'static str {
        match self {
            Self::Human => "human",
            Self::Json => "json",
            Self::Sarif => "sarif",
            Self::Github => "github",
            Self::Gitlab => "gitlab",
        }
    }
}
