//! Snapshot tests of every output format on `testdata/workspaces/demo`. After an
//! intended change, refresh them with `INSTA_UPDATE=always cargo test --test
//! snapshots` and review the diff.

use crate::common::*;

fn run(args: &[&str]) -> (String, std::process::Output) {
    let demo = demo_copy();
    let o = sast().current_dir(demo.path()).args(args).output().unwrap();
    (stdout(&o), o)
}

#[test]
fn human_output() {
    let (out, o) = run(&[]);
    assert_eq!(o.status.code(), Some(1));
    let re = regex::Regex::new(r" in \d+\.\d+s( \(\d+ from the cache\))?").unwrap();
    insta::assert_snapshot!("demo_human", re.replace_all(&out, " in <elapsed>"));
}

#[test]
fn json_output() {
    let (out, _) = run(&["--format", "json"]);
    insta::assert_snapshot!("demo_json", out);
}

#[test]
fn sarif_output() {
    let (out, _) = run(&["--format", "sarif"]);
    let mut v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_sarif_schema_valid(&v);
    // The only machine-specific value: the absolute root.
    v["runs"][0]["originalUriBaseIds"]["%SRCROOT%"]["uri"] = "file:///<root>/".into();
    insta::assert_snapshot!("demo_sarif", serde_json::to_string_pretty(&v).unwrap());
}

#[test]
fn github_output() {
    let (out, _) = run(&["--format", "github"]);
    insta::assert_snapshot!("demo_github", out);
}

#[test]
fn gitlab_output() {
    let demo = demo_copy();
    let o = sast()
        .current_dir(demo.path())
        .env("SOURCE_DATE_EPOCH", "1700000000")
        .args(["--format", "gitlab"])
        .output()
        .unwrap();
    insta::assert_snapshot!("demo_gitlab", stdout(&o));
}

#[test]
fn audit_human_output() {
    let demo = demo_copy();
    let db = root().join("testdata/advisory-db");
    let o = sast().current_dir(demo.path()).arg("audit").arg("--advisory-db").arg(&db).output().unwrap();
    assert_eq!(o.status.code(), Some(1));
    let out = stdout(&o).replace(&db.display().to_string(), "<fixture-db>");
    let re = regex::Regex::new(r" in \d+\.\d+s( \(\d+ from the cache\))?").unwrap();
    insta::assert_snapshot!("demo_audit_human", re.replace_all(&out, " in <elapsed>"));
}
