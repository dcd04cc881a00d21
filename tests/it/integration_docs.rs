//! The CI integration docs are true: the README shows the example files
//! verbatim, and every `cargo sast` command in them runs (exit 0 or 1, never
//! a usage error) on a git copy of the demo workspace.

use crate::common::*;

const EXAMPLES: &[&str] = &[
    "examples/ci/github-code-scanning.yml",
    "examples/ci/gitlab-ci.yml",
    "examples/ci/pre-commit",
    ".pre-commit-hooks.yaml",
    "examples/taint-models.toml",
];

#[test]
fn readme_shows_the_example_files_verbatim() {
    let readme = std::fs::read_to_string(root().join("README.md")).unwrap();
    for e in EXAMPLES {
        let text = std::fs::read_to_string(root().join(e)).unwrap();
        assert!(readme.contains(text.trim_end()), "README.md does not show {e} as it is");
    }
}

/// `cargo-sast` (or `cargo sast`) command lines in the examples, as
/// argument lists.
fn commands() -> Vec<Vec<String>> {
    let mut out = Vec::new();
    for e in EXAMPLES {
        let text = std::fs::read_to_string(root().join(e)).unwrap();
        for line in text.lines().filter(|l| !l.contains("cargo install") && !l.trim_start().starts_with('#')) {
            let Some((pos, len)) =
                ["cargo-sast ", "cargo sast "].iter().find_map(|c| line.find(c).map(|p| (p, c.len())))
            else {
                continue;
            };
            let cmd = line[pos + len..]
                .replace("\"origin/$GITHUB_BASE_REF\"", "main")
                .replace("${CI_MERGE_REQUEST_IID:+--untrusted-repo}", "--untrusted-repo");
            out.push(cmd.split_whitespace().map(String::from).collect());
        }
        if e.ends_with(".pre-commit-hooks.yaml") {
            let args = text.lines().find_map(|l| l.trim().strip_prefix("args: ")).unwrap();
            let list: Vec<String> = serde_json::from_str(args).unwrap();
            out.push(list);
        }
    }
    out
}

#[test]
fn every_documented_command_runs() {
    let demo = demo_copy();
    let d = demo.path();
    for args in [
        &["init", "-q", "-b", "main"][..],
        &["add", "."],
        &["-c", "user.name=t", "-c", "user.email=t@e", "commit", "-q", "-m", "x"],
    ] {
        assert!(std::process::Command::new("git").current_dir(d).args(args).status().unwrap().success());
    }
    let cmds = commands();
    assert!(cmds.len() >= 5, "{cmds:?}");
    for args in cmds {
        let o = sast().current_dir(d).args(&args).output().unwrap();
        let code = o.status.code();
        assert!(matches!(code, Some(0) | Some(1)), "`cargo sast {}` exited {code:?}: {}", args.join(" "), stderr(&o));
    }
    assert!(d.join("cargo-sast.sarif").is_file());
    let gl: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(d.join("gl-sast-report.json")).unwrap()).unwrap();
    assert!(!gl["vulnerabilities"].as_array().unwrap().is_empty());
}

/// The README's `[taint]` example does what it says: its source reaching its
/// sink is reported with its words, its sanitizer clears the flow, and
/// without it neither call means anything.
#[test]
fn readme_taint_model_example_parses_and_takes_effect() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let code = "use acme_ops::{quote, run_script};\nuse acme_rpc::read_request;\n\n\
                pub fn handle() {\n    let req = read_request();\n    run_script(&req);\n    run_script(&quote(&req));\n}\n";
    write_files(d, &[("src/lib.rs", code)]);
    let flows = |d: &std::path::Path| {
        let j = json(&sast().current_dir(d).args(["-f", "json", "--select", "taint", "."]).output().unwrap());
        j["findings"]
            .as_array()
            .unwrap()
            .iter()
            .map(|f| {
                (
                    f["rule"].as_str().unwrap().to_string(),
                    f["location"]["start"]["line"].as_u64().unwrap(),
                    f["message"].as_str().unwrap().to_string(),
                )
            })
            .collect::<Vec<_>>()
    };
    assert_eq!(flows(d), []);
    std::fs::copy(root().join("examples/taint-models.toml"), d.join("sast.toml")).unwrap();
    let found = flows(d);
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!((found[0].0.as_str(), found[0].1), ("command-injection", 6));
    assert_eq!(found[0].2, "user input from an ACME RPC request reaches a script run by the ops agent");
}
