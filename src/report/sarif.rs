//! `--format sarif`: SARIF 2.1.0 as GitHub code scanning ingests it.

use std::io::{self, Write};

use serde_json::{Map, Value, json};

use crate::engine::outcome::{Outcome, RuleDescriptor, TOOL_NAME, TOOL_URI, TOOL_VERSION};
use crate::finding::{Finding, Location, NoteLevel, Notification, SuppressionKind};
use crate::rules::Severity;

pub const SCHEMA_URI: &str = "https://json.schemastore.org/sarif-2.1.0.json";

/// GitHub code scanning's hard limits (larger files are rejected).
pub const MAX_RESULTS: usize = 25_000;
pub const MAX_TAGS: usize = 20;
pub const MAX_RELATED: usize = 1_000;
pub const MAX_FLOW_LOCATIONS: usize = 10_000;
pub const MAX_GZIP_BYTES: usize = 10 * 1024 * 1024;

/// SARIF `level` for a severity.
pub fn level(s: Severity) -> &'static str {
    match s {
        Severity::Critical | Severity::High => "error",
        Severity::Medium => "warning",
        Severity::Low => "note",
    }
}

/// GitHub's `problem.severity` for a severity.
fn problem_severity(s: Severity) -> &'static str {
    match s {
        Severity::Critical | Severity::High => "error",
        Severity::Medium => "warning",
        Severity::Low => "recommendation",
    }
}

/// End a message with a period so its first sentence stands alone.
pub fn sentence(s: &str) -> String {
    let t = s.trim_end();
    if t.ends_with(['.', '!', '?']) { t.to_string() } else { format!("{t}.") }
}

fn text(s: impl Into<String>) -> Value {
    json!({ "text": s.into() })
}

/// Strip Markdown emphasis/code marks for plain-text help.
fn plain(md: &str) -> String {
    let mut out = String::with_capacity(md.len());
    for line in md.lines() {
        let l = line.trim_start_matches("### ");
        out.push_str(&l.replace('`', ""));
        out.push('\n');
    }
    out.trim_end().to_string()
}

fn rule_descriptor(r: &RuleDescriptor) -> Value {
    let mut tags = vec!["security".to_string()];
    tags.extend(r.cwe.iter().map(|c| format!("external/cwe/cwe-{c}")));
    for o in &r.owasp {
        tags.push(format!("external/owasp/{}", o.tag()));
    }
    tags.extend(r.tags.iter().cloned());
    tags.truncate(MAX_TAGS);
    let mut v = json!({
        "id": r.id,
        "name": r.name,
        "shortDescription": text(sentence(&r.summary)),
        "fullDescription": text(sentence(&plain(&r.full))),
        "help": { "text": plain(&r.help_markdown), "markdown": r.help_markdown },
        "defaultConfiguration": { "level": level(r.severity) },
        "properties": {
            "tags": tags,
            "precision": r.precision.as_str(),
            "problem.severity": problem_severity(r.severity),
            "security-severity": r.security_severity(),
        }
    });
    if let (Some(uri), Some(obj)) = (&r.help_uri, v.as_object_mut()) {
        obj.insert("helpUri".into(), json!(uri));
    }
    v
}

fn physical(loc: &Location, snippet: Option<&str>) -> Value {
    let mut region = json!({
        "startLine": loc.start.line,
        "startColumn": loc.start.col_utf16,
        "endLine": loc.end.line,
        "endColumn": loc.end.col_utf16,
    });
    if let (Some(s), Some(obj)) = (snippet, region.as_object_mut()) {
        obj.insert("snippet".into(), text(s));
    }
    let (base, rel) = split_base(&loc.path);
    json!({
        "artifactLocation": { "uri": uri_path(rel), "uriBaseId": base },
        "region": region,
    })
}

/// Paths outside the project are reported relative to a named base
/// (`%CARGO_REGISTRY%/index…/cc-1.0.0/build.rs`), never as absolute paths
/// of the machine: the base and the rest.
pub(crate) fn split_base(path: &str) -> (&str, &str) {
    if let Some(rest) = path.strip_prefix('%')
        && let Some(end) = rest.find("%/")
        && rest[..end].bytes().all(|b| b.is_ascii_uppercase() || b == b'_')
    {
        return (&path[..end + 2], &rest[end + 2..]);
    }
    ("%SRCROOT%", path)
}

/// What a base other than `%SRCROOT%` stands for.
fn base_description(base: &str) -> &'static str {
    match base {
        "%CARGO_REGISTRY%" => {
            "The local cargo registry's unpacked sources: $CARGO_HOME/registry/src (~/.cargo/registry/src)."
        }
        "%CARGO_GIT%" => "Cargo's git checkouts: $CARGO_HOME/git/checkouts (~/.cargo/git/checkouts).",
        "%CARGO_VENDOR%" => "The `cargo vendor` directory given to cargo-sast (outside the project).",
        "%PATH_DEPENDENCY%" => "The directory of a path dependency outside the project.",
        _ => "A directory outside the project.",
    }
}

/// Percent-encode what a relative URI reference cannot carry as is.
pub fn uri_path(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    for b in path.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' | b'/' | b'+' | b'@' | b'=' | b',' => {
                out.push(b as char);
            }
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}

/// Text of the primary line(s) from the excerpt (masked secrets stay masked).
fn snippet_of(f: &Finding) -> Option<String> {
    let ex = f.excerpt.as_ref()?;
    let skip = f.location.start.line.saturating_sub(ex.first_line) as usize;
    let take = (f.location.end.line.saturating_sub(f.location.start.line) + 1) as usize;
    let lines: Vec<&str> = ex.text.lines().skip(skip).take(take).collect();
    (!lines.is_empty()).then(|| lines.join("\n"))
}

fn result(f: &Finding, o: &Outcome) -> Value {
    let snippet = snippet_of(f);
    let mut r = Map::new();
    r.insert("ruleId".into(), json!(f.rule));
    if let Some(i) = o.rule_index(f.rule) {
        r.insert("ruleIndex".into(), json!(i));
    }
    r.insert("level".into(), json!(level(f.severity)));
    let mut message = sentence(&f.message);
    if let Some(h) = &f.help {
        message.push(' ');
        message.push_str(&sentence(h));
    }
    for n in &f.notes {
        message.push(' ');
        message.push_str(&sentence(n));
    }
    // Link the related locations the message refers to.
    let links: Vec<String> = f
        .labels
        .iter()
        .take(MAX_RELATED)
        .enumerate()
        .map(|(i, l)| format!("[{}]({})", escape_link(&l.message), i + 1))
        .collect();
    if !links.is_empty() {
        message.push_str(" Related: ");
        message.push_str(&links.join(", "));
        message.push('.');
    }
    r.insert("message".into(), text(message));
    r.insert("locations".into(), json!([{ "physicalLocation": physical(&f.location, snippet.as_deref()) }]));
    let mut fp = Map::new();
    if !f.line_hash.is_empty() {
        fp.insert("primaryLocationLineHash".into(), json!(f.line_hash));
    }
    fp.insert("cargoSast/v1".into(), json!(f.fingerprint));
    r.insert("partialFingerprints".into(), Value::Object(fp));
    let mut related: Vec<Value> = Vec::new();
    for (i, l) in f.labels.iter().take(MAX_RELATED).enumerate() {
        related.push(json!({
            "id": i + 1,
            "physicalLocation": physical(&l.location, None),
            "message": text(sentence(&l.message)),
        }));
    }
    if !related.is_empty() {
        r.insert("relatedLocations".into(), Value::Array(related));
    }
    if !f.flow.is_empty() {
        let locs: Vec<Value> = f
            .flow
            .iter()
            .take(MAX_FLOW_LOCATIONS)
            .map(|s| json!({ "location": { "physicalLocation": physical(&s.location, None), "message": text(sentence(&s.message)) } }))
            .collect();
        r.insert("codeFlows".into(), json!([{ "threadFlows": [{ "locations": locs }] }]));
    }
    if let Some(s) = &f.suppression {
        let kind = match s.kind {
            SuppressionKind::InSource => "inSource",
            SuppressionKind::External => "external",
        };
        let mut sup = json!({ "kind": kind, "status": "accepted", "justification": s.justification });
        if let (Some(loc), Some(obj)) = (&s.location, sup.as_object_mut()) {
            obj.insert("location".into(), json!({ "physicalLocation": physical(loc, None) }));
        }
        r.insert("suppressions".into(), json!([sup]));
    }
    let mut props = Map::new();
    props.insert("severity".into(), json!(f.severity.as_str()));
    if f.in_test {
        props.insert("testCode".into(), json!(true));
    }
    for (k, v) in &f.properties {
        props.insert(k.clone(), v.clone());
    }
    r.insert("properties".into(), Value::Object(props));
    Value::Object(r)
}

fn notification(n: &Notification) -> Value {
    let level = match n.level {
        NoteLevel::Error => "error",
        NoteLevel::Warning => "warning",
        NoteLevel::Note => "note",
    };
    let mut v = json!({
        "level": level,
        "message": text(sentence(&n.message)),
        "descriptor": { "id": n.kind },
    });
    if let (Some(p), Some(obj)) = (&n.path, v.as_object_mut()) {
        let (base, rel) = split_base(p);
        let mut phys = json!({ "artifactLocation": { "uri": uri_path(rel), "uriBaseId": base } });
        if let (Some(line), Some(po)) = (n.line, phys.as_object_mut()) {
            po.insert("region".into(), json!({ "startLine": line, "startColumn": n.col.unwrap_or(1) }));
        }
        obj.insert("locations".into(), json!([{ "physicalLocation": phys }]));
    }
    v
}

/// `file:///abs/root/` for `originalUriBaseIds`.
pub fn root_uri(root: &std::path::Path) -> String {
    let s = root.to_string_lossy().replace('\\', "/");
    let s = if s.starts_with('/') { s } else { format!("/{s}") };
    let mut u = format!("file://{}", uri_path(&s));
    if !u.ends_with('/') {
        u.push('/');
    }
    u
}

fn escape_link(s: &str) -> String {
    s.replace('\\', "\\\\").replace('[', "\\[").replace(']', "\\]")
}

/// The findings that fit GitHub's limit on results per run: the most
/// severe first, then in report order.
fn within_limit(o: &Outcome, max: usize) -> Vec<&Finding> {
    if o.findings.len() <= max {
        return o.findings.iter().collect();
    }
    let mut idx: Vec<usize> = (0..o.findings.len()).collect();
    idx.sort_by_key(|&i| (o.findings[i].is_suppressed(), std::cmp::Reverse(o.findings[i].severity), i));
    idx.truncate(max);
    idx.sort_unstable();
    idx.into_iter().map(|i| &o.findings[i]).collect()
}

/// Size of the gzip-compressed text.
fn gzip_len(bytes: &[u8]) -> usize {
    use flate2::{Compression, write::GzEncoder};
    let mut enc = GzEncoder::new(Vec::new(), Compression::default());
    if enc.write_all(bytes).is_err() {
        return usize::MAX;
    }
    enc.finish().map_or(usize::MAX, |v| v.len())
}

pub fn build(o: &Outcome) -> Value {
    build_limited(o, MAX_RESULTS)
}

fn build_limited(o: &Outcome, max_results: usize) -> Value {
    let rules: Vec<Value> = o.rules.iter().map(rule_descriptor).collect();
    let kept = within_limit(o, max_results);
    let results: Vec<Value> = kept.iter().map(|f| result(f, o)).collect();
    let mut notes: Vec<Value> = o.notifications.iter().map(notification).collect();
    if kept.len() < o.findings.len() {
        notes.push(notification(&omitted_notice(o.findings.len() - kept.len(), max_results)));
    }
    let mut bases = Map::new();
    bases.insert("%SRCROOT%".into(), json!({ "uri": root_uri(&o.root) }));
    let paths = o
        .findings
        .iter()
        .flat_map(|f| std::iter::once(&f.location).chain(f.labels.iter().map(|l| &l.location)))
        .map(|l| l.path.as_ref())
        .chain(o.notifications.iter().filter_map(|n| n.path.as_deref()));
    for p in paths {
        let (base, _) = split_base(p);
        if base != "%SRCROOT%" && !bases.contains_key(base) {
            bases.insert(base.to_string(), json!({ "description": text(base_description(base)) }));
        }
    }
    let mut run = json!({
        "tool": { "driver": {
            "name": TOOL_NAME,
            "version": TOOL_VERSION,
            "semanticVersion": TOOL_VERSION,
            "informationUri": TOOL_URI,
            "rules": rules,
        }},
        "originalUriBaseIds": Value::Object(bases),
        "columnKind": "utf16CodeUnits",
        "results": results,
        "invocations": [{
            "executionSuccessful": true,
            "toolExecutionNotifications": notes,
        }],
    });
    if let (Some(cat), Some(obj)) = (&o.category, run.as_object_mut()) {
        let id = if cat.ends_with('/') { cat.clone() } else { format!("{cat}/") };
        obj.insert("automationDetails".into(), json!({ "id": id }));
    }
    if let (Some(p), Some(obj)) = (crate::workspace::vcs::provenance(&o.root), run.as_object_mut()) {
        let mut v = json!({ "repositoryUri": p.repository_uri, "mappedTo": { "uriBaseId": "%SRCROOT%" } });
        if let Some(vo) = v.as_object_mut() {
            if let Some(r) = p.revision_id {
                vo.insert("revisionId".into(), json!(r));
            }
            if let Some(b) = p.branch {
                vo.insert("branch".into(), json!(b));
            }
        }
        obj.insert("versionControlProvenance".into(), json!([v]));
    }
    json!({
        "$schema": SCHEMA_URI,
        "version": "2.1.0",
        "runs": [run],
    })
}

pub fn omitted_notice(omitted: usize, kept: usize) -> Notification {
    Notification::new(
        NoteLevel::Warning,
        "sarif-results-limited",
        None,
        format!(
            "{omitted} result(s) left out of the SARIF log to stay within GitHub code scanning's limits \
             (kept the {kept} most severe); fix or baseline findings, or narrow the scan"
        ),
    )
}

/// Serialise, shrinking the result list until the log fits GitHub's
/// 10 MB (gzipped) limit. Returns the bytes and how many results were left
/// out (0 when all fit).
pub fn render(o: &Outcome) -> (Vec<u8>, usize) {
    let mut max = MAX_RESULTS.min(o.findings.len().max(1));
    loop {
        let v = build_limited(o, max);
        let mut bytes = serde_json::to_vec_pretty(&v).unwrap_or_default();
        bytes.push(b'\n');
        let omitted = o.findings.len().saturating_sub(max);
        if bytes.len() <= MAX_GZIP_BYTES || max <= 1 || gzip_len(&bytes) <= MAX_GZIP_BYTES {
            return (bytes, omitted);
        }
        max /= 2;
    }
}

pub fn write(o: &Outcome, w: &mut dyn Write) -> io::Result<()> {
    let (bytes, omitted) = render(o);
    if omitted > 0 {
        let n = omitted_notice(omitted, o.findings.len() - omitted);
        let _ = writeln!(io::stderr(), "warning: {}", n.message);
    }
    w.write_all(&bytes)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Config;
    use crate::workspace::FileKind;

    #[test]
    fn results_over_the_limit_keep_the_most_severe_and_say_so() {
        let src = "pub fn f(x: Option<u8>, p: *const u8) -> u8 {\n    x.unwrap();\n    x.unwrap();\n    unsafe { *p }\n}\n\
                   #[actix_web::get(\"/\")]\nasync fn h(q: actix_web::web::Query<String>) -> String {\n    q.parse::<u8>().unwrap().to_string()\n}\n";
        let cfg =
            Config { select: Some(vec!["unwrap-used".into(), "undocumented-unsafe".into()]), ..Default::default() };
        let o = crate::engine::scan::scan_source("lib.rs", src, FileKind::Lib, false, &cfg);
        assert_eq!(o.findings.len(), 4);
        let v = build_limited(&o, 2);
        let results = v["runs"][0]["results"].as_array().cloned().unwrap_or_default();
        assert_eq!(results.len(), 2);
        // The high one (in the handler) is kept, and report order is preserved.
        assert_eq!(results[1]["level"], "error");
        assert_eq!(results[0]["locations"][0]["physicalLocation"]["region"]["startLine"], 2);
        let notes =
            v["runs"][0]["invocations"][0]["toolExecutionNotifications"].as_array().cloned().unwrap_or_default();
        assert!(notes.iter().any(|n| n["descriptor"]["id"] == "sarif-results-limited"), "{notes:?}");
        assert!(
            build(&o)["runs"][0]["invocations"][0]["toolExecutionNotifications"].as_array().is_some_and(Vec::is_empty)
        );
    }
}
