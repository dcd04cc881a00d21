//! Our own supply chain, checked in CI without extra tools: every
//! dependency comes from crates.io (no git, no other registry), and every
//! one is under a license `deny.toml` allows.

use std::path::{Path, PathBuf};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn allowed_licenses() -> Vec<String> {
    let deny: toml::Table = std::fs::read_to_string(root().join("deny.toml")).unwrap().parse().unwrap();
    deny["licenses"]["allow"].as_array().unwrap().iter().map(|v| v.as_str().unwrap().to_string()).collect()
}

/// Is an SPDX expression satisfied by the allowed licenses? `A OR B`: one
/// side; `A AND B`: both; parentheses group; `/` is the old spelling of OR.
fn satisfied(expr: &str, allowed: &[String]) -> bool {
    let e = expr.trim();
    if let Some(inner) = e.strip_prefix('(').and_then(|x| x.strip_suffix(')'))
        && balanced(inner)
    {
        return satisfied(inner, allowed);
    }
    if let Some(parts) = split_top(e, " OR ").or_else(|| split_top(e, "/")) {
        return parts.iter().any(|p| satisfied(p, allowed));
    }
    if let Some(parts) = split_top(e, " AND ") {
        return parts.iter().all(|p| satisfied(p, allowed));
    }
    allowed.iter().any(|a| a == e)
}

fn balanced(s: &str) -> bool {
    let mut d = 0i32;
    for c in s.chars() {
        d += match c {
            '(' => 1,
            ')' => -1,
            _ => 0,
        };
        if d < 0 {
            return false;
        }
    }
    d == 0
}

/// Split at `sep` outside parentheses (None when it does not occur there).
fn split_top(s: &str, sep: &str) -> Option<Vec<String>> {
    let mut parts = Vec::new();
    let (mut depth, mut last, mut i) = (0i32, 0usize, 0usize);
    let b = s.as_bytes();
    while i < b.len() {
        match b[i] {
            b'(' => depth += 1,
            b')' => depth -= 1,
            _ if depth == 0 && s[i..].starts_with(sep) => {
                parts.push(s[last..i].to_string());
                i += sep.len();
                last = i;
                continue;
            }
            _ => {}
        }
        i += 1;
    }
    (!parts.is_empty()).then(|| {
        parts.push(s[last..].to_string());
        parts
    })
}

fn registry_manifest(name: &str, version: &str) -> Option<PathBuf> {
    let home = std::env::var_os("CARGO_HOME")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| Path::new(&h).join(".cargo")))?;
    let src = home.join("registry/src");
    std::fs::read_dir(src)
        .ok()?
        .filter_map(Result::ok)
        .map(|e| e.path().join(format!("{name}-{version}/Cargo.toml")))
        .find(|p| p.is_file())
}

#[test]
fn dependencies_come_from_crates_io_under_allowed_licenses() {
    let lock: toml::Table = std::fs::read_to_string(root().join("Cargo.lock")).unwrap().parse().unwrap();
    let allowed = allowed_licenses();
    let mut problems = Vec::new();
    let (mut checked, mut registry) = (0, 0);
    for p in lock["package"].as_array().unwrap() {
        let name = p["name"].as_str().unwrap();
        let version = p["version"].as_str().unwrap();
        let Some(source) = p.get("source").and_then(|s| s.as_str()) else { continue };
        registry += 1;
        if source != "registry+https://github.com/rust-lang/crates.io-index" {
            problems.push(format!("{name} {version}: source {source} is not crates.io"));
            continue;
        }
        // Packages for other platforms are never downloaded here.
        let Some(manifest) = registry_manifest(name, version) else { continue };
        checked += 1;
        let m: toml::Table = std::fs::read_to_string(&manifest).unwrap().parse().unwrap();
        match m.get("package").and_then(|p| p.get("license")).and_then(|l| l.as_str()) {
            Some(l) if satisfied(l, &allowed) => {}
            Some(l) => problems.push(format!("{name} {version}: license `{l}` is not allowed by deny.toml")),
            None => problems.push(format!("{name} {version}: no SPDX `license` field")),
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
    assert!(checked * 10 >= registry * 7, "only {checked} of {registry} dependencies could be checked");
}

/// Our own package states its license, and `deny.toml` allows it
/// (`cargo deny check licenses` fails on an unlicensed crate; cargo-deny is
/// not installed in CI, so this test checks the same).
#[test]
fn our_own_license_is_declared_and_allowed() {
    let manifest: toml::Table = std::fs::read_to_string(root().join("Cargo.toml")).unwrap().parse().unwrap();
    let license = manifest["package"].get("license").and_then(|l| l.as_str());
    assert_eq!(license, Some("MIT OR Apache-2.0"));
    assert!(satisfied(license.unwrap(), &allowed_licenses()));
}

#[test]
fn spdx_expressions() {
    let a: Vec<String> = ["MIT", "Apache-2.0"].iter().map(|s| s.to_string()).collect();
    assert!(satisfied("MIT OR Apache-2.0", &a));
    assert!(satisfied("(MIT OR Apache-2.0) AND Apache-2.0", &a));
    assert!(satisfied("MIT/Apache-2.0", &a));
    assert!(!satisfied("GPL-3.0", &a));
    assert!(!satisfied("MIT AND GPL-3.0", &a));
    assert!(satisfied("GPL-3.0 OR MIT", &a));
}
