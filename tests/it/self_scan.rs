//! Our own code must pass our own scan: no unsuppressed finding, and every
//! suppression has a reason (an unexplained one is itself a finding).

use crate::common::*;

#[test]
fn own_repository_scans_clean() {
    let o = sast().current_dir(root()).args(["--format", "json"]).output().unwrap();
    let j = json(&o);
    let findings: Vec<String> = j["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["suppression"].is_null())
        .map(|f| format!("{}:{} {} {}", f["location"]["path"], f["location"]["start"]["line"], f["rule"], f["message"]))
        .collect();
    assert!(findings.is_empty(), "cargo-sast reports on its own code:\n{}", findings.join("\n"));
    assert_eq!(o.status.code(), Some(0));
    assert!(j["summary"]["files_scanned"].as_u64().unwrap() > 20);
    assert_eq!(j["summary"]["files_skipped"], 0);
}
