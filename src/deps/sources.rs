//! Where the sources of a lock file's packages are, and what their
//! manifests say (library root, build script, proc macro, native library):
//! a vendor directory, the local cargo registry, git checkouts, path
//! dependencies. Nothing is fetched; what is not on disk is reported.
//!
//! Each package also gets the prefix its files are reported under:
//! relative to the project root when it is inside it, else under a SARIF
//! base (`%CARGO_REGISTRY%/index.crates.io-…/cc-1.0.0/build.rs`), never an
//! absolute path of the machine.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use crate::audit::lockfile::{LockFile, LockPackage};
use crate::discover;
use crate::inventory::{self, Source};

/// `$CARGO_HOME/registry/src` in reported paths.
pub const REGISTRY_BASE: &str = "%CARGO_REGISTRY%";
/// `$CARGO_HOME/git/checkouts` in reported paths.
pub const GIT_BASE: &str = "%CARGO_GIT%";
/// A vendor directory outside the project.
pub const VENDOR_BASE: &str = "%CARGO_VENDOR%";
/// A path dependency outside the project.
pub const PATH_BASE: &str = "%PATH_DEPENDENCY%";

/// Largest manifest read.
const MAX_MANIFEST: u64 = 1024 * 1024;

/// What a package's manifest says.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Manifest {
    pub name: Option<String>,
    pub version: Option<String>,
    /// The library's root file (absolute), when it exists.
    pub lib: Option<PathBuf>,
    /// The build script (absolute), when there is one.
    pub build: Option<PathBuf>,
    pub proc_macro: bool,
    /// `links = "…"`: the native library it links.
    pub links: Option<String>,
}

impl Manifest {
    /// Read `dir/Cargo.toml` (at most 1 MiB; a broken one is `None`).
    pub fn read(dir: &Path) -> Option<Manifest> {
        let text = crate::fsread::read_string(&dir.join("Cargo.toml"), MAX_MANIFEST).ok()?;
        let t: toml::Table = text.parse().ok()?;
        let pkg = t.get("package").and_then(toml::Value::as_table);
        let get = |k: &str| pkg.and_then(|p| p.get(k)).and_then(toml::Value::as_str).map(String::from);
        let lib = t.get("lib").and_then(toml::Value::as_table);
        let proc_macro = lib
            .and_then(|l| l.get("proc-macro").or_else(|| l.get("proc_macro")))
            .and_then(toml::Value::as_bool)
            .unwrap_or(false);
        let lib_path = lib
            .and_then(|l| l.get("path"))
            .and_then(toml::Value::as_str)
            .map(|p| dir.join(p))
            .unwrap_or_else(|| dir.join("src/lib.rs"));
        let build = match pkg.and_then(|p| p.get("build")) {
            Some(toml::Value::String(s)) => Some(dir.join(s)),
            Some(toml::Value::Boolean(false)) => None,
            _ => Some(dir.join("build.rs")),
        };
        let inside = |p: &PathBuf| discover::absolutize(dir, p).starts_with(dir) && p.is_file();
        Some(Manifest {
            name: get("name"),
            version: get("version"),
            lib: Some(discover::absolutize(dir, &lib_path)).filter(inside),
            build: build.map(|b| discover::absolutize(dir, &b)).filter(inside),
            proc_macro,
            links: get("links"),
        })
    }
}

/// A package of the lock file, found on disk.
#[derive(Debug, Clone)]
pub struct Pkg {
    pub name: String,
    pub version: String,
    pub source: Source,
    /// Index of its entry in the lock file.
    pub lock_index: usize,
    pub dir: PathBuf,
    /// Reported paths of its files start with this (ends with `/`).
    pub prefix: String,
    pub manifest: Manifest,
}

/// Where to look.
#[derive(Debug, Clone, Default)]
pub struct Places {
    /// The project root (paths inside it are reported relative to it).
    pub root: PathBuf,
    /// `$CARGO_HOME/registry/src/*`.
    pub registries: Vec<PathBuf>,
    /// A `cargo vendor` directory.
    pub vendor: Option<PathBuf>,
    /// `$CARGO_HOME/git/checkouts`.
    pub git: Option<PathBuf>,
    /// The workspace members' manifests (their path dependencies count).
    pub members: Vec<PathBuf>,
}

impl Places {
    /// The usual places: the local registry and git checkouts of
    /// `$CARGO_HOME`, and `vendor` if given.
    pub fn new(root: &Path, vendor: Option<PathBuf>, members: Vec<PathBuf>) -> Places {
        Places {
            root: root.to_path_buf(),
            registries: inventory::registry_src_dirs(),
            vendor,
            git: discover::cargo_home().map(|h| h.join("git").join("checkouts")).filter(|d| d.is_dir()),
            members,
        }
    }

    /// The SARIF bases used in reported paths and the directories they
    /// stand for (for the terminal's legend).
    pub fn bases(&self) -> Vec<(&'static str, PathBuf)> {
        let mut out = Vec::new();
        if let Some(r) = self.registries.first().and_then(|r| r.parent()) {
            out.push((REGISTRY_BASE, r.to_path_buf()));
        }
        if let Some(g) = &self.git {
            out.push((GIT_BASE, g.clone()));
        }
        if let Some(v) = &self.vendor
            && !v.starts_with(&self.root)
        {
            out.push((VENDOR_BASE, v.clone()));
        }
        out
    }
}

/// What [`locate`] found.
#[derive(Debug, Default)]
pub struct Located {
    pub pkgs: Vec<Pkg>,
    /// Lock entries whose sources are not on disk (index, `name version`).
    pub missing: Vec<(usize, String)>,
}

/// Find the sources of every non-member package of a lock file (only the
/// entries in `only`, when given).
pub fn locate(lock: &LockFile, places: &Places, only: Option<&std::collections::HashSet<usize>>) -> Located {
    let vendor = places.vendor.as_deref().map(vendor_index).unwrap_or_default();
    let member_dirs: Vec<PathBuf> =
        places.members.iter().filter_map(|m| m.parent()).map(|d| discover::absolutize(d, Path::new("."))).collect();
    let paths = inventory::path_dependencies(&places.members, &member_dirs);
    let mut out = Located::default();
    for (i, p) in lock.packages.iter().enumerate() {
        if only.is_some_and(|o| !o.contains(&i)) {
            continue;
        }
        let version = p.version.to_string();
        let found = match p.source.as_deref() {
            None => {
                // A member, or a path dependency.
                match paths.iter().find(|d| {
                    d.package.name.as_ref() == p.name && d.package.version.as_deref().is_none_or(|v| v == version)
                }) {
                    Some(d) => Some((d.package.dir.clone(), Source::Path)),
                    None => continue,
                }
            }
            Some(src) => {
                vendor.get(&(p.name.clone(), version.clone())).map(|d| (d.clone(), source_kind(src))).or_else(|| {
                    if inventory::is_registry_source(src) {
                        inventory::registry_dir(&places.registries, &p.name, &version).map(|d| (d, Source::Registry))
                    } else if src.starts_with("git+") {
                        places.git.as_deref().and_then(|g| git_dir(g, p, src)).map(|d| (d, Source::Git))
                    } else {
                        None
                    }
                })
            }
        };
        let Some((dir, source)) = found else {
            out.missing.push((i, p.label()));
            continue;
        };
        let Some(manifest) = Manifest::read(&dir) else {
            out.missing.push((i, p.label()));
            continue;
        };
        let prefix = prefix_of(&dir, places, &p.name, &version);
        out.pkgs.push(Pkg { name: p.name.clone(), version, source, lock_index: i, dir, prefix, manifest });
    }
    out
}

fn source_kind(src: &str) -> Source {
    if src.starts_with("git+") { Source::Git } else { Source::Registry }
}

/// How a package's files are reported.
fn prefix_of(dir: &Path, places: &Places, name: &str, version: &str) -> String {
    let under = |base: &Path| dir.strip_prefix(base).ok().map(|r| discover::rel_path(Path::new(""), r));
    if dir.starts_with(&places.root) {
        return format!("{}/", discover::rel_path(&places.root, dir));
    }
    if let Some(r) = places.registries.first().and_then(|r| r.parent()).and_then(under) {
        return format!("{REGISTRY_BASE}/{r}/");
    }
    if let Some(r) = places.git.as_deref().and_then(under) {
        return format!("{GIT_BASE}/{r}/");
    }
    if let Some(r) = places.vendor.as_deref().and_then(under) {
        return format!("{VENDOR_BASE}/{r}/");
    }
    format!("{PATH_BASE}/{name}-{version}/")
}

/// `(name, version)` → directory, for the packages of a vendor directory
/// (`cargo vendor` names them `name` or `name-version`).
fn vendor_index(dir: &Path) -> HashMap<(String, String), PathBuf> {
    let mut out = HashMap::new();
    let Ok(rd) = std::fs::read_dir(dir) else { return out };
    let mut entries: Vec<PathBuf> = rd.filter_map(Result::ok).map(|e| e.path()).filter(|p| p.is_dir()).collect();
    entries.sort();
    for d in entries {
        let Some(m) = Manifest::read(&d) else { continue };
        if let (Some(n), Some(v)) = (m.name, m.version) {
            out.entry((n, v)).or_insert(d);
        }
    }
    out
}

/// A git dependency's package in `$CARGO_HOME/git/checkouts/<repo>-<hash>/<short rev>/`.
fn git_dir(checkouts: &Path, p: &LockPackage, src: &str) -> Option<PathBuf> {
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
                    && let Some(m) = Manifest::read(d)
                    && m.name.as_deref() == Some(p.name.as_str())
                {
                    return Some(d.to_path_buf());
                }
            }
        }
    }
    None
}

/// `cargo fetch` hint for sources that are missing.
pub fn fetch_hint() -> &'static str {
    "run `cargo fetch` (it downloads the sources of Cargo.lock into the local registry without building anything), or pass --vendor DIR"
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn manifest_facts() {
        let d = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(d.path().join("src")).unwrap();
        std::fs::write(d.path().join("src/lib.rs"), "").unwrap();
        std::fs::write(d.path().join("build.rs"), "fn main() {}").unwrap();
        std::fs::write(
            d.path().join("Cargo.toml"),
            "[package]\nname = \"x\"\nversion = \"1.0.0\"\nlinks = \"z\"\n[lib]\nproc-macro = true\n",
        )
        .unwrap();
        let m = Manifest::read(d.path()).unwrap();
        assert_eq!(
            (m.name.as_deref(), m.version.as_deref(), m.links.as_deref()),
            (Some("x"), Some("1.0.0"), Some("z"))
        );
        assert!(m.proc_macro && m.lib.is_some() && m.build.is_some());
        std::fs::write(
            d.path().join("Cargo.toml"),
            "[package]\nname = \"x\"\nbuild = false\n[lib]\npath = \"../../etc/lib.rs\"\n",
        )
        .unwrap();
        let m = Manifest::read(d.path()).unwrap();
        assert!(m.build.is_none() && m.lib.is_none(), "{m:?}");
    }
}
