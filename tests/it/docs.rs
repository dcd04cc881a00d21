//! Every rule's documentation is complete and true, and the generated
//! reference (`lints/README.md`) is in sync. Regenerate it with
//! `UPDATE_DOCS=1 cargo test --test it docs`.

use std::collections::HashSet;
use std::path::Path;

use cargo_sast::Config;
use cargo_sast::FileKind;
use cargo_sast::scan_source;
use cargo_sast::{doc_section, first_code_block};

const SECTIONS: &[&str] = &["What it does", "Why is this bad?", "Example", "Use instead", "References"];

fn is_kebab(s: &str) -> bool {
    !s.is_empty()
        && s.split('-').all(|p| !p.is_empty() && p.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit()))
}

#[test]
fn every_rule_has_complete_metadata_and_docs() {
    let mut problems = Vec::new();
    let mut ids = HashSet::new();
    let mut names = HashSet::new();
    for r in cargo_sast::all_rules() {
        let m = r.meta();
        let docs = m.docs();
        if !is_kebab(m.id) {
            problems.push(format!("{}: id is not kebab-case", m.id));
        }
        if m.name == m.id
            || !m.name.chars().next().is_some_and(|c| c.is_ascii_uppercase())
            || m.name.contains(['-', ' ', '_'])
        {
            problems.push(format!("{}: name `{}` must be PascalCase and differ from the id", m.id, m.name));
        }
        if !ids.insert(m.id) || !names.insert(m.name) {
            problems.push(format!("{}: duplicate id or name", m.id));
        }
        if m.summary.is_empty() || m.summary.ends_with('.') {
            problems.push(format!("{}: summary must be one clause without a final period", m.id));
        }
        if m.cwe.is_empty() || m.owasp.is_empty() {
            problems.push(format!("{}: needs at least one CWE and one OWASP category", m.id));
        }
        for s in SECTIONS {
            match doc_section(&docs, s) {
                Some(body) if !body.is_empty() => {}
                _ => problems.push(format!("{}: docs lack a non-empty `### {s}` section", m.id)),
            }
        }
        let refs = doc_section(&docs, "References").unwrap_or_default();
        for c in m.cwe {
            if !refs.contains(&format!("CWE-{c}")) {
                problems.push(format!("{}: References do not mention CWE-{c}", m.id));
            }
        }
        for o in m.owasp {
            if !refs.contains(&o.code()[..3]) {
                problems.push(format!("{}: References do not mention OWASP {}", m.id, o.code()));
            }
        }
        for opt in m.options {
            if opt.doc.is_empty() || !is_kebab(opt.name) {
                problems.push(format!("{}: option `{}` needs a kebab-case name and a doc", m.id, opt.name));
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

fn findings_of(id: &str, code: &str) -> Vec<String> {
    let config = Config { select: Some(vec!["all".into()]), ..Default::default() };
    let out = scan_source("example.rs", code, FileKind::Lib, false, &config);
    assert!(out.notifications.is_empty(), "{id}: example does not parse: {:?}\n{code}", out.notifications);
    out.active().filter(|f| f.rule == id).map(|f| f.message.clone()).collect()
}

#[test]
fn doc_examples_trigger_their_rule_and_fixes_do_not() {
    let mut problems = Vec::new();
    for r in cargo_sast::all_rules() {
        let m = r.meta();
        let docs = m.docs();
        let example = doc_section(&docs, "Example").and_then(|s| first_code_block(&s));
        let fixed = doc_section(&docs, "Use instead").and_then(|s| first_code_block(&s));
        let (Some(example), Some(fixed)) = (example, fixed) else {
            problems.push(format!("{}: Example and Use instead need a code block each", m.id));
            continue;
        };
        if findings_of(m.id, &example).is_empty() {
            problems.push(format!("{}: the Example does not trigger the rule", m.id));
        }
        let left = findings_of(m.id, &fixed);
        if !left.is_empty() {
            problems.push(format!("{}: the Use instead code still triggers it: {left:?}", m.id));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn rules_reference_is_in_sync() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("lints/README.md");
    let expected = cargo_sast::rules_markdown();
    if std::env::var_os("UPDATE_DOCS").is_some() {
        std::fs::write(&path, &expected).unwrap();
    }
    let actual = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        actual == expected,
        "lints/README.md is out of date; regenerate it with `UPDATE_DOCS=1 cargo test --test it docs`"
    );
}
