//! End-to-end tests of the real binary: discovery, formats, exit codes,
//! config errors, suppressions, notifications.

use crate::common::*;

#[test]
fn demo_sarif_exits_1_and_validates() {
    let demo = demo_copy();
    let out_file = demo.path().join("out.sarif");
    let o = sast()
        .current_dir(demo.path())
        .args(["--format", "sarif", "--output"])
        .arg(&out_file)
        .arg(".")
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let sarif = assert_sarif_file_valid(&out_file);
    let results = sarif["runs"][0]["results"].as_array().unwrap();
    assert!(!results.is_empty());
    // Every rule that ran is described, with CWE tags.
    let rules = sarif["runs"][0]["tool"]["driver"]["rules"].as_array().unwrap();
    assert!(rules.len() >= 3);
    for r in rules {
        let tags: Vec<&str> = r["properties"]["tags"].as_array().unwrap().iter().filter_map(|t| t.as_str()).collect();
        assert!(tags.iter().any(|t| t.starts_with("external/cwe/cwe-")), "{r}");
    }
    // No temp file left behind by the atomic write.
    let leftovers: Vec<_> = std::fs::read_dir(demo.path())
        .unwrap()
        .filter_map(Result::ok)
        .filter(|e| e.file_name().to_string_lossy().starts_with(".cargo-sast-"))
        .collect();
    assert!(leftovers.is_empty());
}

#[test]
fn cargo_subcommand_form_scans_the_workspace_around_cwd() {
    let demo = demo_copy();
    // `cargo sast` runs `cargo-sast sast`.
    let o = sast().current_dir(demo.path().join("api")).args(["sast", "--format", "json"]).output().unwrap();
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let j = json(&o);
    // Exactly the workspace's .rs files: every member, nothing else.
    let expected = walkdir::WalkDir::new(demo.path())
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.path().extension().is_some_and(|x| x == "rs"))
        .count();
    assert_eq!(j["summary"]["files_scanned"].as_u64(), Some(expected as u64));
    let paths: Vec<&str> =
        j["findings"].as_array().unwrap().iter().filter_map(|f| f["location"]["path"].as_str()).collect();
    assert!(paths.iter().any(|p| p.starts_with("vault/")), "{paths:?}");
    assert!(paths.iter().any(|p| p.starts_with("cli/")), "{paths:?}");
}

#[test]
fn workspace_scan_skips_nested_non_member_packages_and_ignored_files() {
    let dir = tempfile::tempdir().unwrap();
    write_files(
        dir.path(),
        &[
            ("Cargo.toml", "[package]\nname = \"top\"\nversion = \"0.1.0\"\nedition = \"2021\"\n"),
            ("src/lib.rs", "pub fn f(x: Option<u8>) -> u8 { x.unwrap() }\n"),
            ("fuzz/Cargo.toml", "[package]\nname = \"fuzz\"\nversion = \"0.1.0\"\nedition = \"2021\"\n"),
            ("fuzz/src/lib.rs", "pub fn g(x: Option<u8>) -> u8 { x.unwrap() }\n"),
            (".gitignore", "generated/\n"),
            ("generated/out.rs", "pub fn h(x: Option<u8>) -> u8 { x.unwrap() }\n"),
            ("target/debug/build/x.rs", "pub fn i(x: Option<u8>) -> u8 { x.unwrap() }\n"),
            (".hidden/y.rs", "pub fn j(x: Option<u8>) -> u8 { x.unwrap() }\n"),
        ],
    );
    let o = sast().current_dir(dir.path()).args(["--format", "json"]).args(UNWRAPS).output().unwrap();
    let j = json(&o);
    assert_eq!(j["summary"]["files_scanned"], 1, "{}", stdout(&o));
    assert_eq!(j["findings"][0]["location"]["path"], "src/lib.rs");
}

/// Discovery starts on a guess of `cargo metadata`'s answer; when cargo
/// says otherwise (here: it rejects a member's version), the scan is the
/// one cargo's answer gives, as if nothing had been guessed.
#[test]
fn a_guess_cargo_contradicts_is_not_kept() {
    let dir = tempfile::tempdir().unwrap();
    let files = |version: &'static str| {
        [
            ("Cargo.toml", "[workspace]\nmembers = [\"crates/*\"]\n"),
            ("crates/a/Cargo.toml", version),
            ("crates/a/src/lib.rs", "pub fn f(x: Option<u8>) -> u8 { x.unwrap() }\n"),
        ]
    };
    write_files(dir.path(), &files("[package]\nname = \"a\"\nversion = \"zzz\"\nedition = \"2021\"\n"));
    let o = sast().current_dir(dir.path()).args(["--format", "json"]).args(UNWRAPS).output().unwrap();
    let j = json(&o);
    let notes = j["notifications"].as_array().unwrap();
    assert!(notes.iter().any(|n| n["kind"] == "cargo-metadata-failed"), "{}", stdout(&o));
    assert_eq!(j["findings"][0]["location"]["path"], "crates/a/src/lib.rs", "{}", stdout(&o));
    // With a version cargo accepts, the guess holds and nothing is said.
    write_files(dir.path(), &files("[package]\nname = \"a\"\nversion = \"1.0.0\"\nedition = \"2021\"\n"));
    let o = sast().current_dir(dir.path()).args(["--format", "json"]).args(UNWRAPS).output().unwrap();
    let j = json(&o);
    assert_eq!(j["notifications"].as_array().map(Vec::len), Some(0), "{}", stdout(&o));
    assert_eq!(j["findings"][0]["location"]["path"], "crates/a/src/lib.rs", "{}", stdout(&o));
}

#[test]
fn empty_directory_exits_0() {
    let dir = tempfile::tempdir().unwrap();
    let o = sast().arg(dir.path()).output().unwrap();
    assert_eq!(o.status.code(), Some(0), "{}{}", stdout(&o), stderr(&o));
    assert!(stdout(&o).contains("No findings"));
}

#[test]
fn missing_path_is_a_usage_error() {
    let o = sast().arg("/definitely/not/here").output().unwrap();
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("no such file or directory"));
}

#[test]
fn config_with_unknown_key_exits_2_naming_file_and_line() {
    let dir = tempfile::tempdir().unwrap();
    write_files(
        dir.path(),
        &[("src/a.rs", "fn f() {}\n"), ("sast.toml", "fail-on = \"high\"\n\n[rule.unwrap-used]\nseverty = \"low\"\n")],
    );
    let o = sast().current_dir(dir.path()).arg(".").output().unwrap();
    assert_eq!(o.status.code(), Some(2));
    let err = stderr(&o);
    assert!(err.contains("sast.toml:4:1"), "{err}");
    assert!(err.contains("rule.unwrap-used.severty"), "{err}");
    assert!(err.contains("did you mean `severity`"), "{err}");
}

#[test]
fn config_in_cargo_metadata_is_read_and_checked() {
    let dir = tempfile::tempdir().unwrap();
    let manifest = "[package]\nname = \"p\"\nversion = \"0.1.0\"\nedition = \"2021\"\n\n[package.metadata.sast]\nextend-select = [\"unwrap-used\"]\nignore = [\"undocumented-unsafe\"]\n";
    write_files(
        dir.path(),
        &[("Cargo.toml", manifest), ("src/lib.rs", "pub fn f(x: Option<u8>) -> u8 { unsafe { g() }; x.unwrap() }\n")],
    );
    let o = sast().current_dir(dir.path()).args(["-f", "json"]).output().unwrap();
    let j = json(&o);
    let rules: Vec<&str> = j["findings"].as_array().unwrap().iter().filter_map(|f| f["rule"].as_str()).collect();
    assert_eq!(rules, ["unwrap-used"], "{}", stdout(&o));

    let bad = "[workspace]\n\n[workspace.metadata.sast]\nfail-on = \"urgent\"\n";
    let dir2 = tempfile::tempdir().unwrap();
    write_files(dir2.path(), &[("Cargo.toml", bad)]);
    let o = sast().current_dir(dir2.path()).output().unwrap();
    assert_eq!(o.status.code(), Some(2), "{}", stdout(&o));
    let err = stderr(&o);
    assert!(err.contains("Cargo.toml:4:11"), "{err}");
    assert!(err.contains("workspace.metadata.sast.fail-on"), "{err}");
}

#[test]
fn invalid_toml_config_exits_2() {
    let dir = tempfile::tempdir().unwrap();
    write_files(dir.path(), &[("src/a.rs", "fn f() {}\n"), ("sast.toml", "select = [\"all\"\n")]);
    let o = sast().current_dir(dir.path()).arg(".").output().unwrap();
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("invalid TOML"), "{}", stderr(&o));
}

#[test]
fn fail_on_and_exit_zero() {
    let dir = tempfile::tempdir().unwrap();
    write_files(dir.path(), &[("lib.rs", "pub fn f(x: Option<u8>) -> u8 { x.unwrap() }\n")]);
    // A medium finding: fails at the default level and at medium, not at high.
    assert_eq!(sast().arg(dir.path()).args(UNWRAPS).output().unwrap().status.code(), Some(1));
    assert_eq!(
        sast().arg(dir.path()).args(UNWRAPS).args(["--fail-on", "medium"]).output().unwrap().status.code(),
        Some(1)
    );
    assert_eq!(
        sast().arg(dir.path()).args(UNWRAPS).args(["--fail-on", "high"]).output().unwrap().status.code(),
        Some(0)
    );
    assert_eq!(sast().arg(dir.path()).args(UNWRAPS).arg("--exit-zero").output().unwrap().status.code(), Some(0));
    // The config's fail-on applies when the flag is absent.
    write_files(dir.path(), &[("sast.toml", "fail-on = \"critical\"\n")]);
    assert_eq!(sast().current_dir(dir.path()).args(UNWRAPS).arg(".").output().unwrap().status.code(), Some(0));
}

#[test]
fn unparsable_and_binary_files_are_reported_and_the_scan_goes_on() {
    let dir = tempfile::tempdir().unwrap();
    write_files(
        dir.path(),
        &[
            ("ok.rs", "pub fn f(x: Option<u8>) -> u8 { x.unwrap() }\n"),
            ("broken.rs", "fn main() {\n    let x = ;\n}\n"),
        ],
    );
    std::fs::write(dir.path().join("binary.rs"), [0xff, 0xfe, 0x00, 0x41]).unwrap();
    let o = sast().arg(dir.path()).args(UNWRAPS).output().unwrap();
    assert_eq!(o.status.code(), Some(1));
    let out = stdout(&o);
    assert!(out.contains("broken.rs:2:13: could not parse"), "{out}");
    assert!(out.contains("binary.rs: file is not valid UTF-8"), "{out}");
    assert!(out.contains("unwrap-used"), "{out}");
    assert!(out.contains("2 not analysed"), "{out}");
    // --strict turns a skipped file into exit 2.
    assert_eq!(sast().arg(dir.path()).arg("--strict").output().unwrap().status.code(), Some(2));
    // SARIF carries them as tool execution notifications.
    let o = sast().arg(dir.path()).args(["-f", "sarif"]).output().unwrap();
    let sarif = json(&o);
    assert_sarif_schema_valid(&sarif);
    let notes = sarif["runs"][0]["invocations"][0]["toolExecutionNotifications"].as_array().unwrap();
    assert_eq!(notes.len(), 2, "{notes:?}");
    let parse = notes.iter().find(|n| n["descriptor"]["id"] == "parse-error").unwrap();
    assert_eq!(parse["locations"][0]["physicalLocation"]["region"]["startLine"], 2);
    assert_eq!(parse["level"], "error");
}

#[test]
fn edition_2015_code_is_scanned_and_a_broken_item_loses_only_itself() {
    let dir = tempfile::tempdir().unwrap();
    // `old` names no edition (2015); `new` is 2021, where a bare trait object is an error.
    let old = "pub trait Hasher {\n    fn write_word(&mut self, usize);\n}\n\n\
               pub type Callback = Fn(&str) + Send + Sync;\n\n\
               pub fn first(v: Option<Box<Callback>>) -> Box<Callback> {\n    v.unwrap()\n}\n";
    let new = "pub type Callback = Fn(&str) + Send + Sync;\n\n\
               pub fn first(v: Option<u8>) -> u8 {\n    v.unwrap()\n}\n";
    write_files(
        dir.path(),
        &[
            ("Cargo.toml", "[workspace]\nmembers = [\"old\", \"new\"]\nresolver = \"2\"\n"),
            ("old/Cargo.toml", "[package]\nname = \"old\"\nversion = \"0.1.0\"\n"),
            ("old/src/lib.rs", old),
            ("new/Cargo.toml", "[package]\nname = \"new\"\nversion = \"0.1.0\"\nedition = \"2021\"\n"),
            ("new/src/lib.rs", new),
        ],
    );
    let o = sast().current_dir(dir.path()).args(["-f", "json"]).args(UNWRAPS).output().unwrap();
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let j = json(&o);
    let found: Vec<(&str, u64)> = j["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| (f["location"]["path"].as_str().unwrap(), f["location"]["start"]["line"].as_u64().unwrap()))
        .collect();
    assert_eq!(found, [("new/src/lib.rs", 4), ("old/src/lib.rs", 8)], "{}", stdout(&o));
    let notes = j["notifications"].as_array().unwrap();
    assert_eq!(notes.len(), 1, "{notes:?}");
    assert_eq!((notes[0]["kind"].as_str(), notes[0]["path"].as_str()), (Some("parse-error"), Some("new/src/lib.rs")));
    assert_eq!((notes[0]["line"].as_u64(), notes[0]["col"].as_u64()), (Some(1), Some(23)));
    assert_eq!((j["summary"]["files_scanned"].as_u64(), j["summary"]["files_partial"].as_u64()), (Some(2), Some(1)));
    let o = sast().current_dir(dir.path()).output().unwrap();
    assert!(stdout(&o).contains("warning: new/src/lib.rs:1:23: could not parse: "), "{}", stdout(&o));
    assert!(stdout(&o).contains("Scanned 2 files, 1 only in part (see warnings above)"), "{}", stdout(&o));
    // A left-out item counts as not analysed under --strict.
    assert_eq!(sast().current_dir(dir.path()).arg("--strict").output().unwrap().status.code(), Some(2));
}

#[test]
fn suppressions_are_counted_kept_in_sarif_and_do_not_fail_the_build() {
    let dir = tempfile::tempdir().unwrap();
    let src = "pub fn f(x: Option<u8>) -> u8 {\n    // sast:allow(unwrap-used): x is Some by construction\n    x.unwrap()\n}\n";
    write_files(dir.path(), &[("lib.rs", src)]);
    let o = sast().arg(dir.path()).args(UNWRAPS).output().unwrap();
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
    assert!(stdout(&o).contains("(1 suppressed)"), "{}", stdout(&o));
    let o = sast().arg(dir.path()).args(UNWRAPS).args(["-f", "sarif"]).output().unwrap();
    let sarif = json(&o);
    let r = &sarif["runs"][0]["results"][0];
    assert_eq!(r["ruleId"], "unwrap-used");
    assert_eq!(r["suppressions"][0]["kind"], "inSource");
    assert_eq!(r["suppressions"][0]["justification"], "x is Some by construction");
    // A suppression without a reason is itself a finding.
    write_files(dir.path(), &[("lib.rs", &src.replace(": x is Some by construction", ""))]);
    let o = sast().arg(dir.path()).args(UNWRAPS).output().unwrap();
    assert_eq!(o.status.code(), Some(1));
    assert!(stdout(&o).contains("suppression without a reason"), "{}", stdout(&o));
}

#[test]
fn select_and_ignore_flags() {
    let dir = tempfile::tempdir().unwrap();
    write_files(
        dir.path(),
        &[("lib.rs", "pub fn f(p: *const u8, x: Option<u8>) -> u8 { x.unwrap() + unsafe { *p } }\n")],
    );
    let j = json(&sast().arg(dir.path()).args(["-f", "json", "--select", "unsafe"]).output().unwrap());
    let rules: Vec<&str> = j["findings"].as_array().unwrap().iter().filter_map(|f| f["rule"].as_str()).collect();
    // A tag selects the rules that are off by default too (`unsafe-code`).
    assert_eq!(rules, ["undocumented-unsafe", "unsafe-code", "raw-pointer-deref"]);
    let j = json(
        &sast()
            .arg(dir.path())
            .args(["-f", "json", "--ignore", "undocumented-unsafe,raw-pointer-deref"])
            .args(UNWRAPS)
            .output()
            .unwrap(),
    );
    let rules: Vec<&str> = j["findings"].as_array().unwrap().iter().filter_map(|f| f["rule"].as_str()).collect();
    assert_eq!(rules, ["unwrap-used"]);
    let o = sast().arg(dir.path()).args(["--select", "unwrap-usd"]).output().unwrap();
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("did you mean `unwrap-used`"));
}

#[test]
fn several_formats_from_one_scan() {
    let dir = tempfile::tempdir().unwrap();
    write_files(dir.path(), &[("lib.rs", "pub fn f(x: Option<u8>) -> u8 { x.unwrap() }\n")]);
    let sarif = dir.path().join("out.sarif");
    let js = dir.path().join("out.json");
    let o = sast()
        .arg(dir.path().join("lib.rs"))
        .args(UNWRAPS)
        .args(["--format", "human", "--output-sarif"])
        .arg(&sarif)
        .arg("--output-json")
        .arg(&js)
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(1));
    assert!(stdout(&o).contains("unwrap-used"));
    let s: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(&sarif).unwrap()).unwrap();
    assert_eq!(s["runs"][0]["results"].as_array().unwrap().len(), 1);
    let j: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(&js).unwrap()).unwrap();
    assert_eq!(j["summary"]["findings"], 1);
    // Two machine formats cannot share stdout.
    let o = sast().arg(dir.path()).args(["-f", "json", "-f", "sarif"]).output().unwrap();
    assert_eq!(o.status.code(), Some(2));
}

#[test]
fn output_file_without_a_format_gets_the_human_report_beside_extra_reports() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    write_files(d, &[("lib.rs", "pub fn f(x: Option<u8>) -> u8 { x.unwrap() }\n")]);
    let o = sast()
        .current_dir(d)
        .args(UNWRAPS)
        .args(["-o", "report.txt", "--output-sarif", "out.sarif", "."])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let report = std::fs::read_to_string(d.join("report.txt")).unwrap();
    assert!(report.contains("unwrap-used") && report.contains("Found 1 finding"), "{report}");
    let s: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(d.join("out.sarif")).unwrap()).unwrap();
    assert_eq!(s["runs"][0]["results"].as_array().unwrap().len(), 1);
    assert!(stdout(&o).is_empty(), "{}", stdout(&o));
    // `-o` with nothing left to hold is an error, not a silent no-op.
    let o =
        sast().current_dir(d).args(["-f", "sarif", "-o", "x.txt", "--output-sarif", "y.sarif", "."]).output().unwrap();
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("--output x.txt: no report left to write there"), "{}", stderr(&o));
    assert!(!d.join("x.txt").exists() && !d.join("y.sarif").exists());
}

#[test]
fn usage_mistakes_get_clear_messages_and_notes_stay_notes() {
    let dir = tempfile::tempdir().unwrap();
    write_files(dir.path(), &[("lib.rs", "pub fn f() {}\n")]);
    for args in [&["-j", "0", "."][..], &["unsafe", "-j", "0", "."]] {
        let o = sast().current_dir(dir.path()).args(args).output().unwrap();
        assert_eq!(o.status.code(), Some(2), "{args:?}");
        assert!(stderr(&o).contains("must be at least 1 (leave out -j to use all cores)"), "{}", stderr(&o));
    }
    let o = sast().current_dir(dir.path()).args(["--baseline", "/nonexistent.toml", "."]).output().unwrap();
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).starts_with("error: baseline file /nonexistent.toml does not exist"), "{}", stderr(&o));
    assert!(!stderr(&o).contains(":1:1"), "{}", stderr(&o));
    // An unreadable baseline is an I/O error, not a configuration error at a made-up position.
    std::fs::create_dir(dir.path().join("dir.toml")).unwrap();
    let o = sast().current_dir(dir.path()).args(["--baseline", "dir.toml", "."]).output().unwrap();
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).starts_with("error: cannot read the baseline file"), "{}", stderr(&o));
    assert!(!stderr(&o).contains("invalid configuration") && !stderr(&o).contains(":1:1"), "{}", stderr(&o));
    // The missing advisory database is a note in every format.
    let ws = audit_ws_copy();
    let human = sast().current_dir(ws.path()).output().unwrap();
    assert!(stdout(&human).contains("note: dependencies were not audited"), "{}", stdout(&human));
    let machine = sast().current_dir(ws.path()).args(["-f", "json"]).output().unwrap();
    assert!(stderr(&machine).contains("note: dependencies were not audited"), "{}", stderr(&machine));
    assert!(!stderr(&machine).contains("warning: dependencies were not audited"), "{}", stderr(&machine));
}

#[test]
fn rules_and_explain() {
    let o = sast().args(["rules"]).output().unwrap();
    assert_eq!(o.status.code(), Some(0));
    let out = stdout(&o);
    assert!(out.contains("unwrap-used") && out.contains("CWE-248") && out.contains("A04:2021"), "{out}");
    // Each rule that is off by default says why.
    let off = out.split("Off by default").nth(1).unwrap_or_default();
    for r in cargo_sast::all_rules().iter().map(|r| r.meta()).filter(|m| !m.default_enabled) {
        assert!(off.lines().any(|l| l.contains(r.id) && l.contains(r.off_reason)), "{}: {out}", r.id);
    }
    let o = sast().args(["explain", "unwrap-used"]).output().unwrap();
    assert_eq!(o.status.code(), Some(0));
    let out = stdout(&o);
    assert!(out.contains("### Why is this bad?") && out.contains("allow-lock-unwrap"), "{out}");
    let m = cargo_sast::all_rules().iter().find(|r| r.meta().id == "indexing-panic").unwrap().meta();
    let o = sast().args(["explain", m.id]).output().unwrap();
    assert!(stdout(&o).contains(&format!("- Enabled by default: no: {}\n", m.off_reason)), "{}", stdout(&o));
    let o = sast().args(["explain", "nope"]).output().unwrap();
    assert_eq!(o.status.code(), Some(2));
}

#[test]
fn unwritable_output_is_an_error() {
    let dir = tempfile::tempdir().unwrap();
    write_files(dir.path(), &[("lib.rs", "fn f() {}\n")]);
    let o = sast().arg(dir.path()).args(["-f", "json", "-o", "/nonexistent-dir/out.json"]).output().unwrap();
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("cannot write /nonexistent-dir/out.json"), "{}", stderr(&o));
}

/// `-o /dev/null`, a FIFO or a symbolic link outside the scanned tree must
/// be written through, never renamed over: as root, replacing `/dev/null`
/// with a regular file breaks every program on the machine that reads it
/// (cargo's own rustc probe did). (Inside the scanned tree a link is never
/// followed: tests/hostile_repository.rs.)
#[cfg(unix)]
#[test]
fn output_to_a_fifo_or_a_symlink_is_written_through_not_replaced() {
    use std::io::Read;
    use std::os::unix::fs::{FileTypeExt, PermissionsExt};
    let dir = tempfile::tempdir().unwrap();
    write_files(dir.path(), &[("scanned/lib.rs", "fn f() {}\n")]);

    let fifo = dir.path().join("report.fifo");
    let made = std::process::Command::new("mkfifo").arg(&fifo).status().unwrap();
    assert!(made.success());
    // Hold a write end so that neither side blocks on open and the reader sees
    // end-of-file only once this handle and the tool's are both closed.
    let hold = std::fs::OpenOptions::new().read(true).write(true).open(&fifo).unwrap();
    let reader = {
        let fifo = fifo.clone();
        std::thread::spawn(move || {
            let mut s = String::new();
            std::fs::File::open(&fifo).unwrap().read_to_string(&mut s).unwrap();
            s
        })
    };
    let o = sast().arg(dir.path().join("scanned/lib.rs")).args(["-f", "json", "-o"]).arg(&fifo).output().unwrap();
    drop(hold);
    let got = reader.join().unwrap();
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(std::fs::symlink_metadata(&fifo).unwrap().file_type().is_fifo(), "the FIFO was replaced");
    let report: serde_json::Value = serde_json::from_str(&got).unwrap_or_else(|e| panic!("{e}: {got:?}"));
    assert!(report["findings"].is_array());

    // A link stays a link; the file it points at gets the report and keeps its mode.
    let real = dir.path().join("real.json");
    std::fs::write(&real, "old").unwrap();
    std::fs::set_permissions(&real, std::fs::Permissions::from_mode(0o640)).unwrap();
    let link = dir.path().join("link.json");
    std::os::unix::fs::symlink(&real, &link).unwrap();
    let o = sast().arg(dir.path().join("scanned/lib.rs")).args(["-f", "json", "-o"]).arg(&link).output().unwrap();
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(std::fs::symlink_metadata(&link).unwrap().file_type().is_symlink(), "the link was replaced");
    let text = std::fs::read_to_string(&real).unwrap();
    assert!(text.contains("\"findings\""), "{text}");
    assert_eq!(std::fs::metadata(&real).unwrap().permissions().mode() & 0o777, 0o640);
    // No temporary file is left behind.
    let stray: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .filter_map(|e| e.ok())
        .filter(|e| e.file_name().to_string_lossy().starts_with(".cargo-sast-"))
        .collect();
    assert!(stray.is_empty(), "{stray:?}");
}

#[test]
fn help_reads_well() {
    let o = sast().arg("--help").output().unwrap();
    assert_eq!(o.status.code(), Some(0));
    let out = stdout(&o);
    for s in ["Usage: cargo sast", "--fail-on", "--format", "sast:allow", "Exit status"] {
        assert!(out.contains(s), "missing {s:?} in --help:\n{out}");
    }
}

#[test]
fn user_taint_models_from_sast_toml() {
    let dir = tempfile::tempdir().unwrap();
    let code = "use axum::extract::Query;\nuse mydb::Db;\n\n#[derive(serde::Deserialize)]\npub struct F { pub name: String }\n\n\
                pub async fn h(db: &Db, Query(q): Query<F>) {\n    db.raw(&format!(\"select * from t where n = '{}'\", q.name)).await;\n}\n";
    let cfg = "[[taint.sink]]\nrule = \"sql-injection\"\nmethods = [\"raw\"]\nreceiver-types = [\"mydb::Db\"]\nwhat = \"a raw query of our database layer\"\n";
    write_files(dir.path(), &[("src/lib.rs", code), ("sast.toml", cfg)]);
    let o = sast().current_dir(dir.path()).args(["-f", "json", "."]).output().unwrap();
    let j = json(&o);
    let f = j["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["rule"] == "sql-injection")
        .unwrap_or_else(|| panic!("{}", stdout(&o)));
    assert_eq!(f["location"]["start"]["line"], 8);
    assert!(f["message"].as_str().unwrap().contains("a raw query of our database layer"));
    // Without the model, `raw` is not a sink.
    std::fs::remove_file(dir.path().join("sast.toml")).unwrap();
    let j = json(&sast().current_dir(dir.path()).args(["-f", "json", "."]).output().unwrap());
    assert!(j["findings"].as_array().unwrap().iter().all(|f| f["rule"] != "sql-injection"));
    // A mistake in a model is a config error with file, line and key.
    write_files(
        dir.path(),
        &[("sast.toml", "[[taint.sink]]\nrule = \"sql-injection\"\nreciever-types = [\"mydb::Db\"]\n")],
    );
    let o = sast().current_dir(dir.path()).arg(".").output().unwrap();
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("sast.toml:3:1"), "{}", stderr(&o));
}
