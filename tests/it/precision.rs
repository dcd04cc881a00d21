//! Every rule states its measured precision (issue 14): its `measured:`
//! entries are complete and consistent, its level is the one its own
//! figures give, and its bench-corpus figures are the answer key's.

use std::collections::HashMap;
use std::path::Path;

use cargo_sast::{Bench, MIN_JUDGED, measured_level};

#[test]
fn every_rule_has_measurements_that_agree_with_its_level() {
    let mut problems = Vec::new();
    for r in cargo_sast::all_rules() {
        let m = r.meta();
        let benches: Vec<Bench> = m.measured.iter().map(|x| x.on).collect();
        // The benchmarks that run the default rules judge every default rule.
        if m.default_enabled {
            for b in [Bench::Realworld, Bench::Corpus] {
                if !benches.contains(&b) {
                    problems.push(format!("{}: on by default but no `{b:?}` entry in `measured:`", m.id));
                }
            }
        }
        for (i, b) in benches.iter().enumerate() {
            if benches[..i].contains(b) {
                problems.push(format!("{}: two `{b:?}` entries", m.id));
            }
        }
        for x in m.measured {
            if x.inconsistent() || x.when.is_empty() {
                problems.push(format!("{}: impossible figures or no `when` in {x:?}", m.id));
            }
        }
        if let Some(level) = measured_level(m.measured)
            && level != m.precision
        {
            problems.push(format!(
                "{}: declared precision {} but its measurements give {} (very-high >= 95%, high >= 85%, \
                 medium >= 60%, low below)",
                m.id,
                m.precision.as_str(),
                level.as_str()
            ));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn too_few_judged_findings_keep_the_declared_level() {
    let few = cargo_sast::all_rules()
        .iter()
        .map(|r| r.meta())
        .find(|m| {
            let judged: u32 = m.measured.iter().filter(|x| x.on.real()).map(|x| x.judged).sum();
            judged < MIN_JUDGED
        })
        .expect("a rule with too few judged findings");
    assert_eq!(measured_level(few.measured), None);
    let md = cargo_sast::rules_markdown();
    let section = md.split(&format!("<a id=\"{}\"></a>", few.id)).nth(1).expect("the rule's section");
    assert!(section.contains("too few findings on real code to measure it"), "{}", &section[..section.len().min(800)]);
}

/// benches/corpus/triage.toml holds the verdicts of the current sample
/// (`benches/corpus/run.py`); each rule's `Corpus` entry is its counts.
#[test]
fn corpus_figures_are_the_answer_keys() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("benches/corpus/triage.toml");
    let key: toml::Table = std::fs::read_to_string(&path).expect("the answer key").parse().expect("valid TOML");
    let sample = key["sample"].as_integer().expect("sample") as u32;
    let mut counts: HashMap<String, (u32, u32, u32)> = HashMap::new();
    for f in key["finding"].as_array().expect("findings") {
        let c = counts.entry(f["rule"].as_str().expect("rule").to_string()).or_default();
        c.0 += 1;
        match f["verdict"].as_str() {
            Some("tp") => c.1 += 1,
            Some("debatable") => c.2 += 1,
            Some("fp") => {}
            v => panic!("verdict {v:?} in {f:?}"),
        }
    }
    let mut problems = Vec::new();
    for r in cargo_sast::all_rules() {
        let m = r.meta();
        let Some(x) = m.measured.iter().find(|x| x.on == Bench::Corpus) else {
            if counts.contains_key(m.id) {
                problems.push(format!("{}: verdicts in the key but no `Corpus` entry", m.id));
            }
            continue;
        };
        let (judged, tp, debatable) = counts.remove(m.id).unwrap_or_default();
        if (x.judged, x.tp, x.debatable) != (judged, tp, debatable) || judged != x.findings.min(sample) {
            problems.push(format!(
                "{}: `Corpus` entry says {} found, {} judged, {} tp, {} debatable; the key has {judged} verdicts \
                 ({tp} tp, {debatable} debatable) for a sample of at most {sample}",
                m.id, x.findings, x.judged, x.tp, x.debatable
            ));
        }
    }
    for rule in counts.keys() {
        problems.push(format!("the key judges `{rule}`, which is no rule"));
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}
