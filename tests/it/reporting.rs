//! CI-grade reporting: fingerprints, columns, baselines, diff mode, GitHub
//! and GitLab formats, SARIF validity.

use std::path::Path;

use crate::common::*;

const UNWRAP: &str = "pub fn f(x: Option<u8>) -> u8 {\n    x.unwrap()\n}\n";

fn findings(dir: &Path, extra: &[&str]) -> serde_json::Value {
    let o = sast().current_dir(dir).args(["-f", "json", "."]).args(UNWRAPS).args(extra).output().unwrap();
    assert!(o.status.code().is_some_and(|c| c < 2), "{}", stderr(&o));
    json(&o)
}

/// The SARIF log of a scan of `dir`, checked against the schema and
/// GitHub's ingestion rules.
fn sarif(dir: &Path, extra: &[&str]) -> serde_json::Value {
    let v = sarif_of(dir, extra);
    assert_sarif_schema_valid(&v);
    v
}

/// The SARIF log of a scan of `dir`, checked against the schema only: for
/// a second log of a shape `sarif` already sent through GitHub's rules in
/// the same test (each run of the validator takes ~3 s).
fn sarif_log(dir: &Path, extra: &[&str]) -> serde_json::Value {
    let v = sarif_of(dir, extra);
    assert_sarif_matches_schema(&v);
    v
}

fn sarif_of(dir: &Path, extra: &[&str]) -> serde_json::Value {
    let o = sast().current_dir(dir).args(["-f", "sarif", "."]).args(UNWRAPS).args(extra).output().unwrap();
    assert!(o.status.code().is_some_and(|c| c < 2), "{}", stderr(&o));
    json(&o)
}

#[test]
fn fingerprints_survive_lines_inserted_above() {
    let dir = tempfile::tempdir().unwrap();
    write_files(dir.path(), &[("lib.rs", UNWRAP)]);
    let before = sarif(dir.path(), &[]);
    write_files(dir.path(), &[("lib.rs", &format!("// a comment\n\nuse std::fmt;\n\n{UNWRAP}"))]);
    let after = sarif_log(dir.path(), &[]);
    let r0 = &before["runs"][0]["results"][0];
    let r1 = &after["runs"][0]["results"][0];
    assert_eq!(r0["locations"][0]["physicalLocation"]["region"]["startLine"], 2);
    assert_eq!(r1["locations"][0]["physicalLocation"]["region"]["startLine"], 6);
    assert_eq!(r0["partialFingerprints"]["cargoSast/v1"], r1["partialFingerprints"]["cargoSast/v1"]);
    assert_eq!(
        r0["partialFingerprints"]["primaryLocationLineHash"],
        r1["partialFingerprints"]["primaryLocationLineHash"]
    );
    // A different line of code is a different finding.
    write_files(dir.path(), &[("lib.rs", "pub fn f(y: Option<u8>) -> u8 {\n    y.unwrap()\n}\n")]);
    let other = sarif_log(dir.path(), &[]);
    assert_ne!(
        r0["partialFingerprints"]["cargoSast/v1"],
        other["runs"][0]["results"][0]["partialFingerprints"]["cargoSast/v1"]
    );
}

#[test]
fn identical_findings_in_one_file_get_distinct_fingerprints() {
    let dir = tempfile::tempdir().unwrap();
    write_files(dir.path(), &[("lib.rs", &format!("{UNWRAP}{}", UNWRAP.replace("fn f", "fn g")))]);
    let j = findings(dir.path(), &[]);
    let fps: Vec<&str> = j["findings"].as_array().unwrap().iter().map(|f| f["fingerprint"].as_str().unwrap()).collect();
    assert_eq!(fps.len(), 2);
    assert_ne!(fps[0], fps[1]);
}

#[test]
fn columns_are_right_on_lines_with_multibyte_text() {
    let dir = tempfile::tempdir().unwrap();
    // `é` is 2 UTF-8 bytes / 1 UTF-16 unit; `😀` is 4 bytes / 2 UTF-16 units.
    write_files(dir.path(), &[("lib.rs", "pub fn f(x: Option<&str>) -> &str { let _s = \"é😀\"; x.unwrap() }\n")]);
    let line = "pub fn f(x: Option<&str>) -> &str { let _s = \"é😀\"; x.unwrap() }";
    let byte = line.find("unwrap").unwrap();
    let chars = line[..byte].chars().count() as u64 + 1;
    let utf16 = line[..byte].encode_utf16().count() as u64 + 1;
    assert_eq!(utf16, chars + 1);
    let j = findings(dir.path(), &[]);
    assert_eq!(j["findings"][0]["location"]["start"]["col"].as_u64(), Some(chars));
    let s = sarif(dir.path(), &[]);
    assert_eq!(s["runs"][0]["columnKind"], "utf16CodeUnits");
    let region = &s["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["region"];
    assert_eq!(region["startColumn"].as_u64(), Some(utf16));
    assert_eq!(region["endColumn"].as_u64(), Some(utf16 + "unwrap()".len() as u64));
}

#[test]
fn baseline_hides_accepted_brings_back_expired_and_lists_stale() {
    let dir = tempfile::tempdir().unwrap();
    let two = format!("{UNWRAP}{}", "pub fn g(p: *const u8) -> u8 {\n    unsafe { *p }\n}\n");
    // Two rules, two findings.
    write_files(
        dir.path(),
        &[("lib.rs", &two), ("sast.toml", "select = [\"unwrap-used\", \"undocumented-unsafe\"]\n")],
    );
    let base = dir.path().join("accepted.toml");
    let o = sast().current_dir(dir.path()).args(["baseline", "--output"]).arg(&base).arg(".").output().unwrap();
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let text = std::fs::read_to_string(&base).unwrap();
    assert_eq!(text.matches("[[finding]]").count(), 2, "{text}");

    // Everything accepted: clean, counted as suppressed by the baseline.
    let o = sast().current_dir(dir.path()).args(["--baseline", "accepted.toml", "."]).output().unwrap();
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
    assert!(stdout(&o).contains("2 suppressed, 2 by the baseline"), "{}", stdout(&o));

    // Baselined findings stay in SARIF as external suppressions.
    let s = sarif(dir.path(), &["--baseline", "accepted.toml"]);
    let sup = &s["runs"][0]["results"][0]["suppressions"][0];
    assert_eq!(sup["kind"], "external");

    // Code moved within the file: still matched.
    write_files(dir.path(), &[("lib.rs", &format!("\n\n// moved\n{two}"))]);
    let o = sast().current_dir(dir.path()).args(["--baseline", "accepted.toml", "."]).output().unwrap();
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));

    // Expired entry: the finding is back, with a warning.
    let expired = text.replacen("reason = \"\"", "reason = \"legacy\"\nexpires = \"2001-01-01\"", 1);
    std::fs::write(&base, &expired).unwrap();
    let o = sast().current_dir(dir.path()).args(["--baseline", "accepted.toml", "."]).output().unwrap();
    assert_eq!(o.status.code(), Some(1));
    assert!(stdout(&o).contains("expired on 2001-01-01"), "{}", stdout(&o));
    assert!(stdout(&o).contains("Found 1 finding"), "{}", stdout(&o));

    // Fixed code: its entry is stale and listed.
    std::fs::write(&base, &text).unwrap();
    write_files(dir.path(), &[("lib.rs", "pub fn g(p: *const u8) -> u8 {\n    unsafe { *p }\n}\n")]);
    let o = sast().current_dir(dir.path()).args(["--baseline", "accepted.toml", "."]).output().unwrap();
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
    assert!(stdout(&o).contains("stale baseline entry: `unwrap-used`"), "{}", stdout(&o));

    // Regenerating keeps the review fields of surviving entries.
    let reviewed = text.replace("accepted-by = \"\"", "accepted-by = \"sec-team\"");
    std::fs::write(&base, reviewed).unwrap();
    sast().current_dir(dir.path()).args(["baseline", "--output"]).arg(&base).arg(".").output().unwrap();
    let regenerated = std::fs::read_to_string(&base).unwrap();
    assert_eq!(regenerated.matches("[[finding]]").count(), 1);
    assert!(regenerated.contains("accepted-by = \"sec-team\""), "{regenerated}");

    // A malformed baseline is an error naming file, line and key.
    std::fs::write(&base, "version = 1\n[[finding]]\nrule = \"unwrap-used\"\npath = \"lib.rs\"\nfingerprint = \"x\"\nexpires = \"soon\"\n").unwrap();
    let o = sast().current_dir(dir.path()).args(["--baseline", "accepted.toml", "."]).output().unwrap();
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("accepted.toml:6:11"), "{}", stderr(&o));
}

/// Fill in the review fields of every entry of a baseline file.
fn review(path: &Path) {
    let text = std::fs::read_to_string(path).unwrap();
    let text =
        text.replace("reason = \"\"", "reason = \"reviewed\"").replace("accepted-by = \"\"", "accepted-by = \"sec\"");
    std::fs::write(path, text).unwrap();
}

fn notification_kinds(j: &serde_json::Value) -> Vec<String> {
    j["notifications"].as_array().unwrap().iter().map(|n| n["kind"].as_str().unwrap().to_string()).collect()
}

#[test]
fn baseline_entries_are_judged_stale_only_against_what_the_scan_computed() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let deref = "pub fn g(p: *const u8) -> u8 {\n    unsafe { *p }\n}\n";
    write_files(
        d,
        &[
            ("lib.rs", UNWRAP),
            ("other.rs", deref),
            ("sast.toml", "select = [\"unwrap-used\", \"undocumented-unsafe\"]\n"),
        ],
    );
    git(d, &["init", "-q", "-b", "main"]);
    git(d, &["add", "."]);
    git(d, &["commit", "-q", "-m", "base"]);
    let o = sast().current_dir(d).args(["baseline", "--output", "base.toml", "."]).output().unwrap();
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    review(&d.join("base.toml"));
    // The change adds one finding; the accepted ones are on unchanged lines.
    write_files(d, &[("new.rs", &UNWRAP.replace("fn f", "fn n"))]);
    let o = sast().current_dir(d).args(["--diff", "main", "--baseline", "base.toml", "."]).output().unwrap();
    assert_eq!(o.status.code(), Some(1), "{}", stdout(&o));
    assert!(!stdout(&o).contains("stale"), "{}", stdout(&o));
    assert!(stdout(&o).contains("Found 1 finding"), "{}", stdout(&o));
    let o =
        sast().current_dir(d).args(["-f", "json", "--diff", "main", "--baseline", "base.toml", "."]).output().unwrap();
    let j = json(&o);
    assert_eq!(notification_kinds(&j), Vec::<String>::new(), "{}", stdout(&o));
    assert_eq!(j["findings"].as_array().unwrap().len(), 1);
    assert_eq!(j["findings"][0]["location"]["path"], "new.rs");
    // A scan of one file, or of fewer rules, cannot judge the other entries.
    let o = sast().current_dir(d).args(["--baseline", "base.toml", "other.rs"]).output().unwrap();
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
    assert!(!stdout(&o).contains("stale"), "{}", stdout(&o));
    let o = sast()
        .current_dir(d)
        .args(["--baseline", "base.toml", "--select", "undocumented-unsafe", "."])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
    assert!(!stdout(&o).contains("stale"), "{}", stdout(&o));
    // An entry whose finding is gone is stale, in diff mode too.
    write_files(d, &[("lib.rs", "pub fn f(x: Option<u8>) -> u8 {\n    x.unwrap_or(0)\n}\n")]);
    let o = sast().current_dir(d).args(["--diff", "main", "--baseline", "base.toml", "."]).output().unwrap();
    assert!(stdout(&o).contains("stale baseline entry: `unwrap-used` (line 2)"), "{}", stdout(&o));
    assert_eq!(stdout(&o).matches("stale baseline entry").count(), 1, "{}", stdout(&o));
}

#[test]
fn baseline_entries_without_a_reason_or_an_owner_are_pointed_out() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    write_files(d, &[("lib.rs", UNWRAP)]);
    let o = sast().current_dir(d).args(["baseline", "--output", "base.toml", "."]).args(UNWRAPS).output().unwrap();
    assert!(stderr(&o).contains("1 entry has no `reason` or `accepted-by` yet"), "{}", stderr(&o));
    let text = std::fs::read_to_string(d.join("base.toml")).unwrap();
    let header = text.lines().position(|l| l == "[[finding]]").unwrap() + 1;
    let o = sast().current_dir(d).args(UNWRAPS).args(["--baseline", "base.toml", "."]).output().unwrap();
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
    assert!(
        stdout(&o).contains(&format!(
            "warning: base.toml:{header}:1: baseline entry for `unwrap-used` in lib.rs (line 2) has no `reason` and no `accepted-by`"
        )),
        "{}",
        stdout(&o)
    );
    let j = findings(d, &["--baseline", "base.toml"]);
    let n = &j["notifications"][0];
    assert_eq!(
        (n["kind"].as_str(), n["path"].as_str(), n["line"].as_u64()),
        (Some("baseline-unreviewed"), Some("base.toml"), Some(header as u64))
    );
    let o = sast().current_dir(d).args(UNWRAPS).args(["--strict", "--baseline", "base.toml", "."]).output().unwrap();
    assert_eq!(o.status.code(), Some(2), "{}", stdout(&o));
    // A reason without an owner is not enough.
    std::fs::write(d.join("base.toml"), text.replace("reason = \"\"", "reason = \"startup only\"")).unwrap();
    let o = sast().current_dir(d).args(UNWRAPS).args(["--strict", "--baseline", "base.toml", "."]).output().unwrap();
    assert_eq!(o.status.code(), Some(2), "{}", stdout(&o));
    assert!(stdout(&o).contains("has no `accepted-by`:"), "{}", stdout(&o));
    review(&d.join("base.toml"));
    let o = sast().current_dir(d).args(UNWRAPS).args(["--strict", "--baseline", "base.toml", "."]).output().unwrap();
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
    assert!(!stdout(&o).contains("warning"), "{}", stdout(&o));
}

#[test]
fn diff_mode_reports_only_changed_lines() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    write_files(d, &[("old.rs", UNWRAP), ("lib.rs", "pub fn keep() {}\n")]);
    git(d, &["init", "-q", "-b", "main"]);
    git(d, &["add", "."]);
    git(d, &["commit", "-q", "-m", "base"]);
    // Change lib.rs (a new unwrap) and add an untracked file with one too.
    write_files(
        d,
        &[("lib.rs", &format!("pub fn keep() {{}}\n{}", UNWRAP.replace("fn f", "fn added"))), ("new.rs", UNWRAP)],
    );
    let all = findings(d, &[]);
    assert_eq!(all["findings"].as_array().unwrap().len(), 3);
    let o = sast().current_dir(d).args(UNWRAPS).args(["-f", "json", "--diff", "main", "."]).output().unwrap();
    let j = json(&o);
    let paths: Vec<&str> =
        j["findings"].as_array().unwrap().iter().map(|f| f["location"]["path"].as_str().unwrap()).collect();
    assert_eq!(paths, ["lib.rs", "new.rs"], "{}", stdout(&o));
    let o = sast().current_dir(d).args(UNWRAPS).args(["--diff", "main", "."]).output().unwrap();
    assert!(stdout(&o).contains("1 on unchanged lines not shown"), "{}", stdout(&o));
    // A bad ref is a usage error.
    let o = sast().current_dir(d).args(["--diff", "no-such-branch", "."]).output().unwrap();
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("is not a commit"), "{}", stderr(&o));
}

#[test]
fn sarif_uris_of_several_scan_roots_are_relative_to_their_common_root() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    write_files(d, &[("a/x.rs", UNWRAP), ("b/y.rs", UNWRAP)]);
    let o = sast().current_dir(d.join("a")).args(UNWRAPS).args(["-f", "sarif", ".", "../b"]).output().unwrap();
    let s = json(&o);
    let base = s["runs"][0]["originalUriBaseIds"]["%SRCROOT%"]["uri"].as_str().unwrap();
    let common = d.canonicalize().unwrap();
    assert_eq!(base, format!("file://{}/", common.display()));
    let uris: Vec<&str> = s["runs"][0]["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"].as_str().unwrap())
        .collect();
    assert_eq!(uris, ["a/x.rs", "b/y.rs"]);
    assert_sarif_schema_valid(&s);
}

#[test]
fn sarif_carries_version_control_provenance_in_a_git_repo() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    write_files(d, &[("lib.rs", UNWRAP)]);
    git(d, &["init", "-q", "-b", "main"]);
    git(d, &["remote", "add", "origin", "https://user:s3cr3tpass@example.com/acme/app.git"]);
    git(d, &["add", "."]);
    git(d, &["commit", "-q", "-m", "base"]);
    let o = sast()
        .current_dir(d)
        .env_remove("GITHUB_REPOSITORY")
        .args(["-f", "sarif", "--category", "rust/app"])
        .arg(".")
        .output()
        .unwrap();
    let file = d.join("out.sarif");
    std::fs::write(&file, stdout(&o)).unwrap();
    let s = assert_sarif_file_valid(&file);
    let vcp = &s["runs"][0]["versionControlProvenance"][0];
    assert_eq!(vcp["repositoryUri"], "https://example.com/acme/app");
    assert_eq!(vcp["branch"], "refs/heads/main");
    assert_eq!(vcp["revisionId"].as_str().map(str::len), Some(40));
    assert!(!stdout(&o).contains("s3cr3tpass"));
    assert_eq!(s["runs"][0]["automationDetails"]["id"], "rust/app/");
}

#[test]
fn github_annotations() {
    let dir = tempfile::tempdir().unwrap();
    write_files(dir.path(), &[("src/a,b.rs", UNWRAP)]);
    let o = sast().current_dir(dir.path()).args(UNWRAPS).args(["-f", "github", "."]).output().unwrap();
    assert_eq!(o.status.code(), Some(1));
    let out = stdout(&o);
    assert!(
        out.starts_with("::warning file=src/a%2Cb.rs,line=2,endLine=2,col=7,endColumn=15,title=cargo-sast unwrap-used (medium)::`.unwrap()` can panic%0Ahelp: "),
        "{out}"
    );
}

#[test]
fn gitlab_report_has_the_required_fields() {
    let dir = tempfile::tempdir().unwrap();
    write_files(dir.path(), &[("lib.rs", UNWRAP)]);
    let o = sast().current_dir(dir.path()).args(UNWRAPS).args(["-f", "gitlab", "."]).output().unwrap();
    let g = json(&o);
    assert_eq!(g["version"], "15.2.1");
    assert_eq!(g["scan"]["type"], "sast");
    assert_eq!(g["scan"]["status"], "success");
    let ts = regex::Regex::new(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}$").unwrap();
    assert!(ts.is_match(g["scan"]["start_time"].as_str().unwrap()));
    for k in ["id", "name", "version", "vendor"] {
        assert!(!g["scan"]["scanner"][k].is_null() && !g["scan"]["analyzer"][k].is_null(), "{k}");
    }
    let v = &g["vulnerabilities"][0];
    let uuid = regex::Regex::new(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$").unwrap();
    assert!(uuid.is_match(v["id"].as_str().unwrap()), "{v}");
    assert_eq!(v["severity"], "Medium");
    assert_eq!(v["location"]["file"], "lib.rs");
    assert_eq!(v["location"]["start_line"], 2);
    let ids: Vec<&str> = v["identifiers"].as_array().unwrap().iter().map(|i| i["type"].as_str().unwrap()).collect();
    assert_eq!(ids, ["cargo_sast_rule_id", "cwe", "cwe", "owasp"]);
}

#[test]
fn json_and_sarif_are_deterministic_across_job_counts() {
    let demo = demo_copy();
    for fmt in ["json", "sarif"] {
        let one = sast().current_dir(demo.path()).args(["-f", fmt, "-j", "1"]).output().unwrap();
        let two = sast().current_dir(demo.path()).args(["-f", fmt, "-j", "2"]).output().unwrap();
        let again = sast().current_dir(demo.path()).args(["-f", fmt, "-j", "2"]).output().unwrap();
        assert_eq!(one.stdout, two.stdout, "{fmt} differs between -j1 and -j2");
        assert_eq!(two.stdout, again.stdout, "{fmt} differs between runs");
    }
}
