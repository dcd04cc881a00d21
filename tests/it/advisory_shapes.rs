//! The advisory-shapes workspace (`testdata/workspaces/advisory-shapes`,
//! answer key in its README): the shapes of published advisories outside
//! web handlers. Every planted flow is reported on its line with its rule
//! (the workspace opts `input-reachable-panic` into the library threat
//! model, as its README says), and every fixed twin is quiet on its line
//! (only the marker's rule is compared on a line). The library threat
//! model's twins (`pub` items of private modules, a caller's whole
//! destination path) are among the fixed ones.

use std::collections::BTreeSet;

use crate::common::*;
use crate::taint_service::{assert_answer_key, scan_answer_key};

#[test]
fn planted_flows_are_found_and_fixed_twins_are_quiet() {
    let (found, all_planted, fixed) = scan_answer_key("advisory-shapes", ".");
    assert_eq!((all_planted.len(), fixed.len()), (53, 66));
    assert_answer_key(&found, &all_planted, &fixed);
}

#[test]
fn library_sources_name_the_public_function() {
    let dir = tempfile::tempdir().unwrap();
    copy_tree(&root().join("testdata/workspaces/advisory-shapes"), dir.path());
    let o = sast().current_dir(dir.path()).args(["-f", "json", "--no-deps-audit", "gitmirror"]).output().unwrap();
    let j = json(&o);
    let f = j["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["rule"] == "argument-injection" && f["location"]["path"] == "gitmirror/src/git.rs")
        .expect("git clone's url is reported");
    let msg = f["message"].as_str().unwrap();
    assert!(msg.contains("parameter `url` of the public `git::clone`"), "{msg}");
    // The binary's own functions are not a library's API.
    assert!(!j["findings"].as_array().unwrap().iter().any(|f| {
        f["location"]["path"] == "gitmirror/src/main.rs" && f["message"].as_str().unwrap().contains("of the public")
    }));
}

/// The library threat model's numbers are those decoded from the caller's
/// bytes, and its panics are parses of them in a decoder; a count the
/// library computed over the caller's buffer, a bounded size, a slice made
/// an array, a string handed to a setter, the prefix `valid_up_to` found
/// valid, test support and `unsafe fn`s are not reported.
#[test]
fn library_sources_are_decoded_numbers_and_parses() {
    let dir = tempfile::tempdir().unwrap();
    write_files(
        dir.path(),
        &[
            ("Cargo.toml", "[package]\nname = \"codec\"\nversion = \"0.1.0\"\nedition = \"2021\"\n"),
            // The library source is opt-in for panics (default on for allocations).
            ("sast.toml", "[rule.input-reachable-panic]\nsources = [\"remote\", \"network\", \"library\"]\n"),
            (
                "src/lib.rs",
                r#"pub mod test_helpers;
const LIMIT: usize = 4096;
const MASK: usize = 0xff;

pub fn items(b: &[u8]) -> Vec<u32> {
    let n = u32::from_be_bytes([b[0], b[1], b[2], b[3]]) as usize;
    Vec::with_capacity(n) // BAD
}

pub fn items_manual(b: &[u8]) -> Vec<u32> {
    let n = (b[0] as usize) << 24 | (b[1] as usize) << 16 | (b[2] as usize) << 8 | b[3] as usize;
    Vec::with_capacity(n) // BAD
}

pub fn parse_name(b: &[u8]) -> &str {
    std::str::from_utf8(b).unwrap() // BAD
}

pub struct Request { port: u16 }

impl Request {
    pub fn set_port(&mut self, port: &str) {
        self.port = port.parse().unwrap(); // GOOD
    }
}

pub fn from_key_bytes(b: &[u8]) -> u32 {
    let key: [u8; 4] = b.try_into().unwrap(); // GOOD
    u32::from_be_bytes(key)
}

pub fn decode_lossy(b: &[u8]) -> &str {
    match std::str::from_utf8(b) {
        Ok(s) => s,
        Err(e) => std::str::from_utf8(&b[..e.valid_up_to()]).unwrap(), // GOOD
    }
}

pub fn items_capped(b: &[u8]) -> Vec<u32> {
    let n = u32::from_be_bytes([b[0], b[1], b[2], b[3]]) as usize;
    Vec::with_capacity(std::cmp::min(n, LIMIT)) // GOOD
}

pub fn copy(b: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(b.len() * 2); // GOOD
    out.extend_from_slice(b);
    out
}

pub fn word(b: &[u8]) -> u32 {
    u32::from_be_bytes(b[4..8].try_into().unwrap()) // GOOD
}

fn hash(b: &[u8]) -> usize {
    (b[0] as usize) << 3 | b[1] as usize
}

pub fn lookup(b: &[u8], table: &[u8; 256]) -> u8 {
    table[hash(b) & MASK] // GOOD
}

pub fn lookup_unmasked(b: &[u8], table: &[u8; 256]) -> u8 {
    table[hash(b)] // BAD
}

/// # Safety
/// `b` holds a valid header.
pub unsafe fn items_unchecked(b: &[u8]) -> Vec<u32> {
    let n = u32::from_be_bytes([b[0], b[1], b[2], b[3]]) as usize;
    Vec::with_capacity(n) // GOOD
}

#[doc(hidden)]
pub fn __items(b: &[u8]) -> Vec<u32> {
    let n = u32::from_be_bytes([b[0], b[1], b[2], b[3]]) as usize;
    Vec::with_capacity(n) // GOOD
}
"#,
            ),
            (
                "src/test_helpers.rs",
                r#"pub fn fixture(b: &[u8]) -> Vec<u32> {
    let n = u32::from_be_bytes([b[0], b[1], b[2], b[3]]) as usize;
    Vec::with_capacity(n) // GOOD
}
"#,
            ),
        ],
    );
    let o = sast().current_dir(dir.path()).args(["-f", "json", "--no-deps-audit", "."]).output().unwrap();
    let j = json(&o);
    let got: BTreeSet<(String, u64)> = j["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["message"].as_str().unwrap().contains("of the public"))
        .map(|f| {
            (f["location"]["path"].as_str().unwrap().to_string(), f["location"]["start"]["line"].as_u64().unwrap())
        })
        .collect();
    let mut want = BTreeSet::new();
    let mut quiet = BTreeSet::new();
    for file in ["src/lib.rs", "src/test_helpers.rs"] {
        let text = std::fs::read_to_string(dir.path().join(file)).unwrap();
        for (i, line) in text.lines().enumerate() {
            let at = (file.to_string(), i as u64 + 1);
            if line.ends_with("// BAD") {
                want.insert(at);
            } else if line.ends_with("// GOOD") {
                quiet.insert(at);
            }
        }
    }
    assert_eq!((want.len(), quiet.len()), (4, 10));
    assert!(want.is_subset(&got), "missed: {:?}", want.difference(&got).collect::<Vec<_>>());
    assert!(quiet.is_disjoint(&got), "reported: {:?}", quiet.intersection(&got).collect::<Vec<_>>());
}
