//! Output of `cargo sast deps`: the capability table for the terminal, the
//! JSON report (packages, capabilities with evidence, the lock-file diff,
//! findings), and the findings as an `Outcome` for the formats every
//! command shares (SARIF, GitHub, GitLab, and the terminal's diagnostics).

use std::collections::BTreeMap;
use std::io::{self, Write};

use serde::Serialize;
use serde_json::{Value, json};

use super::analysis::Analysed;
use super::caps::{Cap, Capability};
use super::run::DepsReport;
use super::text::{sanitize, short};
use crate::engine::outcome::{Outcome, RuleDescriptor, TOOL_URI};
use crate::lints::deps::DepsRule;
use crate::rules::{Owasp, Severity};

/// Version of the JSON schema of `cargo sast deps -f json`.
pub(crate) const SCHEMA_VERSION: u32 = 1;

/// Evidence listed per capability in JSON.
const MAX_EVIDENCE: usize = 20;

/// The findings as an outcome for the shared report formats.
pub(crate) fn outcome(r: &DepsReport, mut o: Outcome) -> Outcome {
    o.findings = r.findings.clone();
    o.notifications = r.notifications.clone();
    let mut rules: BTreeMap<&str, Severity> = BTreeMap::new();
    for f in &r.findings {
        let e = rules.entry(f.rule).or_insert(f.severity);
        *e = (*e).max(f.severity);
    }
    o.rules =
        rules.into_iter().filter_map(|(id, sev)| crate::lints::deps::by_id(id).map(|d| descriptor(d, sev))).collect();
    o.stats.files_scanned = r.packages.iter().map(|a| a.files as usize).sum();
    o.stats.files_skipped = r.packages.iter().map(|a| a.skipped as usize).sum();
    o.stats.lines = r.packages.iter().map(|a| a.lines).sum();
    o.recount();
    o
}

/// A finding kind of `cargo sast deps`, as the report formats describe rules.
fn descriptor(r: &DepsRule, severity: Severity) -> RuleDescriptor {
    RuleDescriptor {
        id: r.id.to_string(),
        name: r.name.to_string(),
        summary: r.summary.to_string(),
        full: r.description.to_string(),
        help_markdown: r.docs(),
        severity,
        precision: r.precision,
        cwe: r.cwe.to_vec(),
        owasp: vec![Owasp::A08, Owasp::A06],
        tags: vec!["supply-chain".into()],
        help_uri: Some(format!("{TOOL_URI}/blob/main/README.md#dependency-capabilities")),
        security_severity: None,
    }
}

#[derive(Serialize)]
struct JsonEvidence<'a> {
    path: &'a str,
    line: u32,
    api: &'a str,
    code: &'a str,
}

#[derive(Serialize)]
struct JsonCap<'a> {
    uses: usize,
    evidence: Vec<JsonEvidence<'a>>,
}

fn package_json(a: &Analysed) -> Value {
    let caps: BTreeMap<String, JsonCap<'_>> = a
        .capabilities()
        .into_iter()
        .map(|(c, uses)| {
            let evidence = uses
                .iter()
                .take(MAX_EVIDENCE)
                .map(|u| JsonEvidence {
                    path: &u.ev.loc.path,
                    line: u.ev.loc.start.line,
                    api: &u.ev.what,
                    code: &u.ev.snippet,
                })
                .collect();
            (c.to_string(), JsonCap { uses: uses.len(), evidence })
        })
        .collect();
    let all: Vec<Capability> = a.capabilities().into_keys().collect();
    let build = a.pkg.manifest.build.as_ref().map(|b| crate::util::fspath::rel_path(&a.pkg.dir, b));
    json!({
        "name": a.pkg.name,
        "version": a.pkg.version,
        "source": a.pkg.source,
        "path": a.pkg.prefix.trim_end_matches('/'),
        "build_script": build,
        "proc_macro": a.pkg.manifest.proc_macro,
        "links": a.pkg.manifest.links,
        "files": a.files,
        "lines": a.lines,
        "capabilities": caps,
        "unsafe": a.unsafe_stats,
        "evidence_hash": super::policy::evidence_hash(a, &all),
    })
}

pub(crate) fn write_json(r: &DepsReport, o: &Outcome, w: &mut dyn Write) -> io::Result<()> {
    let st = &o.stats;
    let v = json!({
        "schema_version": SCHEMA_VERSION,
        "tool": { "name": crate::engine::outcome::TOOL_NAME, "version": crate::engine::outcome::TOOL_VERSION },
        "summary": {
            "packages": r.lock_packages,
            "packages_analysed": r.packages.len(),
            "packages_missing": r.missing.len(),
            "build_scripts": r.packages.iter().filter(|a| a.pkg.manifest.build.is_some()).count(),
            "proc_macros": r.packages.iter().filter(|a| a.pkg.manifest.proc_macro).count(),
            "files": st.files_scanned,
            "lines": st.lines,
            "findings": st.by_severity.iter().sum::<usize>(),
            "critical": st.by_severity[0],
            "high": st.by_severity[1],
            "medium": st.by_severity[2],
            "low": st.by_severity[3],
            "suppressed": st.suppressed,
        },
        "packages": r.packages.iter().map(package_json).collect::<Vec<_>>(),
        "missing": r.missing,
        "diff": r.diff,
        "findings": crate::report::json::findings_value(o),
        "notifications": o.notifications,
    });
    serde_json::to_writer_pretty(&mut *w, &v).map_err(io::Error::other)?;
    writeln!(w)
}

/// Runtime columns of the table.
const COLUMNS: [(Cap, &str); 8] = [
    (Cap::Fs, "FS"),
    (Cap::Net, "NET"),
    (Cap::Process, "PROC"),
    (Cap::Env, "ENV"),
    (Cap::Ffi, "FFI"),
    (Cap::Unsafe, "UNSAFE"),
    (Cap::Blob, "BLOB"),
    (Cap::Init, "INIT"),
];

/// One package's row of the capability table.
fn table_row(r: &DepsReport, a: &Analysed) -> Vec<String> {
    let diff = r.diff.as_ref();
    let caps = a.capabilities();
    let mut row = vec![short(&a.pkg.name, 40), short(&a.pkg.version, 20)];
    if let Some(d) = diff {
        let was = d
            .changes
            .iter()
            .find(|c| c.name == a.pkg.name && c.version == a.pkg.version)
            .map_or("-".to_string(), |c| c.from.clone().unwrap_or_else(|| "new".into()));
        row.push(short(&was, 20));
    }
    for (cap, _) in COLUMNS {
        let n = if cap == Cap::Unsafe {
            a.unsafe_stats.total() as usize
        } else {
            caps.get(&Capability::runtime(cap)).map_or(0, Vec::len)
        };
        row.push(if n == 0 { String::new() } else { n.to_string() });
    }
    let build: Vec<&str> = caps.keys().filter(|c| c.build).map(|c| c.cap.as_str()).collect();
    let kind = match (a.pkg.manifest.build.is_some(), a.pkg.manifest.proc_macro) {
        (true, true) => "script+macro",
        (true, false) => "script",
        (false, true) => "proc-macro",
        (false, false) => "",
    };
    row.push(if kind.is_empty() {
        "-".into()
    } else if build.is_empty() {
        kind.into()
    } else {
        format!("{kind}: {}", build.join(","))
    });
    let mut counts = [0usize; 4];
    let mut approved = 0;
    for f in r.findings.iter().filter(|f| {
        f.properties.get("crate").and_then(Value::as_str) == Some(a.pkg.name.as_str())
            && f.properties.get("version").and_then(Value::as_str) == Some(a.pkg.version.as_str())
    }) {
        if f.is_suppressed() {
            approved += 1;
        } else {
            counts[crate::engine::outcome::severity_index(f.severity)] += 1;
        }
    }
    let mut cell: Vec<String> = Severity::ALL
        .iter()
        .filter(|s| counts[crate::engine::outcome::severity_index(**s)] > 0)
        .map(|s| format!("{} {s}", counts[crate::engine::outcome::severity_index(*s)]))
        .collect();
    if approved > 0 {
        cell.push(format!("{approved} approved"));
    }
    row.push(cell.join(", "));
    row
}

/// The capability table: one row per package, run-time uses counted per
/// capability, build-time capabilities listed, findings by severity.
pub(crate) fn write_table(r: &DepsReport, w: &mut dyn Write) -> io::Result<()> {
    let diff = r.diff.as_ref();
    let mut header: Vec<String> = vec!["PACKAGE".into(), "VERSION".into()];
    if diff.is_some() {
        header.push("WAS".into());
    }
    header.extend(COLUMNS.iter().map(|(_, h)| h.to_string()));
    header.push("BUILD TIME".into());
    header.push("FINDINGS".into());
    let mut rows: Vec<Vec<String>> = Vec::new();
    let mut sorted: Vec<&Analysed> = r.packages.iter().collect();
    let worst = |a: &Analysed| {
        r.findings
            .iter()
            .filter(|f| {
                !f.is_suppressed()
                    && f.properties.get("crate").and_then(Value::as_str) == Some(a.pkg.name.as_str())
                    && f.properties.get("version").and_then(Value::as_str) == Some(a.pkg.version.as_str())
            })
            .map(|f| f.severity)
            .max()
    };
    sorted.sort_by(|a, b| {
        worst(b).cmp(&worst(a)).then_with(|| (&a.pkg.name, &a.pkg.version).cmp(&(&b.pkg.name, &b.pkg.version)))
    });
    for a in sorted {
        rows.push(table_row(r, a));
    }
    let mut widths: Vec<usize> = header.iter().map(|h| h.chars().count()).collect();
    for row in &rows {
        for (w, c) in widths.iter_mut().zip(row) {
            *w = (*w).max(c.chars().count());
        }
    }
    let numeric = |i: usize| {
        let first = if diff.is_some() { 3 } else { 2 };
        (first..first + COLUMNS.len()).contains(&i)
    };
    let line = |w: &mut dyn Write, cells: &[String]| -> io::Result<()> {
        let mut s = String::new();
        for (i, c) in cells.iter().enumerate() {
            let pad = widths[i].saturating_sub(c.chars().count());
            if numeric(i) {
                s.push_str(&" ".repeat(pad));
                s.push_str(c);
            } else {
                s.push_str(c);
                s.push_str(&" ".repeat(pad));
            }
            s.push_str("  ");
        }
        writeln!(w, "{}", s.trim_end())
    };
    line(w, &header)?;
    for row in &rows {
        line(w, row)?;
    }
    writeln!(
        w,
        "\n{} package(s) analysed{}. Columns count uses in library code; UNSAFE counts unsafe items; BUILD TIME lists what the build script or proc macro uses.",
        r.packages.len(),
        if r.missing.is_empty() { String::new() } else { format!(", {} not on disk", r.missing.len()) }
    )?;
    if let Some(d) = diff {
        writeln!(
            w,
            "Compared with {}: {} added or updated, {} removed.",
            sanitize(&d.base),
            d.changes.len(),
            d.removed.len()
        )?;
        if !d.policy_from_base {
            writeln!(w, "No config file at {}: no approvals apply.", sanitize(&d.base))?;
        }
    }
    for (id, dir) in &r.bases {
        writeln!(w, "{id} = {}", sanitize(&dir.display().to_string()))?;
    }
    writeln!(w)
}
