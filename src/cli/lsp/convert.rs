//! Between cargo-sast's findings and LSP's JSON: `file://` URIs, UTF-16
//! positions, diagnostics with related information, hover text, code
//! actions (a finding's fixes; a `// sast:allow(<id>): ` comment with the
//! cursor at the reason).

use std::path::{Path, PathBuf};

use serde_json::{Value, json};

use crate::engine::outcome::Outcome;
use crate::finding::{Applicability, Finding, Location, Severity};

/// `file:///a/b%20c.rs` → `/a/b c.rs` (percent-decoded; other schemes: `None`).
pub(super) fn path_of(uri: &str) -> Option<PathBuf> {
    let rest = uri.strip_prefix("file://")?;
    let bytes = rest.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = std::str::from_utf8(bytes.get(i + 1..i + 3)?).ok()?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    Some(PathBuf::from(String::from_utf8(out).ok()?))
}

/// `/a/b c.rs` → `file:///a/b%20c.rs`.
pub(super) fn uri_of(p: &Path) -> String {
    crate::util::fspath::file_uri(p)
}

/// An LSP range (0-based lines, UTF-16 columns) of a location.
pub(super) fn range(l: &Location) -> Value {
    json!({
        "start": { "line": l.start.line.saturating_sub(1), "character": l.start.col_utf16.saturating_sub(1) },
        "end": { "line": l.end.line.saturating_sub(1), "character": l.end.col_utf16.saturating_sub(1) },
    })
}

/// The byte offset of an LSP position (UTF-16 column) in `text`.
pub(super) fn offset(text: &str, line: u64, character: u64) -> usize {
    let mut start = 0;
    for _ in 0..line {
        match text[start..].find('\n') {
            Some(i) => start += i + 1,
            None => return text.len(),
        }
    }
    let mut units = 0u64;
    for (i, c) in text[start..].char_indices() {
        if units >= character || c == '\n' {
            return start + i;
        }
        units += c.len_utf16() as u64;
    }
    text.len()
}

/// `(line, utf-16 column)`, 0-based, of a location's start and end.
fn bounds(l: &Location) -> ((u32, u32), (u32, u32)) {
    (
        (l.start.line.saturating_sub(1), l.start.col_utf16.saturating_sub(1)),
        (l.end.line.saturating_sub(1), l.end.col_utf16.saturating_sub(1)),
    )
}

/// Whether the finding's range meets the LSP range `r`.
pub(super) fn overlaps(f: &Finding, r: &Value) -> bool {
    let p = |v: &Value| (v["line"].as_u64().unwrap_or(0) as u32, v["character"].as_u64().unwrap_or(0) as u32);
    let (s, e) = (p(&r["start"]), p(&r["end"]));
    let (fs, fe) = bounds(&f.location);
    fs <= e && s <= fe
}

/// The diagnostic of a finding: range, severity, code, the message with
/// its help, the labels and flow steps as related information. Text from
/// the scanned tree is escaped (it is shown in an editor's UI).
pub(super) fn diagnostic(root: &Path, f: &Finding) -> Value {
    let esc = |s: &str| crate::util::escape::line(s).into_owned();
    let loc = |l: &Location| json!({ "uri": uri_of(&root.join(&*l.path)), "range": range(l) });
    let n = f.flow.len();
    let mut related: Vec<Value> =
        f.labels.iter().map(|l| json!({ "location": loc(&l.location), "message": esc(&l.message) })).collect();
    related.extend(f.flow.iter().enumerate().map(
        |(i, s)| json!({ "location": loc(&s.location), "message": format!("[{}/{n}] {}", i + 1, esc(&s.message)) }),
    ));
    let mut message = esc(&f.message);
    if let Some(h) = &f.help {
        message.push_str("\nhelp: ");
        message.push_str(&esc(h));
    }
    let severity = if f.severity >= Severity::High { 1 } else { 2 };
    let mut d = json!({
        "range": range(&f.location),
        "severity": severity,
        "code": f.rule,
        "source": "cargo-sast",
        "message": message,
        "data": { "rule": f.rule, "fingerprint": f.fingerprint },
    });
    if !related.is_empty() {
        d["relatedInformation"] = Value::Array(related);
    }
    d
}

/// Hover on a finding: what it is, its flow, and the rule's documentation
/// (what `cargo sast explain` prints).
pub(super) fn hover(o: &Outcome, f: &Finding) -> Value {
    let md = |s: &str| markdown_escape(&crate::util::escape::line(s));
    let mut v = format!("**cargo-sast `{}`** ({}): {}\n\n", f.rule, f.severity, md(&f.message));
    for (i, s) in f.flow.iter().enumerate() {
        v.push_str(&format!("{}. {} ({}:{})\n", i + 1, md(&s.message), md(&s.location.path), s.location.start.line));
    }
    if let Some(h) = &f.help {
        v.push_str(&format!("\n*help*: {}\n", md(h)));
    }
    if let Some(r) = o.rule(f.rule) {
        v.push_str("\n---\n\n");
        v.push_str(&r.help_markdown);
    }
    json!({ "contents": { "kind": "markdown", "value": v }, "range": range(&f.location) })
}

fn markdown_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if "\\`*_{}[]()#+-.!|<>".contains(c) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// The code actions of a finding: each fix a client can apply (the
/// machine-applicable one preferred; snippets only with snippet support),
/// then "suppress here".
pub(super) fn actions(root: &Path, f: &Finding, line_text: &str, snippets: bool, version: Option<i64>) -> Vec<Value> {
    let uri = uri_of(&root.join(&*f.location.path));
    let diag = diagnostic(root, f);
    let mut out = Vec::new();
    for s in &f.suggestions {
        let snippet = s.applicability == Applicability::HasPlaceholders;
        if s.applicability == Applicability::Unspecified || (snippet && !snippets) {
            continue;
        }
        let edit = if snippet {
            let edits: Vec<Value> = s
                .edits
                .iter()
                .map(|e| json!({ "range": range(&e.location), "snippet": { "kind": "snippet", "value": e.replacement } }))
                .collect();
            snippet_edit(&uri, version, edits)
        } else {
            let edits: Vec<Value> =
                s.edits.iter().map(|e| json!({ "range": range(&e.location), "newText": e.replacement })).collect();
            json!({ "changes": { uri.clone(): edits } })
        };
        out.push(json!({
            "title": format!("{} ({})", s.message, f.rule),
            "kind": "quickfix",
            "diagnostics": [diag.clone()],
            "isPreferred": s.applicability == Applicability::MachineApplicable,
            "edit": edit,
        }));
    }
    let indent: String = line_text.chars().take_while(|c| *c == ' ' || *c == '\t').collect();
    let line = f.location.start.line.saturating_sub(1);
    let at = json!({ "start": { "line": line, "character": 0 }, "end": { "line": line, "character": 0 } });
    let comment = format!("{indent}// sast:allow({}): ", f.rule);
    let edit = if snippets {
        let value = format!("{}${{0:reason}}\n", comment.replace('\\', "\\\\").replace('$', "\\$").replace('}', "\\}"));
        snippet_edit(&uri, version, vec![json!({ "range": at, "snippet": { "kind": "snippet", "value": value } })])
    } else {
        json!({ "changes": { uri: [{ "range": at, "newText": format!("{comment}\n") }] } })
    };
    out.push(json!({
        "title": format!("Suppress `{}` here (`// sast:allow`)", f.rule),
        "kind": "quickfix",
        "diagnostics": [diag],
        "isPreferred": false,
        "edit": edit,
    }));
    out
}

fn snippet_edit(uri: &str, version: Option<i64>, edits: Vec<Value>) -> Value {
    json!({ "documentChanges": [{ "textDocument": { "uri": uri, "version": version }, "edits": edits }] })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uris_round_trip_and_offsets_count_utf16() {
        let p = Path::new("/a b/é.rs");
        assert_eq!(uri_of(p), "file:///a%20b/%C3%A9.rs");
        assert_eq!(path_of(&uri_of(p)).as_deref(), Some(p));
        assert_eq!(path_of("file:///x%2"), None);
        let t = "ab\n\u{1d11e}x\n";
        assert_eq!(offset(t, 1, 2), 7);
        assert_eq!(offset(t, 1, 99), 8);
        assert_eq!(offset(t, 9, 0), t.len());
        assert_eq!(markdown_escape("a*b"), "a\\*b");
    }
}
