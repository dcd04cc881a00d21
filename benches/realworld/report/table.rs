//! The printed figures: per crate, per rule, overall against the issue's
//! targets; and the list of findings that still need a verdict.

use crate::CrateRun;
use crate::triage::{Finding, Key, Verdict};
use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::Path;

/// A rule with fewer triaged findings than this has no precision figure.
const MIN_TRIAGED: usize = 5;
/// Rules whose finding's line holds a secret: the answer key does not copy it.
const SECRET_RULES: [&str; 4] =
    ["hardcoded-secret", "hardcoded-credential", "connection-string-password", "hardcoded-crypto-key"];
/// The targets.
const TARGET_PRECISION: f64 = 0.85;
const TARGET_DENSITY: f64 = 1.0;

/// Verdict counts over the judged findings of a group.
#[derive(Default)]
struct Tally {
    findings: usize,
    judged: usize,
    tp: usize,
    fp: usize,
    debatable: usize,
    untriaged: usize,
}

impl Tally {
    fn add(&mut self, f: &Finding, key: &Key) {
        self.findings += 1;
        if !f.judged {
            return;
        }
        self.judged += 1;
        match f.entry.map(|i| key.entries[i].verdict) {
            Some(Verdict::Tp) => self.tp += 1,
            Some(Verdict::Fp) => self.fp += 1,
            Some(Verdict::Debatable) => self.debatable += 1,
            None => self.untriaged += 1,
        }
    }

    /// Strict precision over the judged findings: tp / (tp+fp+debatable+untriaged).
    fn strict(&self) -> Option<f64> {
        (self.judged > 0).then(|| self.tp as f64 / self.judged as f64)
    }

    fn triaged(&self) -> usize {
        self.tp + self.fp + self.debatable
    }

    /// The strict figure, or "too few" under MIN_TRIAGED triaged findings.
    fn strict_text(&self) -> String {
        match self.strict() {
            Some(p) if self.triaged() >= MIN_TRIAGED => pct(p),
            _ => "too few".into(),
        }
    }

    fn lenient_text(&self) -> String {
        if self.judged == 0 || self.triaged() < MIN_TRIAGED {
            return "-".into();
        }
        pct((self.tp + self.debatable) as f64 / self.judged as f64)
    }
}

fn pct(p: f64) -> String {
    format!("{:.0}%", p * 100.0)
}

fn per_kloc(findings: usize, lines: usize) -> f64 {
    if lines == 0 { 0.0 } else { findings as f64 * 1000.0 / lines as f64 }
}

pub(crate) fn print(runs: &[CrateRun], findings: &[Finding], key: &Key) {
    let total_lines: usize = runs.iter().map(|r| r.code_lines).sum();
    println!("== Per crate ==");
    println!(
        "{:<20} {:>5} {:>8} {:>7} {:>8} {:>7} {:>6} {:>4} {:>4} {:>4} {:>5} {:>8}",
        "crate", "files", "code", "time s", "findings", "/kLOC", "judged", "tp", "fp", "deb", "untr", "strict"
    );
    for r in runs {
        let mut t = Tally::default();
        findings.iter().filter(|f| f.krate == r.name).for_each(|f| t.add(f, key));
        println!(
            "{:<20} {:>5} {:>8} {:>7.2} {:>8} {:>7.2} {:>6} {:>4} {:>4} {:>4} {:>5} {:>8}",
            r.name,
            r.files,
            r.code_lines,
            r.seconds,
            t.findings,
            per_kloc(t.findings, r.code_lines),
            t.judged,
            t.tp,
            t.fp,
            t.debatable,
            t.untriaged,
            t.strict_text()
        );
    }
    let seconds: f64 = runs.iter().map(|r| r.seconds).sum();
    let files: usize = runs.iter().map(|r| r.files).sum();
    println!(
        "{:<20} {:>5} {:>8} {:>7.2} {:>8} {:>7.2}",
        "all",
        files,
        total_lines,
        seconds,
        findings.len(),
        per_kloc(findings.len(), total_lines)
    );
    println!("(a crate's strict figure counts only its judged findings: all of a rule's, or its sample)");

    let mut rules: BTreeMap<&str, Tally> = BTreeMap::new();
    for f in findings {
        rules.entry(&f.rule).or_default().add(f, key);
    }
    println!();
    println!("== Per rule (time is per crate only: one scan runs every rule) ==");
    println!(
        "{:<28} {:>8} {:>7} {:>6} {:>4} {:>4} {:>4} {:>5} {:>8} {:>8}",
        "rule", "findings", "/kLOC", "judged", "tp", "fp", "deb", "untr", "strict", "lenient"
    );
    let mut est_tp = 0.0;
    let mut below = Vec::new();
    let mut unmeasured = Vec::new();
    for (rule, t) in &rules {
        let sampled = if t.findings > t.judged { " (sample)" } else { "" };
        println!(
            "{:<28} {:>8} {:>7.2} {:>6} {:>4} {:>4} {:>4} {:>5} {:>8} {:>8}{sampled}",
            rule,
            t.findings,
            per_kloc(t.findings, total_lines),
            t.judged,
            t.tp,
            t.fp,
            t.debatable,
            t.untriaged,
            t.strict_text(),
            t.lenient_text()
        );
        // A sampled rule stands for all its findings at its sample's rate.
        est_tp += t.strict().unwrap_or(0.0) * t.findings as f64;
        match t.strict() {
            _ if t.triaged() < MIN_TRIAGED => unmeasured.push(*rule),
            Some(p) if p < TARGET_PRECISION => below.push(format!("{rule} {}", pct(p))),
            _ => {}
        }
    }
    println!(
        "(strict = tp / judged, where judged = tp + fp + debatable + untriaged; lenient counts debatable as true)"
    );

    let total = findings.len();
    let density = per_kloc(total, total_lines);
    let overall = if total == 0 { 1.0 } else { est_tp / total as f64 };
    let judged: usize = rules.values().map(|t| t.judged).sum();
    let untriaged: usize = rules.values().map(|t| t.untriaged).sum();
    let verdict = |ok: bool| if ok { "met" } else { "NOT met" };
    println!();
    println!("== Overall vs the targets ==");
    println!(
        "findings {total} in {total_lines} code lines; judged {judged} (untriaged {untriaged}); sampled rules weigh by their finding counts"
    );
    println!(
        "overall precision (strict)  {:>6}   target >= {}   {}",
        pct(overall),
        pct(TARGET_PRECISION),
        verdict(overall >= TARGET_PRECISION)
    );
    println!(
        "findings per 1,000 lines    {density:>6.2}   target <= {TARGET_DENSITY:.0}     {}",
        verdict(density <= TARGET_DENSITY)
    );
    println!(
        "rules below {}              {:>6}   target 0       {}{}",
        pct(TARGET_PRECISION),
        below.len(),
        verdict(below.is_empty()),
        if below.is_empty() { String::new() } else { format!(": {}", below.join(", ")) }
    );
    if !unmeasured.is_empty() {
        println!("rules with too few triaged findings to measure: {}", unmeasured.join(", "));
    }
}

fn toml_str(s: &str) -> String {
    toml::Value::String(s.to_string()).to_string()
}

/// Writes the judged findings without a verdict as answer-key entries to
/// fill in (verdict and reason empty), then the stale verdicts.
pub(crate) fn write_untriaged(path: &Path, findings: &[Finding], key: &Key, stale: &[usize]) -> Result<(), String> {
    let mut out = String::new();
    let todo: Vec<&Finding> = findings.iter().filter(|f| f.judged && f.entry.is_none()).collect();
    let _ = writeln!(out, "# {} judged findings without a verdict (copy into triage.toml once judged).", todo.len());
    let _ = writeln!(out, "# verdict = tp | fp | debatable; reason: one line, concrete.");
    for f in todo {
        let _ = writeln!(
            out,
            "\n# {}/{}:{}:{} {}: {}",
            f.krate,
            f.file,
            f.line,
            f.col,
            f.rule,
            f.message.replace('\n', " ")
        );
        let _ = writeln!(out, "[[finding]]");
        let _ = writeln!(out, "rule = {}", toml_str(&f.rule));
        let _ = writeln!(out, "crate = {}", toml_str(&f.krate));
        let _ = writeln!(out, "file = {}", toml_str(&f.file));
        let _ = writeln!(out, "line = {}", f.line);
        // The secrets rules' lines hold the secret: the key matches them on the line alone.
        let code = if SECRET_RULES.contains(&f.rule.as_str()) { "" } else { &f.code };
        let _ = writeln!(out, "code = {}", toml_str(code));
        let _ = writeln!(out, "verdict = \"\"\nreason = \"\"");
    }
    if !stale.is_empty() {
        let _ = writeln!(out, "\n# {} verdicts that match no finding of this run:", stale.len());
        for &i in stale {
            let e = &key.entries[i];
            let _ = writeln!(out, "#   {} {}/{}:{} {}", e.rule, e.krate, e.file, e.line, e.code);
        }
    }
    std::fs::write(path, out).map_err(|e| format!("{}: {e}", path.display()))
}
