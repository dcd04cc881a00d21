//! `cargo sast --fix` end to end on a copy of the demo workspace: every
//! finding with a machine-applicable fix is repaired, the files still
//! parse, a second scan no longer reports them, a second `--fix` changes
//! nothing; `--dry-run` writes nothing; `--unsafe-fixes` adds the
//! maybe-incorrect ones; a read-only file keeps its mode.

use std::path::Path;

use crate::common::{demo_copy, json, sast, stderr, stdout};

fn rs_files(d: &Path) -> Vec<(String, String)> {
    let mut v: Vec<(String, String)> = walkdir::WalkDir::new(d)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.path().extension().is_some_and(|x| x == "rs"))
        .map(|e| (e.path().strip_prefix(d).unwrap().display().to_string(), std::fs::read_to_string(e.path()).unwrap()))
        .collect();
    v.sort();
    v
}

/// `(rule, path)` of the findings carrying a suggestion of `applicability`.
fn fixable(d: &Path, applicability: &str, extra: &[&str]) -> Vec<(String, String)> {
    let o = sast().current_dir(d).args(["--no-cache", "-f", "json"]).args(extra).output().unwrap();
    let mut v: Vec<(String, String)> = json(&o)["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["suggestions"].as_array().is_some_and(|s| s.iter().any(|s| s["applicability"] == applicability)))
        .map(|f| (f["rule"].as_str().unwrap().to_string(), f["location"]["path"].as_str().unwrap().to_string()))
        .collect();
    v.sort();
    v
}

#[cfg(unix)]
#[test]
fn fix_repairs_every_machine_applicable_finding_of_the_demo() {
    use std::os::unix::fs::PermissionsExt;
    let d = demo_copy();
    let before = fixable(d.path(), "MachineApplicable", &[]);
    assert_eq!(
        before,
        [
            ("insecure-cookie", "api/src/auth.rs"),
            ("jwt-validation-disabled", "api/src/auth.rs"),
            ("tls-verification-disabled", "api/src/auth.rs"),
            ("world-writable-permissions", "cli/src/main.rs"),
        ]
        .map(|(a, b)| (a.to_string(), b.to_string()))
    );
    let main_rs = d.path().join("cli/src/main.rs");
    std::fs::set_permissions(&main_rs, std::fs::Permissions::from_mode(0o444)).unwrap();
    let original = rs_files(d.path());

    // --dry-run: the diff, nothing written, exit 1.
    let o = sast().current_dir(d.path()).args(["--no-cache", "--fix", "--dry-run"]).output().unwrap();
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let diff = stdout(&o);
    assert!(diff.contains("--- a/api/src/auth.rs\n+++ b/api/src/auth.rs\n"), "{diff}");
    assert!(diff.contains("\n-        .danger_accept_invalid_certs(true)\n"), "{diff}");
    assert!(
        diff.contains("\n+    fs::set_permissions(&args.archive, fs::Permissions::from_mode(0o775)).ok();\n"),
        "{diff}"
    );
    assert_eq!(rs_files(d.path()), original, "--dry-run wrote");

    let o = sast().current_dir(d.path()).args(["--no-cache", "--fix", "-q"]).output().unwrap();
    assert!(stderr(&o).contains("fixed 4 finding(s) in 2 file(s)\n"), "{}", stderr(&o));
    // What is left still fails the run.
    assert_eq!(o.status.code(), Some(1));
    let fixed = rs_files(d.path());
    for (path, text) in &fixed {
        syn::parse_file(text).unwrap_or_else(|e| panic!("{path} no longer parses: {e}"));
    }
    let auth = &fixed.iter().find(|(p, _)| p == "api/src/auth.rs").unwrap().1;
    assert!(auth.contains(".secure(true).http_only(true).build()"), "{auth}");
    assert!(auth.contains("validation.validate_exp = true;"), "{auth}");
    assert!(!auth.contains("danger_accept_invalid_certs"), "{auth}");
    assert!(auth.contains("// PLANTED(tls): certificate verification disabled.\n        .build()"), "{auth}");
    let changed: Vec<&String> = fixed.iter().zip(&original).filter(|(a, b)| a.1 != b.1).map(|(a, _)| &a.0).collect();
    assert_eq!(changed, ["api/src/auth.rs", "cli/src/main.rs"]);
    assert_eq!(std::fs::metadata(&main_rs).unwrap().permissions().mode() & 0o777, 0o444);

    // A second scan: none of them; a second --fix: nothing to do.
    assert_eq!(fixable(d.path(), "MachineApplicable", &[]), []);
    let o = sast().current_dir(d.path()).args(["--no-cache", "-f", "json"]).output().unwrap();
    let report = json(&o);
    let rules: Vec<&str> = report["findings"].as_array().unwrap().iter().map(|f| f["rule"].as_str().unwrap()).collect();
    for r in ["insecure-cookie", "jwt-validation-disabled", "tls-verification-disabled", "world-writable-permissions"] {
        assert!(!rules.contains(&r), "{r} still reported");
    }
    let o = sast().current_dir(d.path()).args(["--no-cache", "--fix", "-q"]).output().unwrap();
    assert!(stderr(&o).contains("fixed 0 finding(s)"), "{}", stderr(&o));
    assert_eq!(rs_files(d.path()), fixed);

    // --unsafe-fixes: the log lines get Debug formatting.
    let extra = ["--extend-select", "log-injection"];
    assert_eq!(fixable(d.path(), "MaybeIncorrect", &extra).iter().filter(|(r, _)| r == "log-injection").count(), 2);
    let o = sast()
        .current_dir(d.path())
        .args(["--no-cache", "--fix", "--unsafe-fixes", "-q"])
        .args(extra)
        .output()
        .unwrap();
    assert!(stderr(&o).contains("fixed "), "{}", stderr(&o));
    let handlers = std::fs::read_to_string(d.path().join("api/src/handlers.rs")).unwrap();
    assert!(handlers.contains("tracing::info!(\"greeting {:?}\", q.name);"), "{handlers}");
    assert_eq!(fixable(d.path(), "MaybeIncorrect", &extra).iter().filter(|(r, _)| r == "log-injection").count(), 0);
}

#[test]
fn fix_is_refused_on_an_untrusted_repository_and_flags_need_it() {
    let d = demo_copy();
    let o = sast().current_dir(d.path()).args(["--fix", "--untrusted-repo"]).output().unwrap();
    assert_eq!(o.status.code(), Some(2));
    let o = sast().current_dir(d.path()).args(["--unsafe-fixes"]).output().unwrap();
    assert_eq!(o.status.code(), Some(2));
    let o = sast().current_dir(d.path()).args(["--dry-run"]).output().unwrap();
    assert_eq!(o.status.code(), Some(2));
}

#[cfg(unix)]
#[test]
fn a_symbolic_link_is_never_rewritten() {
    let d = demo_copy();
    // The link's target is no Rust file, so only the link is scanned.
    let real = d.path().join("cli/src/main.txt");
    let main_rs = d.path().join("cli/src/main.rs");
    std::fs::rename(&main_rs, &real).unwrap();
    std::os::unix::fs::symlink("main.txt", &main_rs).unwrap();
    let before = std::fs::read_to_string(&real).unwrap();
    let o = sast().current_dir(d.path()).args(["--no-cache", "--follow-links", "--fix", "-q"]).output().unwrap();
    assert!(
        stderr(&o)
            .contains("cli/src/main.rs was not fixed: it is not a regular file (a symbolic link is never rewritten)"),
        "{}",
        stderr(&o)
    );
    assert_eq!(std::fs::read_to_string(&real).unwrap(), before);
    assert!(std::fs::symlink_metadata(&main_rs).unwrap().file_type().is_symlink());
}
