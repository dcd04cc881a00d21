//! `// sast:allow(<rule-id>): <reason>` comments as rules see them: the
//! engine parses them (`engine::suppress`) and, after matching them with
//! findings, hands them to the rules that judge the comments themselves
//! ([`super::Rule::check_suppressions`]: `invalid-suppression`,
//! `unused-suppression`).

use super::file::FileCtx;
use crate::finding::Location;

pub(crate) const MARKER: &str = "sast:allow";

/// One parsed `sast:allow` comment.
#[derive(Debug, Clone)]
pub struct Allow {
    /// 0-based line of the comment.
    pub line: usize,
    /// Byte range of the comment text from the marker to the end of line.
    pub start: u32,
    pub end: u32,
    pub rules: Vec<String>,
    pub reason: Option<String>,
    /// The comment follows code on the same line.
    pub trailing: bool,
    /// 0-based line the comment applies to (same line when trailing).
    pub target: usize,
    /// Lines covered (inclusive), filled in after the walk.
    pub covers: Vec<(usize, usize)>,
    pub used: Vec<bool>,
    /// Could not be parsed: the message says why.
    pub malformed: Option<String>,
}

/// Where a suppression is reported: the marker and its parenthesised rule list.
pub(crate) fn location(file: &FileCtx, a: &Allow) -> Location {
    // Point at the marker and its parenthesised rule list.
    let end = file.text[a.start as usize..a.end as usize].find(')').map_or(a.end, |i| a.start + i as u32 + 1);
    file.location(a.start, end)
}
