//! `cargo sast unsafe`: exact counts on the fixture workspace
//! `testdata/workspaces/unsafe-inventory` (its sources say what each item adds),
//! dependencies from the lock file, plain directories, and the error paths.

use crate::common::*;
use serde_json::{Value, json};

fn fixture_copy() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    copy_tree(&root().join("testdata/workspaces/unsafe-inventory"), dir.path());
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

/// Edition-2015 code in the shape of signal-hook-registry 1.4: a bare `Fn`
/// trait object in a type alias and in a return type.
const SIGNAL_REGISTRY_2015: &str = "//! Registry of signal actions.
extern crate libc;

use std::collections::HashMap;
use std::sync::Arc;

use libc::{c_int, siginfo_t};

// This should be dyn Fn(...), but we want to support Rust 1.26.0.
#[allow(unknown_lints, bare_trait_objects)]
type Action = Fn(&siginfo_t) + Send + Sync;

struct Slot {
    actions: HashMap<u64, Arc<Action>>,
}

pub unsafe fn register<F>(signal: c_int, action: F) -> u64
where
    F: Fn(&siginfo_t) + Sync + Send + 'static,
{
    let action: Arc<Action> = Arc::new(action);
    let _ = (signal, action);
    0
}

fn handler(info: *mut siginfo_t) -> c_int {
    let info = unsafe { &*info };
    info.si_signo
}

pub fn callback() -> Box<Fn(c_int) + Send> {
    Box::new(|_| {})
}
";

/// Edition-2015 code in the shape of fxhash 0.2: an anonymous trait-method
/// parameter.
const FXHASH_2015: &str = "//! Fast hashing.
use std::ops::BitXor;

const ROTATE: u32 = 5;
const SEED: usize = 0x517c_c1b7_2722_0a95;

trait HashWord {
    fn hash_word(&mut self, Self);
}

impl HashWord for usize {
    #[inline]
    fn hash_word(&mut self, word: Self) {
        *self = self.rotate_left(ROTATE).bitxor(word).wrapping_mul(SEED);
    }
}

pub fn read_usize(bytes: &[u8]) -> usize {
    assert!(bytes.len() >= 8);
    unsafe { (bytes.as_ptr() as *const usize).read_unaligned() }
}
";

#[test]
fn edition_2015_dependencies_are_parsed_and_broken_items_are_pointed_at() {
    let dir = tempfile::tempdir().unwrap();
    let reg = "registry+https://github.com/rust-lang/crates.io-index";
    let src = "home/registry/src/index.example-0123";
    let manifest = |name: &str, edition: &str| format!("[package]\nname = \"{name}\"\nversion = \"1.0.0\"\n{edition}");
    // The same bare trait object in a 2021 crate is not Rust: that item is left out, and said so.
    let broken = "pub fn ok(p: *const u8) -> u8 { unsafe { *p } }\n\ntype Action = Fn(u8) + Send;\n";
    let lock: String = ["sigreg", "fxhash", "modern"]
        .iter()
        .map(|n| format!("\n[[package]]\nname = \"{n}\"\nversion = \"1.0.0\"\nsource = \"{reg}\"\n"))
        .collect();
    write_files(
        dir.path(),
        &[
            (
                "ws/Cargo.toml",
                "[package]\nname = \"app\"\nversion = \"0.1.0\"\nedition = \"2021\"\n\n[dependencies]\nsigreg = \"1\"\nfxhash = \"1\"\nmodern = \"1\"\n",
            ),
            ("ws/src/lib.rs", "pub fn f() {}\n"),
            (
                "ws/Cargo.lock",
                &format!(
                    "version = 4\n\n[[package]]\nname = \"app\"\nversion = \"0.1.0\"\ndependencies = [\"fxhash\", \"modern\", \"sigreg\"]\n{lock}"
                ),
            ),
            (&format!("{src}/sigreg-1.0.0/Cargo.toml"), &manifest("sigreg", "")),
            (&format!("{src}/sigreg-1.0.0/src/lib.rs"), SIGNAL_REGISTRY_2015),
            (&format!("{src}/fxhash-1.0.0/Cargo.toml"), &manifest("fxhash", "edition = \"2015\"\n")),
            (&format!("{src}/fxhash-1.0.0/src/lib.rs"), FXHASH_2015),
            (&format!("{src}/modern-1.0.0/Cargo.toml"), &manifest("modern", "edition = \"2021\"\n")),
            (&format!("{src}/modern-1.0.0/src/lib.rs"), broken),
        ],
    );
    let run = |format: &str| {
        sast()
            .current_dir(dir.path().join("ws"))
            .env("CARGO_HOME", dir.path().join("home"))
            .args(["unsafe", "--deps", "-f", format])
            .output()
            .unwrap()
    };
    let o = run("json");
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let j = json(&o);
    let sig = package(&j, "sigreg");
    assert_eq!((sig["files"].as_u64(), sig["files_skipped"].as_u64()), (Some(1), Some(0)), "{sig:#}");
    assert_eq!(sig["unsafe"], counts(1, 0, 1, 0, 0, 0, 0));
    let fx = package(&j, "fxhash");
    assert_eq!((fx["files"].as_u64(), fx["files_skipped"].as_u64()), (Some(1), Some(0)), "{fx:#}");
    assert_eq!(fx["unsafe"], counts(0, 0, 1, 0, 0, 0, 0));
    let modern = package(&j, "modern");
    assert_eq!((modern["files"].as_u64(), modern["files_partial"].as_u64()), (Some(1), Some(1)), "{modern:#}");
    assert_eq!(modern["unsafe"], counts(0, 0, 1, 0, 0, 0, 0));
    let parse_errors: Vec<&Value> =
        j["notifications"].as_array().unwrap().iter().filter(|n| n["kind"] == "parse-error").collect();
    assert_eq!(parse_errors.len(), 1, "{:#}", j["notifications"]);
    assert_eq!((parse_errors[0]["line"].as_u64(), parse_errors[0]["col"].as_u64()), (Some(3), Some(17)));
    // The table's warning carries the position too.
    let o = run("human");
    assert!(stdout(&o).contains("warning: modern-1.0.0/src/lib.rs:3:17: could not parse: "), "{}", stdout(&o));
    assert!(stdout(&o).contains("the item on line 3 is not analysed"), "{}", stdout(&o));
}

/// Many files: a progress bar on a terminal, never in a pipe or under CI.
#[cfg(unix)]
#[test]
fn progress_bar_on_a_terminal_only() {
    if std::process::Command::new("script").arg("--version").output().is_err() {
        eprintln!("SKIPPED progress_bar_on_a_terminal_only: `script` (util-linux) is not installed");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let n = 520;
    let mods: String = (0..n).map(|i| format!("mod m{i};\n")).collect();
    write_files(d, &[("Cargo.toml", "[package]\nname = \"many\"\nversion = \"0.1.0\"\n"), ("src/lib.rs", &mods)]);
    for i in 0..n {
        std::fs::write(d.join(format!("src/m{i}.rs")), "pub fn f(p: *const u8) -> u8 { unsafe { *p } }\n").unwrap();
    }
    let bin = env!("CARGO_BIN_EXE_cargo-sast");
    let on_terminal = |ci: Option<&str>| {
        let mut c = std::process::Command::new("script");
        c.current_dir(d)
            .args(["-qec", &format!("{bin} unsafe . -f json -o /dev/null"), "/dev/null"])
            .env("CARGO_HOME", NO_CARGO_HOME)
            .env("TERM", "xterm")
            .env_remove("CI");
        if let Some(v) = ci {
            c.env("CI", v);
        }
        String::from_utf8_lossy(&c.output().unwrap().stdout).into_owned()
    };
    let tty = on_terminal(None);
    assert!(tty.contains(&format!("/{} files", n + 1)), "{tty:?}");
    assert!(!on_terminal(Some("true")).contains("scanning"));
    let piped = sast().current_dir(d).env_remove("CI").args(["unsafe", ".", "-f", "json"]).output().unwrap();
    assert_eq!(piped.status.code(), Some(0));
    assert!(!stderr(&piped).contains("scanning") && !stderr(&piped).contains('\u{1b}'), "{}", stderr(&piped));
    assert_eq!(json(&piped)["summary"]["files"], n + 1);
}
