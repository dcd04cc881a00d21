//! End-to-end tests of the dependency audit: `cargo sast audit` and the
//! audit inside `cargo sast`, on `testdata/workspaces/audit/ws` and the demo, against
//! the advisory database fixture `testdata/advisory-db`.

use std::path::Path;

use crate::common::*;
use serde_json::Value;

fn audit(dir: &Path, args: &[&str]) -> std::process::Output {
    sast().current_dir(dir).arg("audit").arg("--advisory-db").arg(fixture_db()).args(args).output().unwrap()
}

fn findings(j: &Value) -> Vec<&Value> {
    j["findings"].as_array().unwrap().iter().collect()
}

/// (rule, "package version", severity) of every finding.
fn summary(j: &Value) -> Vec<(String, String, String)> {
    findings(j)
        .iter()
        .map(|f| {
            let p = &f["properties"];
            (
                f["rule"].as_str().unwrap().to_string(),
                format!("{} {}", p["package"].as_str().unwrap_or(""), p["version"].as_str().unwrap_or("")),
                f["severity"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

fn finding_for<'j>(j: &'j Value, pkg: &str, version: &str) -> &'j Value {
    findings(j)
        .into_iter()
        .find(|f| f["properties"]["package"] == pkg && f["properties"]["version"] == version)
        .unwrap_or_else(|| panic!("no finding for {pkg} {version}: {j:#}"))
}

#[test]
fn json_matches_exactly_the_vulnerable_versions() {
    let ws = audit_ws_copy();
    let o = audit(ws.path(), &["-f", "json"]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let j = json(&o);
    let s = summary(&j);
    let want = [
        ("RUSTSEC-0000-0006", "atty 0.2.14", "low"), // unsound (medium), `atty::is` not called: lowered
        ("RUSTSEC-0000-0003", "h2 0.3.20", "high"),  // below the 0.3.24 backport; CVSS 4.0 score 8.7
        ("RUSTSEC-0000-0003", "h2 0.4.1", "medium"), // between the ranges; dev-dependency only: lowered
        ("RUSTSEC-0000-0001", "hyper 0.14.9", "high"), // CVSS 7.5, called
        ("RUSTSEC-0000-0005", "instant 0.1.12", "low"), // unmaintained
        ("RUSTSEC-0000-0002", "sqlx 0.7.4", "high"), // no CVSS: high
    ];
    let want: Vec<(String, String, String)> =
        want.iter().map(|(a, b, c)| (a.to_string(), b.to_string(), c.to_string())).collect();
    assert_eq!(s, want);
    // Not reported: tokio 1.18.5 (backport), tokio 2.0.0-alpha.1 (a
    // pre-release after the fix), smallvec from git, md-5 (withdrawn).
    let text = stdout(&o);
    for absent in ["tokio", "smallvec", "md-5", "RUSTSEC-0000-0007", "RUSTSEC-0000-0008", "RUSTSEC-0000-0004"] {
        assert!(!text.contains(&format!("\"{absent}")), "{absent} reported:\n{text}");
    }
    // Located at the package's entry in Cargo.lock.
    let hyper = finding_for(&j, "hyper", "0.14.9");
    assert_eq!(hyper["location"]["path"], "Cargo.lock");
    let lock = std::fs::read_to_string(ws.path().join("Cargo.lock")).unwrap();
    let line = hyper["location"]["start"]["line"].as_u64().unwrap() as usize;
    assert_eq!(lock.lines().nth(line - 1), Some("version = \"0.14.9\""));
    assert_eq!(lock.lines().nth(line - 2), Some("name = \"hyper\""));
    // Message: id (in the rule and the advisory link), title, path, patched versions, the fix.
    assert_eq!(hyper["rule"], "RUSTSEC-0000-0001");
    assert_eq!(hyper["message"], "hyper 0.14.9 is vulnerable: Unbounded body buffering in `hyper::body::to_bytes`");
    let notes: Vec<&str> = hyper["notes"].as_array().unwrap().iter().map(|n| n.as_str().unwrap()).collect();
    assert!(notes.contains(&"dependency path: app 0.1.0 → hyper 0.14.9"), "{notes:?}");
    assert!(notes.contains(&"patched versions: `>=0.14.10`; unaffected: `<0.11.0`"), "{notes:?}");
    assert!(notes.iter().any(|n| n.contains("https://rustsec.org/advisories/RUSTSEC-0000-0001")));
    assert_eq!(
        hyper["help"],
        "upgrade `hyper` to 0.14.10, a compatible update: `cargo update -p hyper@0.14.9 --precise 0.14.10`"
    );
    assert_eq!(hyper["properties"]["fixed_in"], "0.14.10");
    assert_eq!(hyper["properties"]["aliases"][0], "CVE-0000-10001");
    assert_eq!(hyper["cwe"][0], "CWE-1395");
    assert_eq!(hyper["owasp"][0], "A06:2021");
    // Labels: the member's Cargo.toml line, and the call site.
    let labels = hyper["labels"].as_array().unwrap();
    assert_eq!(labels[0]["location"]["path"], "app/Cargo.toml");
    assert_eq!(labels[0]["location"]["start"]["line"], 7);
    // A transitive one: the member line that pulls it in, and the shortest path.
    let h2 = finding_for(&j, "h2", "0.3.20");
    assert_eq!(h2["properties"]["dependency_path"], serde_json::json!(["app 0.1.0", "hyper 0.14.9", "h2 0.3.20"]));
    assert_eq!(h2["labels"][0]["message"], "`hyper` pulls in h2 0.3.20 here");
    assert_eq!(h2["properties"]["cvss_score"], 8.7);
    // Two patched ranges: 0.4.1 is fixed by the second one.
    assert_eq!(finding_for(&j, "h2", "0.4.1")["properties"]["fixed_in"], "0.4.2");
    assert_eq!(finding_for(&j, "h2", "0.4.1")["in_test"], true);
    // A fix across a semver-incompatible boundary.
    let sqlx = finding_for(&j, "sqlx", "0.7.4");
    assert!(sqlx["help"].as_str().unwrap().contains("not semver-compatible with 0.7.4"), "{sqlx}");
    assert_eq!(j["summary"]["packages_audited"], 11);
    assert_eq!(j["summary"]["files_scanned"], 0);
    // The fixture's newest advisory is old: the database is stale.
    let kinds: Vec<&str> = j["notifications"].as_array().unwrap().iter().filter_map(|n| n["kind"].as_str()).collect();
    assert_eq!(kinds, ["advisory-db-stale"]);
}

#[test]
fn reachability_finds_the_call_through_a_use_alias() {
    let ws = audit_ws_copy();
    let j = json(&audit(ws.path(), &["-f", "json"]));
    let hyper = finding_for(&j, "hyper", "0.14.9");
    assert_eq!(hyper["properties"]["reachability"], "called");
    // `use hyper::body::to_bytes as read_all;` … `read_all(req.into_body())`
    let call = &hyper["labels"][1];
    assert_eq!(call["location"]["path"], "app/src/main.rs");
    assert_eq!(call["location"]["start"]["line"], 7);
    assert_eq!(call["message"], "vulnerable function `hyper::body::to_bytes` is called here");
    let src = std::fs::read_to_string(ws.path().join("app/src/main.rs")).unwrap();
    assert!(src.lines().nth(6).unwrap().contains("read_all(req.into_body())"));
    let notes = hyper["notes"].to_string();
    assert!(notes.contains("vulnerable function `hyper::body::to_bytes` is called at app/src/main.rs:7"), "{notes}");
    // The unsound `atty::is` is not called (`atty::isnt` is): one level lower, and said so.
    let atty = finding_for(&j, "atty", "0.2.14");
    assert_eq!(atty["properties"]["reachability"], "not-called");
    assert!(atty["notes"].to_string().contains("no call to the affected functions (`atty::is`) found"));
    assert!(atty["notes"].to_string().contains("affects only targets with os windows"));
}

#[test]
fn reachability_stays_quiet_when_only_the_crate_is_used() {
    let ws = audit_ws_copy();
    std::fs::copy(root().join("testdata/workspaces/audit/crate-only.rs"), ws.path().join("app/src/main.rs")).unwrap();
    let j = json(&audit(ws.path(), &["-f", "json"]));
    let hyper = finding_for(&j, "hyper", "0.14.9");
    // Only the Cargo.toml label: no call site.
    let labels = hyper["labels"].as_array().unwrap();
    assert_eq!(labels.len(), 1, "{labels:?}");
    assert_eq!(labels[0]["location"]["path"], "app/Cargo.toml");
    // reqwest also depends on hyper and may call it: not lowered.
    assert_eq!(hyper["properties"]["reachability"], "not-called-by-workspace");
    assert_eq!(hyper["severity"], "high");
    let notes = hyper["notes"].to_string();
    assert!(notes.contains("no call to the affected functions"), "{notes}");
    assert!(notes.contains("reqwest 0.11.4 also depends on `hyper`"), "{notes}");
}

#[test]
fn human_output() {
    let ws = audit_ws_copy();
    let o = audit(ws.path(), &[]);
    assert_eq!(o.status.code(), Some(1));
    let out = stdout(&o);
    for want in [
        "error[RUSTSEC-0000-0001]: hyper 0.14.9 is vulnerable: Unbounded body buffering in `hyper::body::to_bytes`",
        "┌─ Cargo.lock:37:11",
        "37 │ version = \"0.14.9\"",
        "= app/Cargo.toml:7:1: `hyper` is declared here",
        "= app/src/main.rs:7:17: vulnerable function `hyper::body::to_bytes` is called here",
        "= help: upgrade `hyper` to 0.14.10, a compatible update: `cargo update -p hyper@0.14.9 --precise 0.14.10`",
        "= dependency path: app 0.1.0 → hyper 0.14.9",
        "= severity: high · CWE-1395 · OWASP A06:2021 Vulnerable and Outdated Components",
        "note[RUSTSEC-0000-0005]: instant 0.1.12 is unmaintained",
        "warning: the advisory database at ",
        "Found 6 findings: 3 high, 1 medium, 2 low",
        "Audited 11 packages against 8 advisories",
    ] {
        assert!(out.contains(want), "missing {want:?} in:\n{out}");
    }
    assert!(!out.contains("Scanned 0 files"), "{out}");
}

#[test]
fn sarif_has_a_rule_per_advisory_and_validates() {
    let ws = audit_ws_copy();
    let out_file = ws.path().join("audit.sarif");
    let o = audit(ws.path(), &["-f", "sarif", "-o", out_file.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let sarif = assert_sarif_file_valid(&out_file);
    let run = &sarif["runs"][0];
    let rules = run["tool"]["driver"]["rules"].as_array().unwrap();
    let ids: Vec<&str> = rules.iter().map(|r| r["id"].as_str().unwrap()).collect();
    assert_eq!(
        ids,
        ["RUSTSEC-0000-0001", "RUSTSEC-0000-0002", "RUSTSEC-0000-0003", "RUSTSEC-0000-0005", "RUSTSEC-0000-0006"]
    );
    let hyper = &rules[0];
    assert_eq!(hyper["properties"]["security-severity"], "7.5");
    assert_eq!(hyper["name"], "VulnerableCrateHyper");
    assert_eq!(hyper["helpUri"], "https://rustsec.org/advisories/RUSTSEC-0000-0001");
    assert!(hyper["help"]["markdown"].as_str().unwrap().contains("buffer a request body of any length"));
    let tags: Vec<&str> = hyper["properties"]["tags"].as_array().unwrap().iter().filter_map(|t| t.as_str()).collect();
    for t in [
        "security",
        "external/cwe/cwe-1395",
        "external/owasp/owasp-a06",
        "denial-of-service",
        "CVE-0000-10001",
        "GHSA-0000-0000-0001",
    ] {
        assert!(tags.contains(&t), "missing tag {t}: {tags:?}");
    }
    // Scored from the CVSS 4.0 vector; no score: the band's default.
    assert_eq!(rules[2]["properties"]["security-severity"], "8.7");
    assert_eq!(rules[1]["properties"]["security-severity"], "7.5");
    let results = run["results"].as_array().unwrap();
    assert_eq!(results.len(), 6);
    let r = results.iter().find(|r| r["ruleId"] == "RUSTSEC-0000-0001").unwrap();
    assert_eq!(r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"], "Cargo.lock");
    assert_eq!(r["locations"][0]["physicalLocation"]["region"]["startLine"], 37);
    let related = r["relatedLocations"].as_array().unwrap();
    assert_eq!(related[1]["physicalLocation"]["artifactLocation"]["uri"], "app/src/main.rs");
    let msg = r["message"]["text"].as_str().unwrap();
    for part in [
        "hyper 0.14.9 is vulnerable",
        "Dependency path: app 0.1.0 → hyper 0.14.9",
        "`>=0.14.10`",
        "--precise 0.14.10",
        "RUSTSEC-0000-0001",
    ] {
        assert!(msg.to_lowercase().contains(&part.to_lowercase()), "{part:?} not in {msg}");
    }
    assert_eq!(r["properties"]["package"], "hyper");
    assert!(!r["partialFingerprints"]["primaryLocationLineHash"].as_str().unwrap().is_empty());
}

#[test]
fn fingerprints_survive_lines_moving() {
    let ws = audit_ws_copy();
    let before = json(&audit(ws.path(), &["-f", "json"]));
    let lock = std::fs::read_to_string(ws.path().join("Cargo.lock")).unwrap();
    std::fs::write(ws.path().join("Cargo.lock"), lock.replacen("version = 3\n", "version = 3\n\n# moved\n\n", 1))
        .unwrap();
    let after = json(&audit(ws.path(), &["-f", "json"]));
    let fps =
        |j: &Value| findings(j).iter().map(|f| f["fingerprint"].as_str().unwrap().to_string()).collect::<Vec<_>>();
    assert_eq!(fps(&before), fps(&after));
    assert_ne!(before["findings"][0]["location"]["start"]["line"], after["findings"][0]["location"]["start"]["line"]);
}

#[test]
fn the_scan_includes_the_audit_and_its_exit_code() {
    let ws = audit_ws_copy();
    // The Rust rules and the audit in one report.
    let o = sast().current_dir(ws.path()).args(["-f", "json", "--advisory-db"]).arg(fixture_db()).output().unwrap();
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let j = json(&o);
    assert_eq!(j["summary"]["files_scanned"], 2);
    assert_eq!(findings(&j).iter().filter(|f| f["properties"]["advisory"].is_string()).count(), 6);
    // --fail-on applies to audit findings like any other.
    let o = sast()
        .current_dir(ws.path())
        .args(["--fail-on", "critical", "--advisory-db"])
        .arg(fixture_db())
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
    // --no-deps-audit skips it.
    let o = sast()
        .current_dir(ws.path())
        .args(["-f", "json", "--no-deps-audit", "--advisory-db"])
        .arg(fixture_db())
        .output()
        .unwrap();
    let j = json(&o);
    assert!(findings(&j).is_empty(), "{j:#}");
    assert_eq!(o.status.code(), Some(0));
    // So does `[audit] enabled = false`.
    write_files(ws.path(), &[("sast.toml", "[audit]\nenabled = false\n")]);
    let o = sast().current_dir(ws.path()).args(["-f", "json", "--advisory-db"]).arg(fixture_db()).output().unwrap();
    assert!(findings(&json(&o)).is_empty());
    // A PATH inside the workspace focuses the scan: no audit.
    std::fs::remove_file(ws.path().join("sast.toml")).unwrap();
    let o = sast()
        .current_dir(ws.path())
        .args(["-f", "json", "app/src", "--advisory-db"])
        .arg(fixture_db())
        .output()
        .unwrap();
    assert!(findings(&json(&o)).is_empty());
}

#[test]
fn a_missing_database_is_a_note_not_a_failure() {
    let dir = tempfile::tempdir().unwrap();
    write_files(
        dir.path(),
        &[
            ("Cargo.toml", "[package]\nname = \"clean\"\nversion = \"0.1.0\"\nedition = \"2021\"\n"),
            ("src/lib.rs", "pub fn add(a: u8, b: u8) -> u8 { a.saturating_add(b) }\n"),
            ("Cargo.lock", "version = 3\n\n[[package]]\nname = \"clean\"\nversion = \"0.1.0\"\n"),
        ],
    );
    let o = sast().current_dir(dir.path()).output().unwrap();
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
    let out = stdout(&o);
    assert!(out.contains(&format!("note: dependencies were not audited: no RustSec advisory database at {NO_CARGO_HOME}/advisory-db; get one with `git clone https://github.com/rustsec/advisory-db {NO_CARGO_HOME}/advisory-db`")), "{out}");
    // SARIF carries it as a tool notification of level note.
    let sarif = json(&sast().current_dir(dir.path()).args(["-f", "sarif"]).output().unwrap());
    assert_sarif_schema_valid(&sarif);
    let n = &sarif["runs"][0]["invocations"][0]["toolExecutionNotifications"][0];
    assert_eq!(n["descriptor"]["id"], "advisory-db-missing");
    assert_eq!(n["level"], "note");
    // --strict makes it an error, and so does asking for the audit alone.
    assert_eq!(sast().current_dir(dir.path()).arg("--strict").output().unwrap().status.code(), Some(2));
    let o = sast().current_dir(dir.path()).arg("audit").output().unwrap();
    assert_eq!(o.status.code(), Some(2));
    assert!(stdout(&o).contains("git clone https://github.com/rustsec/advisory-db"), "{}", stdout(&o));
    // An explicit database that does not exist is a usage error.
    let o = sast().current_dir(dir.path()).args(["--advisory-db", "/no/such/db"]).output().unwrap();
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("advisory database /no/such/db does not exist"), "{}", stderr(&o));
    // `cargo sast audit` without a Cargo.lock says how to make one.
    std::fs::remove_file(dir.path().join("Cargo.lock")).unwrap();
    let o = sast().current_dir(dir.path()).args(["audit", "--advisory-db"]).arg(fixture_db()).output().unwrap();
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("cargo generate-lockfile"), "{}", stderr(&o));
}

#[test]
fn the_default_database_location_is_cargo_home() {
    let ws = audit_ws_copy();
    let home = tempfile::tempdir().unwrap();
    copy_tree(&fixture_db(), &home.path().join("advisory-db"));
    let o =
        sast().current_dir(ws.path()).env("CARGO_HOME", home.path()).args(["audit", "-f", "json"]).output().unwrap();
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert_eq!(findings(&json(&o)).len(), 6);
}

#[test]
fn ignores_with_reasons_and_expiry() {
    let ws = audit_ws_copy();
    let toml = "[[audit.ignore]]\nid = \"RUSTSEC-0000-0002\"\nreason = \"we never bind values over 4 GiB\"\nexpires = \"2999-01-01\"\n\n[[audit.ignore]]\nid = \"CVE-0000-10001\"\nreason = \"bodies are capped by the proxy\"\n\n[[audit.ignore]]\nid = \"RUSTSEC-0000-0003\"\nreason = \"accepted until the upgrade\"\nexpires = 2020-01-01\n\n[[audit.ignore]]\nid = \"RUSTSEC-0000-0009\"\nreason = \"an old one\"\n";
    write_files(ws.path(), &[("sast.toml", toml)]);
    let o = audit(ws.path(), &["-f", "json"]);
    let j = json(&o);
    let sqlx = finding_for(&j, "sqlx", "0.7.4");
    assert_eq!(sqlx["suppression"]["kind"], "external");
    assert_eq!(sqlx["suppression"]["justification"], "we never bind values over 4 GiB (until 2999-01-01)");
    // By alias.
    assert_eq!(finding_for(&j, "hyper", "0.14.9")["suppression"]["justification"], "bodies are capped by the proxy");
    // Expired: reported again, with a warning at the entry.
    assert!(finding_for(&j, "h2", "0.3.20")["suppression"].is_null());
    let notes = j["notifications"].as_array().unwrap();
    let expired = notes.iter().find(|n| n["kind"] == "audit-ignore-expired").unwrap();
    assert_eq!(expired["path"], "sast.toml");
    assert_eq!(expired["line"], 10);
    assert!(expired["message"].as_str().unwrap().contains("RUSTSEC-0000-0003 expired on 2020-01-01"));
    let unused = notes.iter().find(|n| n["kind"] == "audit-ignore-unused").unwrap();
    assert!(unused["message"].as_str().unwrap().contains("RUSTSEC-0000-0009"));
    assert_eq!(j["summary"]["suppressed"], 2);
    assert_eq!(j["summary"]["findings"], 4);
    // SARIF keeps them with their justification.
    let sarif = json(&audit(ws.path(), &["-f", "sarif"]));
    assert_sarif_schema_valid(&sarif);
    let r =
        sarif["runs"][0]["results"].as_array().unwrap().iter().find(|r| r["ruleId"] == "RUSTSEC-0000-0002").unwrap();
    assert_eq!(r["suppressions"][0]["kind"], "external");
}

#[test]
fn audit_config_errors_name_file_line_and_key() {
    let ws = audit_ws_copy();
    for (toml, at, key) in [
        ("[audit]\nenabeld = true\n", "sast.toml:2:1", "audit.enabeld"),
        ("[[audit.ignore]]\nid = \"RUSTSEC-0000-0002\"\n", "sast.toml:1:1", "audit.ignore"),
        (
            "[[audit.ignore]]\nid = \"X\"\nreason = \"r\"\nexpires = \"next week\"\n",
            "sast.toml:4:11",
            "audit.ignore.expires",
        ),
        (
            "[[audit.ignore]]\nid = \"X\"\nreason = \"r\"\nuntil = \"2030-01-01\"\n",
            "sast.toml:4:1",
            "audit.ignore.until",
        ),
        ("[audit.informational]\nunmaintained = \"loud\"\n", "sast.toml:2:16", "audit.informational.unmaintained"),
    ] {
        write_files(ws.path(), &[("sast.toml", toml)]);
        let o = audit(ws.path(), &[]);
        assert_eq!(o.status.code(), Some(2), "{toml}");
        let err = stderr(&o);
        assert!(err.contains(at), "{toml}: {err}");
        assert!(err.contains(key), "{toml}: {err}");
    }
}

#[test]
fn informational_severities_are_configurable() {
    let ws = audit_ws_copy();
    write_files(
        ws.path(),
        &[(
            "sast.toml",
            "[audit]\nunscored-severity = \"critical\"\n\n[audit.informational]\nunmaintained = \"off\"\nunsound = \"high\"\n",
        )],
    );
    let j = json(&audit(ws.path(), &["-f", "json"]));
    let s = summary(&j);
    assert!(!s.iter().any(|(_, p, _)| p.starts_with("instant")), "{s:?}");
    // unsound at high, lowered one level because `atty::is` is not called.
    assert_eq!(finding_for(&j, "atty", "0.2.14")["severity"], "medium");
    assert_eq!(finding_for(&j, "sqlx", "0.7.4")["severity"], "critical");
}

#[test]
fn unreadable_advisories_are_reported_and_skipped() {
    let ws = audit_ws_copy();
    let db = tempfile::tempdir().unwrap();
    copy_tree(&fixture_db(), db.path());
    std::fs::write(db.path().join("crates/sqlx/RUSTSEC-0000-0002.md"), "```toml\n[advisory\n```\n# broken\n").unwrap();
    // A fresh advisory: no staleness warning.
    let today = cargo_sast::Date::today().to_string();
    std::fs::create_dir_all(db.path().join("crates/fresh")).unwrap();
    std::fs::write(
        db.path().join("crates/fresh/RUSTSEC-0000-0010.md"),
        format!("```toml\n[advisory]\nid = \"RUSTSEC-0000-0010\"\npackage = \"fresh\"\ndate = \"{today}\"\n\n[versions]\npatched = []\n```\n\n# Fresh\n"),
    )
    .unwrap();
    let o =
        sast().current_dir(ws.path()).args(["audit", "-f", "json", "--advisory-db"]).arg(db.path()).output().unwrap();
    let j = json(&o);
    assert_eq!(findings(&j).len(), 5);
    let kinds: Vec<&str> = j["notifications"].as_array().unwrap().iter().filter_map(|n| n["kind"].as_str()).collect();
    assert_eq!(kinds, ["advisory-unreadable"]);
}

#[test]
fn the_demo_shows_an_audit_finding_with_the_fixture_database() {
    let demo = demo_copy();
    let o = sast().current_dir(demo.path()).args(["-f", "json", "--advisory-db"]).arg(fixture_db()).output().unwrap();
    assert_eq!(o.status.code(), Some(1));
    let j = json(&o);
    let audit: Vec<(String, String, String)> =
        summary(&j).into_iter().filter(|(rule, _, _)| rule.starts_with("RUSTSEC-")).collect();
    assert_eq!(audit, [("RUSTSEC-0000-0002".to_string(), "sqlx 0.7.4".to_string(), "high".to_string())]);
    let sqlx = finding_for(&j, "sqlx", "0.7.4");
    assert_eq!(sqlx["labels"][0]["location"]["path"], "api/Cargo.toml");
    // The planted marker sits above the entry.
    let lock = std::fs::read_to_string(demo.path().join("Cargo.lock")).unwrap();
    let line = sqlx["location"]["start"]["line"].as_u64().unwrap() as usize;
    let above: Vec<&str> = lock.lines().take(line).collect();
    assert!(above.iter().rev().take(6).any(|l| l.contains("PLANTED(dependency-audit)")), "{above:?}");
}

#[test]
fn a_broken_lock_file_is_a_warning_in_the_scan_and_an_error_for_audit() {
    let ws = audit_ws_copy();
    std::fs::write(ws.path().join("Cargo.lock"), "[[package]\nname = \"app\"\n").unwrap();
    let o = sast().current_dir(ws.path()).args(["-f", "json", "--advisory-db"]).arg(fixture_db()).output().unwrap();
    let j = json(&o);
    assert_eq!(o.status.code(), Some(0), "{j:#}");
    let n = j["notifications"].as_array().unwrap().iter().find(|n| n["kind"] == "audit-failed").unwrap();
    assert!(n["message"].as_str().unwrap().contains("is not a valid lock file"), "{n}");
    let o = audit(ws.path(), &[]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("is not a valid lock file"), "{}", stderr(&o));
}
