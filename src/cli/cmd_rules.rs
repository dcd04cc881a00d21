//! `cargo sast rules` and `explain`, and the generated rules reference
//! (`rules --markdown`).

use std::io::IsTerminal;
use std::path::PathBuf;

use super::output::{self, eprint_error};
use crate::cli::args::RulesArgs;
use crate::cli::cmd_scan::find_config_file;
use crate::cli::exit;
use crate::cli::report_config_error;
use crate::config::{self, CliRuleOverrides, Config};
use crate::rules::{self, Severity, TestPolicy};
use crate::workspace::discover;

pub(crate) fn cmd_rules(a: &RulesArgs) -> u8 {
    if a.markdown {
        let md = rules_markdown();
        return match output::write_stdout(md.as_bytes()) {
            Ok(_) => exit::CLEAN,
            Err(_) => exit::ERROR,
        };
    }
    let cwd = std::env::current_dir().unwrap_or_else(|_| PathBuf::from("."));
    let cfg = match a.config.as_deref() {
        Some(p) => config::load_file(p, None),
        None => find_config_file(&cwd, None).map_or(Ok(Config::default()), |p| {
            let root = discover::find_git_root(&cwd).unwrap_or_else(|| p.parent().unwrap_or(&cwd).to_path_buf());
            config::load_file(&p, crate::util::confine::boundary_of(&root).as_deref())
        }),
    };
    let cfg = match cfg {
        Ok(c) => c,
        Err(e) => return report_config_error(&e, std::io::stderr().is_terminal()),
    };
    let enabled: Vec<(&str, Severity)> = config::resolve_rules(&cfg, &CliRuleOverrides::default())
        .iter()
        .map(|(r, s)| (r.meta().id, s.severity))
        .collect();
    let mut out = String::new();
    if a.json {
        let list: Vec<serde_json::Value> = crate::lints::sorted()
            .iter()
            .map(|r| {
                let m = r.meta();
                let on = enabled.iter().find(|(id, _)| *id == m.id);
                serde_json::json!({
                    "id": m.id,
                    "name": m.name,
                    "summary": m.summary,
                    "severity": on.map_or(m.severity, |(_, s)| *s).as_str(),
                    "precision": m.precision.as_str(),
                    "measured": measured_json(m),
                    "cwe": m.cwe.iter().map(|c| format!("CWE-{c}")).collect::<Vec<_>>(),
                    "owasp": m.owasp.iter().map(|o| o.code()).collect::<Vec<_>>(),
                    "tags": m.tags,
                    "enabled": on.is_some(),
                    "default": m.default_enabled,
                    "off_reason": (!m.default_enabled).then_some(m.off_reason),
                    "fix": (m.fix != crate::finding::FixKind::None).then(|| m.fix.as_str()),
                })
            })
            .collect();
        out = serde_json::to_string_pretty(&list).unwrap_or_default();
        out.push('\n');
    } else {
        use std::fmt::Write as _;
        let rows: Vec<[String; 7]> = crate::lints::sorted()
            .iter()
            .map(|r| {
                let m = r.meta();
                let on = enabled.iter().find(|(id, _)| *id == m.id);
                [
                    m.id.to_string(),
                    m.name.to_string(),
                    on.map_or(m.severity, |(_, s)| *s).to_string(),
                    m.cwe.iter().map(|c| format!("CWE-{c}")).collect::<Vec<_>>().join(","),
                    m.owasp.iter().map(|o| o.code()).collect::<Vec<_>>().join(","),
                    m.fix.as_str().to_string(),
                    if on.is_some() { "on".into() } else { "off".into() },
                ]
            })
            .collect();
        let header = ["ID", "NAME", "SEVERITY", "CWE", "OWASP", "FIX", "STATUS"];
        let mut widths = header.map(str::len);
        for row in &rows {
            for (w, c) in widths.iter_mut().zip(row) {
                *w = (*w).max(c.len());
            }
        }
        let line = |cells: &[&str]| {
            let mut s = String::new();
            for (i, c) in cells.iter().enumerate() {
                if i + 1 == cells.len() {
                    s.push_str(c);
                } else {
                    let _ = write!(s, "{c:<w$}  ", w = widths[i]);
                }
            }
            s.push('\n');
            s
        };
        out.push_str(&line(&header));
        for row in &rows {
            out.push_str(&line(&row.each_ref().map(String::as_str)));
        }
        let off: Vec<_> = crate::lints::sorted().into_iter().map(|r| r.meta()).filter(|m| !m.default_enabled).collect();
        if !off.is_empty() {
            out.push_str("\nOff by default (`--extend-select <ID>` or `extend-select = [\"<ID>\"]` turns one on):\n");
            let w = off.iter().map(|m| m.id.len()).max().unwrap_or(0);
            for m in off {
                let _ = writeln!(out, "  {:<w$}  {}", m.id, m.off_reason);
            }
        }
        let _ = writeln!(
            out,
            "\n{} rules, {} enabled. `cargo sast explain <ID>` shows a rule's documentation.",
            rows.len(),
            enabled.len()
        );
    }
    match output::write_stdout(out.as_bytes()) {
        Ok(_) => exit::CLEAN,
        Err(_) => exit::ERROR,
    }
}

/// A rule's measurements for `rules --json`: each benchmark's figures and
/// the pooled strict precision on real code (`null`: too few judged).
fn measured_json(m: &rules::RuleMeta) -> serde_json::Value {
    let (tp, judged) = rules::measure::pooled(m.measured);
    let benches: Vec<serde_json::Value> = m
        .measured
        .iter()
        .map(|x| {
            serde_json::json!({
                "bench": x.on.path(),
                "real_code": x.on.real(),
                "findings": x.findings,
                "judged": x.judged,
                "tp": x.tp,
                "debatable": x.debatable,
                "percent": x.percent(),
                "when": x.when,
            })
        })
        .collect();
    serde_json::json!({
        "judged": judged,
        "tp": tp,
        "percent": (judged >= rules::measure::MIN_JUDGED).then(|| u64::from(tp) * 100 / u64::from(judged)),
        "benches": benches,
    })
}

pub(crate) fn cmd_explain(id: &str) -> u8 {
    if let Some(r) = crate::lints::deps::by_id(id) {
        let text =
            format!("# {} ({})\n\n{}\n\n- Reported by `cargo sast deps`\n\n{}", r.id, r.name, r.summary, r.docs());
        return match output::write_stdout(text.as_bytes()) {
            Ok(_) => exit::CLEAN,
            Err(_) => exit::ERROR,
        };
    }
    let Some(rule) = crate::lints::by_id(id) else {
        let hint = crate::util::toml::suggest(id, crate::lints::all().iter().map(|r| r.meta().id));
        eprint_error(&format!("no rule with id `{id}`{hint}; `cargo sast rules` lists them"));
        return exit::ERROR;
    };
    let text = explain_text(rule.meta());
    match output::write_stdout(text.as_bytes()) {
        Ok(_) => exit::CLEAN,
        Err(_) => exit::ERROR,
    }
}

/// `cargo sast explain <id>`: header with metadata, then the docs.
pub(super) fn explain_text(m: &rules::RuleMeta) -> String {
    use std::fmt::Write as _;
    let mut s = String::new();
    let _ = writeln!(s, "# {} ({})\n", m.id, m.name);
    let _ = writeln!(s, "{}\n", m.summary);
    let _ = writeln!(s, "- Severity: {}", m.severity);
    s.push_str(&rules::measure::precision_lines(m.precision, m.measured, m.default_enabled));
    if !m.cwe.is_empty() {
        let _ = writeln!(s, "- CWE: {}", m.cwe.iter().map(|c| format!("CWE-{c}")).collect::<Vec<_>>().join(", "));
    }
    for o in m.owasp {
        let _ = writeln!(s, "- OWASP Top 10: {} {}", o.code(), o.title());
    }
    if !m.tags.is_empty() {
        let _ = writeln!(s, "- Tags: {}", m.tags.join(", "));
    }
    if m.default_enabled {
        let _ = writeln!(s, "- Enabled by default: yes");
    } else {
        let _ = writeln!(s, "- Enabled by default: no: {}", m.off_reason);
    }
    let policy = match m.test_code {
        TestPolicy::Skip => "not reported",
        TestPolicy::Lower => "reported one severity lower",
        TestPolicy::Report => "reported",
    };
    let _ = writeln!(s, "- In test code: {policy}");
    if !m.clippy.is_empty() {
        let _ = writeln!(
            s,
            "- Also silenced by: {}",
            m.clippy.iter().map(|c| format!("#[allow({c})]")).collect::<Vec<_>>().join(", ")
        );
    }
    if !m.options.is_empty() {
        let _ = writeln!(s, "- Options (`[rule.{}]` in sast.toml):", m.id);
        for o in m.options {
            let _ = writeln!(s, "  - `{}` ({}, default `{}`): {}", o.name, o.kind.describe(), o.default, o.doc);
        }
    }
    s.push('\n');
    s.push_str(&m.docs());
    s
}

/// The generated rules reference (lints/README.md).
pub fn rules_markdown() -> String {
    use std::fmt::Write as _;
    let mut s = String::new();
    s.push_str("<!-- Generated by `cargo sast rules --markdown`; do not edit. The rule files in this directory are the source. -->\n");
    s.push_str("# cargo-sast rules\n\n");
    s.push_str("| Rule | Severity | CWE | OWASP | Default | Summary |\n|---|---|---|---|---|---|\n");
    for r in crate::lints::sorted() {
        let m = r.meta();
        let _ = writeln!(
            s,
            "| [`{}`](#{}) | {} | {} | {} | {} | {} |",
            m.id,
            m.id,
            m.severity,
            m.cwe.iter().map(|c| format!("CWE-{c}")).collect::<Vec<_>>().join(", "),
            m.owasp.iter().map(|o| o.code()).collect::<Vec<_>>().join(", "),
            if m.default_enabled { "on" } else { "off" },
            m.summary.replace('|', "\\|")
        );
    }
    for r in crate::lints::sorted() {
        let m = r.meta();
        let _ = writeln!(s, "\n<a id=\"{}\"></a>\n", m.id);
        let body = explain_text(m);
        // Demote headings one level under the rule's own heading.
        for line in body.lines() {
            if let Some(rest) = line.strip_prefix("# ") {
                let _ = writeln!(s, "## {rest}");
            } else if let Some(rest) = line.strip_prefix("### ") {
                let _ = writeln!(s, "#### {rest}");
            } else {
                let _ = writeln!(s, "{line}");
            }
        }
    }
    s
}
