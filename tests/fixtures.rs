//! The fixture runner: every `.rs` file under `testdata/<rule-id>/` is
//! scanned with every rule enabled, and its findings must match the marks in
//! the file exactly.
//!
//! Marks: `//~ rule-id` on the line of an expected finding (several ids
//! separated by spaces or commas; `rule-id[high]` also checks severity);
//! `//~^ rule-id` for the line above. Only rules that are the directory's
//! rule or are mentioned in the file's marks are compared, so a fixture with
//! no marks must produce no finding of its directory's rule.
//!
//! Directives at the top: `//@ kind: lib|bin|bin-main|test|example|bench|build-script`
//! and `//@ config: <TOML line>` (lines are joined into a config file).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use cargo_sast::config::{Config, parse_config};
use cargo_sast::rules;
use cargo_sast::scan::scan_source;
use cargo_sast::syntax::FileKind;

fn testdata() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("testdata")
}

/// Fixture files of one rule.
pub fn fixture_files(rule_id: &str) -> Vec<PathBuf> {
    let dir = testdata().join(rule_id);
    let mut files: Vec<PathBuf> = walkdir::WalkDir::new(&dir)
        .into_iter()
        .filter_map(Result::ok)
        .map(|e| e.into_path())
        .filter(|p| p.extension().is_some_and(|e| e == "rs"))
        .collect();
    files.sort();
    files
}

struct Expected {
    /// (line, rule) → optional severity
    marks: BTreeMap<(u32, String), Vec<Option<String>>>,
}

fn parse_marks(text: &str) -> Expected {
    let mut marks: BTreeMap<(u32, String), Vec<Option<String>>> = BTreeMap::new();
    for (i, line) in text.lines().enumerate() {
        let Some(pos) = line.find("//~") else {
            continue;
        };
        let mut rest = &line[pos + 3..];
        let mut target = i as u32 + 1;
        while let Some(r) = rest.strip_prefix('^') {
            target -= 1;
            rest = r;
        }
        for tok in rest.split(|c: char| c == ',' || c.is_whitespace()).filter(|t| !t.is_empty()) {
            let (id, sev) = match tok.split_once('[') {
                Some((id, s)) => (id, Some(s.trim_end_matches(']').to_string())),
                None => (tok, None),
            };
            marks.entry((target, id.to_string())).or_default().push(sev);
        }
    }
    Expected { marks }
}

fn directives(path: &Path, text: &str) -> (FileKind, bool, Config) {
    let mut kind = FileKind::Lib;
    let mut bin_root = false;
    let mut cfg = String::new();
    for line in text.lines() {
        let Some(d) = line.trim().strip_prefix("//@") else {
            continue;
        };
        let d = d.trim();
        if let Some(k) = d.strip_prefix("kind:") {
            kind = match k.trim() {
                "lib" => FileKind::Lib,
                "bin" => FileKind::Bin,
                "bin-main" => {
                    bin_root = true;
                    FileKind::Bin
                }
                "test" => FileKind::Test,
                "example" => FileKind::Example,
                "bench" => FileKind::Bench,
                "build-script" => FileKind::BuildScript,
                other => panic!("{}: unknown kind `{other}`", path.display()),
            };
        } else if let Some(c) = d.strip_prefix("config:") {
            cfg.push_str(c.trim());
            cfg.push('\n');
        }
    }
    let mut config =
        parse_config(path, &cfg, &[]).unwrap_or_else(|e| panic!("{}: bad config directive: {e}", path.display()));
    if config.select.is_none() {
        config.select = Some(vec!["all".into()]);
    }
    (kind, bin_root, config)
}

/// Run one fixture; returns a description of every mismatch.
pub fn check_fixture(rule_id: &str, path: &Path) -> Vec<String> {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let expected = parse_marks(&text);
    let (kind, bin_root, config) = directives(path, &text);
    let rel = path.strip_prefix(env!("CARGO_MANIFEST_DIR")).unwrap_or(path).to_string_lossy().replace('\\', "/");
    let outcome = scan_source(&rel, &text, kind, bin_root, &config);
    let relevant = |id: &str| id == rule_id || expected.marks.keys().any(|(_, r)| r == id);
    let mut actual: BTreeMap<(u32, String), Vec<String>> = BTreeMap::new();
    for f in outcome.active() {
        if relevant(f.rule) {
            actual.entry((f.location.start.line, f.rule.to_string())).or_default().push(f.severity.to_string());
        }
    }
    let mut problems = Vec::new();
    for (key, sevs) in &expected.marks {
        let got = actual.get(key).cloned().unwrap_or_default();
        if got.len() != sevs.len() {
            problems.push(format!(
                "{}:{}: expected {} finding(s) of `{}`, got {}",
                rel,
                key.0,
                sevs.len(),
                key.1,
                got.len()
            ));
            continue;
        }
        for want in sevs.iter().flatten() {
            if !got.contains(want) {
                problems.push(format!("{}:{}: `{}` expected severity {want}, got {:?}", rel, key.0, key.1, got));
            }
        }
    }
    for (key, got) in &actual {
        if !expected.marks.contains_key(key) {
            let msg = outcome
                .active()
                .find(|f| f.location.start.line == key.0 && f.rule == key.1)
                .map(|f| f.message.clone())
                .unwrap_or_default();
            problems.push(format!("{}:{}: unexpected `{}` ({} finding(s)): {msg}", rel, key.0, key.1, got.len()));
        }
    }
    for n in &outcome.notifications {
        problems.push(format!("{rel}: notification: {}", n.message));
    }
    problems
}

#[test]
fn every_rule_has_bad_and_good_fixtures() {
    let mut missing = Vec::new();
    for r in rules::all() {
        let id = r.meta().id;
        let files = fixture_files(id);
        let has_marks = files.iter().any(|f| {
            std::fs::read_to_string(f)
                .is_ok_and(|t| t.contains(&format!("//~ {id}")) || t.contains(&format!("//~^ {id}")))
        });
        let has_clean = files.iter().any(|f| std::fs::read_to_string(f).is_ok_and(|t| !t.contains("//~")));
        if !has_marks || !has_clean {
            missing.push(format!("{id}: bad fixture with marks: {has_marks}, good fixture without marks: {has_clean}"));
        }
    }
    assert!(missing.is_empty(), "rules without complete fixtures:\n{}", missing.join("\n"));
}

#[test]
fn fixtures_match_their_marks() {
    let mut problems = Vec::new();
    let mut count = 0;
    for r in rules::all() {
        for f in fixture_files(r.meta().id) {
            count += 1;
            problems.extend(check_fixture(r.meta().id, &f));
        }
    }
    assert!(count > 0, "no fixtures found");
    assert!(problems.is_empty(), "{} fixture mismatch(es):\n{}", problems.len(), problems.join("\n"));
}

#[test]
fn the_runner_detects_missing_and_unexpected_findings() {
    // A runner that cannot fail proves nothing: check it against a fixture
    // whose marks are deliberately wrong.
    let dir = std::env::temp_dir().join(format!("sast-fixture-selftest-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let bad = dir.join("wrong.rs");
    std::fs::write(&bad, "fn f(x: Option<u8>) -> u8 {\n    x.unwrap()\n}\nfn g() {} //~ unwrap-used\n").unwrap();
    let problems = check_fixture("unwrap-used", &bad);
    std::fs::remove_dir_all(&dir).ok();
    assert_eq!(problems.len(), 2, "{problems:?}");
    assert!(problems.iter().any(|p| p.contains(":2: unexpected `unwrap-used`")), "{problems:?}");
    assert!(problems.iter().any(|p| p.contains(":4: expected 1 finding(s) of `unwrap-used`, got 0")), "{problems:?}");
}
