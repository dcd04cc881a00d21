//! In-source suppressions: `// sast:allow(<rule-id>[, <rule-id>…]): <reason>`
//!
//! A suppression covers its own line when it trails code; otherwise the
//! next code line, and, when that line starts an item (fn, impl, mod, …) or
//! a statement, the whole item or statement. The reason is required. A
//! suppression without a reason, naming an unknown rule, or suppressing
//! nothing is itself reported.

use crate::finding::{Finding, Suppression, SuppressionKind};
use crate::rules::file::FileCtx;
use crate::rules::suppression::{Allow, MARKER, location};
use std::collections::HashMap;

/// Find every `sast:allow` comment in the file.
pub(crate) fn scan(file: &FileCtx) -> Vec<Allow> {
    let text = &file.text;
    if !text.contains(MARKER) {
        return Vec::new();
    }
    let mut out = Vec::new();
    let comments = crate::syntax::comments::line_comments(text);
    for (pos, _) in text.match_indices(MARKER) {
        // Only in a `//` line comment: not in strings, not in `///` docs.
        let Some(&(cstart, _)) = comments.iter().find(|&&(s, e)| s <= pos && pos < e) else { continue };
        let comment = &text[cstart..];
        if comment.starts_with("///") || comment.starts_with("//!") {
            continue;
        }
        let line = file.line_of(pos as u32);
        let (ls, le) = file.lines.line_range(text, line);
        let before = &text[ls..pos];
        let cpos = cstart - ls;
        let trailing = !before[..cpos].trim().is_empty();
        let rest = &text[pos + MARKER.len()..le];
        let mut a = Allow {
            line,
            start: pos as u32,
            end: le as u32,
            rules: Vec::new(),
            reason: None,
            trailing,
            target: line,
            covers: Vec::new(),
            used: Vec::new(),
            malformed: None,
        };
        match parse_body(rest) {
            Ok((rules, reason)) => {
                a.used = vec![false; rules.len()];
                a.rules = rules;
                a.reason = reason;
            }
            Err(m) => a.malformed = Some(m),
        }
        if !trailing {
            a.target = next_code_line(file, line);
        }
        a.covers.push((a.target, a.target));
        out.push(a);
    }
    out
}

/// `(<ids>): <reason>` → ids and reason.
fn parse_body(rest: &str) -> Result<(Vec<String>, Option<String>), String> {
    let Some(inner) = rest.strip_prefix('(') else {
        return Err("expected `(` and a rule id after `sast:allow`".into());
    };
    let Some(close) = inner.find(')') else {
        return Err("missing `)` after the rule ids".into());
    };
    let rules: Vec<String> =
        inner[..close].split(',').map(|s| s.trim().to_string()).filter(|s| !s.is_empty()).collect();
    if rules.is_empty() {
        return Err("no rule id between the parentheses".into());
    }
    let after = inner[close + 1..].trim_start();
    let reason = after
        .strip_prefix(':')
        .or_else(|| after.strip_prefix("--"))
        .or_else(|| after.strip_prefix('-'))
        .map(|r| r.trim().trim_end_matches("*/").trim().to_string())
        .filter(|r| !r.is_empty());
    Ok((rules, reason))
}

fn next_code_line(file: &FileCtx, line: usize) -> usize {
    let n = file.lines.line_count();
    let mut l = line + 1;
    while l < n {
        let t = file.line_text(l).trim_start();
        if !(t.is_empty() || t.starts_with("//") || t.starts_with("/*") || t.starts_with('*')) {
            return l;
        }
        l += 1;
    }
    line
}

/// Apply item/statement coverage found by the walk: `(target, first, last)`.
pub(crate) fn extend_coverage(allows: &mut [Allow], covered: &[(usize, usize, usize)]) {
    for a in allows.iter_mut().filter(|a| !a.trailing) {
        for &(target, first, last) in covered {
            if target == a.target {
                a.covers.push((first.min(a.target), last));
            }
        }
    }
}

/// Mark findings covered by a suppression naming their rule.
pub(crate) fn apply(allows: &mut [Allow], findings: &mut [Finding], file: &FileCtx) {
    for f in findings.iter_mut() {
        // Every covering suppression is marked used; the first one is recorded.
        let s = covering(allows, f.rule, f.location.start.line as usize - 1, file);
        if f.suppression.is_none() {
            f.suppression = s;
        }
    }
}

/// The suppression covering `line` (0-based) for `rule`, marking it used.
pub(crate) fn covering(allows: &mut [Allow], rule: &str, line: usize, file: &FileCtx) -> Option<Suppression> {
    let mut found = None;
    for a in allows.iter_mut() {
        if a.malformed.is_some() || !a.covers.iter().any(|&(s, e)| s <= line && line <= e) {
            continue;
        }
        let Some(i) = a.rules.iter().position(|r| r == rule) else { continue };
        a.used[i] = true;
        if found.is_none() {
            found = Some(Suppression {
                kind: SuppressionKind::InSource,
                justification: a.reason.clone().unwrap_or_default(),
                location: Some(location(file, a)),
            });
        }
    }
    found
}

/// `# sast:allow(<rule-id>): <reason>` (or `//`, `;`) on the finding's
/// line or the line above it. Each line is looked at once, however many
/// findings it has.
pub(crate) fn apply_line_comments(file: &FileCtx, findings: &mut [Finding]) {
    const MARK: &str = "sast:allow(";
    let mut parsed: HashMap<usize, Option<(u32, Vec<String>, String)>> = HashMap::new();
    let mut allow_on = |l: usize| {
        parsed
            .entry(l)
            .or_insert_with(|| {
                let text = file.line_text(l);
                let i = memchr::memmem::find(text.as_bytes(), MARK.as_bytes())?;
                let rest = &text[i + MARK.len()..];
                let close = rest.find(')')?;
                let rules = rest[..close].split(',').map(|id| id.trim().to_string()).collect();
                let reason = rest[close + 1..].trim_start_matches(':').trim().to_string();
                Some((file.lines.line_start(l) + i as u32, rules, reason))
            })
            .clone()
    };
    for f in findings.iter_mut() {
        let l = f.location.start.line as usize - 1;
        let candidates = if l > 0 { vec![l, l - 1] } else { vec![l] };
        for line in candidates {
            let Some((at, rules, reason)) = allow_on(line) else { continue };
            if rules.iter().any(|r| r == f.rule) {
                f.suppression = Some(Suppression {
                    kind: SuppressionKind::InSource,
                    justification: if reason.is_empty() { "sast:allow".to_string() } else { reason },
                    location: Some(file.location(at, at + MARK.len() as u32 - 1)),
                });
                break;
            }
        }
    }
}
