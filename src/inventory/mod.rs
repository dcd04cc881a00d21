//! `cargo sast unsafe`: an inventory of unsafe code per package — the
//! workspace members, and with `--deps` every dependency in `Cargo.lock`,
//! read from the local cargo registry. Nothing is built, fetched or run:
//! each file is parsed once and walked with no rules, and the walker's
//! `UnsafeStats` are summed per package (production code only: tests,
//! examples, benches, build scripts and `#[cfg(test)]` code are left out,
//! as in the scan).

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};

use serde::Serialize;

use crate::engine::walker::UnsafeStats;
use crate::finding::Notification;
use crate::workspace::FileKind;
use crate::workspace::deps::{Source, dependencies};
use crate::workspace::discover::{self, DiscoverOptions, SourceFile};
use crate::workspace::manifest::{manifest_roots, read_manifest_package};

mod reach;
pub(crate) mod report;

use reach::analyse_reachable;
pub(crate) use reach::{FilePass, Reached, Unit, analyse_reachable_with};

/// Version of the inventory's JSON schema.
pub(crate) const SCHEMA_VERSION: u32 = 1;

/// What to inventory.
#[derive(Debug, Default)]
pub(crate) struct InventoryOptions {
    /// Files or directories (each directory with a Cargo.toml counts as a
    /// package); empty: the cargo workspace around the current directory.
    pub paths: Vec<PathBuf>,
    /// Also every dependency in Cargo.lock.
    pub deps: bool,
    /// With `deps`: only the dependencies used on this target platform.
    pub target: Option<String>,
    /// How many files with the most unsafe code to list.
    pub top: usize,
    pub follow_links: bool,
    /// Show the progress bar (on a terminal, for 500 files or more).
    pub progress: bool,
}

/// `#![forbid(unsafe_code)]` / `#![deny(unsafe_code)]` at the crate root
/// (the library's, or every binary's when there is no library).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub(crate) enum UnsafeLint {
    Forbid,
    Deny,
    /// Only under some `cfg_attr` condition (a feature, a target).
    Conditional,
}

#[derive(Debug, Clone, Serialize)]
pub(crate) struct FileEntry {
    pub path: String,
    #[serde(rename = "unsafe")]
    pub stats: Counts,
}

/// `UnsafeStats` with its total, as reported.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub(crate) struct Counts {
    pub functions: u32,
    pub methods: u32,
    pub blocks: u32,
    pub blocks_documented: u32,
    pub impls: u32,
    pub traits: u32,
    pub extern_blocks: u32,
    pub total: u32,
}

impl From<UnsafeStats> for Counts {
    fn from(s: UnsafeStats) -> Self {
        Counts {
            functions: s.functions,
            methods: s.methods,
            blocks: s.blocks,
            blocks_documented: s.blocks_documented,
            impls: s.impls,
            traits: s.traits,
            extern_blocks: s.extern_blocks,
            total: s.total(),
        }
    }
}

#[derive(Debug, Clone, Serialize)]
pub(crate) struct PackageReport {
    pub name: String,
    pub version: Option<String>,
    pub source: Source,
    /// The package directory.
    pub dir: String,
    /// `forbid` or `deny` (`#![forbid(unsafe_code)]`) at the library's
    /// root (or every binary's, without a library); `conditional` when only
    /// under a `cfg_attr` condition.
    pub unsafe_code: Option<UnsafeLint>,
    /// Production `.rs` files analysed.
    pub files: u32,
    pub files_with_unsafe: u32,
    /// Files that could not be analysed.
    pub files_skipped: u32,
    /// Files analysed but for items that do not parse (counted in `files`).
    pub files_partial: u32,
    /// Production files that no crate root reaches through `mod`
    /// declarations (not compiled, or included in ways syntax cannot see):
    /// not counted.
    pub files_unreachable: u32,
    pub lines: u64,
    #[serde(rename = "unsafe")]
    pub stats: Counts,
    pub top_files: Vec<FileEntry>,
}

#[derive(Debug, Clone, Default, Serialize)]
pub(crate) struct Summary {
    pub packages: u32,
    pub packages_with_unsafe: u32,
    pub packages_forbidding_unsafe: u32,
    pub files: u32,
    pub files_with_unsafe: u32,
    #[serde(rename = "unsafe")]
    pub stats: Counts,
}

#[derive(Debug, Clone, Serialize)]
pub(crate) struct Inventory {
    pub schema_version: u32,
    pub tool: Tool,
    pub summary: Summary,
    pub packages: Vec<PackageReport>,
    /// The files with the most unsafe code, over all packages.
    pub top_files: Vec<TopFile>,
    pub notifications: Vec<Notification>,
}

#[derive(Debug, Clone, Serialize)]
pub(crate) struct Tool {
    pub name: &'static str,
    pub version: &'static str,
}

#[derive(Debug, Clone, Serialize)]
pub(crate) struct TopFile {
    pub package: String,
    pub path: String,
    #[serde(rename = "unsafe")]
    pub stats: Counts,
}

/// Discover, analyse and count. `Err` for usage errors (a missing PATH,
/// `--deps` without any way to list the dependencies).
pub(crate) fn build(a: &InventoryOptions, cwd: &Path, jobs: usize) -> Result<Inventory, String> {
    let disc = discover::discover(&DiscoverOptions {
        paths: a.paths.clone(),
        cwd: cwd.to_path_buf(),
        follow_links: a.follow_links,
    });
    if let Some(n) = disc.notifications.iter().find(|n| n.kind == "path-not-found") {
        return Err(n.message.clone());
    }
    let mut notifications: Vec<Notification> =
        disc.notifications.iter().filter(|n| n.kind != "cargo-metadata-failed" || !a.deps).cloned().collect();
    let mut units = group_discovered(&disc, a.paths.is_empty());
    if a.deps {
        add_dependencies(a, cwd, &disc, &mut units, &mut notifications)?;
    }

    let reached = analyse_reachable(&units, jobs, a.progress);

    let mut packages = Vec::new();
    for u in &units {
        packages.push(package_report(u, &reached, &mut notifications));
    }

    // Members first (by name), then the rest by unsafe total, descending.
    packages.sort_by(|a, b| {
        let member = |p: &PackageReport| !matches!(p.source, Source::Workspace | Source::Directory);
        member(a)
            .cmp(&member(b))
            .then_with(|| if member(a) { b.stats.total.cmp(&a.stats.total) } else { std::cmp::Ordering::Equal })
            .then_with(|| a.name.cmp(&b.name))
            .then_with(|| a.version.cmp(&b.version))
            .then_with(|| a.dir.cmp(&b.dir))
    });

    let mut top: Vec<TopFile> = packages
        .iter()
        .flat_map(|p| p.top_files.iter().map(|f| TopFile { package: label(p), path: f.path.clone(), stats: f.stats }))
        .collect();
    top.sort_by(|a, b| {
        b.stats.total.cmp(&a.stats.total).then_with(|| (&a.package, &a.path).cmp(&(&b.package, &b.path)))
    });
    top.truncate(a.top);

    let mut summary = Summary::default();
    let mut sum = UnsafeStats::default();
    for p in &mut packages {
        p.top_files.truncate(a.top);
        summary.packages += 1;
        summary.packages_with_unsafe += u32::from(p.stats.total > 0);
        summary.packages_forbidding_unsafe += u32::from(p.unsafe_code == Some(UnsafeLint::Forbid));
        summary.files += p.files;
        summary.files_with_unsafe += p.files_with_unsafe;
        sum.add(&UnsafeStats {
            functions: p.stats.functions,
            methods: p.stats.methods,
            blocks: p.stats.blocks,
            blocks_documented: p.stats.blocks_documented,
            impls: p.stats.impls,
            traits: p.stats.traits,
            extern_blocks: p.stats.extern_blocks,
        });
    }
    summary.stats = sum.into();
    crate::engine::outcome::sort_notifications(&mut notifications);
    Ok(Inventory {
        schema_version: SCHEMA_VERSION,
        tool: Tool { name: crate::engine::outcome::TOOL_NAME, version: crate::engine::outcome::TOOL_VERSION },
        summary,
        packages,
        top_files: top,
        notifications,
    })
}

/// With `--deps`: every dependency of the workspace as a unit (a package
/// already found under a PATH keeps its files and gets its source).
fn add_dependencies(
    a: &InventoryOptions,
    cwd: &Path,
    disc: &discover::Discovery,
    units: &mut Vec<Unit>,
    notifications: &mut Vec<Notification>,
) -> Result<(), String> {
    let anchor = a
        .paths
        .first()
        .map(|p| crate::util::fspath::absolutize(cwd, p))
        .map(|p| if p.is_dir() { p } else { p.parent().map_or(cwd.to_path_buf(), Path::to_path_buf) })
        .unwrap_or_else(|| cwd.to_path_buf());
    let Some(manifest) = discover::find_manifest(&anchor) else {
        return Err(format!("--deps: no Cargo.toml at or above {}", anchor.display()));
    };
    let mut members: Vec<PathBuf> = disc.packages.iter().map(|p| p.manifest.clone()).collect();
    members.push(manifest.clone());
    let deps = dependencies(&manifest, &members, disc.workspace_root.as_deref(), a.target.as_deref(), notifications)?;
    for pkg in deps {
        // Already found under a PATH: keep its files, say where it comes from.
        if let Some(u) = units.iter_mut().find(|u| u.dir == pkg.package.dir) {
            if u.source == Source::Directory {
                u.source = pkg.source;
            }
            continue;
        }
        let label = format!("{}-{}", pkg.package.name, pkg.package.version.as_deref().unwrap_or("0"));
        let dir = pkg.package.dir.clone();
        let (files, notes) = discover::package_files(&pkg.package, a.follow_links, &|abs| {
            format!("{label}/{}", crate::util::fspath::rel_path(&dir, abs))
        });
        notifications.extend(notes);
        let roots = if pkg.package.targets.is_empty() {
            manifest_roots(&pkg.package.manifest, &pkg.package.dir)
        } else {
            target_roots(&files)
        };
        units.push(Unit {
            name: pkg.package.name.to_string(),
            version: pkg.package.version.as_deref().map(String::from),
            source: pkg.source,
            dir: pkg.package.dir.clone(),
            files,
            roots,
            build_roots: Vec::new(),
            rel_prefix: None,
        });
    }
    Ok(())
}

/// One package's counts, from the facts of its reachable production files.
fn package_report(u: &Unit, reached: &Reached, notifications: &mut Vec<Notification>) -> PackageReport {
    let mut p = PackageReport {
        name: u.name.clone(),
        version: u.version.clone(),
        source: u.source,
        dir: u.dir.display().to_string(),
        unsafe_code: None,
        files: 0,
        files_with_unsafe: 0,
        files_skipped: 0,
        files_partial: 0,
        files_unreachable: 0,
        lines: 0,
        stats: Counts::default(),
        top_files: Vec::new(),
    };
    let mut total = UnsafeStats::default();
    let mut files: Vec<FileEntry> = Vec::new();
    // (is a library root, forbids, forbids or denies, conditional)
    let mut roots: Vec<(bool, bool, bool, bool)> = Vec::new();
    for f in &u.files {
        if f.kind.is_test_like() || reached.tests.contains(&f.abs) {
            continue;
        }
        let Some(facts) = reached.facts.get(f.abs.as_path()) else {
            p.files_unreachable += 1;
            continue;
        };
        notifications.extend(facts.notifications.iter().cloned());
        if !facts.analysed {
            p.files_skipped += 1;
            continue;
        }
        p.files += 1;
        p.files_partial += u32::from(facts.notifications.iter().any(Notification::is_skipped_file));
        p.lines += u64::from(facts.lines);
        total.add(&facts.unsafe_stats);
        if facts.unsafe_stats.total() > 0 {
            p.files_with_unsafe += 1;
            files.push(FileEntry { path: display_path(u, f), stats: facts.unsafe_stats.into() });
        }
        if u.roots.contains(&f.abs) {
            let lib = f.kind == FileKind::Lib || crate::util::fspath::rel_path(&u.dir, &f.abs).ends_with("lib.rs");
            roots.push((
                lib,
                facts.forbids_unsafe,
                facts.denies_unsafe || facts.forbids_unsafe,
                facts.unsafe_lint_conditional,
            ));
        }
    }
    p.stats = total.into();
    // The library decides; without one, every binary must agree.
    if roots.iter().any(|r| r.0) {
        roots.retain(|r| r.0);
    }
    if !roots.is_empty() && roots.iter().all(|r| r.1) {
        p.unsafe_code = Some(UnsafeLint::Forbid);
    } else if !roots.is_empty() && roots.iter().all(|r| r.2) {
        p.unsafe_code = Some(UnsafeLint::Deny);
    } else if !roots.is_empty() && roots.iter().all(|r| r.2 || r.3) {
        p.unsafe_code = Some(UnsafeLint::Conditional);
    }
    files.sort_by(|a, b| b.stats.total.cmp(&a.stats.total).then_with(|| a.path.cmp(&b.path)));
    p.top_files = files;
    p
}

fn label(p: &PackageReport) -> String {
    match &p.version {
        Some(v) => format!("{} {v}", p.name),
        None => p.name.clone(),
    }
}

/// A file's path as reported: relative to its package directory.
fn display_path(u: &Unit, f: &SourceFile) -> String {
    crate::util::fspath::rel_path(&u.dir, &f.abs)
}

/// Library and binary roots among files classified by cargo's targets.
fn target_roots(files: &[SourceFile]) -> Vec<PathBuf> {
    files
        .iter()
        .filter(|f| f.is_crate_root && matches!(f.kind, FileKind::Lib | FileKind::Bin))
        .map(|f| f.abs.clone())
        .collect()
}

/// Group discovered files into packages: workspace members as cargo
/// described them; other files by the nearest directory with a
/// `Cargo.toml` (so `cargo sast unsafe vendor/` reports each vendored
/// crate), else by the PATH they were found under.
fn group_discovered(disc: &discover::Discovery, workspace_scan: bool) -> Vec<Unit> {
    let mut units: BTreeMap<PathBuf, Unit> = BTreeMap::new();
    let mut editions: HashMap<PathBuf, Option<std::sync::Arc<str>>> = HashMap::new();
    let mut manifests: HashMap<PathBuf, Option<PathBuf>> = HashMap::new();
    // The package discovery attributed each file to (its innermost package).
    let by_dir = discover::PackagesByDir::new(&disc.packages);
    for f in &disc.files {
        if let Some(name) = &f.package
            && let Some(p) = by_dir.innermost(&f.abs).filter(|p| p.name == *name)
        {
            units
                .entry(p.dir.clone())
                .or_insert_with(|| Unit {
                    name: p.name.to_string(),
                    version: p.version.as_deref().map(String::from),
                    source: Source::Workspace,
                    dir: p.dir.clone(),
                    files: Vec::new(),
                    roots: p
                        .targets
                        .iter()
                        .filter(|t| matches!(t.kind, FileKind::Lib | FileKind::Bin))
                        .map(|t| t.src_path.clone())
                        .collect(),
                    build_roots: Vec::new(),
                    rel_prefix: None,
                })
                .files
                .push(f.clone());
            continue;
        }
        let parent = f.abs.parent().map(Path::to_path_buf).unwrap_or_default();
        let manifest = manifests
            .entry(parent.clone())
            .or_insert_with(|| {
                discover::find_manifest(&parent).filter(|m| m.starts_with(&disc.root) || !workspace_scan)
            })
            .clone();
        let dir = match &manifest {
            Some(m) => m.parent().map(Path::to_path_buf).unwrap_or_default(),
            None => disc.root.clone(),
        };
        // The manifest is read once per package, not once per file.
        let unit = units.entry(dir.clone()).or_insert_with(|| {
            let (name, version, edition) = manifest.as_deref().map_or((None, None, None), read_manifest_package);
            editions.insert(dir.clone(), edition.map(Into::into));
            Unit {
                name: name
                    .unwrap_or_else(|| dir.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default()),
                version,
                source: Source::Directory,
                roots: manifest.as_deref().map(|m| manifest_roots(m, &dir)).unwrap_or_default(),
                dir: dir.clone(),
                files: Vec::new(),
                build_roots: Vec::new(),
                rel_prefix: None,
            }
        });
        let mut f = f.clone();
        // Classify relative to the package: `vendor/x/build.rs` is x's build script.
        if f.package.is_none() {
            f.kind = discover::kind_from_path(f.abs.strip_prefix(&dir).unwrap_or(&f.abs));
            f.edition = editions.get(&dir).cloned().flatten();
        }
        unit.files.push(f);
    }
    units.into_values().collect()
}
