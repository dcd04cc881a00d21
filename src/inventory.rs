//! `cargo sast unsafe`: an inventory of unsafe code per package — the
//! workspace members, and with `--deps` every dependency in `Cargo.lock`,
//! read from the local cargo registry. Nothing is built, fetched or run:
//! each file is parsed once and walked with no rules, and the walker's
//! `UnsafeStats` are summed per package (production code only: tests,
//! examples, benches, build scripts and `#[cfg(test)]` code are left out,
//! as in the scan).

use std::collections::{BTreeMap, HashMap};
use std::io::Write;
use std::path::{Path, PathBuf};

use clap::{Args, ValueEnum};
use serde::{Deserialize, Serialize};

use crate::analyze::{FileFacts, Limits};
use crate::discover::{self, DiscoverOptions, Package, SourceFile, Target};
use crate::finding::{NoteLevel, Notification};
use crate::output::{self, eprint_error};
use crate::report::escape;
use crate::ruleset::RuleSet;
use crate::syntax::FileKind;
use crate::syntax::walker::UnsafeStats;

/// Version of the inventory's JSON schema.
pub const SCHEMA_VERSION: u32 = 1;

#[derive(Args, Debug, Default)]
pub struct UnsafeArgs {
    /// Files or directories (each directory with a Cargo.toml counts as a package)
    /// [default: the cargo workspace around the current directory]
    #[arg(value_name = "PATH")]
    pub paths: Vec<PathBuf>,
    /// Also every dependency in Cargo.lock, read from the local cargo registry
    /// (never built or downloaded; run `cargo fetch` first if sources are missing)
    #[arg(long)]
    pub deps: bool,
    /// With --deps: only the dependencies used on this target platform
    /// (e.g. x86_64-unknown-linux-gnu) [default: every platform in Cargo.lock]
    #[arg(long, value_name = "TRIPLE", requires = "deps")]
    pub target: Option<String>,
    /// Report format
    #[arg(long, short = 'f', value_enum, default_value_t = InventoryFormat::Human, value_name = "FORMAT")]
    pub format: InventoryFormat,
    /// Write the report to FILE (atomically) instead of stdout
    #[arg(long, short = 'o', value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// How many files with the most unsafe code to list (per package in JSON)
    #[arg(long, default_value_t = 10, value_name = "N")]
    pub top: usize,
    /// Leave packages without unsafe code out of the table
    #[arg(long)]
    pub only_unsafe: bool,
    /// Worker threads, at least 1 [default: all cores]
    #[arg(long, short = 'j', value_name = "N", value_parser = crate::cli::parse_jobs)]
    pub jobs: Option<usize>,
    /// Follow symbolic links while walking directories
    #[arg(long)]
    pub follow_links: bool,
    /// Never show a progress bar (it is shown on a terminal for 500 files or more)
    #[arg(long)]
    pub no_progress: bool,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum, Default)]
pub enum InventoryFormat {
    #[default]
    Human,
    Json,
}

/// Where a package comes from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Source {
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
    fn as_str(self) -> &'static str {
        match self {
            Self::Workspace => "workspace",
            Self::Directory => "directory",
            Self::Registry => "registry",
            Self::Git => "git",
            Self::Path => "path",
        }
    }
}

/// `#![forbid(unsafe_code)]` / `#![deny(unsafe_code)]` at the crate root
/// (the library's, or every binary's when there is no library).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum UnsafeLint {
    Forbid,
    Deny,
    /// Only under some `cfg_attr` condition (a feature, a target).
    Conditional,
}

#[derive(Debug, Clone, Serialize)]
pub struct FileEntry {
    pub path: String,
    #[serde(rename = "unsafe")]
    pub stats: Counts,
}

/// `UnsafeStats` with its total, as reported.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Counts {
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
pub struct PackageReport {
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
pub struct Summary {
    pub packages: u32,
    pub packages_with_unsafe: u32,
    pub packages_forbidding_unsafe: u32,
    pub files: u32,
    pub files_with_unsafe: u32,
    #[serde(rename = "unsafe")]
    pub stats: Counts,
}

#[derive(Debug, Clone, Serialize)]
pub struct Inventory {
    pub schema_version: u32,
    pub tool: Tool,
    pub summary: Summary,
    pub packages: Vec<PackageReport>,
    /// The files with the most unsafe code, over all packages.
    pub top_files: Vec<TopFile>,
    pub notifications: Vec<Notification>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Tool {
    pub name: &'static str,
    pub version: &'static str,
}

#[derive(Debug, Clone, Serialize)]
pub struct TopFile {
    pub package: String,
    pub path: String,
    #[serde(rename = "unsafe")]
    pub stats: Counts,
}

/// A package to inventory: its identity and its files.
pub(crate) struct Unit {
    pub name: String,
    pub version: Option<String>,
    pub source: Source,
    pub dir: PathBuf,
    pub files: Vec<SourceFile>,
    /// The crate roots of its libraries and binaries (empty: unknown, every
    /// production file counts).
    pub roots: Vec<PathBuf>,
    /// The roots of build-time code (a build script), followed like `roots`.
    pub build_roots: Vec<PathBuf>,
    /// `Some`: the files are read from disk as `mod` declarations name them
    /// (not from `files`), each reported as this prefix followed by its path
    /// relative to `dir`.
    pub rel_prefix: Option<String>,
}

impl Unit {
    /// A file of this package read from disk: a regular file (or a link to
    /// one) inside the package directory, never outside it.
    fn file_on_disk(&self, abs: &Path, kind: FileKind, is_root: bool) -> Option<SourceFile> {
        let prefix = self.rel_prefix.as_ref()?;
        if !abs.starts_with(&self.dir) || !abs.is_file() {
            return None;
        }
        let real = abs.canonicalize().ok()?;
        if !real.starts_with(self.dir.canonicalize().ok()?) {
            return None;
        }
        Some(SourceFile {
            rel: format!("{prefix}{}", discover::rel_path(&self.dir, abs)).into(),
            abs: abs.to_path_buf(),
            package: Some(self.name.as_str().into()),
            kind,
            edition: None,
            is_bin_root: false,
            is_crate_root: is_root,
        })
    }
}

/// `cargo sast unsafe`.
pub fn cmd_unsafe(a: &UnsafeArgs) -> u8 {
    use crate::cli::exit;
    let cwd = match std::env::current_dir() {
        Ok(c) => c,
        Err(e) => {
            eprint_error(&format!("cannot determine the current directory: {e}"));
            return exit::ERROR;
        }
    };
    let jobs = a.jobs.unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()));
    let inv = match build(a, &cwd, jobs) {
        Ok(inv) => inv,
        Err(msg) => {
            eprint_error(&msg);
            return exit::ERROR;
        }
    };
    let mut buf = Vec::new();
    let res = match a.format {
        InventoryFormat::Json => serde_json::to_writer_pretty(&mut buf, &inv).map_err(std::io::Error::other),
        InventoryFormat::Human => write_human(&inv, a, &mut buf),
    };
    if let Err(e) = res {
        eprint_error(&format!("cannot render the report: {e}"));
        return exit::ERROR;
    }
    if a.format == InventoryFormat::Json {
        buf.push(b'\n');
    }
    if a.format == InventoryFormat::Json || a.output.is_some() {
        let mut err = std::io::stderr();
        for n in &inv.notifications {
            let _ = writeln!(err, "{}", escape::line(&n.warning_line()));
        }
    }
    // Nothing inside the repository around us is followed when writing.
    let root = crate::discover::find_git_root(&cwd).unwrap_or_else(|| cwd.clone());
    let boundary = crate::confine::boundary_of(&root);
    // A reader that went away (`| head`) is not an error.
    if let Err(e) = output::deliver(a.output.as_deref(), &buf, boundary.as_deref()) {
        eprint_error(&e);
        return exit::ERROR;
    }
    exit::CLEAN
}

/// Discover, analyse and count. `Err` for usage errors (a missing PATH,
/// `--deps` without any way to list the dependencies).
pub fn build(a: &UnsafeArgs, cwd: &Path, jobs: usize) -> Result<Inventory, String> {
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
        let anchor = a
            .paths
            .first()
            .map(|p| discover::absolutize(cwd, p))
            .map(|p| if p.is_dir() { p } else { p.parent().map_or(cwd.to_path_buf(), Path::to_path_buf) })
            .unwrap_or_else(|| cwd.to_path_buf());
        let Some(manifest) = discover::find_manifest(&anchor) else {
            return Err(format!("--deps: no Cargo.toml at or above {}", anchor.display()));
        };
        let mut members: Vec<PathBuf> = disc.packages.iter().map(|p| p.manifest.clone()).collect();
        members.push(manifest.clone());
        let deps =
            dependencies(&manifest, &members, disc.workspace_root.as_deref(), a.target.as_deref(), &mut notifications)?;
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
                format!("{label}/{}", discover::rel_path(&dir, abs))
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
    }

    let reached = analyse_reachable(&units, jobs, !a.no_progress);

    let mut packages = Vec::new();
    for u in &units {
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
                let lib = f.kind == FileKind::Lib || discover::rel_path(&u.dir, &f.abs).ends_with("lib.rs");
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
        packages.push(p);
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
    crate::report::sort_notifications(&mut notifications);
    Ok(Inventory {
        schema_version: SCHEMA_VERSION,
        tool: Tool { name: crate::report::TOOL_NAME, version: crate::report::TOOL_VERSION },
        summary,
        packages,
        top_files: top,
        notifications,
    })
}

fn label(p: &PackageReport) -> String {
    match &p.version {
        Some(v) => format!("{} {v}", p.name),
        None => p.name.clone(),
    }
}

/// A file's path as reported: relative to its package directory.
fn display_path(u: &Unit, f: &SourceFile) -> String {
    discover::rel_path(&u.dir, &f.abs)
}

/// Parse the crate roots, then the files their `mod` declarations name,
/// wave by wave: only code that is compiled is counted (and read). Test
/// modules (`#[cfg(test)] mod tests;`) are not followed. Units without
/// known roots have every production file analysed. The progress bar counts
/// towards every production file, the most that can be reached.
fn analyse_reachable(units: &[Unit], jobs: usize, progress: bool) -> Reached {
    analyse_reachable_with::<()>(units, jobs, progress, None)
}

/// A per-file pass run with the inventory's analysis, on the same read and
/// the same parse (`cargo sast deps`: capabilities).
pub(crate) struct FilePass<'a, T> {
    /// Must this file, with these bytes, be parsed for this pass? (The
    /// inventory itself parses only files that can hold unsafe code or modules.)
    pub wants: &'a (dyn Fn(&SourceFile, &[u8]) -> bool + Sync),
    pub run: &'a (dyn Fn(&SourceFile, &crate::syntax::FileCtx, &syn::File) -> T + Sync),
}

/// [`analyse_reachable`] with an extra per-file pass. Units with a
/// `rel_prefix` are read from disk: their roots and every file a `mod`,
/// `#[path]` or `include!` names inside the package directory, whether or
/// not a directory walk listed it (ignore files and hidden directories of
/// an untrusted package hide nothing).
pub(crate) fn analyse_reachable_with<T: Send>(
    units: &[Unit],
    jobs: usize,
    progress: bool,
    pass: Option<&FilePass<'_, T>>,
) -> Reached<T> {
    let set = RuleSet::new(Vec::new());
    let limits = Limits::default();
    let mut by_abs: HashMap<PathBuf, SourceFile> = HashMap::new();
    let mut roots: std::collections::HashSet<PathBuf> = std::collections::HashSet::new();
    // Which unit a file belongs to (units read from disk only).
    let mut unit_of: HashMap<PathBuf, usize> = HashMap::new();
    let mut frontier: Vec<SourceFile> = Vec::new();
    for (i, u) in units.iter().enumerate() {
        // A PATH below the crate roots (`cargo sast unsafe src/ffi/`): count what is there.
        let rooted = u.files.iter().any(|f| u.roots.contains(&f.abs));
        for f in u.files.iter().filter(|f| !f.kind.is_test_like()) {
            by_abs.insert(f.abs.clone(), f.clone());
            if !rooted || u.roots.contains(&f.abs) {
                frontier.push(f.clone());
            }
        }
        roots.extend(u.roots.iter().cloned());
        if u.rel_prefix.is_some() {
            let all = u
                .roots
                .iter()
                .map(|r| (r, FileKind::Lib))
                .chain(u.build_roots.iter().map(|r| (r, FileKind::BuildScript)));
            for (r, kind) in all {
                roots.insert(r.clone());
                if let Some(f) = u.file_on_disk(r, kind, true) {
                    unit_of.insert(f.abs.clone(), i);
                    by_abs.insert(f.abs.clone(), f.clone());
                    frontier.push(f);
                }
            }
        }
    }
    let mut seen: std::collections::HashSet<PathBuf> = frontier.iter().map(|f| f.abs.clone()).collect();
    let progress = crate::cli::progress_bar(progress, by_abs.len());
    frontier.dedup_by(|a, b| a.abs == b.abs);
    let mut out: HashMap<PathBuf, FileFacts> = HashMap::new();
    let mut extra: HashMap<PathBuf, T> = HashMap::new();
    let mut edges: HashMap<PathBuf, Vec<PathBuf>> = HashMap::new();
    let mut included: std::collections::HashSet<PathBuf> = std::collections::HashSet::new();
    let mut tests: std::collections::HashSet<PathBuf> = std::collections::HashSet::new();
    while !frontier.is_empty() {
        let work = |f: &SourceFile| {
            // A file that spells none of these has no unsafe code and no
            // child modules: counted without being parsed.
            let bytes = crate::fsread::read_at_most(&f.abs, limits.max_file_size.saturating_add(1));
            let needed = roots.contains(f.abs.as_path())
                || bytes.as_ref().map_or(true, |b| {
                    ["unsafe", "extern", "mod ", "mod\t", "include!"]
                        .iter()
                        .any(|n| memchr::memmem::find(b, n.as_bytes()).is_some())
                        || pass.is_some_and(|p| (p.wants)(f, b))
                });
            if needed {
                // The bytes already read are analysed: the file is read once.
                let mut got = None;
                let facts = match pass {
                    Some(p) => {
                        let mut hook = |cx: &crate::syntax::FileCtx, ast: &syn::File| got = Some((p.run)(f, cx, ast));
                        crate::scan::analyse_read_with(f, bytes, &set, &limits, false, Some(&mut hook))
                    }
                    None => crate::scan::analyse_read(f, bytes, &set, &limits, false),
                };
                return (facts, got);
            }
            let lines = bytes.map_or(0, |b| memchr::memchr_iter(b'\n', &b).count() as u32 + 1);
            (FileFacts { path: f.rel.clone(), analysed: true, lines, ..Default::default() }, None)
        };
        let work = |f: &SourceFile| {
            let facts = work(f);
            if let Some(p) = &progress {
                p.inc(1);
            }
            facts
        };
        let results = crate::scan::in_parallel(&frontier, jobs, &work);
        let mut next = Vec::new();
        for (f, (facts, got)) in frontier.into_iter().zip(results) {
            let is_root = roots.contains(f.abs.as_path()) || included.contains(f.abs.as_path());
            let unit = unit_of.get(&f.abs).copied();
            for m in facts.child_mods.iter().filter(|m| m.is_test) {
                for cand in crate::scan::module_candidates(&f.abs, is_root, m) {
                    if by_abs.contains_key(cand.as_path()) {
                        tests.insert(cand);
                        break;
                    }
                }
            }
            let children = edges.entry(f.abs.clone()).or_default();
            let mut add = |cand: &Path| -> bool {
                if !by_abs.contains_key(cand)
                    && let Some(i) = unit
                    && let Some(g) = units[i].file_on_disk(cand, f.kind, false)
                {
                    unit_of.insert(g.abs.clone(), i);
                    by_abs.insert(g.abs.clone(), g);
                }
                let Some(g) = by_abs.get(cand) else { return false };
                children.push(cand.to_path_buf());
                if seen.insert(cand.to_path_buf()) {
                    next.push(g.clone());
                }
                true
            };
            for m in facts.child_mods.iter().filter(|m| !m.is_test) {
                // Platform alternatives (`cfg_attr(unix, path = ..)`) all count.
                let alternatives = std::iter::once(m.clone()).chain(m.cfg_paths.iter().map(|p| {
                    let mut alt = m.clone();
                    alt.path_attr = Some(p.clone());
                    alt
                }));
                for alt in alternatives {
                    for cand in crate::scan::module_candidates(&f.abs, is_root, &alt) {
                        if add(&cand) {
                            break;
                        }
                    }
                }
            }
            // `include!("x.rs")`: part of this module; its `mod`s resolve from its directory.
            for inc in &facts.includes {
                let base = f.abs.parent().unwrap_or(Path::new(""));
                let cand = discover::absolutize(base, Path::new(inc));
                if add(&cand) {
                    included.insert(cand);
                }
            }
            if let Some(t) = got {
                extra.insert(f.abs.clone(), t);
            }
            out.insert(f.abs, facts);
        }
        frontier = next;
    }
    if let Some(p) = progress {
        p.finish_and_clear();
    }
    Reached { facts: out, tests, extra, edges }
}

/// What [`analyse_reachable`] found.
pub(crate) struct Reached<T = ()> {
    /// Facts of every file reached from a crate root.
    pub facts: HashMap<PathBuf, FileFacts>,
    /// Files of test modules (`#[cfg(test)] mod tests;`): not counted.
    pub tests: std::collections::HashSet<PathBuf>,
    /// What the extra pass returned, per parsed file.
    pub extra: HashMap<PathBuf, T>,
    /// The files each file's `mod` declarations and `include!`s reached.
    pub edges: HashMap<PathBuf, Vec<PathBuf>>,
}

impl<T> Reached<T> {
    /// The files reached from `roots` through `mod` and `include!` (roots included).
    pub fn closure(&self, roots: &[PathBuf]) -> Vec<PathBuf> {
        let mut seen: std::collections::HashSet<&Path> = std::collections::HashSet::new();
        let mut stack: Vec<&Path> =
            roots.iter().map(PathBuf::as_path).filter(|r| self.facts.contains_key(*r)).collect();
        let mut out = Vec::new();
        while let Some(p) = stack.pop() {
            if !seen.insert(p) {
                continue;
            }
            out.push(p.to_path_buf());
            if let Some(children) = self.edges.get(p) {
                stack.extend(children.iter().map(PathBuf::as_path));
            }
        }
        out.sort();
        out
    }
}

/// Library and binary roots among files classified by cargo's targets.
fn target_roots(files: &[SourceFile]) -> Vec<PathBuf> {
    files
        .iter()
        .filter(|f| f.is_crate_root && matches!(f.kind, FileKind::Lib | FileKind::Bin))
        .map(|f| f.abs.clone())
        .collect()
}

/// Library and binary roots from a manifest, for packages cargo did not
/// describe: `[lib] path` (else `src/lib.rs`), `[[bin]] path` (else
/// `src/main.rs` and `src/bin/*.rs`).
fn manifest_roots(manifest: &Path, dir: &Path) -> Vec<PathBuf> {
    let table = crate::fsread::read_string(manifest, crate::fsread::limit::CONFIG)
        .ok()
        .and_then(|t| t.parse::<toml::Table>().ok());
    let path_of = |v: &toml::Value| v.get("path").and_then(|p| p.as_str()).map(|p| dir.join(p));
    let mut roots = Vec::new();
    let lib = table.as_ref().and_then(|t| t.get("lib")).and_then(path_of).unwrap_or_else(|| dir.join("src/lib.rs"));
    roots.push(lib);
    let bins: Vec<PathBuf> = table
        .as_ref()
        .and_then(|t| t.get("bin"))
        .and_then(|b| b.as_array())
        .map(|a| a.iter().filter_map(path_of).collect())
        .unwrap_or_default();
    roots.extend(bins);
    roots.push(dir.join("src/main.rs"));
    if let Ok(rd) = std::fs::read_dir(dir.join("src/bin")) {
        for e in rd.filter_map(Result::ok) {
            let p = e.path();
            if p.extension().is_some_and(|x| x == "rs") {
                roots.push(p);
            } else if p.join("main.rs").is_file() {
                roots.push(p.join("main.rs"));
            }
        }
    }
    roots.retain(|r| r.is_file());
    roots.sort();
    roots.dedup();
    roots
}

/// Group discovered files into packages: workspace members as cargo
/// described them; other files by the nearest directory with a
/// `Cargo.toml` (so `cargo sast unsafe vendor/` reports each vendored
/// crate), else by the PATH they were found under.
fn group_discovered(disc: &discover::Discovery, workspace_scan: bool) -> Vec<Unit> {
    let mut units: BTreeMap<PathBuf, Unit> = BTreeMap::new();
    let mut editions: HashMap<PathBuf, Option<std::sync::Arc<str>>> = HashMap::new();
    let mut manifests: HashMap<PathBuf, Option<PathBuf>> = HashMap::new();
    for f in &disc.files {
        if let Some(name) = &f.package
            && let Some(p) = disc.packages.iter().find(|p| p.name == *name && f.abs.starts_with(&p.dir))
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

/// `package.name`, `package.version` and `package.edition` of a manifest
/// (a value inherited from the workspace is `None`).
pub(crate) fn read_manifest_package(manifest: &Path) -> (Option<String>, Option<String>, Option<String>) {
    let Ok(text) = crate::fsread::read_string(manifest, crate::fsread::limit::CONFIG) else {
        return (None, None, None);
    };
    let Ok(value) = text.parse::<toml::Table>() else { return (None, None, None) };
    let pkg = value.get("package").and_then(|p| p.as_table());
    let get = |k: &str| pkg.and_then(|p| p.get(k)).and_then(|v| v.as_str()).map(String::from);
    (get("name"), get("version"), get("edition"))
}

/// A dependency to inventory.
#[derive(Clone)]
pub(crate) struct Dep {
    pub package: Package,
    pub source: Source,
}

#[derive(Deserialize)]
struct FullMetadata {
    packages: Vec<FullPackage>,
    workspace_members: Vec<String>,
}

#[derive(Deserialize)]
struct FullPackage {
    name: String,
    version: String,
    id: String,
    #[serde(default)]
    source: Option<String>,
    manifest_path: PathBuf,
    #[serde(default)]
    edition: Option<String>,
    targets: Vec<FullTarget>,
}

#[derive(Deserialize)]
struct FullTarget {
    name: String,
    kind: Vec<String>,
    src_path: PathBuf,
}

fn source_of(source: Option<&str>) -> Source {
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
fn dependencies(
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
    let why = match discover::run_cargo_metadata(manifest, &args) {
        Ok(json) => {
            let meta: FullMetadata =
                serde_json::from_slice(&json).map_err(|e| format!("unexpected `cargo metadata` output: {e}"))?;
            let members: std::collections::HashSet<&str> = meta.workspace_members.iter().map(String::as_str).collect();
            let mut out = Vec::new();
            for p in &meta.packages {
                if members.contains(p.id.as_str()) {
                    continue;
                }
                let targets = p
                    .targets
                    .iter()
                    .filter_map(|t| {
                        let kind = t.kind.iter().find_map(|k| discover::target_kind(k))?;
                        Some(Target { name: t.name.clone(), kind, src_path: t.src_path.clone() })
                    })
                    .collect();
                out.push(Dep {
                    package: Package {
                        name: p.name.as_str().into(),
                        version: Some(p.version.as_str().into()),
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
    let Ok(text) = crate::fsread::read_string(&lock, crate::fsread::limit::LOCKFILE) else {
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
    let lock = crate::audit::lockfile::parse(text).map_err(|e| format!("cannot read Cargo.lock: {e}"))?;
    let registries = registry_src_dirs();
    let member_dirs: Vec<PathBuf> =
        members.iter().filter_map(|m| m.parent()).map(|d| discover::absolutize(d, Path::new("."))).collect();
    let paths = path_dependencies(members, &member_dirs);
    let mut out = Vec::new();
    let mut missing = Vec::new();
    for p in &lock.packages {
        let version = p.version.to_string();
        let Some(source) = p.source.as_deref() else {
            if let Some(dep) = paths.iter().find(|d| {
                d.package.name.as_ref() == p.name.as_str()
                    && d.package.version.as_deref().is_none_or(|v| v == version.as_str())
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
                    name: p.name.as_str().into(),
                    version: Some(version.as_str().into()),
                    edition: read_manifest_package(&dir.join("Cargo.toml")).2.map(Into::into),
                    manifest: dir.join("Cargo.toml"),
                    dir,
                    targets: Vec::new(),
                },
                source: source_of(Some(source)),
            }),
            None => missing.push(format!("{} {}", p.name, p.version)),
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
    let mut dirs: Vec<PathBuf> = discover::cargo_home()
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
        let Some(table) = crate::fsread::read_string(&manifest, crate::fsread::limit::CONFIG)
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
            let dep_dir = discover::absolutize(&dir, Path::new(rel));
            if seen.contains(&dep_dir) {
                continue;
            }
            seen.push(dep_dir.clone());
            let dep_manifest = dep_dir.join("Cargo.toml");
            let (Some(name), version, edition) = read_manifest_package(&dep_manifest) else { continue };
            out.push(Dep {
                package: Package {
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

// ---------------------------------------------------------------------------
// Human output

fn write_human(inv: &Inventory, a: &UnsafeArgs, w: &mut Vec<u8>) -> std::io::Result<()> {
    for n in &inv.notifications {
        writeln!(w, "{}", escape::line(&n.warning_line()))?;
    }
    if !inv.notifications.is_empty() {
        writeln!(w)?;
    }
    let header = [
        "PACKAGE",
        "VERSION",
        "SOURCE",
        "UNSAFE_CODE",
        "FILES",
        "BLOCKS",
        "DOCUMENTED",
        "FNS",
        "METHODS",
        "IMPLS",
        "TRAITS",
        "EXTERN",
        "TOTAL",
    ];
    let mut rows: Vec<[String; 13]> = Vec::new();
    for p in &inv.packages {
        if a.only_unsafe && p.stats.total == 0 {
            continue;
        }
        let s = &p.stats;
        rows.push([
            escape::line(&p.name).into_owned(),
            p.version.as_deref().map_or_else(|| "-".into(), |v| escape::line(v).into_owned()),
            p.source.as_str().to_string(),
            match p.unsafe_code {
                Some(UnsafeLint::Forbid) => "forbid".into(),
                Some(UnsafeLint::Deny) => "deny".into(),
                Some(UnsafeLint::Conditional) => "cfg".into(),
                None => "-".into(),
            },
            format!("{}/{}", p.files_with_unsafe, p.files),
            s.blocks.to_string(),
            documented(s),
            s.functions.to_string(),
            s.methods.to_string(),
            s.impls.to_string(),
            s.traits.to_string(),
            s.extern_blocks.to_string(),
            s.total.to_string(),
        ]);
    }
    let t = &inv.summary.stats;
    let totals = [
        "total".to_string(),
        String::new(),
        String::new(),
        format!("{} forbid", inv.summary.packages_forbidding_unsafe),
        format!("{}/{}", inv.summary.files_with_unsafe, inv.summary.files),
        t.blocks.to_string(),
        documented(t),
        t.functions.to_string(),
        t.methods.to_string(),
        t.impls.to_string(),
        t.traits.to_string(),
        t.extern_blocks.to_string(),
        t.total.to_string(),
    ];
    let mut widths = header.map(str::len);
    for r in rows.iter().chain(std::iter::once(&totals)) {
        for (w, c) in widths.iter_mut().zip(r) {
            *w = (*w).max(c.chars().count());
        }
    }
    let line = |w: &mut Vec<u8>, cells: &[&str]| -> std::io::Result<()> {
        let mut s = String::new();
        for (i, c) in cells.iter().enumerate() {
            let pad = widths[i].saturating_sub(c.chars().count());
            if i < 4 {
                s.push_str(c);
                s.push_str(&" ".repeat(pad));
            } else {
                s.push_str(&" ".repeat(pad));
                s.push_str(c);
            }
            s.push_str("  ");
        }
        writeln!(w, "{}", s.trim_end())
    };
    line(w, &header)?;
    for r in &rows {
        line(w, &r.each_ref().map(String::as_str))?;
    }
    line(w, &totals.each_ref().map(String::as_str))?;
    writeln!(
        w,
        "\n{} package(s): {} with unsafe code, {} forbid it.\nUNSAFE_CODE: `#![forbid/deny(unsafe_code)]` at the crate root (`cfg`: only under a condition). Counts cover compiled\nproduction code (not tests, examples, benches, build scripts); DOCUMENTED: blocks with a `// SAFETY:` comment.",
        inv.summary.packages, inv.summary.packages_with_unsafe, inv.summary.packages_forbidding_unsafe
    )?;
    if !inv.top_files.is_empty() {
        writeln!(w, "\nFiles with the most unsafe code:")?;
        let names: Vec<(String, String)> = inv
            .top_files
            .iter()
            .map(|f| (escape::line(&f.package).into_owned(), escape::line(&f.path).into_owned()))
            .collect();
        let pw = names.iter().map(|(p, _)| p.chars().count()).max().unwrap_or(0);
        let fw = names.iter().map(|(_, f)| f.chars().count()).max().unwrap_or(0);
        for (f, (package, path)) in inv.top_files.iter().zip(&names) {
            writeln!(w, "  {package:<pw$}  {path:<fw$}  {:>5}  ({})", f.stats.total, breakdown(&f.stats))?;
        }
    }
    Ok(())
}

fn documented(s: &Counts) -> String {
    if s.blocks == 0 {
        "-".into()
    } else {
        format!("{} ({}%)", s.blocks_documented, u64::from(s.blocks_documented) * 100 / u64::from(s.blocks))
    }
}

fn breakdown(s: &Counts) -> String {
    let parts = [
        (s.blocks, "block"),
        (s.functions, "fn"),
        (s.methods, "method"),
        (s.impls, "impl"),
        (s.traits, "trait"),
        (s.extern_blocks, "extern block"),
    ];
    parts
        .iter()
        .filter(|(n, _)| *n > 0)
        .map(|(n, what)| format!("{n} {what}{}", if *n == 1 { "" } else { "s" }))
        .collect::<Vec<_>>()
        .join(", ")
}
