//! `--untrusted-repo` and the files a run leaves: what a hostile
//! repository's configuration may not weaken, in full and in `--diff`
//! mode; report modes and stale temporary files.
#![cfg(unix)]

use std::os::unix::fs::PermissionsExt;
use std::path::Path;
use std::process::Command as StdCommand;

use crate::common::*;
use crate::hostile_repository::{UNWRAP, bin, repo, run_bounded};

fn finding_keys(j: &serde_json::Value) -> Vec<(String, String, bool)> {
    let mut v: Vec<(String, String, bool)> = j["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            (
                f["location"]["path"].as_str().unwrap().to_string(),
                f["rule"].as_str().unwrap().to_string(),
                f.get("suppression").is_some(),
            )
        })
        .collect();
    v.sort();
    v
}

#[test]
fn untrusted_repo_applies_nothing_that_weakens_the_scan_and_lists_it() {
    let dir = repo(&[
        (
            "sast.toml",
            "extend-select = [\"unwrap-used\", \"panic-macro\"]\nignore = [\"panic-macro\"]\nexclude = [\"excluded/\"]\nfail-on = \"critical\"\n\
             [rule.unwrap-used]\nseverity = \"low\"\n[secrets]\nallow-regexes = [\"^AKIA\"]\n",
        ),
        ("Cargo.toml", "[package]\nname = \"app\"\nversion = \"0.1.0\"\nedition = \"2021\"\n"),
        (
            "src/lib.rs",
            "pub fn a(x: Option<u8>) -> u8 {\n    // sast:allow(unwrap-used): trust me\n    x.unwrap()\n}\n\
             #[allow(clippy::unwrap_used)]\npub fn b(x: Option<u8>) -> u8 {\n    x.unwrap()\n}\n\
             pub fn c() {\n    panic!(\"no\");\n}\npub fn d(x: Option<u8>) -> u8 {\n    x.unwrap()\n}\n",
        ),
        ("src/excluded/mod.rs", UNWRAP),
        (".env", "AWS_ACCESS_KEY_ID=AKIA4QWERTYUIOPA7XZQ\n"),
    ]);
    let d = dir.path();
    // The repository's own baseline accepts `d`'s unwrap.
    let o = run_bounded(
        {
            let mut c = bin(d);
            c.arg("baseline");
            c
        },
        "baseline",
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let run = |extra: &[&str]| {
        let mut c = bin(d);
        c.args(["-f", "json", "--no-cache"]).args(extra);
        run_bounded(c, "scan")
    };
    // Trusting the repository: everything hidden, exit 0 (fail-on critical).
    let o = run(&[]);
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
    let j = json(&o);
    assert!(finding_keys(&j).iter().all(|(_, _, suppressed)| *suppressed), "{:?}", finding_keys(&j));

    let o = run(&["--untrusted-repo"]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let j = json(&o);
    let active: Vec<(String, String)> =
        finding_keys(&j).into_iter().filter(|(_, _, s)| !s).map(|(p, r, _)| (p, r)).collect();
    for (path, rule) in [
        ("src/lib.rs", "unwrap-used"),
        ("src/lib.rs", "panic-macro"),
        ("src/excluded/mod.rs", "unwrap-used"),
        (".env", "hardcoded-secret"),
    ] {
        assert!(active.contains(&(path.to_string(), rule.to_string())), "{path} {rule} hidden: {active:?}");
    }
    assert_eq!(active.iter().filter(|(p, r)| p == "src/lib.rs" && r == "unwrap-used").count(), 3, "{active:?}");
    for f in j["findings"].as_array().unwrap().iter().filter(|f| f["rule"] == "unwrap-used") {
        assert_ne!(f["severity"], "low", "a lowered severity applied: {f}");
    }
    let listed: Vec<String> = j["notifications"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|n| n["kind"] == "not-applied")
        .map(|n| n["message"].as_str().unwrap().to_string())
        .collect();
    for key in [
        "`ignore`",
        "`exclude`",
        "`fail-on`",
        "`rule.unwrap-used.severity`",
        "`secrets.allow-regexes`",
        "baseline",
        "2 in-source suppressions",
    ] {
        assert!(listed.iter().any(|m| m.contains(key)), "{key} not listed: {listed:#?}");
    }
    let noted = j["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| {
            f["notes"].as_array().is_some_and(|n| n.iter().any(|x| x.as_str().unwrap().contains("not applied")))
        })
        .count();
    assert_eq!(noted, 2);
}

#[test]
fn untrusted_repo_in_diff_mode_applies_the_base_refs_suppressions_only() {
    // The rule is selected on the command line (not by the repository):
    // the base ref is analysed with the same selection.
    let dir = repo(&[(
        "lib.rs",
        "pub fn a(x: Option<u8>) -> u8 {\n    // sast:allow(unwrap-used): the caller checks\n    x.unwrap()\n}\n\
         pub fn d(w: Option<u8>) -> u8 {\n    // sast:allow(unwrap-used): validated at startup\n    w.unwrap()\n}\n",
    )]);
    let d = dir.path();
    git(d, &["add", "."]);
    git(d, &["commit", "-q", "-m", "base"]);
    // The change re-indents a suppressed line (the same finding the base
    // suppressed), edits another under its old comment, and adds a
    // suppression of its own.
    write_files(
        d,
        &[(
            "lib.rs",
            "pub fn a(x: Option<u8>) -> u8 {\n    // sast:allow(unwrap-used): the caller checks\n        x.unwrap()\n}\n\
             pub fn d(w: Option<u8>) -> u8 {\n    // sast:allow(unwrap-used): validated at startup\n    w.map(|v| v * 2).unwrap()\n}\n\
             pub fn b(y: Option<u8>) -> u8 {\n    // sast:allow(unwrap-used): trust me\n    y.unwrap()\n}\n",
        )],
    );
    let o = run_bounded(
        {
            let mut c = bin(d);
            c.args(["-f", "json", "--extend-select", "unwrap-used", "--untrusted-repo", "--diff", "main", "."]);
            c
        },
        "diff untrusted",
    );
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let j = json(&o);
    let f: Vec<(u64, bool)> = j["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| (f["location"]["start"]["line"].as_u64().unwrap(), f.get("suppression").is_some()))
        .collect();
    assert_eq!(f, [(3, true), (7, false), (11, false)], "{j}");
}

// ---------------------------------------------------------------------------
// Issue 19, item 6: report modes and stale temporary files.

#[test]
fn reports_get_the_umask_mode_and_stale_temporary_files_are_cleaned() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    write_files(d, &[("src/lib.rs", UNWRAP)]);
    let cache = d.join("cache");
    std::fs::create_dir(&cache).unwrap();
    let mut child = StdCommand::new("true").spawn().unwrap();
    let dead = child.id();
    child.wait().unwrap();
    let alive = std::process::id();
    let files = [
        (d.join(format!(".cargo-sast-{dead}-1a.tmp")), false),
        (d.join(format!(".cargo-sast-{alive}-2b.tmp")), true),
        (d.join("keep-me.tmp"), true),
        (cache.join(format!(".facts-{dead}.tmp")), false),
        (cache.join(format!(".facts-{alive}.tmp")), true),
    ];
    for (f, _) in &files {
        std::fs::write(f, "left over").unwrap();
    }
    let o = run_bounded(
        {
            let mut c = StdCommand::new("sh");
            c.current_dir(d)
                .env_remove("CARGO")
                .env("CARGO_HOME", NO_CARGO_HOME)
                .arg("-c")
                .arg(
                    "umask 022 && exec \"$0\" -f json -o report.json --cache-dir cache --extend-select unwrap-used src",
                )
                .arg(env!("CARGO_BIN_EXE_cargo-sast"));
            c
        },
        "report",
    );
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let mode = |p: &Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode(&d.join("report.json")), 0o644);
    for (f, kept) in &files {
        assert_eq!(f.exists(), *kept, "{}", f.display());
    }
    // A report that already exists keeps its mode.
    std::fs::set_permissions(d.join("report.json"), std::fs::Permissions::from_mode(0o600)).unwrap();
    let o = run_bounded(
        {
            let mut c = bin(d);
            c.args(["-f", "json", "-o", "report.json", "src"]).args(UNWRAPS);
            c
        },
        "report again",
    );
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(mode(&d.join("report.json")), 0o600);
}
