//! Where the sources of a lock file's packages are, and what their
//! manifests say (library root, build script, proc macro, native library):
//! a vendor directory, the local cargo registry, git checkouts, path
//! dependencies. Nothing is fetched; what is not on disk is reported.
//!
//! Each package also gets the prefix its files are reported under:
//! relative to the project root when it is inside it, else under a SARIF
//! base (`%CARGO_REGISTRY%/index.crates.io-…/cc-1.0.0/build.rs`), never an
//! absolute path of the machine.

use std::path::{Path, PathBuf};

use crate::util::fspath::{absolutize, rel_path};
use crate::workspace::deps::{
    Source, git_checkout, is_registry_source, path_dependencies, registry_dir, registry_src_dirs, source_of,
    vendor_packages,
};
use crate::workspace::lockfile::LockFile;
use crate::workspace::manifest::PackageManifest as Manifest;

/// `$CARGO_HOME/registry/src` in reported paths.
pub(crate) const REGISTRY_BASE: &str = "%CARGO_REGISTRY%";
/// `$CARGO_HOME/git/checkouts` in reported paths.
pub(crate) const GIT_BASE: &str = "%CARGO_GIT%";
/// A vendor directory outside the project.
pub(crate) const VENDOR_BASE: &str = "%CARGO_VENDOR%";
/// A path dependency outside the project.
pub(crate) const PATH_BASE: &str = "%PATH_DEPENDENCY%";

/// A package of the lock file, found on disk.
#[derive(Debug, Clone)]
pub(crate) struct Pkg {
    pub(crate) name: String,
    pub(crate) version: String,
    pub(crate) source: Source,
    /// Index of its entry in the lock file.
    pub(crate) lock_index: usize,
    pub(crate) dir: PathBuf,
    /// Reported paths of its files start with this (ends with `/`).
    pub(crate) prefix: String,
    pub(crate) manifest: Manifest,
}

/// Where to look.
#[derive(Debug, Clone, Default)]
pub(crate) struct Places {
    /// The project root (paths inside it are reported relative to it).
    pub(crate) root: PathBuf,
    /// `$CARGO_HOME/registry/src/*`.
    pub(crate) registries: Vec<PathBuf>,
    /// A `cargo vendor` directory.
    pub(crate) vendor: Option<PathBuf>,
    /// `$CARGO_HOME/git/checkouts`.
    pub(crate) git: Option<PathBuf>,
    /// The workspace members' manifests (their path dependencies count).
    pub(crate) members: Vec<PathBuf>,
}

impl Places {
    /// The usual places: the local registry and git checkouts of
    /// `$CARGO_HOME`, and `vendor` if given.
    pub(crate) fn new(root: &Path, vendor: Option<PathBuf>, members: Vec<PathBuf>) -> Places {
        Places {
            root: root.to_path_buf(),
            registries: registry_src_dirs(),
            vendor,
            git: crate::workspace::metadata::cargo_home()
                .map(|h| h.join("git").join("checkouts"))
                .filter(|d| d.is_dir()),
            members,
        }
    }

    /// The SARIF bases used in reported paths and the directories they
    /// stand for (for the terminal's legend).
    pub(crate) fn bases(&self) -> Vec<(&'static str, PathBuf)> {
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
pub(crate) struct Located {
    pub(crate) pkgs: Vec<Pkg>,
    /// Lock entries whose sources are not on disk (index, `name version`).
    pub(crate) missing: Vec<(usize, String)>,
}

/// Find the sources of every non-member package of a lock file (only the
/// entries in `only`, when given).
pub(crate) fn locate(lock: &LockFile, places: &Places, only: Option<&std::collections::HashSet<usize>>) -> Located {
    let vendor = places.vendor.as_deref().map(vendor_packages).unwrap_or_default();
    let member_dirs: Vec<PathBuf> =
        places.members.iter().filter_map(|m| m.parent()).map(|d| absolutize(d, Path::new("."))).collect();
    let paths = path_dependencies(&places.members, &member_dirs);
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
            Some(src) => vendor
                .get(&(p.name.clone(), version.clone()))
                .map(|d| (d.clone(), source_of(Some(src))))
                .or_else(|| {
                    if is_registry_source(src) {
                        registry_dir(&places.registries, &p.name, &version).map(|d| (d, Source::Registry))
                    } else if src.starts_with("git+") {
                        places.git.as_deref().and_then(|g| git_checkout(g, &p.name, src)).map(|d| (d, Source::Git))
                    } else {
                        None
                    }
                }),
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

/// How a package's files are reported.
fn prefix_of(dir: &Path, places: &Places, name: &str, version: &str) -> String {
    let under = |base: &Path| dir.strip_prefix(base).ok().map(|r| rel_path(Path::new(""), r));
    if dir.starts_with(&places.root) {
        return format!("{}/", rel_path(&places.root, dir));
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

/// `cargo fetch` hint for sources that are missing.
pub(crate) fn fetch_hint() -> &'static str {
    "run `cargo fetch` (it downloads the sources of Cargo.lock into the local registry without building anything), or pass --vendor DIR"
}
