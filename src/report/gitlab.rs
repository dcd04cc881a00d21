//! `--format gitlab`: a GitLab SAST report (`gl-sast-report.json`, security
//! report schema 15.x) for merge-request widgets and the vulnerability report.

use std::io::{self, Write};

use serde_json::{Value, json};

use crate::engine::outcome::{Outcome, TOOL_NAME, TOOL_URI, TOOL_VERSION};
use crate::rules::Severity;

pub const SCHEMA_VERSION: &str = "15.2.1";

fn severity(s: Severity) -> &'static str {
    match s {
        Severity::Critical => "Critical",
        Severity::High => "High",
        Severity::Medium => "Medium",
        Severity::Low => "Low",
    }
}

/// Our 128-bit fingerprint shaped as a UUID (GitLab tracks vulnerabilities by id).
fn uuid(fp: &str) -> String {
    let h: String = fp.chars().filter(char::is_ascii_hexdigit).chain(std::iter::repeat('0')).take(32).collect();
    format!("{}-{}-{}-{}-{}", &h[..8], &h[8..12], &h[12..16], &h[16..20], &h[20..32])
}

pub fn build(o: &Outcome, start: i64, end: i64) -> Value {
    let tool = json!({ "id": TOOL_NAME, "name": TOOL_NAME, "version": TOOL_VERSION, "url": TOOL_URI, "vendor": { "name": TOOL_NAME } });
    let vulns: Vec<Value> = o
        .active()
        .map(|f| {
            let rule = o.rule(f.rule);
            let mut identifiers = vec![json!({
                "type": "cargo_sast_rule_id",
                "name": format!("cargo-sast {}", f.rule),
                "value": f.rule,
                "url": rule.and_then(|r| r.help_uri.clone()).unwrap_or_else(|| TOOL_URI.to_string()),
            })];
            for c in rule.map(|r| r.cwe.as_slice()).unwrap_or_default() {
                identifiers.push(json!({
                    "type": "cwe",
                    "name": format!("CWE-{c}"),
                    "value": c.to_string(),
                    "url": format!("https://cwe.mitre.org/data/definitions/{c}.html"),
                }));
            }
            for ow in rule.map(|r| r.owasp.as_slice()).unwrap_or_default() {
                identifiers.push(json!({
                    "type": "owasp",
                    "name": format!("{} - {}", ow.code(), ow.title()),
                    "value": ow.code(),
                }));
            }
            let mut description = f.message.clone();
            for n in &f.notes {
                description.push_str("\n\n");
                description.push_str(n);
            }
            if let Some(r) = rule {
                description.push_str("\n\n");
                description.push_str(&r.full);
            }
            let mut v = json!({
                "id": uuid(&f.fingerprint),
                "name": rule.map_or(f.rule, |r| r.summary.as_str()),
                "description": description,
                "severity": severity(f.severity),
                "identifiers": identifiers,
                "location": {
                    "file": f.location.path.as_ref(),
                    "start_line": f.location.start.line,
                    "end_line": f.location.end.line,
                },
            });
            if let (Some(help), Some(obj)) = (&f.help, v.as_object_mut()) {
                obj.insert("solution".into(), json!(help));
            }
            v
        })
        .collect();
    json!({
        "version": SCHEMA_VERSION,
        "scan": {
            "analyzer": tool,
            "scanner": tool,
            "type": "sast",
            "start_time": crate::util::time::timestamp(start),
            "end_time": crate::util::time::timestamp(end),
            "status": "success",
            "messages": o.notifications.iter().map(|n| json!({
                "level": match n.level { crate::finding::NoteLevel::Error => "fatal", crate::finding::NoteLevel::Warning => "warn", crate::finding::NoteLevel::Note => "info" },
                "value": match &n.path { Some(p) => format!("{p}: {}", n.message), None => n.message.clone() },
            })).collect::<Vec<_>>(),
        },
        "vulnerabilities": vulns,
    })
}

pub fn write(o: &Outcome, w: &mut dyn Write) -> io::Result<()> {
    let end = crate::util::time::now_unix();
    // A reproducible report (`SOURCE_DATE_EPOCH`) does not depend on how
    // long the scan took.
    let took = if std::env::var_os("SOURCE_DATE_EPOCH").is_some() { 0 } else { o.elapsed.as_secs() as i64 };
    let start = end - took;
    serde_json::to_writer_pretty(&mut *w, &build(o, start, end)).map_err(io::Error::other)?;
    writeln!(w)
}
