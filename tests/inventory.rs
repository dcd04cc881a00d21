//! `cargo sast unsafe`: exact counts on the fixture workspace
//! `testdata/unsafe-inventory` (its sources say what each item adds),
//! dependencies from the lock file, plain directories, and the error paths.

mod common;

use common::*;
use serde_json::{Value, json};

fn fixture_copy() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    copy_tree(&root().join("testdata/unsafe-inventory"), dir.path());
    dir
}

fn package<'a>(j: &'a Value, name: &str) -> &'a Value {
    j["packages"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["name"] == name)
        .unwrap_or_else(|| panic!("no package {name}: {j:#}"))
}

fn counts(functions: u32, methods: u32, blocks: u32, documented: u32, impls: u32, traits: u32, externs: u32) -> Value {
    json!({
        "functions": functions,
        "methods": methods,
        "blocks": blocks,
        "blocks_documented": documented,
        "impls": impls,
        "traits": traits,
        "extern_blocks": externs,
        "total": functions + methods + blocks + impls + traits + externs,
    })
}

#[test]
fn workspace_members_are_counted_exactly() {
    let ws = fixture_copy();
    let o = sast().current_dir(ws.path()).args(["unsafe", "-f", "json"]).output().unwrap();
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let j = json(&o);
    assert_eq!(j["packages"].as_array().unwrap().len(), 2, "{j:#}");

    let core = package(&j, "inv-core");
    // lib.rs: 1 fn, 2 methods (one a trait declaration), 4 blocks (3 documented,
    // one in a macro_rules! body), 1 impl, 1 trait, 1 extern block; raw.rs: 1 fn,
    // 1 block; sys_unix.rs (a cfg_attr path alternative): 1 block, 1 extern block;
    // generated.rs (include!): 1 block. Not counted: #[cfg(test)] code, tests/,
    // build.rs, and orphan.rs, which no `mod` reaches.
    assert_eq!(core["unsafe"], counts(2, 2, 7, 3, 1, 1, 2));
    assert_eq!(core["source"], "workspace");
    assert_eq!(core["version"], "0.1.0");
    assert_eq!(core["unsafe_code"], Value::Null);
    assert_eq!(core["files"], 5);
    assert_eq!(core["files_with_unsafe"], 4);
    assert_eq!(core["files_unreachable"], 1);
    let top: Vec<(&str, u64)> = core["top_files"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| (f["path"].as_str().unwrap(), f["unsafe"]["total"].as_u64().unwrap()))
        .collect();
    assert_eq!(top, [("src/lib.rs", 10), ("src/raw.rs", 2), ("src/sys_unix.rs", 2), ("src/generated.rs", 1)]);

    let app = package(&j, "inv-app");
    assert_eq!(app["unsafe"], counts(0, 0, 0, 0, 0, 0, 0));
    assert_eq!(app["unsafe_code"], "forbid");

    assert_eq!(j["summary"]["packages"], 2);
    assert_eq!(j["summary"]["packages_with_unsafe"], 1);
    assert_eq!(j["summary"]["packages_forbidding_unsafe"], 1);
    assert_eq!(j["summary"]["unsafe"], counts(2, 2, 7, 3, 1, 1, 2));
    assert_eq!(j["notifications"], json!([]));
}

#[test]
fn deps_come_from_the_lock_file_and_nothing_is_written() {
    let ws = fixture_copy();
    let lock_before = std::fs::read(ws.path().join("Cargo.lock")).unwrap();
    let o = sast().current_dir(ws.path()).args(["unsafe", "--deps", "-f", "json"]).output().unwrap();
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let j = json(&o);
    let ffi = package(&j, "inv-ffi");
    assert_eq!(ffi["source"], "path");
    assert_eq!(ffi["version"], "0.2.0");
    assert_eq!(ffi["unsafe"], counts(1, 0, 1, 0, 0, 0, 1));
    assert_eq!(ffi["unsafe_code"], "deny");
    // Members first, then dependencies.
    let names: Vec<&str> = j["packages"].as_array().unwrap().iter().map(|p| p["name"].as_str().unwrap()).collect();
    assert_eq!(names, ["inv-app", "inv-core", "inv-ffi"]);
    assert_eq!(j["summary"]["unsafe"], counts(3, 2, 8, 3, 1, 1, 3));
    assert_eq!(std::fs::read(ws.path().join("Cargo.lock")).unwrap(), lock_before, "Cargo.lock must not change");
}

#[test]
fn path_dependencies_are_found_when_cargo_metadata_cannot_resolve() {
    // With no usable rustc, `cargo metadata` (with dependencies) fails; the
    // lock-file fallback must still find `inv-ffi` by following the members'
    // `path = …` dependencies.
    let ws = fixture_copy();
    let o = sast()
        .current_dir(ws.path())
        .env("RUSTC", ws.path().join("no-such-rustc"))
        .args(["unsafe", "--deps", "-f", "json"])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let j = json(&o);
    let ffi = package(&j, "inv-ffi");
    assert_eq!(ffi["source"], "path");
    assert_eq!(ffi["version"], "0.2.0");
    assert_eq!(ffi["unsafe"], counts(1, 0, 1, 0, 0, 0, 1));
    let names: Vec<&str> = j["packages"].as_array().unwrap().iter().map(|p| p["name"].as_str().unwrap()).collect();
    assert_eq!(names, ["inv-app", "inv-core", "inv-ffi"]);
    assert_eq!(j["summary"]["unsafe"], counts(3, 2, 8, 3, 1, 1, 3));
}

#[test]
fn human_table_has_a_row_per_package_and_totals() {
    let ws = fixture_copy();
    let o = sast().current_dir(ws.path()).args(["unsafe", "--deps"]).output().unwrap();
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let out = stdout(&o);
    let row = |name: &str| out.lines().find(|l| l.starts_with(name)).unwrap_or_else(|| panic!("no row {name}:\n{out}"));
    let cells: Vec<&str> = row("inv-core").split_whitespace().collect();
    assert_eq!(cells, ["inv-core", "0.1.0", "workspace", "-", "4/5", "7", "3", "(42%)", "2", "2", "1", "1", "2", "15"]);
    assert!(row("inv-app").contains("forbid"), "{out}");
    assert!(row("inv-ffi").contains(" path "), "{out}");
    assert!(row("total").trim_end().ends_with("18"), "{out}");
    assert!(out.contains("Files with the most unsafe code:"), "{out}");
    assert!(out.lines().any(|l| l.contains("inv-core 0.1.0") && l.contains("src/lib.rs") && l.contains("10")), "{out}");
}

#[test]
fn plain_directories_are_grouped_by_manifest() {
    let dir = tempfile::tempdir().unwrap();
    write_files(
        dir.path(),
        &[
            ("a-1.0.0/Cargo.toml", "[package]\nname = \"a\"\nversion = \"1.0.0\"\n"),
            ("a-1.0.0/src/lib.rs", "#![forbid(unsafe_code)]\npub fn f() {}\n"),
            ("b-2.1.0/Cargo.toml", "[package]\nname = \"b\"\nversion = \"2.1.0\"\n[lib]\npath = \"lib.rs\"\n"),
            ("b-2.1.0/lib.rs", "mod inner;\npub unsafe fn g() {}\n"),
            ("b-2.1.0/inner.rs", "pub fn h(p: *const u8) -> u8 { unsafe { *p } }\n"),
            ("b-2.1.0/build.rs", "fn main() { unsafe {} }\n"),
            ("b-2.1.0/tests/t.rs", "fn t() { unsafe {} }\n"),
            ("b-2.1.0/benches/b.rs", "fn b() { unsafe {} }\n"),
            ("c-0.1.0/Cargo.toml", "[package]\nname = \"c\"\nversion = \"0.1.0\"\n"),
            ("c-0.1.0/src/lib.rs", "#![cfg_attr(not(feature = \"simd\"), forbid(unsafe_code))]\n"),
            ("d-0.1.0/Cargo.toml", "[package]\nname = \"d\"\nversion = \"0.1.0\"\n"),
            ("d-0.1.0/src/lib.rs", "#![cfg_attr(not(test), forbid(unsafe_code))]\n"),
            // The library decides, not a helper binary.
            ("d-0.1.0/src/main.rs", "fn main() {}\n"),
        ],
    );
    let o = sast().arg("unsafe").arg(dir.path()).args(["-f", "json"]).output().unwrap();
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let j = json(&o);
    let a = package(&j, "a");
    assert_eq!(
        (a["version"].as_str(), a["source"].as_str(), a["unsafe_code"].as_str()),
        (Some("1.0.0"), Some("directory"), Some("forbid"))
    );
    assert_eq!(package(&j, "c")["unsafe_code"], "conditional");
    assert_eq!(package(&j, "d")["unsafe_code"], "forbid");
    let b = package(&j, "b");
    assert_eq!(b["unsafe"], counts(1, 0, 1, 0, 0, 0, 0));
    assert_eq!(b["files"], 2);
}

#[test]
fn deps_without_a_lock_file_is_an_error_and_writes_none() {
    let ws = fixture_copy();
    std::fs::remove_file(ws.path().join("Cargo.lock")).unwrap();
    let o = sast().current_dir(ws.path()).args(["unsafe", "--deps"]).output().unwrap();
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("Cargo.lock"), "{}", stderr(&o));
    assert!(!ws.path().join("Cargo.lock").exists(), "a lock file was written");
}

#[test]
fn lock_file_fallback_reads_the_local_registry() {
    // `cargo metadata --offline` cannot resolve `fakedep` (an empty cargo
    // home has no index): the packages come from Cargo.lock, their sources
    // from `$CARGO_HOME/registry/src`.
    let dir = tempfile::tempdir().unwrap();
    let reg = "registry+https://github.com/rust-lang/crates.io-index";
    write_files(
        dir.path(),
        &[
            (
                "ws/Cargo.toml",
                "[package]\nname = \"app\"\nversion = \"0.1.0\"\nedition = \"2021\"\n\n[dependencies]\nfakedep = \"1\"\nmissing = \"2\"\n",
            ),
            ("ws/src/lib.rs", "pub fn f() {}\n"),
            (
                "ws/Cargo.lock",
                &format!(
                    "version = 4\n\n[[package]]\nname = \"app\"\nversion = \"0.1.0\"\ndependencies = [\"fakedep\", \"missing\"]\n\n[[package]]\nname = \"fakedep\"\nversion = \"1.0.3\"\nsource = \"{reg}\"\n\n[[package]]\nname = \"missing\"\nversion = \"2.0.0\"\nsource = \"{reg}\"\n"
                ),
            ),
            (
                "home/registry/src/index.example-0123/fakedep-1.0.3/Cargo.toml",
                "[package]\nname = \"fakedep\"\nversion = \"1.0.3\"\n",
            ),
            (
                "home/registry/src/index.example-0123/fakedep-1.0.3/src/lib.rs",
                "pub unsafe fn danger() {}\nunsafe impl Send for X {}\npub struct X;\n",
            ),
        ],
    );
    let o = sast()
        .current_dir(dir.path().join("ws"))
        .env("CARGO_HOME", dir.path().join("home"))
        .args(["unsafe", "--deps", "-f", "json"])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let j = json(&o);
    let dep = package(&j, "fakedep");
    assert_eq!(dep["source"], "registry");
    assert_eq!(dep["unsafe"], counts(1, 0, 0, 0, 1, 0, 0));
    let kinds: Vec<&str> = j["notifications"].as_array().unwrap().iter().map(|n| n["kind"].as_str().unwrap()).collect();
    assert!(kinds.contains(&"cargo-metadata-failed") && kinds.contains(&"dependency-sources-missing"), "{kinds:?}");
    assert!(j["notifications"].to_string().contains("missing 2.0.0"), "{:#}", j["notifications"]);
}

#[test]
fn missing_path_is_a_usage_error() {
    let o = sast().args(["unsafe", "/definitely/not/here"]).output().unwrap();
    assert_eq!(o.status.code(), Some(2));
}
