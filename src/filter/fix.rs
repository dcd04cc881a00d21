//! `--fix`: the suggestions a run may apply, chosen so that no two edits
//! touch, and applied to a file's text. Reading and writing the files
//! (through `util::safe_write`) and scanning again is the command's
//! (`cli::cmd_fix`); this is the pure part.

use std::collections::BTreeMap;

use crate::finding::{Edit, Finding, FixMode, Suggestion};

/// The suggestions chosen for one file, in file order.
#[derive(Debug, Default)]
pub(crate) struct FilePlan<'a> {
    /// `(finding, suggestion)` pairs taken whole.
    pub(crate) taken: Vec<(&'a Finding, &'a Suggestion)>,
    /// Their edits, sorted, never overlapping.
    pub(crate) edits: Vec<&'a Edit>,
}

/// How many findings the remaining suggestions could still repair.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Fixable {
    pub(crate) safe: usize,
    /// Only with `--unsafe-fixes`.
    pub(crate) unsafe_only: usize,
}

/// Count the active findings `--fix` (and `--unsafe-fixes`) would repair.
pub(crate) fn fixable<'a>(findings: impl IntoIterator<Item = &'a Finding>) -> Fixable {
    let mut n = Fixable::default();
    for f in findings {
        if f.suggestions.iter().any(|s| FixMode::default().allows(s.applicability)) {
            n.safe += 1;
        } else if f.suggestions.iter().any(|s| FixMode { unsafe_fixes: true }.allows(s.applicability)) {
            n.unsafe_only += 1;
        }
    }
    n
}

/// Per file (by its path relative to the root), the first allowed
/// suggestion of each finding whose edits touch none already taken; the
/// others wait for the next pass, after the scan has seen the new text.
/// A suggestion identical to one taken (two findings, one repair) counts
/// as taken.
pub(crate) fn plan<'a>(
    findings: impl IntoIterator<Item = &'a Finding>,
    mode: FixMode,
) -> BTreeMap<&'a str, FilePlan<'a>> {
    let mut out: BTreeMap<&'a str, FilePlan<'a>> = BTreeMap::new();
    for f in findings {
        let Some((s, edits)) = f
            .suggestions
            .iter()
            .filter(|s| mode.allows(s.applicability))
            .find_map(|s| s.sorted_edits().map(|e| (s, e)))
        else {
            continue;
        };
        if edits.iter().any(|e| *e.location.path != *f.location.path) {
            continue;
        }
        let p = out.entry(&f.location.path).or_default();
        if edits.iter().all(|e| p.edits.contains(e)) {
            p.taken.push((f, s));
            continue;
        }
        if edits.iter().any(|e| p.edits.iter().any(|t| touches(e, t))) {
            continue;
        }
        p.taken.push((f, s));
        p.edits.extend(edits);
        p.edits.sort_by_key(|e| (e.location.byte_start, e.location.byte_end));
    }
    out.retain(|_, p| !p.edits.is_empty());
    out
}

/// Two edits touch when their ranges overlap, or when both insert at the
/// same place (their order would be a guess).
fn touches(a: &Edit, b: &Edit) -> bool {
    let (a0, a1, b0, b1) = (a.location.byte_start, a.location.byte_end, b.location.byte_start, b.location.byte_end);
    (a0 < b1 && b0 < a1) || a0 == b0 || (a0 == a1 && b0 < a0 && a0 < b1) || (b0 == b1 && a0 < b0 && b0 < a1)
}

/// `text` with `edits` (sorted, not overlapping) applied; `None` when an
/// edit does not fit the text (it changed since the scan read it).
pub(crate) fn apply(text: &str, edits: &[&Edit]) -> Option<String> {
    let mut out = String::with_capacity(text.len());
    let mut at = 0usize;
    for e in edits {
        let (s, end) = (e.location.byte_start as usize, e.location.byte_end as usize);
        if s < at {
            return None;
        }
        out.push_str(text.get(at..s)?);
        text.get(s..end)?;
        out.push_str(&e.replacement);
        at = end;
    }
    out.push_str(text.get(at..)?);
    Some(out)
}

/// One `--fix` pass over one file's text: the allowed suggestions of
/// `findings` (all of this file) applied; `None` when none applies. The
/// fixture tests and the language server's "fix all" use it.
pub fn fix_text<'a>(text: &str, findings: impl IntoIterator<Item = &'a Finding>, unsafe_fixes: bool) -> Option<String> {
    let plans = plan(findings, FixMode { unsafe_fixes });
    let mut edits: Vec<&Edit> = plans.into_values().flat_map(|p| p.edits).collect();
    if edits.is_empty() {
        return None;
    }
    edits.sort_by_key(|e| (e.location.byte_start, e.location.byte_end));
    apply(text, &edits)
}

/// A unified diff of one file (`a/path`, `b/path`), three lines of
/// context, every line escaped (it is scanned text on its way to a
/// terminal).
pub(crate) fn unified_diff(path: &str, old: &str, new: &str) -> String {
    let diff = similar::TextDiff::from_lines(old, new);
    let text = diff.unified_diff().context_radius(3).header(&format!("a/{path}"), &format!("b/{path}")).to_string();
    let mut out = String::with_capacity(text.len());
    for l in text.lines() {
        out.push_str(&crate::util::escape::line(l));
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use super::*;
    use crate::finding::{Applicability, Location, Pos};

    fn loc(s: u32, e: u32) -> Location {
        Location { path: Arc::from("a.rs"), byte_start: s, byte_end: e, start: Pos::default(), end: Pos::default() }
    }

    /// `(start, end, replacement)`.
    type E<'a> = (u32, u32, &'a str);

    fn finding(sugg: Vec<(Applicability, Vec<E<'_>>)>) -> Finding {
        let mut f = Finding::new("r", crate::finding::Severity::High, "m".into(), loc(0, 1));
        f.suggestions = sugg
            .into_iter()
            .map(|(a, edits)| Suggestion {
                message: "s".into(),
                applicability: a,
                edits: edits.into_iter().map(|(s, e, r)| Edit { location: loc(s, e), replacement: r.into() }).collect(),
            })
            .collect();
        f
    }

    #[test]
    fn edits_never_overlap_and_unsafe_ones_wait_for_the_flag() {
        use Applicability::*;
        let fs = [
            finding(vec![(MachineApplicable, vec![(0, 5, "x"), (10, 12, "")])]),
            // Overlaps the first: waits for the next pass.
            finding(vec![(MachineApplicable, vec![(4, 6, "y")])]),
            // Same repair as the first: counted, not applied twice.
            finding(vec![(MachineApplicable, vec![(0, 5, "x"), (10, 12, "")])]),
            finding(vec![(MaybeIncorrect, vec![(20, 21, "z")])]),
            // Two insertions at one place: order unknown, second waits.
            finding(vec![(MachineApplicable, vec![(30, 30, "a")])]),
            finding(vec![(MachineApplicable, vec![(30, 30, "b")])]),
        ];
        let p = plan(&fs, FixMode::default());
        let a = &p["a.rs"];
        assert_eq!(a.taken.len(), 3);
        let ranges: Vec<(u32, u32)> = a.edits.iter().map(|e| (e.location.byte_start, e.location.byte_end)).collect();
        assert_eq!(ranges, [(0, 5), (10, 12), (30, 30)]);
        let p = plan(&fs, FixMode { unsafe_fixes: true });
        assert_eq!(p["a.rs"].taken.len(), 4);
        assert_eq!(fixable(&fs), Fixable { safe: 5, unsafe_only: 1 });
    }

    #[test]
    fn apply_replaces_in_order_and_refuses_text_that_changed() {
        let e1 = Edit { location: loc(0, 5), replacement: "true".into() };
        let e2 = Edit { location: loc(6, 6), replacement: "!".into() };
        assert_eq!(apply("false x", &[&e1, &e2]).as_deref(), Some("true !x"));
        assert_eq!(apply("fal", &[&e1]), None);
    }

    #[test]
    fn the_diff_is_escaped() {
        let d = unified_diff("a.rs", "let a = 1;\n", "let a = \"\u{202e}\";\n");
        assert!(d.starts_with("--- a/a.rs\n+++ b/a.rs\n"), "{d}");
        assert!(!d.contains('\u{202e}'), "{d}");
    }
}
