//! The fixture runner: every `.rs` file under `testdata/rules/<rule-id>/` is
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

use cargo_sast::FileKind;
use cargo_sast::scan_source;
use cargo_sast::{Config, parse_config};

/// `testdata/rules/`: one directory of fixtures per rule.
fn rules_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("testdata/rules")
}

/// Single-file fixtures of one rule: `.rs` files directly in its directory.
pub(crate) fn fixture_files(rule_id: &str) -> Vec<PathBuf> {
    rs_files_in(&rules_dir().join(rule_id))
}

/// The `.rs` files directly in `dir`, sorted (none if it does not exist).
pub(crate) fn rs_files_in(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .into_iter()
        .flatten()
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "rs"))
        .collect();
    files.sort();
    files
}

/// Workspace fixtures of one rule: sub-directories with a `Cargo.toml`,
/// scanned as a whole (for flows across functions and files).
pub(crate) fn fixture_workspaces(rule_id: &str) -> Vec<PathBuf> {
    let dir = rules_dir().join(rule_id);
    let mut dirs: Vec<PathBuf> = std::fs::read_dir(&dir)
        .into_iter()
        .flatten()
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.join("Cargo.toml").is_file())
        .collect();
    dirs.sort();
    dirs
}

/// Run a workspace fixture: marks in all its `.rs` files; directives from
/// `sast-fixture.toml` (a config file) if present.
pub(crate) fn check_workspace(rule_id: &str, dir: &Path) -> Vec<String> {
    let outcome = cargo_sast::scan_dir(dir, &workspace_config(dir));
    let mut expected: BTreeMap<(String, u32, String), usize> = BTreeMap::new();
    let mut mentioned: Vec<String> = vec![rule_id.to_string()];
    for e in walkdir::WalkDir::new(dir).into_iter().filter_map(Result::ok) {
        if e.path().extension().is_none_or(|x| x != "rs") {
            continue;
        }
        let rel = e.path().strip_prefix(dir).unwrap().to_string_lossy().replace('\\', "/");
        let text = std::fs::read_to_string(e.path()).unwrap();
        for ((line, id), sevs) in parse_marks(&text).marks {
            *expected.entry((rel.clone(), line, id.clone())).or_default() += sevs.len();
            mentioned.push(id);
        }
    }
    let mut actual: BTreeMap<(String, u32, String), usize> = BTreeMap::new();
    for f in outcome.active() {
        if mentioned.iter().any(|m| m == f.rule) {
            // Paths are relative to the scan root (the fixture directory).
            let p = f
                .location
                .path
                .rsplit_once(&format!("{}/", dir.file_name().unwrap().to_string_lossy()))
                .map_or(f.location.path.to_string(), |(_, r)| r.to_string());
            *actual.entry((p, f.location.start.line, f.rule.to_string())).or_default() += 1;
        }
    }
    let name = dir.strip_prefix(env!("CARGO_MANIFEST_DIR")).unwrap_or(dir).display().to_string();
    let mut problems = Vec::new();
    for (k, n) in &expected {
        let got = actual.get(k).copied().unwrap_or(0);
        if got != *n {
            problems.push(format!("{name}/{}:{}: expected {n} finding(s) of `{}`, got {got}", k.0, k.1, k.2));
        }
    }
    for (k, n) in &actual {
        if !expected.contains_key(k) {
            let msg = outcome
                .active()
                .find(|f| f.location.start.line == k.1 && f.rule == k.2 && f.location.path.ends_with(&k.0))
                .map(|f| f.message.clone())
                .unwrap_or_default();
            problems.push(format!("{name}/{}:{}: unexpected `{}` ({n}): {msg}", k.0, k.1, k.2));
        }
    }
    for n in &outcome.notifications {
        problems.push(format!("{name}: notification: {}", n.message));
    }
    problems
}

/// A workspace fixture's configuration: `sast-fixture.toml` if present;
/// every rule on unless it selects.
pub(crate) fn workspace_config(dir: &Path) -> Config {
    let cfg_path = dir.join("sast-fixture.toml");
    let mut config = if cfg_path.is_file() {
        cargo_sast::load_file(&cfg_path, None).unwrap_or_else(|e| panic!("{e}"))
    } else {
        Config::default()
    };
    if config.select.is_none() {
        config.select = Some(vec!["all".into()]);
    }
    config
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

/// A fixture's `//@ kind:` and `//@ config:` directives (every rule on
/// unless it selects).
pub(crate) fn directives(path: &Path, text: &str) -> (FileKind, bool, Config) {
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
pub(crate) fn check_fixture(rule_id: &str, path: &Path) -> Vec<String> {
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
    for r in cargo_sast::all_rules() {
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
    for r in cargo_sast::all_rules() {
        for f in fixture_files(r.meta().id) {
            count += 1;
            problems.extend(check_fixture(r.meta().id, &f));
        }
        for d in fixture_workspaces(r.meta().id) {
            count += 1;
            problems.extend(check_workspace(r.meta().id, &d));
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
