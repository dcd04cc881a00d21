//! `--format json`: cargo-sast's own schema, versioned. Documented in the
//! README ("JSON output"); additions keep the version, changes bump it.

use std::io::{self, Write};

use serde::Serialize;

use crate::engine::outcome::{Outcome, TOOL_NAME, TOOL_VERSION};
use crate::finding::{FlowStep, Label, Location, Notification, Suppression};
use crate::rules::Severity;

/// Version of the JSON schema.
pub const SCHEMA_VERSION: u32 = 1;

#[derive(Serialize)]
struct Report<'a> {
    schema_version: u32,
    tool: Tool,
    summary: Summary,
    findings: Vec<JsonFinding<'a>>,
    notifications: &'a [Notification],
}

#[derive(Serialize)]
struct Tool {
    name: &'static str,
    version: &'static str,
}

#[derive(Serialize)]
struct Summary {
    findings: usize,
    critical: usize,
    high: usize,
    medium: usize,
    low: usize,
    suppressed: usize,
    files_scanned: usize,
    files_skipped: usize,
    /// Files analysed but for items that do not parse.
    #[serde(skip_serializing_if = "is_zero")]
    files_partial: usize,
    files_excluded: usize,
    #[serde(skip_serializing_if = "is_zero")]
    packages_audited: usize,
}

fn is_zero(n: &usize) -> bool {
    *n == 0
}

#[derive(Serialize)]
struct JsonFinding<'a> {
    rule: &'a str,
    rule_name: &'a str,
    severity: Severity,
    message: &'a str,
    location: &'a Location,
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    labels: &'a [Label],
    #[serde(skip_serializing_if = "Option::is_none")]
    help: Option<&'a str>,
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    notes: &'a [String],
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    flow: &'a [FlowStep],
    cwe: Vec<String>,
    owasp: Vec<&'static str>,
    in_test: bool,
    fingerprint: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    suppression: Option<&'a Suppression>,
    #[serde(skip_serializing_if = "serde_json::Map::is_empty")]
    properties: &'a serde_json::Map<String, serde_json::Value>,
    /// Ways to repair it: `{message, applicability, edits: [{location,
    /// replacement}]}` (rustc's applicability names).
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    suggestions: &'a [crate::finding::Suggestion],
}

/// The findings as JSON entries (the `findings` array of the report).
pub(crate) fn findings_value(o: &Outcome) -> serde_json::Value {
    serde_json::to_value(findings(o)).unwrap_or_default()
}

fn findings(o: &Outcome) -> Vec<JsonFinding<'_>> {
    o.findings
        .iter()
        .map(|f| {
            let meta = o.rule(f.rule);
            JsonFinding {
                rule: f.rule,
                rule_name: meta.map_or("", |m| m.name.as_str()),
                severity: f.severity,
                message: &f.message,
                location: &f.location,
                labels: &f.labels,
                help: f.help.as_deref(),
                notes: &f.notes,
                flow: &f.flow,
                cwe: meta.map(|m| m.cwe.iter().map(|c| format!("CWE-{c}")).collect()).unwrap_or_default(),
                owasp: meta.map(|m| m.owasp.iter().map(|o| o.code()).collect()).unwrap_or_default(),
                in_test: f.in_test,
                fingerprint: &f.fingerprint,
                suppression: f.suppression.as_ref(),
                properties: &f.properties,
                suggestions: &f.suggestions,
            }
        })
        .collect()
}

pub fn write(o: &Outcome, w: &mut dyn Write) -> io::Result<()> {
    let st = &o.stats;
    let findings = findings(o);
    let report = Report {
        schema_version: SCHEMA_VERSION,
        tool: Tool { name: TOOL_NAME, version: TOOL_VERSION },
        summary: Summary {
            findings: st.by_severity.iter().sum(),
            critical: st.by_severity[0],
            high: st.by_severity[1],
            medium: st.by_severity[2],
            low: st.by_severity[3],
            suppressed: st.suppressed,
            files_scanned: st.files_scanned,
            files_skipped: st.files_skipped,
            files_partial: st.files_partial,
            files_excluded: st.files_excluded,
            packages_audited: st.packages_audited,
        },
        findings,
        notifications: &o.notifications,
    };
    serde_json::to_writer_pretty(&mut *w, &report).map_err(io::Error::other)?;
    writeln!(w)
}
