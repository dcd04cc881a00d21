//! Which files to scan, and what each one is.
//!
//! With no PATH: the cargo workspace around the current directory, from
//! `cargo metadata --no-deps` (which never builds anything or runs build
//! scripts), each member package walked gitignore-aware. With PATHs: those
//! files and directories, classified by the workspace around them when there
//! is one. Outside any cargo project, or when cargo is unavailable or fails:
//! a plain walk, with a notification saying so.
//!
//! `cargo metadata` runs from a neutral directory with `--manifest-path`
//! and `--offline`, so a scanned repository's `rust-toolchain.toml` or
//! `.cargo/config.toml` cannot make us run a toolchain or tool of its
//! choosing.

use std::collections::HashMap;

use rayon::prelude::*;
use std::path::{Component, Path, PathBuf};
use std::sync::{Arc, Mutex};

use crate::finding::{NoteLevel, Notification};
use crate::util::fspath::{absolutize, rel_path};
use crate::workspace::FileKind;
use crate::workspace::metadata::{Metadata, Package, Target, cargo_metadata};

/// A file to analyse.
#[derive(Debug, Clone)]
pub struct SourceFile {
    pub abs: PathBuf,
    /// Path relative to the project root, `/`-separated.
    pub rel: Arc<str>,
    pub package: Option<Arc<str>>,
    pub kind: FileKind,
    pub edition: Option<Arc<str>>,
    /// The root file of a binary target (`main.rs`, `src/bin/x.rs`).
    pub is_bin_root: bool,
    /// The root file of some target (lib.rs, main.rs, tests/x.rs, …).
    pub is_crate_root: bool,
}

/// The result of discovery.
#[derive(Debug, Default)]
pub struct Discovery {
    /// Root that reported paths are relative to: the git repository root if
    /// there is one, else the workspace root, else the current directory.
    pub root: PathBuf,
    /// The cargo workspace root, when one was found.
    pub workspace_root: Option<PathBuf>,
    pub packages: Vec<Package>,
    pub files: Vec<SourceFile>,
    /// Other text files that commonly carry secrets (`.env*`, `*.toml`,
    /// `*.yaml`, `*.json`, …), for the secrets pack.
    pub text_files: Vec<SourceFile>,
    pub notifications: Vec<Notification>,
    /// Files excluded by config globs.
    pub excluded: usize,
}

/// What to discover.
#[derive(Debug, Clone, Default)]
pub struct DiscoverOptions {
    /// Explicit paths (empty: the workspace around `cwd`).
    pub paths: Vec<PathBuf>,
    pub cwd: PathBuf,
    /// Follow symbolic links while walking (off by default).
    pub follow_links: bool,
}

/// Find the cargo manifest at or above `dir`.
pub(crate) fn find_manifest(dir: &Path) -> Option<PathBuf> {
    dir.ancestors().map(|d| d.join("Cargo.toml")).find(|p| p.is_file())
}

/// The git repository root at or above `dir` (a `.git` dir or file).
pub(crate) fn find_git_root(dir: &Path) -> Option<PathBuf> {
    dir.ancestors().find(|d| d.join(".git").exists()).map(Path::to_path_buf)
}

/// Where discovery starts: the scanned roots and the manifest of the
/// workspace around the first one.
struct Start {
    cwd: PathBuf,
    roots: Vec<PathBuf>,
    anchor: Option<PathBuf>,
    manifest: Option<PathBuf>,
}

fn start(opts: &DiscoverOptions) -> Start {
    let cwd = absolutize(&opts.cwd, &opts.cwd);
    let roots: Vec<PathBuf> = if opts.paths.is_empty() {
        vec![cwd.clone()]
    } else {
        opts.paths.iter().map(|p| absolutize(&cwd, p)).collect()
    };
    // The workspace around the first root (a directory, or a file's parent).
    let anchor =
        roots.first().map(|r| if r.is_dir() { r.clone() } else { r.parent().map_or(cwd.clone(), Path::to_path_buf) });
    let manifest = anchor.as_deref().and_then(find_manifest);
    Start { cwd, roots, anchor, manifest }
}

pub fn discover(opts: &DiscoverOptions) -> Discovery {
    let s = start(opts);
    let meta = s.manifest.as_deref().map(cargo_metadata);
    discover_with(opts, &s, meta)
}

/// Discovery while `cargo metadata` runs: on a guess of its answer from the
/// manifests ([`super::guess`]) when one can be made, with what settles it
/// ([`Ahead::settle`]); else (`None`) on cargo's answer, as [`discover`].
pub(crate) fn discover_ahead(opts: &DiscoverOptions) -> (Discovery, Option<Ahead>) {
    let s = start(opts);
    let Some(manifest) = s.manifest.clone() else {
        return (discover_with(opts, &s, None), None);
    };
    let m = manifest.clone();
    // No thread to spare (the system refuses one): cargo's answer, waited for.
    let Ok(cargo) = std::thread::Builder::new().name("cargo-metadata".into()).spawn(move || cargo_metadata(&m)) else {
        return (discover_with(opts, &s, None), None);
    };
    match super::guess::guess_metadata(&manifest) {
        Some(guess) => {
            // Parallel: the members' manifests are read on the workers,
            // beside `cargo metadata` and the rule set's prewarm threads.
            crate::util::phases::mark("workspace guess", true);
            let mut d = discover_with(opts, &s, Some(Ok(guess.clone())));
            let ahead = Ahead { opts: opts.clone(), start: s, cargo, guess };
            if !ahead.cargo.is_finished() {
                return (d, Some(ahead));
            }
            // Cargo answered already (or could not run): settled now.
            match ahead.settle() {
                Settled::Holds(packages) => {
                    d.packages = packages;
                    (d, None)
                }
                Settled::Wrong(real) => (*real, None),
            }
        }
        None => {
            let meta = join_cargo(cargo);
            crate::util::phases::mark("cargo metadata", false);
            (discover_with(opts, &s, Some(meta)), None)
        }
    }
}

fn join_cargo(h: std::thread::JoinHandle<Result<Metadata, String>>) -> Result<Metadata, String> {
    h.join().unwrap_or_else(|_| Err("internal error while running cargo metadata".into()))
}

/// A discovery made on a guess, waiting for cargo's answer.
pub(crate) struct Ahead {
    opts: DiscoverOptions,
    start: Start,
    cargo: std::thread::JoinHandle<Result<Metadata, String>>,
    guess: Metadata,
}

/// What cargo's answer made of a discovery on a guess.
pub(crate) enum Settled {
    /// The guess holds: the discovery stands; these are cargo's packages
    /// (with its ids and target objects).
    Holds(Vec<Package>),
    /// It does not: the discovery on cargo's answer, to scan again.
    Wrong(Box<Discovery>),
}

impl Ahead {
    /// Wait for cargo and compare its answer with the guess.
    pub(crate) fn settle(self) -> Settled {
        let meta = join_cargo(self.cargo);
        match meta {
            Ok(m) if super::guess::same_for_scan(&m, &self.guess) => Settled::Holds(m.packages),
            meta => Settled::Wrong(Box::new(discover_with(&self.opts, &self.start, Some(meta)))),
        }
    }
}

/// Discovery on `cargo metadata`'s answer (`None`: no manifest around).
fn discover_with(opts: &DiscoverOptions, s: &Start, meta: Option<Result<Metadata, String>>) -> Discovery {
    let mut d = Discovery::default();
    let Start { cwd, roots, anchor, manifest } = s;
    if let (Some(manifest), Some(meta)) = (manifest, meta) {
        match meta {
            Ok(meta) => {
                d.workspace_root = Some(meta.workspace_root.clone());
                d.packages = meta.packages;
            }
            Err(why) => {
                d.notifications.push(Notification::new(
                    NoteLevel::Warning,
                    "cargo-metadata-failed",
                    None,
                    format!(
                        "`cargo metadata` failed for {}: {why}; falling back to a plain directory walk",
                        manifest.display()
                    ),
                ));
                d.workspace_root = manifest.parent().map(Path::to_path_buf);
            }
        }
    }
    // Every scanned path must be below the root (SARIF URIs are relative
    // to it): with PATHs outside the workspace, or several outside any,
    // the root is their common ancestor (or its git repository's root).
    let mut base = d.workspace_root.clone().or_else(|| anchor.clone()).unwrap_or_else(|| cwd.clone());
    for r in roots {
        let dir = if r.is_file() { r.parent().unwrap_or(r) } else { r.as_path() };
        while !dir.starts_with(&base) && base.pop() {}
    }
    d.root = find_git_root(&base).unwrap_or(base);

    let walked = Mutex::new(Vec::new());
    let texts = Mutex::new(Vec::new());
    let notes = Mutex::new(Vec::new());
    let out = WalkOut { rust: &walked, text: &texts, notes: &notes };
    if opts.paths.is_empty() && !d.packages.is_empty() {
        // Each member package, minus nested packages that are not members.
        // The members are the repository's to name: one whose directory
        // leads outside it (a `member -> /elsewhere` link) is not read.
        let boundary = crate::util::confine::boundary_of(&d.root);
        let parallel = d.packages.len() == 1;
        d.packages.par_iter().for_each(|p| {
            if let Some(b) = &boundary
                && let Err(why) = crate::util::confine::within(&p.dir, b)
            {
                lock(&notes).push(Notification::new(
                    NoteLevel::Error,
                    "outside-repository",
                    Some(rel_path(&d.root, &p.dir).into()),
                    format!("workspace member `{}` not scanned: {why}", p.name),
                ));
                return;
            }
            walk(&p.dir, opts.follow_links, Some(&p.dir), &out, parallel);
        });
    } else {
        for r in roots {
            if r.is_file() {
                if r.extension().is_some_and(|x| x != "rs") && crate::workspace::is_text_file(r) {
                    lock(&texts).push(r.clone());
                } else {
                    lock(&walked).push(r.clone());
                }
            } else if r.is_dir() {
                walk(r, opts.follow_links, None, &out, true);
            } else {
                lock(&notes).push(Notification::new(
                    NoteLevel::Error,
                    "path-not-found",
                    Some(r.display().to_string().into()),
                    format!("{}: no such file or directory", r.display()),
                ));
            }
        }
    }
    let mut paths = walked.into_inner().unwrap_or_else(|e| e.into_inner());
    paths.sort();
    paths.dedup();
    let mut text_paths = texts.into_inner().unwrap_or_else(|e| e.into_inner());
    text_paths.sort();
    text_paths.dedup();
    d.notifications.extend(notes.into_inner().unwrap_or_else(|e| e.into_inner()));

    let walk_root = if opts.paths.is_empty() { None } else { roots.first().cloned() };
    let by_dir = PackagesByDir::new(&d.packages);
    let source_file = |abs: PathBuf| {
        let rel = rel_path(&d.root, &abs);
        let mut f = SourceFile {
            abs,
            rel: rel.into(),
            package: None,
            kind: FileKind::Other,
            edition: None,
            is_bin_root: false,
            is_crate_root: false,
        };
        classify(&mut f, &by_dir, walk_root.as_deref());
        f
    };
    let files: Vec<SourceFile> = paths.into_par_iter().map(source_file).collect();
    // Text files in test-data directories are test data (the secrets
    // pack's test-code policy).
    let text_files: Vec<SourceFile> = text_paths
        .into_par_iter()
        .map(source_file)
        .map(|mut f| {
            if !f.kind.is_test_like() && crate::workspace::is_test_data_path(&f.rel) {
                f.kind = FileKind::Test;
            }
            f
        })
        .collect();
    d.files = files;
    d.text_files = text_files;
    d
}

fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|e| e.into_inner())
}

fn is_cargo_target_dir(dir: &Path) -> bool {
    dir.file_name().is_some_and(|n| n == "target")
        && (dir.join("CACHEDIR.TAG").exists()
            || dir.join(".rustc_info.json").exists()
            || dir.parent().is_some_and(|p| p.join("Cargo.toml").is_file()))
}

/// Where a walk puts what it finds.
struct WalkOut<'a> {
    rust: &'a Mutex<Vec<PathBuf>>,
    text: &'a Mutex<Vec<PathBuf>>,
    notes: &'a Mutex<Vec<Notification>>,
}

/// Hidden directories walked for secret-carrying text files only (never
/// for Rust files).
const HIDDEN_TEXT_DIRS: &[&str] = &[".cargo", ".github", ".circleci", ".gitlab", ".devcontainer", ".docker"];

/// A hidden entry the walk still visits: `.env*` and similar files, and a
/// few configuration directories (not `.cargo/registry` or `.cargo/git`).
fn hidden_but_wanted(e: &ignore::DirEntry) -> bool {
    let name = e.file_name().to_string_lossy();
    if e.file_type().is_some_and(|t| t.is_dir()) {
        return HIDDEN_TEXT_DIRS.contains(&name.as_ref());
    }
    crate::workspace::is_text_file(e.path()) && !name.ends_with(".rs")
}

fn in_hidden_dir(path: &Path, root: &Path) -> bool {
    path.strip_prefix(root).unwrap_or(path).parent().is_some_and(|p| {
        p.components().any(|c| c.as_os_str().to_string_lossy().starts_with('.') && c != Component::CurDir)
    })
}

/// Walk a directory for `.rs` files (and secret-carrying text files):
/// gitignore-aware, skipping hidden entries (but `.env*` files and a few
/// configuration directories) and cargo target directories; symlinks not
/// followed unless asked.
/// Walk `dir` with its own thread pool (`parallel`: one large root) or on
/// the calling thread (many packages, walked side by side on rayon's pool:
/// a pool per package costs more than the walk of a small one).
fn walk(dir: &Path, follow: bool, package: Option<&Path>, out: &WalkOut<'_>, parallel: bool) {
    let mut b = ignore::WalkBuilder::new(dir);
    b.hidden(false)
        .git_ignore(true)
        .git_exclude(true)
        .git_global(false)
        .ignore(true)
        .parents(true)
        .require_git(false)
        .follow_links(follow);
    let pkg_dir = package.map(Path::to_path_buf);
    b.filter_entry(move |e| {
        let Some(ft) = e.file_type() else { return true };
        if e.depth() > 0 && e.file_name().to_string_lossy().starts_with('.') && !hidden_but_wanted(e) {
            return false;
        }
        if !ft.is_dir() || e.depth() == 0 {
            return true;
        }
        let p = e.path();
        if p.parent().and_then(Path::file_name).is_some_and(|n| n == ".cargo")
            && e.file_name().to_str().is_some_and(|n| matches!(n, "registry" | "git"))
        {
            return false;
        }
        if is_cargo_target_dir(p) {
            return false;
        }
        // Inside a package walk, skip nested packages (members are walked
        // on their own; non-members are not part of the workspace).
        if let Some(pkg) = &pkg_dir
            && p != pkg
            && p.join("Cargo.toml").is_file()
        {
            return false;
        }
        true
    });
    let visit = |entry: Result<ignore::DirEntry, ignore::Error>| match entry {
        Ok(e) => {
            // Symbolic links are entries of their own kind unless
            // `--follow-links`: a link to a file is not scanned.
            let is_file = e.file_type().is_some_and(|t| t.is_file());
            if is_file && e.path().extension().is_some_and(|x| x == "rs") {
                if !in_hidden_dir(e.path(), dir) {
                    lock(out.rust).push(e.into_path());
                }
            } else if is_file && crate::workspace::is_text_file(e.path()) {
                lock(out.text).push(e.into_path());
            }
        }
        Err(err) => {
            let msg = err.to_string();
            // Loops and unreadable directories are reported, not fatal.
            lock(out.notes).push(Notification::new(NoteLevel::Warning, "walk-error", None, msg));
        }
    };
    if parallel {
        b.build_parallel().run(|| {
            Box::new(|entry| {
                visit(entry);
                ignore::WalkState::Continue
            })
        });
    } else {
        b.build().for_each(visit);
    }
}

/// The `.rs` files of one package directory (gitignore-aware; nested
/// packages, hidden entries and target directories skipped), attributed to
/// the package and classified by its targets (or, without targets, by
/// path). `rel` gives each file's reported path.
pub(crate) fn package_files(
    pkg: &Package,
    follow_links: bool,
    rel: &dyn Fn(&Path) -> String,
) -> (Vec<SourceFile>, Vec<Notification>) {
    let walked = Mutex::new(Vec::new());
    let texts = Mutex::new(Vec::new());
    let notes = Mutex::new(Vec::new());
    walk(&pkg.dir, follow_links, Some(&pkg.dir), &WalkOut { rust: &walked, text: &texts, notes: &notes }, true);
    let mut paths = walked.into_inner().unwrap_or_else(|e| e.into_inner());
    paths.sort();
    let packages = PackagesByDir::new(std::slice::from_ref(pkg));
    let files = paths
        .into_iter()
        .map(|abs| {
            let mut f = SourceFile {
                rel: rel(&abs).into(),
                abs,
                package: None,
                kind: FileKind::Other,
                edition: None,
                is_bin_root: false,
                is_crate_root: false,
            };
            classify(&mut f, &packages, Some(&pkg.dir));
            f
        })
        .collect();
    (files, notes.into_inner().unwrap_or_else(|e| e.into_inner()))
}

/// Packages by their directory: a file's package is found by walking up its
/// parent directories (a lookup per ancestor), not by testing every package
/// (O(files × packages) on a large workspace).
pub(crate) struct PackagesByDir<'a>(HashMap<&'a Path, &'a Package>);

impl<'a> PackagesByDir<'a> {
    pub(crate) fn new(packages: &'a [Package]) -> Self {
        // A later package with the same directory wins, as before.
        PackagesByDir(packages.iter().map(|p| (p.dir.as_path(), p)).collect())
    }

    /// The innermost package whose directory contains `file`.
    pub(crate) fn innermost(&self, file: &Path) -> Option<&'a Package> {
        if self.0.is_empty() {
            return None;
        }
        file.ancestors().skip(1).find_map(|dir| self.0.get(dir).copied())
    }
}

/// Attribute a file to a package and target.
fn classify(f: &mut SourceFile, packages: &PackagesByDir<'_>, walk_root: Option<&Path>) {
    if let Some(p) = packages.innermost(&f.abs) {
        f.package = Some(p.name.clone());
        f.edition = p.edition.clone();
        let mut best: Option<(&Target, usize)> = None;
        for t in &p.targets {
            if t.src_path == f.abs {
                f.is_crate_root = true;
                if t.kind == FileKind::Bin {
                    f.is_bin_root = true;
                }
                best = Some((t, usize::MAX));
                break;
            }
            if t.kind == FileKind::BuildScript {
                // Only the build script itself, and a `build/` dir next to it.
                let build_dir = t.src_path.with_extension("");
                if f.abs.starts_with(&build_dir) {
                    best = Some((t, usize::MAX - 1));
                }
                continue;
            }
            let Some(dir) = target_dir(&t.src_path) else {
                continue;
            };
            if f.abs.starts_with(&dir) {
                let depth = dir.components().count();
                let better = match best {
                    None => true,
                    Some((b, d)) => depth > d || (depth == d && rank(t.kind) < rank(b.kind)),
                };
                if better {
                    best = Some((t, depth));
                }
            }
        }
        f.kind = match best {
            Some((t, _)) => t.kind,
            None => kind_from_path(f.abs.strip_prefix(&p.dir).unwrap_or(&f.abs)),
        };
    } else {
        let base = walk_root.filter(|r| f.abs.starts_with(r));
        f.kind = match base {
            Some(r) => kind_from_path(f.abs.strip_prefix(r).unwrap_or(&f.abs)),
            None => kind_from_path(&f.abs),
        };
    }
}

fn rank(k: FileKind) -> u8 {
    match k {
        FileKind::Lib => 0,
        FileKind::Bin => 1,
        _ => 2,
    }
}

/// The directory a target's modules live in: the directory of its root
/// file (`src/` for `src/lib.rs`, `tests/` for `tests/it.rs`).
fn target_dir(src: &Path) -> Option<PathBuf> {
    src.parent().map(Path::to_path_buf)
}

/// Heuristic kind from a path relative to a package or walk root.
pub(crate) fn kind_from_path(rel: &Path) -> FileKind {
    let comps: Vec<String> = rel.components().map(|c| c.as_os_str().to_string_lossy().into_owned()).collect();
    if comps.len() == 1 && comps[0] == "build.rs" {
        return FileKind::BuildScript;
    }
    for c in comps.iter().take(comps.len().saturating_sub(1)) {
        match c.as_str() {
            "tests" => return FileKind::Test,
            "examples" => return FileKind::Example,
            "benches" => return FileKind::Bench,
            _ => {}
        }
    }
    FileKind::Other
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pkg(name: &str, dir: &str) -> Package {
        Package {
            id: None,
            name: name.into(),
            version: None,
            manifest: PathBuf::from(dir).join("Cargo.toml"),
            dir: PathBuf::from(dir),
            edition: None,
            targets: Vec::new(),
        }
    }

    #[test]
    fn a_file_belongs_to_the_innermost_package_around_it() {
        let packages = [pkg("outer", "/ws"), pkg("inner", "/ws/crates/inner"), pkg("sib", "/ws/crates/inner2")];
        let by_dir = PackagesByDir::new(&packages);
        let of = |f: &str| by_dir.innermost(Path::new(f)).map(|p| p.name.to_string());
        assert_eq!(of("/ws/crates/inner/src/lib.rs").as_deref(), Some("inner"));
        assert_eq!(of("/ws/crates/inner2/src/lib.rs").as_deref(), Some("sib"));
        assert_eq!(of("/ws/crates/innerx/src/lib.rs").as_deref(), Some("outer"));
        assert_eq!(of("/ws/src/main.rs").as_deref(), Some("outer"));
        assert_eq!(of("/elsewhere/src/main.rs"), None);
        assert_eq!(of("/ws"), None, "a package directory is not a file of itself");
    }

    #[test]
    fn path_heuristics() {
        assert_eq!(kind_from_path(Path::new("tests/it.rs")), FileKind::Test);
        assert_eq!(kind_from_path(Path::new("examples/a/main.rs")), FileKind::Example);
        assert_eq!(kind_from_path(Path::new("build.rs")), FileKind::BuildScript);
        assert_eq!(kind_from_path(Path::new("src/tests.rs")), FileKind::Other);
    }

    #[test]
    fn normalises_paths() {
        assert_eq!(absolutize(Path::new("/a/b"), Path::new("../c/./d")), PathBuf::from("/a/c/d"));
        assert_eq!(rel_path(Path::new("/r"), Path::new("/r/x/y.rs")), "x/y.rs");
    }
}
