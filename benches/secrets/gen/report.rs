//! Scores a scan's JSON report against the answer key: recall per kind,
//! context, scope and family; precision; the misses and false alarms.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;

use crate::corpus::{AnswerKey, Case};

/// One finding of the scan (unsuppressed).
#[derive(Debug, Clone)]
pub(crate) struct Finding {
    pub rule: String,
    pub path: String,
    pub start: usize,
    pub end: usize,
    /// `detector: …` note of `hardcoded-secret`.
    pub detector: Option<String>,
}

/// The unsuppressed findings of a cargo-sast JSON report.
pub(crate) fn findings(json: &str) -> Result<Vec<Finding>, String> {
    let v: serde_json::Value = serde_json::from_str(json).map_err(|e| format!("not a JSON report: {e}"))?;
    let list = v["findings"].as_array().ok_or("the report has no `findings` array")?;
    let mut out = Vec::new();
    for f in list {
        if !f["suppression"].is_null() {
            continue;
        }
        let line = |k: &str| f["location"][k]["line"].as_u64().map(|l| l as usize);
        let (Some(start), Some(end), Some(path)) = (line("start"), line("end"), f["location"]["path"].as_str()) else {
            return Err(format!("a finding without a location: {f}"));
        };
        let rule = f["rule"].as_str().unwrap_or("?").to_string();
        // Text-file findings of `hardcoded-secret` carry no detector note:
        // their message names the format ("hardcoded GitHub personal access token").
        let detector = f["notes"]
            .as_array()
            .and_then(|n| n.iter().filter_map(|x| x.as_str()).find_map(|x| x.strip_prefix("detector: ")))
            .or_else(|| {
                let m = f["message"].as_str()?;
                (rule == "hardcoded-secret")
                    .then(|| m.split(" in `").next().unwrap_or(m).trim_start_matches("hardcoded "))
            })
            .map(str::to_string);
        out.push(Finding { rule, path: path.trim_start_matches("./").to_string(), start, end, detector });
    }
    Ok(out)
}

/// What one scan got right and wrong.
pub(crate) struct Score<'k> {
    key: &'k AnswerKey,
    /// Per rule: (findings on secrets, false alarms).
    rules: BTreeMap<String, (usize, usize)>,
    /// Per case: the findings on it (rule or detector).
    hits: Vec<Vec<String>>,
    true_findings: usize,
    /// Findings on no secret: the non-secret case they sit on, if any.
    false_alarms: Vec<(Finding, Option<usize>)>,
}

pub(crate) fn score<'k>(key: &'k AnswerKey, found: &[Finding]) -> Score<'k> {
    let mut by_file: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
    for (i, c) in key.cases.iter().enumerate() {
        by_file.entry(c.file.as_str()).or_default().push(i);
    }
    let mut s = Score {
        key,
        rules: BTreeMap::new(),
        hits: vec![Vec::new(); key.cases.len()],
        true_findings: 0,
        false_alarms: Vec::new(),
    };
    for f in found {
        let on: Vec<usize> = by_file
            .get(f.path.as_str())
            .map(|v| {
                v.iter().copied().filter(|&i| key.cases[i].start <= f.end && f.start <= key.cases[i].end).collect()
            })
            .unwrap_or_default();
        let what = f.detector.clone().unwrap_or_else(|| f.rule.clone());
        for &i in &on {
            s.hits[i].push(what.clone());
        }
        let per_rule = s.rules.entry(f.rule.clone()).or_default();
        if on.iter().any(|&i| key.cases[i].secret) {
            s.true_findings += 1;
            per_rule.0 += 1;
        } else {
            per_rule.1 += 1;
            s.false_alarms.push((f.clone(), on.first().copied()));
        }
    }
    s
}

#[derive(Default, Clone, Copy)]
struct Tally {
    hit: usize,
    total: usize,
}

impl Tally {
    fn add(&mut self, hit: bool) {
        self.total += 1;
        self.hit += usize::from(hit);
    }

    fn pct(self) -> String {
        if self.total == 0 { "-".into() } else { format!("{:.1}%", 100.0 * self.hit as f64 / self.total as f64) }
    }

    fn cell(self) -> String {
        format!("{:>5}/{:<5} {:>6}", self.hit, self.total, self.pct())
    }
}

fn table(out: &mut String, title: &str, rows: &BTreeMap<String, Tally>) {
    let _ = writeln!(out, "\n{title}");
    let width = rows.keys().map(String::len).max().unwrap_or(10).max(10);
    for (k, t) in rows {
        let _ = writeln!(out, "  {k:<width$}  {}", t.cell());
    }
}

fn group(
    cases: &[Case],
    keep: impl Fn(&Case) -> bool,
    by: impl Fn(&Case) -> String,
    hit: &[bool],
) -> BTreeMap<String, Tally> {
    let mut m: BTreeMap<String, Tally> = BTreeMap::new();
    for (i, c) in cases.iter().enumerate() {
        if keep(c) {
            m.entry(by(c)).or_default().add(hit[i]);
        }
    }
    m
}

fn is_test(c: &Case) -> bool {
    c.scope != "prod"
}

impl Score<'_> {
    fn found(&self) -> Vec<bool> {
        self.hits.iter().map(|h| !h.is_empty()).collect()
    }

    /// Headline figures: (recall, precision, flagged non-secret cases).
    fn headline(&self, keep: impl Fn(&Case) -> bool) -> (Tally, Tally, Tally) {
        let found = self.found();
        let (mut recall, mut flagged) = (Tally::default(), Tally::default());
        for (i, c) in self.key.cases.iter().enumerate() {
            if !keep(c) {
                continue;
            }
            if c.secret { &mut recall } else { &mut flagged }.add(found[i]);
        }
        let case_of =
            |f: &Finding| self.key.cases.iter().find(|c| c.file == f.path && c.start <= f.end && f.start <= c.end);
        let false_here = self.false_alarms.iter().filter(|(f, _)| case_of(f).is_none_or(&keep)).count();
        let true_here = self
            .hits
            .iter()
            .enumerate()
            .filter(|(i, _)| self.key.cases[*i].secret && keep(&self.key.cases[*i]))
            .map(|(_, h)| h.len())
            .sum::<usize>();
        let precision = Tally { hit: true_here, total: true_here + false_here };
        (recall, precision, flagged)
    }

    /// The whole report of one scan.
    pub(crate) fn render(&self, pass: &str, details: bool) -> String {
        let mut out = String::new();
        let cases = &self.key.cases;
        let found = self.found();
        let total = self.true_findings + self.false_alarms.len();
        let _ = writeln!(
            out,
            "==== pass `{pass}`: {total} findings, {} on secrets, {} false alarms",
            self.true_findings,
            self.false_alarms.len()
        );
        let _ = writeln!(out, "\nheadline");
        let _ = writeln!(out, "  {:<14} {:>18} {:>18} {:>26}", "scope", "recall", "precision", "non-secrets flagged");
        for (label, keep) in [
            ("all", &(|_: &Case| true) as &dyn Fn(&Case) -> bool),
            ("production", &|c: &Case| !is_test(c)),
            ("test code", &|c: &Case| is_test(c) && c.scope != "test-data"),
            ("test data", &|c: &Case| c.scope == "test-data"),
        ] {
            let (r, p, n) = self.headline(keep);
            let _ = writeln!(out, "  {label:<14} {} {} {}", r.cell(), p.cell(), n.cell());
        }
        let _ = writeln!(out, "\nprecision by rule (findings on secrets / findings)");
        for (rule, (t, f)) in &self.rules {
            let _ = writeln!(out, "  {rule:<28}  {}", Tally { hit: *t, total: t + f }.cell());
        }
        let secret = |c: &Case| c.secret;
        table(&mut out, "recall by family", &group(cases, secret, |c| c.family.clone(), &found));
        table(&mut out, "recall by scope", &group(cases, secret, |c| c.scope.clone(), &found));
        table(&mut out, "recall by context (all scopes)", &group(cases, |c| c.secret, |c| c.context.clone(), &found));
        table(&mut out, "recall by kind", &group(cases, secret, |c| c.kind.clone(), &found));
        table(
            &mut out,
            "non-secrets flagged, by kind (cases with a finding / cases)",
            &group(cases, |c| !c.secret, |c| c.kind.clone(), &found),
        );
        table(&mut out, "non-secrets flagged, by context", &group(cases, |c| !c.secret, |c| c.context.clone(), &found));
        self.render_misses(&mut out, details);
        self.render_false_alarms(&mut out);
        out
    }

    fn render_misses(&self, out: &mut String, details: bool) {
        let _ = writeln!(out, "\nmisses: kind / context -> missed of planted [scopes], first location");
        let mut groups: BTreeMap<(String, String), Group> = BTreeMap::new();
        for (i, c) in self.key.cases.iter().enumerate() {
            if !c.secret {
                continue;
            }
            let g = groups.entry((c.kind.clone(), c.context.clone())).or_default();
            g.planted += 1;
            if self.hits[i].is_empty() {
                g.note(&c.scope, &format!("{}:{}", c.file, c.start));
            }
        }
        for ((kind, ctx), g) in groups {
            if g.count > 0 && (details || g.count == g.planted) {
                let _ = writeln!(out, "  {kind} / {ctx}: {} of {} [{}] {}", g.count, g.planted, g.scopes(), g.at);
            }
        }
        if !details {
            let _ = writeln!(out, "  (only groups missed entirely; DETAILS=1 lists partial misses too)");
        }
    }

    fn render_false_alarms(&self, out: &mut String) {
        let _ = writeln!(
            out,
            "\nfalse alarms: non-secret kind / context -> findings [rules/detectors] [scopes], first location"
        );
        let mut groups: BTreeMap<(String, String), Group> = BTreeMap::new();
        for (f, on) in &self.false_alarms {
            let (kind, ctx, scope) = match on.map(|i| &self.key.cases[i]) {
                Some(c) => (c.kind.clone(), c.context.clone(), c.scope.clone()),
                None => ("(unlabelled line)".to_string(), f.path.clone(), String::new()),
            };
            let g = groups.entry((kind, ctx)).or_default();
            g.what.insert(f.detector.clone().unwrap_or_else(|| f.rule.clone()));
            g.note(&scope, &format!("{}:{}", f.path, f.start));
        }
        for ((kind, ctx), g) in groups {
            let what: Vec<&str> = g.what.iter().map(String::as_str).collect();
            let _ = writeln!(out, "  {kind} / {ctx}: {} [{}] [{}] {}", g.count, what.join(","), g.scopes(), g.at);
        }
    }
}

/// Misses or false alarms of one kind in one context.
#[derive(Default)]
struct Group {
    count: usize,
    planted: usize,
    scope_set: BTreeSet<String>,
    what: BTreeSet<String>,
    /// The first location.
    at: String,
}

impl Group {
    fn note(&mut self, scope: &str, at: &str) {
        self.count += 1;
        if !scope.is_empty() {
            self.scope_set.insert(scope.to_string());
        }
        if self.at.is_empty() {
            self.at = at.to_string();
        }
    }

    fn scopes(&self) -> String {
        self.scope_set.iter().map(String::as_str).collect::<Vec<_>>().join(",")
    }
}

/// One line per pass and scope, for comparing passes.
pub(crate) fn compare(passes: &[(String, Score<'_>)]) -> String {
    let mut out = String::from("\n==== passes compared (recall | precision | non-secrets flagged)\n");
    for (name, s) in passes {
        for (label, keep) in [
            ("production", &(|c: &Case| !is_test(c)) as &dyn Fn(&Case) -> bool),
            ("test code+data", &|c: &Case| is_test(c)),
        ] {
            let (r, p, n) = s.headline(keep);
            let _ = writeln!(out, "  {name:<22} {label:<15} {} | {} | {}", r.cell(), p.cell(), n.cell());
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn case(id: usize, file: &str, start: usize, end: usize, secret: bool) -> Case {
        Case {
            id,
            file: file.into(),
            start,
            end,
            kind: if secret { "github-pat".into() } else { "uuid-request-id".into() },
            family: "provider".into(),
            context: "const".into(),
            scope: "prod".into(),
            secret,
        }
    }

    #[test]
    fn findings_are_matched_to_cases_by_file_and_lines() {
        let key = AnswerKey {
            seed: 1,
            cases: vec![
                case(0, "src/a.rs", 3, 5, true),
                case(1, "src/a.rs", 7, 7, false),
                case(2, "src/a.rs", 9, 9, true),
            ],
        };
        let json = r#"{"findings": [
            {"rule": "hardcoded-secret", "location": {"path": "src/a.rs", "start": {"line": 4}, "end": {"line": 4}}, "notes": ["detector: github-pat"], "suppression": null},
            {"rule": "hardcoded-credential", "location": {"path": "src/a.rs", "start": {"line": 7}, "end": {"line": 7}}},
            {"rule": "hardcoded-credential", "location": {"path": "src/b.rs", "start": {"line": 1}, "end": {"line": 1}}},
            {"rule": "hardcoded-secret", "location": {"path": "src/a.rs", "start": {"line": 9}, "end": {"line": 9}}, "suppression": {"kind": "inSource"}}
        ]}"#;
        let found = findings(json).unwrap_or_default();
        assert_eq!(found.len(), 3, "the suppressed finding does not count");
        let s = score(&key, &found);
        assert_eq!(s.hits[0], ["github-pat"]);
        assert!(s.hits[2].is_empty());
        assert_eq!(s.true_findings, 1);
        assert_eq!(s.false_alarms.len(), 2);
        let (recall, precision, flagged) = s.headline(|_| true);
        assert_eq!((recall.hit, recall.total), (1, 2));
        assert_eq!((precision.hit, precision.total), (1, 3));
        assert_eq!((flagged.hit, flagged.total), (1, 1));
        let text = s.render("t", true);
        assert!(text.contains("github-pat / const: 1 of 2 [prod] src/a.rs:9"), "{text}");
        assert!(text.contains("(unlabelled line) / src/b.rs: 1"), "{text}");
        assert!(findings("[]").is_err());
    }
}
