//! The packages a workspace depends on, with where their sources are:
//! from `cargo metadata --locked --offline` (never writes a lock file,
//! never fetches), or from `Cargo.lock` and the local registry, plus path
//! dependencies followed through the members' manifests; and the other
//! places sources are unpacked (a `cargo vendor` directory, including the
//! one `.cargo/config.toml` names, and cargo's git checkouts).

use std::path::{Path, PathBuf};

use serde::Serialize;

use crate::finding::{NoteLevel, Notification};
use crate::workspace::metadata::Package;
use crate::workspace::metadata::RawMetadata;
use crate::workspace::metadata::cargo_home;
use crate::workspace::metadata::run_cargo_metadata;

/// Where a package comes from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub(crate) enum Source {
    /// A member of the scanned workspace.
    Workspace,
    /// A directory given as PATH (outside any workspace).
    Directory,
    Registry,
    Git,
    /// A path dependency outside the workspace.
    Path,
}

impl Source {
    pub(crate) fn as_str(self) -> &'static str {
        match self {
            Self::Workspace => "workspace",
            Self::Directory => "directory",
            Self::Registry => "registry",
            Self::Git => "git",
            Self::Path => "path",
        }
    }
}

/// A dependency to inventory.
#[derive(Clone)]
pub(crate) struct Dep {
    pub(crate) package: Package,
    pub(crate) source: Source,
}

pub(crate) fn source_of(source: Option<&str>) -> Source {
    match source {
        Some(s) if s.starts_with("git+") => Source::Git,
        Some(_) => Source::Registry,
        None => Source::Path,
    }
}

/// Every non-member package of the workspace's lock file: from `cargo
/// metadata --locked --offline` (never writes a lock file, never fetches),
/// or, when cargo cannot resolve offline, from `Cargo.lock` and the
/// sources already in the local registry.
pub(crate) fn dependencies(
    manifest: &Path,
    members: &[PathBuf],
    ws_root: Option<&Path>,
    target: Option<&str>,
    notes: &mut Vec<Notification>,
) -> Result<Vec<Dep>, String> {
    let mut args = vec!["--locked"];
    if let Some(t) = target {
        args.extend(["--filter-platform", t]);
    }
    let why = match run_cargo_metadata(manifest, &args) {
        Ok(json) => {
            let meta: RawMetadata =
                serde_json::from_slice(&json).map_err(|e| format!("unexpected `cargo metadata` output: {e}"))?;
            let members: std::collections::HashSet<&str> = meta.workspace_members.iter().map(String::as_str).collect();
            let mut out = Vec::new();
            for p in &meta.packages {
                if members.contains(p.id.as_str()) {
                    continue;
                }
                let targets = p.targets();
                out.push(Dep {
                    package: Package {
                        id: Some(p.id.as_str().into()),
                        name: p.name.as_str().into(),
                        version: p.version.as_deref().map(Into::into),
                        manifest: p.manifest_path.clone(),
                        dir: p.manifest_path.parent().map(Path::to_path_buf).unwrap_or_default(),
                        edition: p.edition.as_deref().map(Into::into),
                        targets,
                    },
                    source: source_of(p.source.as_deref()),
                });
            }
            return Ok(out);
        }
        Err(why) => why,
    };
    let root = ws_root.map(Path::to_path_buf).or_else(|| manifest.parent().map(Path::to_path_buf)).unwrap_or_default();
    let lock = root.join("Cargo.lock");
    let Ok(text) = crate::util::fsread::read_string(&lock, crate::util::fsread::limit::LOCKFILE) else {
        return Err(format!(
            "--deps needs the dependencies in Cargo.lock, but there is no {} and `cargo metadata --offline --locked` failed ({why}); run `cargo generate-lockfile` (or `cargo fetch`) first",
            lock.display()
        ));
    };
    notes.push(Notification::new(
        NoteLevel::Warning,
        "cargo-metadata-failed",
        None,
        format!(
            "`cargo metadata --offline --locked` failed ({why}); reading {} and the local registry instead{}",
            lock.display(),
            if target.is_some() { " (every platform: --target cannot be applied)" } else { "" }
        ),
    ));
    lock_file_deps(&text, members, notes)
}

/// Packages of a lock file: registry packages whose sources are unpacked
/// under `$CARGO_HOME/registry/src/*/<name>-<version>/`, and path
/// dependencies found by following the `path = …` entries of the workspace
/// members' manifests.
fn lock_file_deps(text: &str, members: &[PathBuf], notes: &mut Vec<Notification>) -> Result<Vec<Dep>, String> {
    let lock = super::lockfile::parse(text).map_err(|e| format!("cannot read Cargo.lock: {e}"))?;
    let registries = registry_src_dirs();
    let member_dirs: Vec<PathBuf> =
        members.iter().filter_map(|m| m.parent()).map(|d| crate::util::fspath::absolutize(d, Path::new("."))).collect();
    let paths = path_dependencies(members, &member_dirs);
    let mut out = Vec::new();
    let mut missing = Vec::new();
    for p in &lock.packages {
        let version = p.version.to_string();
        let Some(source) = p.source.as_deref() else {
            if let Some(dep) = paths.iter().find(|d| {
                d.package.name.as_ref() == p.name.as_str() && d.package.version.as_deref().is_none_or(|v| v == version)
            }) {
                let mut dep = dep.clone();
                dep.package.version = Some(version.as_str().into());
                out.push(dep);
            }
            continue;
        };
        let found = if is_registry_source(source) { registry_dir(&registries, &p.name, &version) } else { None };
        match found {
            Some(dir) => out.push(Dep {
                package: Package {
                    id: None,
                    name: p.name.as_str().into(),
                    version: Some(version.as_str().into()),
                    edition: super::manifest::read_manifest_package(&dir.join("Cargo.toml")).2.map(Into::into),
                    manifest: dir.join("Cargo.toml"),
                    dir,
                    targets: Vec::new(),
                },
                source: source_of(Some(source)),
            }),
            None => missing.push(format!("{} {version}", p.name)),
        }
    }
    if !missing.is_empty() {
        let shown: Vec<&str> = missing.iter().take(8).map(String::as_str).collect();
        notes.push(Notification::new(
            NoteLevel::Warning,
            "dependency-sources-missing",
            None,
            format!(
                "{} package(s) of Cargo.lock are not in the local cargo registry and are not counted (run `cargo fetch`): {}{}",
                missing.len(),
                shown.join(", "),
                if missing.len() > shown.len() { ", …" } else { "" }
            ),
        ));
    }
    Ok(out)
}

/// The local cargo registry's unpacked sources: one directory per index
/// under `$CARGO_HOME/registry/src`.
pub(crate) fn registry_src_dirs() -> Vec<PathBuf> {
    let mut dirs: Vec<PathBuf> = cargo_home()
        .map(|h| h.join("registry").join("src"))
        .and_then(|d| std::fs::read_dir(d).ok())
        .map(|rd| rd.filter_map(Result::ok).map(|e| e.path()).collect())
        .unwrap_or_default();
    dirs.sort();
    dirs
}

/// A `source = "…"` of Cargo.lock that is a registry (crates.io or another).
pub(crate) fn is_registry_source(source: &str) -> bool {
    source.starts_with("registry+") || source.starts_with("sparse+")
}

/// The unpacked sources of `name` `version` in one of the registry source directories.
pub(crate) fn registry_dir(registries: &[PathBuf], name: &str, version: &str) -> Option<PathBuf> {
    registries.iter().map(|r| r.join(format!("{name}-{version}"))).find(|d| d.join("Cargo.toml").is_file())
}

/// Non-member packages reachable through `path = "…"` dependencies (in any
/// dependency table, `[workspace.dependencies]` and `[patch.*]`) from the
/// given manifests, transitively.
pub(crate) fn path_dependencies(members: &[PathBuf], member_dirs: &[PathBuf]) -> Vec<Dep> {
    const TABLES: [&str; 3] = ["dependencies", "dev-dependencies", "build-dependencies"];
    let mut queue: Vec<PathBuf> = members.to_vec();
    let mut seen: Vec<PathBuf> = member_dirs.to_vec();
    let mut out = Vec::new();
    while let Some(manifest) = queue.pop() {
        let Some(dir) = manifest.parent().map(Path::to_path_buf) else { continue };
        let Some(table) = crate::util::fsread::read_string(&manifest, crate::util::fsread::limit::CONFIG)
            .ok()
            .and_then(|t| t.parse::<toml::Table>().ok())
        else {
            continue;
        };
        let mut dep_tables: Vec<&toml::Value> = TABLES.iter().filter_map(|t| table.get(*t)).collect();
        if let Some(targets) = table.get("target").and_then(toml::Value::as_table) {
            dep_tables.extend(targets.values().flat_map(|t| TABLES.iter().filter_map(|k| t.get(*k))));
        }
        dep_tables.extend(table.get("workspace").and_then(|w| w.get("dependencies")));
        if let Some(patches) = table.get("patch").and_then(toml::Value::as_table) {
            dep_tables.extend(patches.values());
        }
        for spec in dep_tables.iter().filter_map(|t| t.as_table()).flat_map(|t| t.values()) {
            let Some(rel) = spec.get("path").and_then(toml::Value::as_str) else { continue };
            let dep_dir = crate::util::fspath::absolutize(&dir, Path::new(rel));
            if seen.contains(&dep_dir) {
                continue;
            }
            seen.push(dep_dir.clone());
            let dep_manifest = dep_dir.join("Cargo.toml");
            let (Some(name), version, edition) = super::manifest::read_manifest_package(&dep_manifest) else {
                continue;
            };
            out.push(Dep {
                package: Package {
                    id: None,
                    name: name.into(),
                    version: version.map(Into::into),
                    manifest: dep_manifest.clone(),
                    dir: dep_dir,
                    edition: edition.map(Into::into),
                    targets: Vec::new(),
                },
                source: Source::Path,
            });
            queue.push(dep_manifest);
        }
    }
    out
}

/// A directory source of `.cargo/config.toml` (`[source.x] directory = "vendor"`),
/// inside the repository (`boundary`).
pub(crate) fn vendor_from_cargo_config(ws_root: &Path, boundary: Option<&Path>) -> Option<PathBuf> {
    for name in ["config.toml", "config"] {
        let path = ws_root.join(".cargo").join(name);
        let Ok(text) = crate::util::confine::read_string(&path, boundary, crate::util::fsread::limit::CONFIG) else {
            continue;
        };
        let Ok(t) = text.parse::<toml::Table>() else { continue };
        let dir = t
            .get("source")
            .and_then(toml::Value::as_table)
            .and_then(|s| s.values().find_map(|v| v.get("directory").and_then(toml::Value::as_str)))?;
        let p = crate::util::fspath::absolutize(ws_root, Path::new(dir));
        let p = match boundary {
            Some(b) => crate::util::confine::within(&p, b).ok()?,
            None => p,
        };
        return p.is_dir().then_some(p);
    }
    None
}

/// `(name, version)` → directory, for the packages of a vendor directory
/// (`cargo vendor` names them `name` or `name-version`).
pub(crate) fn vendor_packages(dir: &Path) -> std::collections::HashMap<(String, String), PathBuf> {
    let mut out = std::collections::HashMap::new();
    let Ok(rd) = std::fs::read_dir(dir) else { return out };
    let mut entries: Vec<PathBuf> = rd.filter_map(Result::ok).map(|e| e.path()).filter(|p| p.is_dir()).collect();
    entries.sort();
    for d in entries {
        let Some(m) = super::manifest::PackageManifest::read(&d) else { continue };
        if let (Some(n), Some(v)) = (m.name, m.version) {
            out.entry((n, v)).or_insert(d);
        }
    }
    out
}

/// A git dependency's package in `$CARGO_HOME/git/checkouts/<repo>-<hash>/<short rev>/`.
pub(crate) fn git_checkout(checkouts: &Path, name: &str, src: &str) -> Option<PathBuf> {
    let rev = src.rsplit_once('#').map(|(_, r)| r)?;
    let url = src.trim_start_matches("git+").split(['?', '#']).next()?;
    let repo = url.trim_end_matches('/').rsplit('/').next()?.trim_end_matches(".git").to_ascii_lowercase();
    let mut repos: Vec<PathBuf> = std::fs::read_dir(checkouts)
        .ok()?
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|d| d.file_name().is_some_and(|n| n.to_string_lossy().to_ascii_lowercase().starts_with(&repo)))
        .collect();
    repos.sort();
    for r in repos {
        let Ok(revs) = std::fs::read_dir(&r) else { continue };
        for c in revs.filter_map(Result::ok).map(|e| e.path()) {
            let short = c.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
            if short.len() < 7 || !rev.starts_with(&short) {
                continue;
            }
            let walk = walkdir::WalkDir::new(&c)
                .max_depth(4)
                .into_iter()
                .filter_entry(|e| !e.file_name().to_string_lossy().starts_with('.') && e.file_name() != "target");
            for e in walk.filter_map(Result::ok) {
                if e.file_name() == "Cargo.toml"
                    && let Some(d) = e.path().parent()
                    && let Some(m) = super::manifest::PackageManifest::read(d)
                    && m.name.as_deref() == Some(name)
                {
                    return Some(d.to_path_buf());
                }
            }
        }
    }
    None
}
