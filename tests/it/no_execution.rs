//! Nothing in the scanned code is built, run or fetched: a workspace whose
//! build script, proc macro, cargo configuration and toolchain file would
//! all leave marker files (or open sockets) if anything executed them is
//! scanned, and no marker appears. The scan also works with no network.

use crate::common::*;

const MARK: &str = "touch \"$(dirname \"$0\")/MARKER_$(basename \"$0\")\"";

fn hostile_workspace() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let root = d.display().to_string();
    write_files(
        d,
        &[
            ("Cargo.toml", "[workspace]\nmembers = [\"app\", \"evil-macro\"]\nresolver = \"2\"\n"),
            (
                "app/Cargo.toml",
                "[package]\nname = \"app\"\nversion = \"0.1.0\"\nedition = \"2021\"\nbuild = \"build.rs\"\n\n[dependencies]\nevil-macro = { path = \"../evil-macro\" }\n",
            ),
            (
                "app/build.rs",
                &format!(
                    "fn main() {{\n    std::fs::write(\"{root}/MARKER_build_rs\", \"ran\").unwrap();\n    let _ = std::net::TcpStream::connect(\"93.184.216.34:80\");\n}}\n"
                ),
            ),
            (
                "app/src/main.rs",
                "#[evil_macro::boom]\nfn handler() {}\n\nfn main() {\n    let x: Option<u8> = None;\n    x.unwrap();\n}\n",
            ),
            (
                "evil-macro/Cargo.toml",
                "[package]\nname = \"evil-macro\"\nversion = \"0.1.0\"\nedition = \"2021\"\n\n[lib]\nproc-macro = true\n",
            ),
            (
                "evil-macro/src/lib.rs",
                &format!(
                    "use proc_macro::TokenStream;\n\n#[proc_macro_attribute]\npub fn boom(_a: TokenStream, item: TokenStream) -> TokenStream {{\n    std::fs::write(\"{root}/MARKER_proc_macro\", \"ran\").unwrap();\n    item\n}}\n"
                ),
            ),
            // Repository-controlled configuration that would run programs.
            (
                ".cargo/config.toml",
                &format!("[build]\nrustc-wrapper = \"{root}/evil.sh\"\nrustc = \"{root}/evil.sh\"\n"),
            ),
            // rustup only accepts absolute toolchain paths, so make it one.
            ("rust-toolchain.toml", &format!("[toolchain]\npath = \"{root}/evil-toolchain\"\n")),
            ("evil.sh", &format!("#!/bin/sh\n{MARK}\n")),
            ("evil-toolchain/bin/cargo", &format!("#!/bin/sh\n{MARK}\n")),
            ("evil-toolchain/bin/rustc", &format!("#!/bin/sh\n{MARK}\n")),
        ],
    );
    #[cfg(unix)]
    for f in ["evil.sh", "evil-toolchain/bin/cargo", "evil-toolchain/bin/rustc"] {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(d.join(f), std::fs::Permissions::from_mode(0o755)).unwrap();
    }
    dir
}

#[test]
fn build_scripts_proc_macros_and_repo_config_never_run() {
    let dir = hostile_workspace();
    let d = dir.path();
    // Both as `cargo sast` (with the real cargo on PATH) and as `cargo-sast`.
    for args in [&["sast", "-f", "json"][..], &["-f", "json"][..]] {
        let o = sast().current_dir(d.join("app")).args(args).args(UNWRAPS).output().unwrap();
        assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
        let j = json(&o);
        // The workspace was understood through `cargo metadata` (no fallback).
        assert!(j["notifications"].as_array().unwrap().iter().all(|n| n["kind"] != "cargo-metadata-failed"), "{j}");
        assert!(j["findings"].as_array().unwrap().iter().any(|f| f["location"]["path"] == "app/src/main.rs"));
    }
    assert!(markers(d).is_empty(), "something executed: {:?}", markers(d));
}

#[test]
fn the_trap_is_real() {
    // Running cargo naively inside the workspace does trigger a marker: the
    // test above would notice if the scanner did that.
    let dir = hostile_workspace();
    let d = dir.path();
    // The rustup proxy (`~/.cargo/bin/cargo`), as a user's shell would find it.
    let cargo_home = std::env::var_os("CARGO_HOME")
        .map(std::path::PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| std::path::Path::new(&h).join(".cargo")));
    let Some(proxy) = cargo_home.map(|h| h.join("bin/cargo")).filter(|p| p.exists()) else {
        eprintln!("SKIPPED the_trap_is_real: no rustup-managed cargo here");
        return;
    };
    if std::process::Command::new("rustup").arg("--version").output().is_err() {
        eprintln!("SKIPPED the_trap_is_real: cargo is not managed by rustup here");
        return;
    }
    // As from a user's shell: without the variables rustup sets for the
    // toolchain running these tests.
    let _ = std::process::Command::new(proxy)
        .args(["metadata", "--no-deps", "--format-version", "1"])
        .current_dir(d.join("app"))
        .env_remove("CARGO")
        .env_remove("RUSTUP_TOOLCHAIN")
        .env_remove("RUSTUP_TOOLCHAIN_SOURCE")
        .env_remove("RUST_RECURSION_COUNT")
        .output();
    assert!(!markers(d).is_empty(), "the toolchain trap did not fire; the no-execution test would prove nothing");
}

#[test]
fn the_scan_needs_no_network() {
    // An empty network namespace: no interface can reach anything.
    let probe = std::process::Command::new("unshare").args(["-rn", "true"]).status();
    if !probe.is_ok_and(|s| s.success()) {
        eprintln!("SKIPPED the_scan_needs_no_network: cannot create a network namespace here (unshare -rn)");
        return;
    }
    let dir = hostile_workspace();
    let d = dir.path();
    let o = std::process::Command::new("unshare")
        .args(["-rn", env!("CARGO_BIN_EXE_cargo-sast"), "-f", "json"])
        .args(UNWRAPS)
        .current_dir(d.join("app"))
        .env_remove("CARGO")
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(1), "{}", String::from_utf8_lossy(&o.stderr));
    let j: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert!(j["findings"].as_array().unwrap().iter().any(|f| f["location"]["path"] == "app/src/main.rs"));
    assert!(markers(d).is_empty(), "something executed: {:?}", markers(d));
}
