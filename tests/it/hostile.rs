//! Hostile inputs, each end to end with the real binary: the scanner never
//! crashes, reports what it could not analyse, and keeps going.

use std::path::Path;
use std::process::Stdio;

use crate::common::*;

const UNWRAP: &str = "pub fn f(x: Option<u8>) -> u8 {\n    x.unwrap()\n}\n";

fn scan_json(dir: &Path, extra: &[&str]) -> (serde_json::Value, std::process::Output) {
    let o = sast().current_dir(dir).args(["-f", "json", "."]).args(UNWRAPS).args(extra).output().unwrap();
    assert!(o.status.code().is_some_and(|c| c <= 2), "crashed: {:?}\n{}", o.status, stderr(&o));
    (json(&o), o)
}

fn notes(j: &serde_json::Value) -> Vec<(String, String)> {
    j["notifications"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| (n["kind"].as_str().unwrap_or("").to_string(), n["path"].as_str().unwrap_or("").to_string()))
        .collect()
}

fn finding_paths(j: &serde_json::Value) -> Vec<String> {
    j["findings"].as_array().unwrap().iter().map(|f| f["location"]["path"].as_str().unwrap().to_string()).collect()
}

#[test]
fn deeply_nested_input_is_refused_with_a_notification() {
    let n = 30_000;
    let dir = tempfile::tempdir().unwrap();
    let cases = [
        ("parens.rs", format!("fn f() {{ let x = {}1{}; }}\n", "(".repeat(n), ")".repeat(n))),
        ("blocks.rs", format!("fn f() {}{}\n", "{".repeat(n), "}".repeat(n))),
        ("types.rs", format!("type T = {}u8{};\n", "Vec<".repeat(n), ">".repeat(n))),
        ("macros.rs", format!("fn f() {{ {}{}; }}\n", "m!(".repeat(n), ")".repeat(n))),
        ("unary.rs", format!("fn f() {{ let x = {}true; }}\n", "!".repeat(n))),
        ("chain.rs", format!("fn f() {{ x{}; }}\n", ".m()".repeat(n))),
        ("binary.rs", format!("fn f() {{ let x = {}; }}\n", vec!["a"; n].join(" + "))),
        ("closures.rs", format!("fn f() {{ let c = {}1; }}\n", "|| ".repeat(n))),
    ];
    for (name, text) in &cases {
        std::fs::write(dir.path().join(name), text).unwrap();
    }
    std::fs::write(dir.path().join("ok.rs"), UNWRAP).unwrap();
    let (j, o) = scan_json(dir.path(), &[]);
    assert_eq!(o.status.code(), Some(1));
    let n = notes(&j);
    for (name, _) in &cases {
        assert!(n.iter().any(|(k, p)| k == "too-deeply-nested" && p == name), "{name}: {n:?}");
    }
    // The rest of the scan went on.
    assert_eq!(finding_paths(&j), ["ok.rs"]);
    assert_eq!(j["summary"]["files_skipped"], cases.len());
}

#[test]
fn size_limit_long_lines_empty_files_and_huge_files() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    // Over the limit.
    std::fs::write(d.join("big.rs"), format!("// {}\n{UNWRAP}", "x".repeat(400_000))).unwrap();
    // A very long line with a finding at its end.
    let long = format!("pub fn g(x: Option<u8>) -> u8 {{ let _s = \"{}\"; x.unwrap() }}\n", "y".repeat(200_000));
    std::fs::write(d.join("long.rs"), &long).unwrap();
    std::fs::write(d.join("empty.rs"), "").unwrap();
    let (j, _) = scan_json(d, &["--max-file-size", "300000"]);
    assert!(notes(&j).contains(&("too-large".into(), "big.rs".into())), "{:?}", notes(&j));
    let f = j["findings"].as_array().unwrap().iter().find(|f| f["location"]["path"] == "long.rs").unwrap();
    assert_eq!(f["location"]["start"]["col"].as_u64().unwrap() as usize, long.find("unwrap").unwrap() + 1);
    assert_eq!(j["summary"]["files_scanned"], 2, "empty.rs and long.rs");

    // A single large (4 MB) but ordinary file is scanned.
    let body: String =
        (0..40_000).map(|i| format!("pub fn f{i}(x: Option<u8>) -> u8 {{ x.unwrap_or({}) }}\n", i % 200)).collect();
    std::fs::write(d.join("huge.rs"), body).unwrap();
    let (j, _) = scan_json(d, &["--max-file-size", "10000000"]);
    assert!(!notes(&j).iter().any(|(_, p)| p == "huge.rs"), "{:?}", notes(&j));
    assert_eq!(j["summary"]["files_scanned"], 4);
}

#[test]
fn bom_and_crlf_keep_positions_right() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("bom.rs"), format!("\u{feff}{UNWRAP}")).unwrap();
    std::fs::write(dir.path().join("crlf.rs"), UNWRAP.replace('\n', "\r\n")).unwrap();
    let (j, _) = scan_json(dir.path(), &[]);
    for f in j["findings"].as_array().unwrap() {
        assert_eq!(f["location"]["start"]["line"], 2, "{f}");
        assert_eq!(f["location"]["start"]["col"], 7, "{f}");
        assert_eq!(f["location"]["end"]["col"], 15, "{f}");
    }
    assert_eq!(j["findings"].as_array().unwrap().len(), 2);
    let o = sast().current_dir(dir.path()).args(["-f", "sarif", "."]).args(UNWRAPS).output().unwrap();
    let s = json(&o);
    assert_sarif_schema_valid(&s);
    for r in s["runs"][0]["results"].as_array().unwrap() {
        let region = &r["locations"][0]["physicalLocation"]["region"];
        assert_eq!((region["startLine"].as_u64(), region["startColumn"].as_u64()), (Some(2), Some(7)), "{r}");
    }
}

#[test]
fn binary_non_utf8_fifos_and_directories_named_rs() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::fs::write(d.join("latin1.rs"), b"// caf\xe9\nfn f() {}\n").unwrap();
    std::fs::write(d.join("nul.rs"), b"fn f() {}\0\0\0").unwrap();
    std::fs::create_dir(d.join("dir.rs")).unwrap();
    // A FIFO would block a naive reader forever.
    let fifo = std::process::Command::new("mkfifo").arg(d.join("pipe.rs")).status();
    std::fs::write(d.join("ok.rs"), UNWRAP).unwrap();
    let (j, _) = scan_json(d, &[]);
    let n = notes(&j);
    assert!(n.contains(&("not-utf8".into(), "latin1.rs".into())), "{n:?}");
    assert!(n.contains(&("binary".into(), "nul.rs".into())), "{n:?}");
    assert_eq!(finding_paths(&j), ["ok.rs"]);
    if fifo.is_ok_and(|s| s.success()) {
        assert!(!n.iter().any(|(_, p)| p == "pipe.rs"));
    }
}

#[test]
fn a_file_that_vanishes_during_the_scan_is_reported() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("a.rs"), UNWRAP).unwrap();
    std::fs::write(dir.path().join("gone.rs"), UNWRAP).unwrap();
    // Discover, then delete before the files are read: the race a real
    // scan can hit.
    let disc = cargo_sast::discover(&cargo_sast::DiscoverOptions {
        paths: vec![dir.path().to_path_buf()],
        cwd: dir.path().to_path_buf(),
        follow_links: false,
    });
    std::fs::remove_file(dir.path().join("gone.rs")).unwrap();
    let config = cargo_sast::Config { extend_select: vec!["unwrap-used".into()], ..Default::default() };
    let opts = cargo_sast::ScanOptions {
        config: &config,
        package_configs: &Default::default(),
        cli: &Default::default(),
        jobs: 2,
        limits: Default::default(),
        parse_only: false,
        progress: false,
        category: None,
        cwd: dir.path().to_path_buf(),
        cache_dir: None,
    };
    let o = cargo_sast::run(disc, &opts);
    assert!(
        o.notifications.iter().any(|n| n.kind == "unreadable" && n.path.as_deref() == Some("gone.rs")),
        "{:?}",
        o.notifications
    );
    assert_eq!(o.findings.len(), 1);
    assert_eq!(o.stats.files_skipped, 1);
}

#[cfg(unix)]
#[test]
fn symlinks_are_not_followed_by_default_and_loops_terminate() {
    let dir = tempfile::tempdir().unwrap();
    let outside = tempfile::tempdir().unwrap();
    std::fs::write(outside.path().join("secret.rs"), UNWRAP).unwrap();
    let d = dir.path().join("proj");
    std::fs::create_dir(&d).unwrap();
    std::fs::write(d.join("ok.rs"), UNWRAP).unwrap();
    std::os::unix::fs::symlink(outside.path(), d.join("out")).unwrap();
    std::os::unix::fs::symlink(outside.path().join("secret.rs"), d.join("link.rs")).unwrap();
    std::os::unix::fs::symlink(&d, d.join("loop")).unwrap();
    let (j, _) = scan_json(&d, &[]);
    assert_eq!(finding_paths(&j), ["ok.rs"]);
    // Followed on request, the loop is detected and reported, not walked forever.
    let (j, _) = scan_json(&d, &["--follow-links"]);
    assert!(finding_paths(&j).iter().any(|p| p.ends_with("secret.rs")), "{j}");
    assert!(notes(&j).iter().any(|(k, _)| k == "walk-error"), "{:?}", notes(&j));
}

#[test]
fn spaces_and_non_ascii_in_paths() {
    let dir = tempfile::tempdir().unwrap();
    let sub = dir.path().join("my crate/src/módulo ünïcode");
    std::fs::create_dir_all(&sub).unwrap();
    std::fs::write(sub.join("lib file.rs"), UNWRAP).unwrap();
    let (j, _) = scan_json(dir.path(), &[]);
    assert_eq!(finding_paths(&j), ["my crate/src/módulo ünïcode/lib file.rs"]);
    let o = sast().current_dir(dir.path()).args(["-f", "sarif", "."]).args(UNWRAPS).output().unwrap();
    let s = json(&o);
    assert_sarif_schema_valid(&s);
    let uri =
        s["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"].as_str().unwrap();
    assert_eq!(uri, "my%20crate/src/m%C3%B3dulo%20%C3%BCn%C3%AFcode/lib%20file.rs");
}

#[test]
fn broken_cargo_toml_falls_back_to_walking_and_says_so() {
    let dir = tempfile::tempdir().unwrap();
    write_files(dir.path(), &[("Cargo.toml", "[package\nname = \"x\"\n"), ("src/lib.rs", UNWRAP)]);
    let (j, o) = scan_json(dir.path(), &[]);
    assert_eq!(o.status.code(), Some(1));
    assert!(notes(&j).iter().any(|(k, _)| k == "cargo-metadata-failed"), "{:?}", notes(&j));
    assert_eq!(finding_paths(&j), ["src/lib.rs"]);
    // A workspace whose member is missing: metadata fails too.
    let dir2 = tempfile::tempdir().unwrap();
    write_files(dir2.path(), &[("Cargo.toml", "[workspace]\nmembers = [\"gone\"]\n"), ("tools/x.rs", UNWRAP)]);
    let o = sast().current_dir(dir2.path()).args(["-f", "json"]).args(UNWRAPS).output().unwrap();
    let j = json(&o);
    assert!(notes(&j).iter().any(|(k, _)| k == "cargo-metadata-failed"), "{:?}", notes(&j));
    assert_eq!(finding_paths(&j), ["tools/x.rs"]);
}

#[test]
fn twenty_thousand_tiny_files_under_a_256_descriptor_limit() {
    // Far more files than descriptors: a descriptor kept per file, or per
    // directory entry, fails the scan; every file is counted.
    let dir = tempfile::tempdir().unwrap();
    for i in 0..20 {
        let sub = dir.path().join(format!("d{i:03}"));
        std::fs::create_dir(&sub).unwrap();
        for k in 0..1000 {
            std::fs::write(sub.join(format!("f{k:04}.rs")), if k == 0 { UNWRAP } else { "fn f() {}\n" }).unwrap();
        }
    }
    let o = std::process::Command::new("bash")
        .current_dir(dir.path())
        .env("CARGO_HOME", NO_CARGO_HOME)
        .args([
            "-c",
            r#"ulimit -n 256 && exec "$0" -f json --extend-select unwrap-used ."#,
            env!("CARGO_BIN_EXE_cargo-sast"),
        ])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let j = json(&o);
    assert_eq!(j["summary"]["files_scanned"], 20_000);
    assert_eq!(j["findings"].as_array().unwrap().len(), 20);
}

#[test]
fn closed_stdout_exits_quietly() {
    let demo = demo_copy();
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_cargo-sast"))
        .current_dir(demo.path())
        .env_remove("CARGO")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // The reader goes away at once, like `cargo sast | head -0`.
    drop(child.stdout.take());
    let out = child.wait_with_output().unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(!err.contains("panicked") && !err.contains("Broken pipe"), "{err}");
    assert!(out.status.code().is_some_and(|c| c == 0 || c == 1), "{:?}", out.status);
}

#[test]
fn a_full_disk_is_a_clear_error() {
    let Ok(full) = std::fs::OpenOptions::new().write(true).open("/dev/full") else { return };
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("a.rs"), UNWRAP).unwrap();
    let o = std::process::Command::new(env!("CARGO_BIN_EXE_cargo-sast"))
        .current_dir(dir.path())
        .env_remove("CARGO")
        .args(["-f", "json", "."])
        .stdout(full)
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("cannot write to stdout"), "{}", stderr(&o));
}

#[test]
fn a_killed_run_never_leaves_a_partial_report() {
    let dir = tempfile::tempdir().unwrap();
    for i in 0..300 {
        std::fs::write(dir.path().join(format!("f{i}.rs")), UNWRAP.repeat(20).replace("fn f", &format!("fn f{i}_")))
            .unwrap();
    }
    let out = dir.path().join("report.sarif");
    std::fs::write(&out, "previous complete report").unwrap();
    for delay_ms in [0u64, 30, 80, 200] {
        let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_cargo-sast"))
            .current_dir(dir.path())
            .env_remove("CARGO")
            .args(UNWRAPS)
            .args(["-f", "sarif", "-o"])
            .arg(&out)
            .arg(".")
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(std::time::Duration::from_millis(delay_ms));
        let _ = child.kill();
        let _ = child.wait();
        let text = std::fs::read_to_string(&out).unwrap();
        assert!(
            text == "previous complete report" || serde_json::from_str::<serde_json::Value>(&text).is_ok(),
            "partial report after {delay_ms} ms"
        );
        let temps = std::fs::read_dir(dir.path())
            .unwrap()
            .filter_map(Result::ok)
            .filter(|e| e.file_name().to_string_lossy().ends_with(".tmp"))
            .count();
        let _ = temps; // a kill can leave a temp file beside the report; the report itself is whole
    }
}

#[test]
fn output_is_deterministic_on_a_larger_generated_tree() {
    let dir = tempfile::tempdir().unwrap();
    for i in 0..150 {
        let body = format!(
            "pub fn a{i}(x: Option<u8>, p: *const u8) -> u8 {{\n    let v = x.unwrap();\n    v + unsafe {{ *p }}\n}}\n\
             pub async fn h{i}(axum::extract::Query(q): axum::extract::Query<String>) -> bool {{\n    std::process::Command::new(&q).status().is_ok()\n}}\n"
        );
        std::fs::write(dir.path().join(format!("m{}_{i}.rs", i % 7)), body).unwrap();
    }
    for fmt in ["json", "sarif"] {
        let runs: Vec<Vec<u8>> = [1, 2, 2, 1]
            .iter()
            .map(|j| {
                sast().current_dir(dir.path()).args(["-f", fmt, "-j", &j.to_string(), "."]).output().unwrap().stdout
            })
            .collect();
        assert!(runs.windows(2).all(|w| w[0] == w[1]), "{fmt} output differs between runs or job counts");
        assert!(runs[0].len() > 10_000);
    }
}
