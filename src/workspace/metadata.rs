//! `cargo metadata`: run from a neutral directory, offline, and read into
//! the workspace's packages and targets.

use std::collections::{BTreeMap, HashSet};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::Arc;

use serde::Deserialize;

use super::FileKind;

/// A cargo package of the workspace.
#[derive(Debug, Clone)]
pub struct Package {
    /// `cargo metadata`'s package id, verbatim (what cargo's JSON
    /// messages carry as `package_id`); `None` without metadata.
    pub id: Option<Arc<str>>,
    pub name: Arc<str>,
    pub version: Option<Arc<str>>,
    pub manifest: PathBuf,
    pub dir: PathBuf,
    pub edition: Option<Arc<str>>,
    pub targets: Vec<Target>,
}

#[derive(Debug, Clone)]
pub struct Target {
    pub name: String,
    pub kind: FileKind,
    pub src_path: PathBuf,
    /// The target object as `cargo metadata` printed it (cargo's JSON
    /// messages carry the same object as `target`).
    pub raw: Option<Arc<serde_json::Value>>,
}

/// Cargo's home: `$CARGO_HOME`, else `~/.cargo` (`$HOME`, then
/// `%USERPROFILE%`); empty variables count as unset.
pub(crate) fn cargo_home() -> Option<PathBuf> {
    let nonempty = |k: &str| std::env::var_os(k).filter(|v| !v.is_empty()).map(PathBuf::from);
    nonempty("CARGO_HOME")
        .or_else(|| nonempty("HOME").map(|h| h.join(".cargo")))
        .or_else(|| nonempty("USERPROFILE").map(|h| h.join(".cargo")))
}

// ---------------------------------------------------------------------------
// cargo metadata

#[derive(Deserialize)]
pub(crate) struct RawMetadata {
    pub(crate) packages: Vec<RawPackage>,
    pub(crate) workspace_members: Vec<String>,
    pub(crate) workspace_root: PathBuf,
}

#[derive(Deserialize)]
pub(crate) struct RawPackage {
    pub(crate) name: String,
    #[serde(default)]
    pub(crate) version: Option<String>,
    pub(crate) id: String,
    /// `None` for workspace members and path dependencies.
    #[serde(default)]
    pub(crate) source: Option<String>,
    pub(crate) manifest_path: PathBuf,
    #[serde(default)]
    pub(crate) edition: Option<String>,
    pub(crate) targets: Vec<serde_json::Value>,
}

#[derive(Deserialize)]
pub(crate) struct RawTarget {
    pub(crate) name: String,
    pub(crate) kind: Vec<String>,
    pub(crate) src_path: PathBuf,
}

#[derive(Clone)]
pub(crate) struct Metadata {
    pub workspace_root: PathBuf,
    pub packages: Vec<Package>,
}

/// The cargo binary to use: the one that invoked us (`$CARGO`), else PATH.
pub(crate) fn cargo_bin() -> PathBuf {
    std::env::var_os("CARGO").map_or_else(|| PathBuf::from("cargo"), PathBuf::from)
}

/// Run `cargo metadata --no-deps` for a manifest.
pub(crate) fn cargo_metadata(manifest: &Path) -> Result<Metadata, String> {
    parse_metadata(&run_cargo_metadata(manifest, &["--no-deps"])?)
}

/// Run `cargo metadata --format-version 1 --offline <extra>` for a
/// manifest, from a neutral directory; its JSON output, or cargo's first
/// error line.
pub(crate) fn run_cargo_metadata(manifest: &Path, extra: &[&str]) -> Result<Vec<u8>, String> {
    let neutral = std::env::temp_dir();
    let out = Command::new(cargo_bin())
        .arg("metadata")
        .args(extra)
        .args(["--format-version", "1", "--offline", "--color", "never", "--manifest-path"])
        .arg(manifest)
        .current_dir(&neutral)
        .env("CARGO_TERM_COLOR", "never")
        .stdin(Stdio::null())
        .output()
        .map_err(|e| format!("cannot run cargo: {e}"))?;
    if !out.status.success() {
        let err = String::from_utf8_lossy(&out.stderr);
        let first =
            err.lines().find(|l| l.contains("error")).unwrap_or_else(|| err.lines().next().unwrap_or("")).trim();
        return Err(first.to_string());
    }
    Ok(out.stdout)
}

impl RawPackage {
    /// The package's targets cargo-sast distinguishes (lib, bin, test, …).
    pub(crate) fn targets(&self) -> Vec<Target> {
        self.targets
            .iter()
            .filter_map(|raw| {
                let t: RawTarget = serde_json::from_value(raw.clone()).ok()?;
                let kind = t.kind.iter().find_map(|k| target_kind(k))?;
                Some(Target { name: t.name, kind, src_path: t.src_path, raw: Some(Arc::new(raw.clone())) })
            })
            .collect()
    }
}

pub(crate) fn parse_metadata(json: &[u8]) -> Result<Metadata, String> {
    let raw: RawMetadata =
        serde_json::from_slice(json).map_err(|e| format!("unexpected `cargo metadata` output: {e}"))?;
    let members: HashSet<&str> = raw.workspace_members.iter().map(String::as_str).collect();
    let mut packages = Vec::new();
    let mut seen = BTreeMap::new();
    for p in &raw.packages {
        if !members.contains(p.id.as_str()) {
            continue;
        }
        let dir = p.manifest_path.parent().map(Path::to_path_buf).unwrap_or_default();
        let targets = p.targets();
        seen.insert(p.name.clone(), ());
        packages.push(Package {
            id: Some(p.id.as_str().into()),
            name: p.name.as_str().into(),
            version: p.version.as_deref().map(Into::into),
            manifest: p.manifest_path.clone(),
            dir,
            edition: p.edition.as_deref().map(Into::into),
            targets,
        });
    }
    packages.sort_by(|a, b| a.dir.cmp(&b.dir));
    Ok(Metadata { workspace_root: raw.workspace_root, packages })
}

/// The file kind of a cargo target kind (`lib`, `bin`, `test`, …).
pub(crate) fn target_kind(k: &str) -> Option<FileKind> {
    Some(match k {
        "lib" | "rlib" | "dylib" | "cdylib" | "staticlib" | "proc-macro" => FileKind::Lib,
        "bin" => FileKind::Bin,
        "test" => FileKind::Test,
        "example" => FileKind::Example,
        "bench" => FileKind::Bench,
        "custom-build" => FileKind::BuildScript,
        _ => return None,
    })
}
