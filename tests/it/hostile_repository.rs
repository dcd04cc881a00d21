//! A hostile pull request (issue 18): each attack a repository could make
//! on the CI job that scans it, reproduced with a marker file or a secret
//! planted in the environment, and shown to fail. Plus `--untrusted-repo`,
//! report file modes and stale temporary files (issue 19, item 6).

#![cfg(unix)]

use std::os::unix::fs::{PermissionsExt, symlink};
use std::path::Path;
use std::process::{Command as StdCommand, Output, Stdio};
use std::time::Duration;

use crate::common::*;

pub(crate) const UNWRAP: &str = "pub fn f(x: Option<u8>) -> u8 {\n    x.unwrap()\n}\n";

/// A value no output may contain: unique per call.
pub(crate) fn planted() -> String {
    let nanos = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().subsec_nanos();
    format!("PLANTED-{}-{nanos:x}-SECRET", std::process::id())
}

pub(crate) fn all_output(o: &Output) -> String {
    format!("{}{}", stdout(o), stderr(o))
}

/// A git repository holding these files (so its root is the boundary).
pub(crate) fn repo(files: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    git(dir.path(), &["init", "-q", "-b", "main"]);
    write_files(dir.path(), files);
    dir
}

/// Run with a watchdog: a hang is a failure, not a stuck test run. (A
/// guard against hanging forever, not a timing: benches/hostile.sh times.)
pub(crate) fn run_bounded(mut cmd: StdCommand, what: &str) -> Output {
    let child = cmd.stdout(Stdio::piped()).stderr(Stdio::piped()).spawn().unwrap();
    let id = child.id();
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let _ = tx.send(child.wait_with_output());
    });
    match rx.recv_timeout(Duration::from_secs(300)) {
        Ok(out) => out.unwrap(),
        Err(_) => {
            let _ = StdCommand::new("kill").args(["-9", &id.to_string()]).status();
            panic!("{what}: cargo-sast hung");
        }
    }
}

pub(crate) fn bin(dir: &Path) -> StdCommand {
    let mut c = StdCommand::new(env!("CARGO_BIN_EXE_cargo-sast"));
    c.current_dir(dir).env_remove("CARGO").env_remove("NO_COLOR").env("CARGO_HOME", NO_CARGO_HOME);
    c
}

// ---------------------------------------------------------------------------
// 1. The environment (or a credentials file) echoed through config.

#[test]
fn attack_1_config_cannot_make_errors_quote_files_outside_the_repository() {
    let secret = planted();
    let outside = tempfile::tempdir().unwrap();
    let creds = outside.path().join(".git-credentials");
    std::fs::write(&creds, format!("https://user:{secret}@github.com\n")).unwrap();
    // A TOML file whose first line an error frame would show.
    let toml = outside.path().join("credentials.toml");
    std::fs::write(&toml, format!("token = \"{secret}\"\n")).unwrap();
    let creds_s = creds.display().to_string();
    let toml_s = toml.display().to_string();
    let package = "[package]\nname = \"app\"\nversion = \"0.1.0\"\nedition = \"2021\"\n";
    let trusted = outside.path().join("trusted.toml");
    std::fs::write(&trusted, "fail-on = \"low\"\n").unwrap();

    // (what, files, links (name → target), extra args)
    type Case<'a> = (&'a str, Vec<(&'a str, String)>, Vec<(&'a str, &'a str)>, Vec<String>);
    let cases: Vec<Case> = vec![
        (
            "baseline = /proc/self/environ",
            vec![("sast.toml", "baseline = \"/proc/self/environ\"\n".into())],
            vec![],
            vec![],
        ),
        (
            "baseline through a link",
            vec![("sast.toml", "baseline = \"creds.toml\"\n".into())],
            vec![("creds.toml", &creds_s)],
            vec![],
        ),
        (
            "baseline ../ out",
            vec![("sast.toml", format!("baseline = \"../../../../../..{creds_s}\"\n"))],
            vec![],
            vec![],
        ),
        ("sast.toml is a link", vec![], vec![("sast.toml", &toml_s)], vec![]),
        (
            "the default baseline is a link",
            vec![("Cargo.toml", package.into()), ("src/lib.rs", UNWRAP.into())],
            vec![("sast-baseline.toml", &creds_s)],
            vec![],
        ),
        ("advisory-db outside", vec![("sast.toml", "[audit]\nadvisory-db = \"/proc/self\"\n".into())], vec![], vec![]),
        (
            "package metadata under a trusted --config",
            vec![
                ("Cargo.toml", format!("{package}\n[package.metadata.sast]\nbaseline = \"/proc/self/environ\"\n")),
                ("src/lib.rs", UNWRAP.into()),
            ],
            vec![],
            vec!["--config".into(), trusted.display().to_string()],
        ),
        (
            "Cargo.toml metadata baseline through a link",
            vec![
                ("Cargo.toml", format!("{package}\n[package.metadata.sast]\nbaseline = \"b.toml\"\n")),
                ("src/lib.rs", UNWRAP.into()),
            ],
            vec![("b.toml", &toml_s)],
            vec![],
        ),
    ];
    for (what, files, links, args) in cases {
        let refs: Vec<(&str, &str)> = files.iter().map(|(p, c)| (*p, c.as_str())).collect();
        let dir = repo(&refs);
        if !files.iter().any(|(p, _)| p.ends_with(".rs")) {
            write_files(dir.path(), &[("lib.rs", UNWRAP)]);
        }
        for (name, target) in links {
            symlink(target, dir.path().join(name)).unwrap();
        }
        let mut c = bin(dir.path());
        c.env("PLANTED_TOKEN", &secret).args(&args).args(["-f", "json"]);
        let o = run_bounded(c, what);
        let out = all_output(&o);
        assert!(!out.contains(&secret), "{what}: the planted secret leaked:\n{out}");
        assert!(!out.contains("PLANTED_TOKEN"), "{what}: the environment leaked:\n{out}");
        assert_eq!(o.status.code(), Some(2), "{what}: the path was not refused:\n{out}");
        assert!(out.contains("outside the repository"), "{what}: {out}");
    }
}

#[test]
fn attack_1_baseline_errors_name_a_line_but_never_show_it() {
    let secret = planted();
    let dir = repo(&[("lib.rs", UNWRAP), ("b.toml", &format!("version = 1\n[[finding]]\nrule = \"{secret}\n"))]);
    let o = run_bounded(
        {
            let mut c = bin(dir.path());
            c.args(["--baseline", "b.toml", "."]);
            c
        },
        "broken baseline",
    );
    assert_eq!(o.status.code(), Some(2));
    let err = stderr(&o);
    assert!(err.contains("b.toml:"), "{err}");
    assert!(!err.contains(&secret), "{err}");
}

#[test]
fn attack_1_a_workspace_member_linked_outside_is_not_read() {
    let secret = planted();
    let outside = tempfile::tempdir().unwrap();
    write_files(
        outside.path(),
        &[
            ("Cargo.toml", "[package]\nname = \"other\"\nversion = \"0.1.0\"\nedition = \"2021\"\n"),
            (
                "src/lib.rs",
                &format!("// {secret}\npub fn outside_only_fn(x: Option<u8>) -> u8 {{\n    x.unwrap()\n}}\n"),
            ),
        ],
    );
    let dir = repo(&[
        ("Cargo.toml", "[workspace]\nmembers = [\"app\", \"member\"]\nresolver = \"2\"\n"),
        ("app/Cargo.toml", "[package]\nname = \"app\"\nversion = \"0.1.0\"\nedition = \"2021\"\n"),
        ("app/src/lib.rs", UNWRAP),
    ]);
    symlink(outside.path(), dir.path().join("member")).unwrap();
    let o = run_bounded(
        {
            let mut c = bin(dir.path());
            c.args(["-f", "sarif", "--no-cache"]).args(UNWRAPS);
            c
        },
        "member outside",
    );
    let out = all_output(&o);
    assert_eq!(o.status.code(), Some(1), "{out}");
    assert!(
        !out.contains(&secret) && !out.contains("outside_only_fn") && !out.contains("member/src/lib.rs"),
        "a file outside the repository was read:\n{out}"
    );
    assert!(out.contains("app/src/lib.rs") && out.contains("workspace member `other` not scanned"), "{out}");
}

// ---------------------------------------------------------------------------
// 2. Writes outside the checkout through committed links.

#[test]
fn attack_2_no_write_follows_a_link_planted_in_the_checkout() {
    let outside = tempfile::tempdir().unwrap();
    let o_path = outside.path();
    std::fs::write(o_path.join("authorized_keys"), "ssh-ed25519 KEEP\n").unwrap();
    std::fs::write(o_path.join("tool"), "#!/bin/sh\n# KEEP\n").unwrap();
    std::fs::create_dir(o_path.join("target")).unwrap();
    let dir = repo(&[
        ("Cargo.toml", "[package]\nname = \"app\"\nversion = \"0.1.0\"\nedition = \"2021\"\n"),
        ("src/lib.rs", UNWRAP),
    ]);
    let d = dir.path();
    symlink(o_path.join("authorized_keys"), d.join("cargo-sast.sarif")).unwrap();
    symlink(o_path.join("tool"), d.join("report.txt")).unwrap();
    symlink(o_path, d.join("reports")).unwrap();
    symlink(o_path.join("target"), d.join("target")).unwrap();

    let o = run_bounded(
        {
            let mut c = bin(d);
            c.args(["-f", "human", "-o", "report.txt", "--output-sarif", "cargo-sast.sarif"]).args(UNWRAPS);
            c
        },
        "reports over links",
    );
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert_eq!(std::fs::read_to_string(o_path.join("authorized_keys")).unwrap(), "ssh-ed25519 KEEP\n");
    assert_eq!(std::fs::read_to_string(o_path.join("tool")).unwrap(), "#!/bin/sh\n# KEEP\n");
    // The links were replaced by the reports, in the checkout.
    for f in ["cargo-sast.sarif", "report.txt"] {
        assert!(std::fs::symlink_metadata(d.join(f)).unwrap().is_file(), "{f}");
    }
    let sarif: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(d.join("cargo-sast.sarif")).unwrap()).unwrap();
    assert_eq!(sarif["version"], "2.1.0");
    // The cache did not follow `target -> outside`.
    assert!(std::fs::read_dir(o_path.join("target")).unwrap().next().is_none(), "the cache went outside");

    // A link in a directory of the output path is an error, not followed.
    let o = run_bounded(
        {
            let mut c = bin(d);
            c.args(["-f", "json", "-o", "reports/x.json"]);
            c
        },
        "report under a linked directory",
    );
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("symbolic link inside the scanned repository"), "{}", stderr(&o));
    assert!(!o_path.join("x.json").exists());

    // Links inside an existing cache directory are not written through either.
    let dir2 = repo(&[
        ("Cargo.toml", "[package]\nname = \"app\"\nversion = \"0.1.0\"\nedition = \"2021\"\n"),
        ("src/lib.rs", UNWRAP),
    ]);
    let cache = dir2.path().join("target/sast-cache");
    std::fs::create_dir_all(&cache).unwrap();
    symlink(o_path.join("authorized_keys"), cache.join(".gitignore")).unwrap();
    symlink(o_path.join("tool"), cache.join("CACHEDIR.TAG")).unwrap();
    let o = run_bounded(
        {
            let mut c = bin(dir2.path());
            c.args(UNWRAPS);
            c
        },
        "cache with links",
    );
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert_eq!(std::fs::read_to_string(o_path.join("authorized_keys")).unwrap(), "ssh-ed25519 KEEP\n");
    assert_eq!(std::fs::read_to_string(o_path.join("tool")).unwrap(), "#!/bin/sh\n# KEEP\n");
    assert!(std::fs::read_dir(&cache).unwrap().any(|e| e.unwrap().file_name().to_string_lossy().starts_with("facts-")));

    // Devices named on the command line keep working.
    let o = run_bounded(
        {
            let mut c = bin(d);
            c.args(["-f", "json", "-o", "/dev/null"]).args(UNWRAPS);
            c
        },
        "/dev/null",
    );
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    use std::os::unix::fs::FileTypeExt;
    assert!(std::fs::metadata("/dev/null").unwrap().file_type().is_char_device());
}

// ---------------------------------------------------------------------------
// 3. `--diff` must not run the repository's git filters or drivers.

#[test]
fn attack_3_diff_mode_runs_no_filter_or_driver_the_repository_configures() {
    let dir = repo(&[("lib.rs", "pub fn keep() {}\n"), ("old.rs", UNWRAP)]);
    let d = dir.path();
    git(d, &["add", "."]);
    git(d, &["commit", "-q", "-m", "base"]);
    // The pull request: attributes naming drivers, the drivers in .git/config.
    let mark = |name: &str| format!("sh -c 'touch \"{}/MARKER_{name}\"; cat'", d.display());
    write_files(d, &[(".gitattributes", "*.rs filter=evil diff=evil\n")]);
    for (key, value) in [
        ("filter.evil.clean", mark("clean")),
        ("filter.evil.smudge", mark("smudge")),
        ("filter.evil.process", mark("process")),
        ("diff.evil.textconv", mark("textconv")),
        ("diff.evil.command", mark("diff_command")),
        ("core.fsmonitor", mark("fsmonitor")),
    ] {
        git(d, &["config", key, &value]);
    }
    write_files(
        d,
        &[("lib.rs", &format!("pub fn keep() {{}}\n{}", UNWRAP.replace("fn f", "fn added"))), ("new.rs", UNWRAP)],
    );
    let o = run_bounded(
        {
            let mut c = bin(d);
            c.args(["-f", "json", "--diff", "main", "."]).args(UNWRAPS);
            c
        },
        "diff",
    );
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert!(markers(d).is_empty(), "a repository-configured program ran: {:?}", markers(d));
    let j = json(&o);
    let mut paths: Vec<(String, u64)> = j["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            (f["location"]["path"].as_str().unwrap().to_string(), f["location"]["start"]["line"].as_u64().unwrap())
        })
        .collect();
    paths.sort();
    assert_eq!(paths, [("lib.rs".to_string(), 3), ("new.rs".to_string(), 2)], "{j}");
    // The trap is real: `git diff` itself runs the clean filter.
    let _ = StdCommand::new("git").current_dir(d).args(["diff", "main", "--", "lib.rs"]).output().unwrap();
    assert!(!markers(d).is_empty(), "the filter trap did not fire; this test would prove nothing");
}

// ---------------------------------------------------------------------------
// 4. Terminal and CI log injection.

/// No raw control characters, and no line a CI runner would take for a
/// workflow command. `machine`: JSON, which escapes C0 controls but may
/// carry other characters as they are (it is data, not a terminal's).
fn assert_log_safe(what: &str, bytes: &[u8], github_format: bool, machine: bool) {
    for bad in [0x1bu8, b'\r', 0x07] {
        assert!(!bytes.contains(&bad), "{what}: raw control byte {bad:#x} in:\n{}", String::from_utf8_lossy(bytes));
    }
    let text = String::from_utf8_lossy(bytes);
    if !machine {
        for c in ['\u{9b}', '\u{202e}', '\u{2028}'] {
            assert!(!text.contains(c), "{what}: raw {c:?} in:\n{text}");
        }
    }
    for line in text.lines() {
        let t = line.trim_start();
        if !t.starts_with("::") {
            continue;
        }
        // Only our own annotations may start a line with `::`.
        let ours = github_format
            && [
                "::error file=",
                "::warning file=",
                "::notice file=",
                "::warning title=cargo-sast::",
                "::notice title=cargo-sast::",
            ]
            .iter()
            .any(|p| t.starts_with(p));
        assert!(ours, "{what}: a line starts a workflow command: {line:?}");
    }
    assert!(!text.contains("\n::add-mask::") && !text.starts_with("::add-mask::"), "{what}");
}

#[test]
fn attack_4_names_and_literals_cannot_inject_into_a_terminal_or_ci_log() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    // A file name with a line break, a workflow command and an OSC title sequence.
    let hostile_name = "x\n::add-mask::INJECTED\u{1b}]0;pwned\u{7}\r.rs";
    std::fs::write(d.join(hostile_name), UNWRAP).unwrap();
    // Literals whose value (quoted in messages) holds the same, and raw
    // control bytes in a comment beside a finding.
    std::fs::write(
        d.join("lit.rs"),
        "pub fn g(x: Option<u8>) -> u8 {\n    let _ = std::fs::File::create(\"/tmp/a\\n::error::INJECTED\\r\\x1b[2J\\u{202e}.lock\");\n    x.unwrap() // \u{1b}[2J\u{1b}]0;title\u{7} \u{9b}31m\n}\n",
    )
    .unwrap();
    // An unparsable file with a hostile name: a warning on stderr.
    std::fs::write(d.join("bad\n::warning::INJECTED.rs"), "fn (\n").unwrap();
    for fmt in ["human", "json", "sarif", "github", "gitlab"] {
        let o = run_bounded(
            {
                let mut c = bin(d);
                c.args(["-f", fmt, "--color", "never", "."]).args(UNWRAPS);
                c
            },
            fmt,
        );
        assert_eq!(o.status.code(), Some(1), "{fmt}: {}", stderr(&o));
        let machine = matches!(fmt, "json" | "sarif" | "gitlab");
        assert_log_safe(&format!("{fmt} stdout"), &o.stdout, fmt == "github", machine);
        assert_log_safe(&format!("{fmt} stderr"), &o.stderr, false, false);
        let out = stdout(&o);
        // The findings are still there, with the names shown as escapes.
        if fmt == "human" {
            assert!(out.contains("x\\n::add-mask::INJECTED\\u{1b}]0;pwned\\u{7}\\r.rs"), "{out}");
            assert!(out.contains("predictable-temp-file"), "{out}");
        }
    }
}

// ---------------------------------------------------------------------------
// 5. Secrets printed in full by other rules, in excerpts and in the cache.

#[test]
fn attack_5_a_secret_is_masked_whatever_rule_reports_it_and_in_the_cache() {
    let token = "ghp_Zq7Lm2Xw9Rt4Yp8Kd3Vn6Bs1Hf5Jc0Ga2UeX";
    let in_comment = "ghp_Wm4Kx8Rt2Lp6Yn9Vb3Qd7Hs1Fj5Gc0Ea8TuY";
    assert_eq!((token.len(), in_comment.len()), (40, 40));
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path().join("ws");
    std::fs::create_dir(&d).unwrap();
    write_files(
        &d,
        &[(
            "lib.rs",
            &format!(
                "pub fn f(x: Option<u8>) -> u8 {{\n    let _ = std::fs::File::create(\"/tmp/{token}.lock\");\n    x.unwrap() // deploy key {in_comment}\n}}\n"
            ),
        )],
    );
    let cache = dir.path().join("cache");
    let mut rules_seen = Vec::new();
    for fmt in ["human", "json", "sarif", "github", "gitlab"] {
        let o = run_bounded(
            {
                let mut c = bin(&d);
                c.args(["-f", fmt, "--select", "all", "--cache-dir"]).arg(&cache).arg(".");
                c
            },
            fmt,
        );
        let out = all_output(&o);
        assert_eq!(o.status.code(), Some(1), "{fmt}: {out}");
        assert!(!out.contains(token) && !out.contains(in_comment), "{fmt}: a secret printed in full:\n{out}");
        assert!(!out.contains(&token[8..]) && !out.contains(&in_comment[8..]), "{fmt}: most of a secret shown:\n{out}");
        if fmt == "json" {
            let j = json(&o);
            rules_seen =
                j["findings"].as_array().unwrap().iter().map(|f| f["rule"].as_str().unwrap().to_string()).collect();
        }
    }
    for rule in ["predictable-temp-file", "hardcoded-secret", "unwrap-used"] {
        assert!(rules_seen.iter().any(|r| r == rule), "{rule} did not report: {rules_seen:?}");
    }
    // Nothing in the cache holds them either.
    let mut cached = 0;
    for e in walkdir::WalkDir::new(&cache).into_iter().filter_map(Result::ok).filter(|e| e.file_type().is_file()) {
        let bytes = std::fs::read(e.path()).unwrap();
        cached += bytes.len();
        for s in [token, in_comment] {
            assert!(!bytes.windows(s.len()).any(|w| w == s.as_bytes()), "{} holds a secret", e.path().display());
        }
    }
    assert!(cached > 1000, "nothing was cached");
}

// ---------------------------------------------------------------------------
// 6. A NUL byte must not hide a file.

#[test]
fn attack_6_control_bytes_in_comments_do_not_hide_a_file_and_binary_files_are_counted() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::fs::write(
        d.join("main.rs"),
        b"pub fn f(x: Option<u8>) -> u8 {\n    // NUL \0 and ESC \x1b here\n    let _s = \"\0\";\n    x.unwrap()\n}\n",
    )
    .unwrap();
    std::fs::write(d.join("blob.rs"), b"\x7fELF\0\0\0\x02\x01garbage{{{\0").unwrap();
    std::fs::write(d.join(".env"), b"A=\0\xff\nAWS_ACCESS_KEY_ID=AKIA4QWERTYUIOPA7XZQ\n").unwrap();
    let o = run_bounded(
        {
            let mut c = bin(d);
            c.args(["-f", "json", "."]).args(UNWRAPS);
            c
        },
        "nul",
    );
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let j = json(&o);
    let found: Vec<(&str, &str)> = j["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| (f["location"]["path"].as_str().unwrap(), f["rule"].as_str().unwrap()))
        .collect();
    assert!(found.contains(&("main.rs", "unwrap-used")), "{found:?}");
    assert!(found.contains(&(".env", "hardcoded-secret")), "{found:?}");
    let notes = j["notifications"].as_array().unwrap();
    assert!(notes.iter().any(|n| n["kind"] == "binary" && n["path"] == "blob.rs"), "{notes:?}");
    assert!(!notes.iter().any(|n| n["path"] == "main.rs"), "{notes:?}");
    assert_eq!(j["summary"]["files_skipped"], 1);
    // A reviewer sees it in the summary line.
    let o = run_bounded(
        {
            let mut c = bin(d);
            c.arg(".");
            c
        },
        "nul human",
    );
    assert!(stdout(&o).contains("1 not analysed"), "{}", stdout(&o));
}

// ---------------------------------------------------------------------------
// 7. Denial of service: FIFOs, devices and thousands of findings on a line.

#[test]
fn attack_7_fifos_and_devices_are_refused_without_hanging() {
    // In the advisory database.
    let ws = audit_ws_copy();
    let db = tempfile::tempdir().unwrap();
    copy_tree(&fixture_db(), db.path());
    let crate_dir = std::fs::read_dir(db.path().join("crates")).unwrap().next().unwrap().unwrap().path();
    assert!(StdCommand::new("mkfifo").arg(crate_dir.join("RUSTSEC-2099-0001.md")).status().unwrap().success());
    symlink("/dev/zero", crate_dir.join("RUSTSEC-2099-0002.md")).unwrap();
    let o = run_bounded(
        {
            let mut c = bin(ws.path());
            c.args(["audit", "-f", "json", "--advisory-db"]).arg(db.path());
            c
        },
        "advisory db",
    );
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let j = json(&o);
    let unreadable: Vec<&str> = j["notifications"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|n| n["kind"] == "advisory-unreadable")
        .map(|n| n["message"].as_str().unwrap())
        .collect();
    assert!(unreadable.iter().any(|m| m.contains("0001") && m.contains("FIFO")), "{unreadable:?}");
    assert!(unreadable.iter().any(|m| m.contains("0002") && m.contains("character device")), "{unreadable:?}");
    assert!(!j["findings"].as_array().unwrap().is_empty(), "the audit did not go on");

    // As the config, the lock file and the default baseline.
    for name in ["sast.toml", "Cargo.lock", "sast-baseline.toml"] {
        let dir = repo(&[
            ("Cargo.toml", "[package]\nname = \"app\"\nversion = \"0.1.0\"\nedition = \"2021\"\n"),
            ("src/lib.rs", UNWRAP),
        ]);
        assert!(StdCommand::new("mkfifo").arg(dir.path().join(name)).status().unwrap().success());
        let o = run_bounded(
            {
                let mut c = bin(dir.path());
                c.args(["-f", "json", "--advisory-db"]).arg(fixture_db()).args(UNWRAPS);
                c
            },
            name,
        );
        assert!(matches!(o.status.code(), Some(1) | Some(2)), "{name}: {:?} {}", o.status, stderr(&o));
    }
}

#[test]
fn attack_7_thousands_of_secrets_on_one_line_are_all_reported_and_masked() {
    let tokens: Vec<String> = (0..4000).map(|i| format!("ghp_{i:08}Q7vL2xN8mK4pR9wT3yB6cH1dJ5fG")).collect();
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::fs::write(d.join(".env"), format!("TOKENS={}\n", tokens.join(" "))).unwrap();
    let lits: Vec<String> = tokens.iter().map(|t| format!("\"{t}\"")).collect();
    std::fs::write(d.join("lib.rs"), format!("pub const T: &[&str] = &[{}];\n", lits.join(", "))).unwrap();
    // (Timing is shown by benches/hostile.sh; this checks the result.)
    let o = run_bounded(
        {
            let mut c = bin(d);
            c.args(["-f", "json", "--no-cache", "."]);
            c
        },
        "4,000 tokens",
    );
    assert_eq!(o.status.code(), Some(1));
    let j = json(&o);
    let findings = j["findings"].as_array().unwrap();
    for path in [".env", "lib.rs"] {
        let n = findings.iter().filter(|f| f["location"]["path"] == path).count();
        assert!(n >= 3900, "{path}: {n} findings");
    }
    let out = stdout(&o);
    assert!(!tokens.iter().any(|t| out.contains(&t[4..])), "a token printed in full");
}

// ---------------------------------------------------------------------------
// 8. `cargo sast` inside a hostile checkout is the checkout's program.

#[test]
fn attack_8_the_ci_recipes_install_outside_the_checkout_and_call_cargo_sast_directly() {
    let readme = std::fs::read_to_string(root().join("README.md")).unwrap();
    let gh = std::fs::read_to_string(root().join("examples/ci/github-code-scanning.yml")).unwrap();
    let install = gh.find("cargo install").unwrap();
    assert!(install < gh.find("actions/checkout").unwrap(), "installed after the checkout");
    let gl = std::fs::read_to_string(root().join("examples/ci/gitlab-ci.yml")).unwrap();
    assert!(gl.contains("(cd / && cargo install"), "GitLab installs inside the checkout");
    for (name, text) in [("github", &gh), ("gitlab", &gl)] {
        for line in text.lines().filter(|l| !l.trim_start().starts_with('#')) {
            assert!(!line.contains("cargo sast"), "{name}: `cargo sast` in CI: {line}");
        }
        assert!(text.contains("--untrusted-repo"), "{name}");
    }
    assert!(readme.contains("rust-toolchain.toml") && readme.contains("alias"), "the README does not say why");

    // Why: in a checkout with an alias, `cargo sast` runs the checkout's program.
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let root_s = d.display().to_string();
    write_files(
        d,
        &[
            ("Cargo.toml", "[package]\nname = \"app\"\nversion = \"0.1.0\"\nedition = \"2021\"\n"),
            ("src/lib.rs", UNWRAP),
            (
                ".cargo/config.toml",
                &format!("[alias]\nsast = \"check\"\n[build]\nrustc-wrapper = \"{root_s}/evil.sh\"\n"),
            ),
            ("evil.sh", &format!("#!/bin/sh\ntouch \"{root_s}/MARKER_alias\"\nexit 1\n")),
        ],
    );
    std::fs::set_permissions(d.join("evil.sh"), std::fs::Permissions::from_mode(0o755)).unwrap();
    // The installed binary, called directly: nothing runs.
    let o = run_bounded(
        {
            let mut c = bin(d);
            c.args(UNWRAPS);
            c
        },
        "cargo-sast in the checkout",
    );
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert!(markers(d).is_empty(), "{:?}", markers(d));
    // `cargo sast` there: the alias wins.
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let _ = StdCommand::new(cargo)
        .arg("sast")
        .current_dir(d)
        .env_remove("RUSTC_WRAPPER")
        .env("CARGO_TARGET_DIR", d.join("target"))
        .output();
    assert!(!markers(d).is_empty(), "the alias trap did not fire; this test would prove nothing");
}

// ---------------------------------------------------------------------------
// `--untrusted-repo`: nothing in the repository weakens the scan.
