//! Every kind of input file, each through the same steps: read under the
//! limits, analysed by its own front end (`rust`: parse and walk; `text`:
//! the secrets pack's line and token detectors), findings reported through
//! the rules' one report builder (`rules::cx`), suppressed by the input's
//! `sast:allow` comments, and finished alike ([`finish`]: excerpts,
//! fingerprints, secret masks, allowlists). Adding an input kind is a
//! front end here and one arm in [`analyze`].

use std::path::Path;

use super::facts::{FileFacts, FileInput, Limits, finalize};
use super::ruleset::RuleSet;
use crate::finding::Finding;
use crate::rules::file::FileCtx;
use crate::secrets::redact::Masks;

pub(crate) mod rust;
pub(crate) mod text;

pub(crate) use rust::ExtraPass;

/// The kinds of input the scan reads.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum InputKind {
    Rust,
    /// A secret-carrying text file (`workspace::is_text_file`).
    Text,
}

impl InputKind {
    pub(crate) fn of(path: &Path) -> InputKind {
        if path.extension().is_none_or(|x| x != "rs") && crate::workspace::is_text_file(path) {
            InputKind::Text
        } else {
            InputKind::Rust
        }
    }
}

/// Analyse one file's bytes with the front end of its kind (`extra`: a
/// pass that sees a Rust file's syntax tree too).
pub(crate) fn analyze(
    kind: InputKind,
    input: &FileInput,
    bytes: Vec<u8>,
    set: &RuleSet,
    limits: &Limits,
    extra: Option<ExtraPass<'_>>,
) -> FileFacts {
    match kind {
        InputKind::Rust => rust::analyze_bytes(input, bytes, set, limits, extra),
        InputKind::Text => text::analyze(input, bytes, set, limits),
    }
}

/// The end every input's findings go through: excerpts, fingerprints and
/// masks (`facts::finalize`), then the secrets pack's allowlists. Returns
/// the file's masks, for the texts that repeat code (data-flow steps).
pub(crate) fn finish(file: &FileCtx, set: &RuleSet, findings: &mut Vec<Finding>, limits: &Limits) -> Masks {
    let masks = finalize(file, findings, limits.line_hashes);
    if let Some(i) = set.rules.iter().position(|r| crate::secrets::is_pack_rule(r.meta().id)) {
        set.settings[i].secrets.apply_allowlists(findings);
    }
    masks
}
