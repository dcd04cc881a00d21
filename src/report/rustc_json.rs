//! `--message-format json`: the findings as cargo prints rustc's
//! diagnostics with `--message-format=json` — one `compiler-message` object
//! per line (`package_id` and `target` verbatim from `cargo metadata`, a
//! rustc diagnostic with spans, children and suggestions), then one
//! `build-finished` line — so rust-analyzer's `check.overrideCommand`
//! shows them inline, with quick fixes. What rust-analyzer reads and how:
//! code `sast::<rule>` (→ source `sast`, code `<rule>`), the primary span
//! (→ the diagnostic's range), labelled secondary spans (→ related
//! information: the labels and the data-flow steps), children with spans
//! and a `suggested_replacement` (→ quick fixes), children without spans
//! (→ text appended to the message).

use std::collections::HashSet;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use serde_json::{Value, json};

use crate::engine::outcome::Outcome;
use crate::finding::{Finding, Location, Severity};
use crate::workspace::metadata::{Package, Target};

/// cargo's `--message-format` values we print.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Style {
    /// `json`: `rendered` is plain text.
    Json,
    /// `json-diagnostic-short`: `rendered` is one line.
    Short,
    /// `json-diagnostic-rendered-ansi`: `rendered` is coloured.
    Ansi,
}

/// Where the findings' files belong.
pub(crate) struct Workspace<'a> {
    /// Span file names are relative to it (rustc's, and what
    /// rust-analyzer joins them to).
    pub(crate) root: &'a Path,
    pub(crate) packages: &'a [Package],
}

/// Every unsuppressed finding as a `compiler-message` line, then
/// `build-finished` with `success` (none with `None`: `editor-check`
/// writes one after cargo's messages and ours).
pub(crate) fn write(
    o: &Outcome,
    ws: &Workspace<'_>,
    style: Style,
    success: Option<bool>,
    w: &mut dyn Write,
) -> io::Result<()> {
    let mut explained: HashSet<&str> = HashSet::new();
    for f in o.active() {
        let explanation = explained.insert(f.rule).then(|| o.rule(f.rule).map(|r| r.help_markdown.clone())).flatten();
        let line = message(o, ws, f, explanation, style);
        serde_json::to_writer(&mut *w, &line)?;
        w.write_all(b"\n")?;
    }
    match success {
        Some(ok) => build_finished(ok, w),
        None => Ok(()),
    }
}

/// cargo's last line: `{"reason":"build-finished","success":…}`.
pub(crate) fn build_finished(success: bool, w: &mut dyn Write) -> io::Result<()> {
    serde_json::to_writer(&mut *w, &json!({ "reason": "build-finished", "success": success }))?;
    w.write_all(b"\n")
}

fn message(o: &Outcome, ws: &Workspace<'_>, f: &Finding, explanation: Option<String>, style: Style) -> Value {
    let abs = o.root.join(&*f.location.path);
    let (package_id, manifest, target) = owner(ws, &abs);
    let level = level(f.severity);
    let file_name = |l: &Location| file_name(ws.root, &o.root.join(&*l.path));
    let step_count = f.flow.len();
    let sink_label = f
        .flow
        .last()
        .filter(|s| s.location == f.location)
        .map(|s| format!("[{step_count}/{step_count}] {}", s.message));
    let mut spans = vec![span(&file_name(&f.location), &f.location, f, true, sink_label.as_deref(), None)];
    for l in &f.labels {
        spans.push(span(&file_name(&l.location), &l.location, f, false, Some(&l.message), None));
    }
    for (i, s) in f.flow.iter().enumerate() {
        if i + 1 == step_count && s.location == f.location {
            continue;
        }
        let label = format!("[{}/{step_count}] {}", i + 1, s.message);
        spans.push(span(&file_name(&s.location), &s.location, f, false, Some(&label), None));
    }
    let mut children = Vec::new();
    for s in &f.suggestions {
        let spans: Vec<Value> = s
            .edits
            .iter()
            .map(|e| span(&file_name(&e.location), &e.location, f, true, None, Some((&e.replacement, s.applicability))))
            .collect();
        children.push(child("help", &s.message, spans));
    }
    if let Some(h) = &f.help {
        children.push(child("help", h, Vec::new()));
    }
    for n in &f.notes {
        children.push(child("note", n, Vec::new()));
    }
    children.push(child("note", &classification(o, f), Vec::new()));
    let code = format!("sast::{}", f.rule);
    json!({
        "reason": "compiler-message",
        "package_id": package_id,
        "manifest_path": manifest,
        "target": target,
        "message": {
            "$message_type": "diagnostic",
            "message": f.message,
            "code": { "code": code, "explanation": explanation },
            "level": level,
            "spans": spans,
            "children": children,
            "rendered": rendered(&file_name(&f.location), f, level, &code, style),
        }
    })
}

/// critical/high → `error`, medium/low → `warning` (rustc's levels only:
/// any other makes the line unreadable to cargo_metadata).
fn level(s: Severity) -> &'static str {
    if s >= Severity::High { "error" } else { "warning" }
}

fn child(level: &str, message: &str, spans: Vec<Value>) -> Value {
    json!({ "$message_type": "diagnostic", "message": message, "code": null, "level": level,
            "spans": spans, "children": [], "rendered": null })
}

/// `severity: high · CWE-89 · OWASP A03:2021 · cargo sast explain <id>`.
fn classification(o: &Outcome, f: &Finding) -> String {
    let mut parts = vec![format!("severity: {}", f.severity)];
    if let Some(r) = o.rule(f.rule) {
        parts.extend(r.cwe.iter().map(|c| format!("CWE-{c}")));
        parts.extend(r.owasp.iter().map(|w| format!("OWASP {}", w.code())));
    }
    parts.push(format!("`cargo sast explain {}`", f.rule));
    parts.join(" · ")
}

/// A rustc span. `text` holds the covered lines when the finding's excerpt
/// (already masked) shows them.
fn span(
    file_name: &str,
    l: &Location,
    f: &Finding,
    primary: bool,
    label: Option<&str>,
    suggestion: Option<(&str, crate::finding::Applicability)>,
) -> Value {
    json!({
        "file_name": file_name,
        "byte_start": l.byte_start,
        "byte_end": l.byte_end,
        "line_start": l.start.line,
        "line_end": l.end.line,
        "column_start": l.start.col,
        "column_end": l.end.col,
        "is_primary": primary,
        "text": text_lines(l, f),
        "label": label,
        "suggested_replacement": suggestion.map(|s| s.0),
        "suggestion_applicability": suggestion.map(|s| s.1.as_str()),
        "expansion": null,
    })
}

/// rustc's `text[]`: each covered line with the highlighted columns
/// (1-based characters, end exclusive); empty when the excerpt does not
/// hold every line (another file, a clipped long line).
fn text_lines(l: &Location, f: &Finding) -> Vec<Value> {
    let Some(ex) = f.excerpt.as_ref().filter(|e| e.clipped == 0 && l.path == f.location.path) else {
        return Vec::new();
    };
    let lines: Vec<&str> = ex.text.split('\n').collect();
    let mut out = Vec::new();
    for n in l.start.line..=l.end.line {
        let Some(text) = n.checked_sub(ex.first_line).and_then(|i| lines.get(i as usize)) else {
            return Vec::new();
        };
        let text = text.strip_suffix('\r').unwrap_or(text);
        let len = text.chars().count() as u32 + 1;
        let start = if n == l.start.line { l.start.col } else { 1 };
        let end = if n == l.end.line { l.end.col } else { len };
        out.push(json!({ "text": text, "highlight_start": start, "highlight_end": end }));
    }
    out
}

/// The finding as rustc renders a diagnostic, in short: level, code,
/// message, place, help. Text from the scanned tree is escaped.
fn rendered(file: &str, f: &Finding, level: &str, code: &str, style: Style) -> String {
    let esc = |s: &str| crate::util::escape::line(s).into_owned();
    let (line, col) = (f.location.start.line, f.location.start.col);
    if style == Style::Short {
        return format!("{}:{line}:{col}: {level}[{code}]: {}\n", esc(file), esc(&f.message));
    }
    let (on, off) = match (style, level) {
        (Style::Ansi, "error") => ("\u{1b}[0m\u{1b}[1m\u{1b}[38;5;9m", "\u{1b}[0m"),
        (Style::Ansi, _) => ("\u{1b}[0m\u{1b}[1m\u{1b}[33m", "\u{1b}[0m"),
        _ => ("", ""),
    };
    let mut s = format!("{on}{level}[{code}]{off}: {}\n  --> {}:{line}:{col}\n", esc(&f.message), esc(file));
    if let Some(h) = &f.help {
        s.push_str(&format!("  = help: {}\n", esc(h)));
    }
    s
}

/// A path as rustc names it: relative to the workspace root when below
/// it, else absolute.
fn file_name(root: &Path, abs: &Path) -> String {
    abs.strip_prefix(root).unwrap_or(abs).to_string_lossy().replace('\\', "/")
}

/// The package and target a file belongs to: the package whose directory
/// holds it most closely, and its target whose source directory does
/// (the library before a binary on a tie, as `src/` holds both);
/// without `cargo metadata`, an id and target in cargo's form made from
/// the directory.
fn owner(ws: &Workspace<'_>, abs: &Path) -> (String, PathBuf, Value) {
    let pkg = ws.packages.iter().filter(|p| abs.starts_with(&p.dir)).max_by_key(|p| p.dir.components().count());
    let Some(p) = pkg else {
        let name = ws.root.file_name().map_or_else(|| "workspace".into(), |n| n.to_string_lossy().into_owned());
        let target = json!({ "kind": ["lib"], "crate_types": ["lib"], "name": name, "src_path": abs });
        return (format!("path+{}#0.0.0", crate::util::fspath::file_uri(ws.root)), ws.root.join("Cargo.toml"), target);
    };
    let id = p.id.as_deref().map_or_else(
        || {
            format!(
                "path+{}#{}@{}",
                crate::util::fspath::file_uri(&p.dir),
                p.name,
                p.version.as_deref().unwrap_or("0.0.0")
            )
        },
        str::to_string,
    );
    let best = p
        .targets
        .iter()
        .filter(|t| t.src_path == abs || t.src_path.parent().is_some_and(|d| abs.starts_with(d)))
        .max_by_key(|t| {
            let exact = t.src_path == abs;
            let depth = t.src_path.parent().map_or(0, |d| d.components().count());
            (exact, depth, t.kind == crate::workspace::FileKind::Lib)
        })
        .or_else(|| p.targets.first());
    let target = best.map_or_else(
        || json!({ "kind": ["lib"], "crate_types": ["lib"], "name": p.name.replace('-', "_"), "src_path": abs }),
        target_json,
    );
    (id, p.manifest.clone(), target)
}

fn target_json(t: &Target) -> Value {
    t.raw
        .as_deref()
        .cloned()
        .unwrap_or_else(|| json!({ "kind": ["lib"], "crate_types": ["lib"], "name": t.name, "src_path": t.src_path }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn levels_are_rustcs_and_urls_are_encoded() {
        assert_eq!(level(Severity::Critical), "error");
        assert_eq!(level(Severity::Medium), "warning");
        assert_eq!(crate::util::fspath::file_uri(Path::new("/a b/c")), "file:///a%20b/c");
        assert_eq!(file_name(Path::new("/ws"), Path::new("/ws/src/a.rs")), "src/a.rs");
        assert_eq!(file_name(Path::new("/ws"), Path::new("/other/a.rs")), "/other/a.rs");
    }
}
