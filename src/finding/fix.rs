//! Fixes as data: a rule attaches suggestions to its finding, each a set
//! of edits of the finding's file with rustc's applicability levels.
//! `--fix` applies the machine-applicable ones (`--unsafe-fixes` also the
//! maybe-incorrect ones); the language server offers them as code
//! actions; `--message-format json` carries them as rustc suggestions.

use serde::Serialize;

use super::Location;

/// How sure a suggestion is, spelled as rustc serialises it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub enum Applicability {
    /// The standard repair whose only effect is the security property the
    /// rule is about: `--fix` applies it.
    MachineApplicable,
    /// Complete code that may change behaviour (Debug output, a new
    /// scheme, a resource released earlier): `--fix --unsafe-fixes`.
    MaybeIncorrect,
    /// Holds `${n:…}` placeholders the user fills in: only offered in the
    /// editor, never applied by `--fix`.
    HasPlaceholders,
    Unspecified,
}

impl Applicability {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::MachineApplicable => "MachineApplicable",
            Self::MaybeIncorrect => "MaybeIncorrect",
            Self::HasPlaceholders => "HasPlaceholders",
            Self::Unspecified => "Unspecified",
        }
    }
}

/// Replace the text at `location` (in the finding's file) by `replacement`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Edit {
    pub location: Location,
    pub replacement: String,
}

/// One way to repair a finding: its edits are applied together or not at all.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Suggestion {
    pub message: String,
    pub applicability: Applicability,
    pub edits: Vec<Edit>,
}

impl Suggestion {
    /// The edits in file order; `None` when two of them overlap (a rule's
    /// bug: such a suggestion is never applied).
    pub fn sorted_edits(&self) -> Option<Vec<&Edit>> {
        let mut v: Vec<&Edit> = self.edits.iter().collect();
        v.sort_by_key(|e| (e.location.byte_start, e.location.byte_end));
        let overlaps = v.windows(2).any(|w| w[1].location.byte_start < w[0].location.byte_end);
        (!overlaps && !v.is_empty()).then_some(v)
    }
}

/// Which suggestions a fixing run may apply.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub(crate) struct FixMode {
    /// `--unsafe-fixes`: also `MaybeIncorrect`.
    pub(crate) unsafe_fixes: bool,
}

impl FixMode {
    pub(crate) fn allows(self, a: Applicability) -> bool {
        match a {
            Applicability::MachineApplicable => true,
            Applicability::MaybeIncorrect => self.unsafe_fixes,
            Applicability::HasPlaceholders | Applicability::Unspecified => false,
        }
    }
}

/// The `### Fix` a rule's docs describe: which kinds of suggestions it
/// attaches (shown by `cargo sast rules`, as ruff shows fix availability).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum FixKind {
    /// No suggestion: the repair is a design decision.
    #[default]
    None,
    /// Machine-applicable fixes only (`--fix`).
    Safe,
    /// Maybe-incorrect fixes only (`--fix --unsafe-fixes`).
    Unsafe,
    /// Machine-applicable and maybe-incorrect ones, depending on the code.
    Mixed,
    /// Editor snippets with placeholders only (never applied by `--fix`).
    Snippet,
}

impl FixKind {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::None => "",
            Self::Safe => "safe",
            Self::Unsafe => "unsafe",
            Self::Mixed => "safe/unsafe",
            Self::Snippet => "snippet",
        }
    }
}
