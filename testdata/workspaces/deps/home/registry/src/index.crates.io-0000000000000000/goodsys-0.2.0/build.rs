//! TEST FIXTURE for cargo-sast: what an ordinary `-sys` build script does,
//! and, new in 0.2.0, a download at build time. Nothing here is built.

use std::env;
use std::fs;
use std::path::Path;
use std::process::Command;

fn main() {
    let out_dir = env::var("OUT_DIR").unwrap();
    let target = env::var("TARGET").unwrap();
    let rustc = env::var("RUSTC").unwrap_or_else(|_| "rustc".into());
    let version = Command::new(&rustc).arg("--version").output().unwrap();
    let text = String::from_utf8_lossy(&version.stdout).to_string();
    fs::write(Path::new(&out_dir).join("version.rs"), format!("pub const RUSTC: &str = {text:?};")).unwrap();
    let _ = ureq::get("https://example.invalid/zlib.tar.gz").call();
    if pkg_config::probe_library("z").is_err() {
        cc::Build::new().file("zlib/adler32.c").include("zlib").compile("z");
    }
    println!("cargo:rustc-link-lib=z");
    println!("cargo:rerun-if-env-changed=ZLIB_DIR {target}");
}
