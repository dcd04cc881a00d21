//! The advisory-shapes workspace (`testdata/workspaces/advisory-shapes`,
//! answer key in its README): the shapes of published advisories in
//! libraries. For the rules checked here, every planted flow is reported on
//! its line and every fixed twin is quiet on its line (only the marker's
//! rule is compared on a line). The library threat model's twins (`pub`
//! items of private modules, a caller's whole destination path) are among
//! the `path-traversal` and `argument-injection` ones.

use std::collections::BTreeSet;

use crate::common::*;
use crate::taint_service::{assert_answer_key, found_lines, markers_under};

type Mark = (String, u64, String);

/// The rules whose rows this test holds (others join as they are built):
/// planted flows of the first, fixed twins of all.
const PLANTED: &[&str] = &["zip-slip", "argument-injection"];
const FIXED: &[&str] = &["zip-slip", "argument-injection", "path-traversal"];

fn markers(dir: &std::path::Path, tag: &str, rules: &[&str]) -> BTreeSet<Mark> {
    markers_under(dir, ".", tag)
        .into_iter()
        .map(|(p, l, r)| (p.trim_start_matches("./").to_string(), l, r))
        .filter(|m| rules.contains(&m.2.as_str()))
        .collect()
}

#[test]
fn archive_and_argument_flows_are_found_and_twins_are_quiet() {
    let dir = tempfile::tempdir().unwrap();
    copy_tree(&root().join("testdata/workspaces/advisory-shapes"), dir.path());
    let o = sast().current_dir(dir.path()).args(["-f", "json", "--no-deps-audit", "."]).output().unwrap();
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let found = found_lines(&json(&o));
    let planted = markers(dir.path(), "PLANTED", PLANTED);
    let fixed = markers(dir.path(), "FIXED", FIXED);
    let count = |s: &BTreeSet<Mark>, r: &str| s.iter().filter(|m| m.2 == r).count();
    assert_eq!((count(&planted, "zip-slip"), count(&planted, "argument-injection")), (12, 9));
    assert_answer_key(&found, &planted, &fixed);
}

#[test]
fn library_sources_name_the_public_function() {
    let dir = tempfile::tempdir().unwrap();
    copy_tree(&root().join("testdata/workspaces/advisory-shapes"), dir.path());
    let o = sast().current_dir(dir.path()).args(["-f", "json", "--no-deps-audit", "gitmirror"]).output().unwrap();
    let j = json(&o);
    let f = j["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["rule"] == "argument-injection" && f["location"]["path"] == "gitmirror/src/git.rs")
        .expect("git clone's url is reported");
    let msg = f["message"].as_str().unwrap();
    assert!(msg.contains("parameter `url` of the public `git::clone`"), "{msg}");
    // The binary's own functions are not a library's API.
    assert!(!j["findings"].as_array().unwrap().iter().any(|f| {
        f["location"]["path"] == "gitmirror/src/main.rs" && f["message"].as_str().unwrap().contains("of the public")
    }));
}
