//! The seven-member workspace of deliberately vulnerable services
//! (`testdata/workspaces/vulnerable-services`, answer key in its README):
//! every planted flow is reported on its line with its rule, and every
//! fixed twin is quiet on its line for its rule (only the marker's rule is
//! compared on a line).

use crate::common::*;
use crate::taint_service::{assert_answer_key, scan_answer_key};

#[test]
fn planted_flows_are_found_and_fixed_twins_are_quiet() {
    let (found, planted, fixed) = scan_answer_key("vulnerable-services", "crates");
    assert_eq!((planted.len(), fixed.len()), (53, 70));
    assert_answer_key(&found, &planted, &fixed);
}

#[test]
fn flows_show_their_path_across_files() {
    let dir = tempfile::tempdir().unwrap();
    copy_tree(&root().join("testdata/workspaces/vulnerable-services"), dir.path());
    let o = sast().current_dir(dir.path()).args(["-f", "json", "--no-deps-audit", "crates/gateway"]).output().unwrap();
    let j = json(&o);
    let ssrf = j["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["rule"] == "ssrf" && f["location"]["path"] == "crates/gateway/src/upstream.rs")
        .expect("the proxy's SSRF is reported");
    let files: Vec<&str> =
        ssrf["flow"].as_array().unwrap().iter().map(|s| s["location"]["path"].as_str().unwrap()).collect();
    assert!(files.contains(&"crates/gateway/src/handlers/proxy.rs"), "{files:?}");
    assert_eq!(files.last(), Some(&"crates/gateway/src/upstream.rs"));
}
