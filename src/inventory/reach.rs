//! The files cargo compiles, found the way it finds them: parse the crate
//! roots, then the files their `mod` declarations (`#[path]`, platform
//! alternatives) and `include!`s name, wave by wave, each file read and
//! parsed once. The inventory counts what this reaches; `cargo sast deps`
//! runs its own per-file pass on the same read and parse ([`FilePass`]).

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

use crate::engine::facts::{FileFacts, Limits};
use crate::engine::modules::module_candidates;
use crate::engine::ruleset::RuleSet;
use crate::engine::scan::{analyse_read, analyse_read_with, in_parallel};
use crate::engine::walker::ChildMod;
use crate::rules::file::FileCtx;
use crate::workspace::FileKind;
use crate::workspace::deps::Source;
use crate::workspace::discover::SourceFile;

/// A package to inventory: its identity and its files.
pub(crate) struct Unit {
    pub(crate) name: String,
    pub(crate) version: Option<String>,
    pub(crate) source: Source,
    pub(crate) dir: PathBuf,
    pub(crate) files: Vec<SourceFile>,
    /// The crate roots of its libraries and binaries (empty: unknown, every
    /// production file counts).
    pub(crate) roots: Vec<PathBuf>,
    /// The roots of build-time code (a build script), followed like `roots`.
    pub(crate) build_roots: Vec<PathBuf>,
    /// `Some`: the files are read from disk as `mod` declarations name them
    /// (not from `files`), each reported as this prefix followed by its path
    /// relative to `dir`.
    pub(crate) rel_prefix: Option<String>,
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
            rel: format!("{prefix}{}", crate::util::fspath::rel_path(&self.dir, abs)).into(),
            abs: abs.to_path_buf(),
            package: Some(self.name.as_str().into()),
            kind,
            edition: None,
            is_bin_root: false,
            is_crate_root: is_root,
        })
    }
}

/// A per-file pass run with the inventory's analysis, on the same read and
/// the same parse (`cargo sast deps`: capabilities).
pub(crate) struct FilePass<'a, T> {
    /// Must this file, with these bytes, be parsed for this pass? (The
    /// inventory itself parses only files that can hold unsafe code or modules.)
    pub(crate) wants: &'a (dyn Fn(&SourceFile, &[u8]) -> bool + Sync),
    pub(crate) run: &'a (dyn Fn(&SourceFile, &FileCtx, &syn::File) -> T + Sync),
}

/// What [`analyse_reachable_with`] found.
pub(crate) struct Reached<T = ()> {
    /// Facts of every file reached from a crate root.
    pub(crate) facts: HashMap<PathBuf, FileFacts>,
    /// Files of test modules (`#[cfg(test)] mod tests;`): not counted.
    pub(crate) tests: HashSet<PathBuf>,
    /// What the extra pass returned, per parsed file.
    pub(crate) extra: HashMap<PathBuf, T>,
    /// The files each file's `mod` declarations and `include!`s reached.
    pub(crate) edges: HashMap<PathBuf, Vec<PathBuf>>,
}

impl<T> Reached<T> {
    /// The files reached from `roots` through `mod` and `include!` (roots included).
    pub(crate) fn closure(&self, roots: &[PathBuf]) -> Vec<PathBuf> {
        let mut seen: HashSet<&Path> = HashSet::new();
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

/// Parse the crate roots, then the files their `mod` declarations name,
/// wave by wave: only code that is compiled is counted (and read). Test
/// modules (`#[cfg(test)] mod tests;`) are not followed. Units without
/// known roots have every production file analysed. The progress bar counts
/// towards every production file, the most that can be reached.
pub(super) fn analyse_reachable(units: &[Unit], jobs: usize, progress: bool) -> Reached {
    analyse_reachable_with::<()>(units, jobs, progress, None)
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
    let mut w = Walk::seed(units);
    let progress = crate::util::progress::progress_bar(progress, w.by_abs.len());
    w.frontier.dedup_by(|a, b| a.abs == b.abs);
    let mut reached =
        Reached { facts: HashMap::new(), tests: HashSet::new(), extra: HashMap::new(), edges: HashMap::new() };
    while !w.frontier.is_empty() {
        let work = |f: &SourceFile| {
            let got = analyse_file(f, &w.roots, &set, &limits, pass);
            if let Some(p) = &progress {
                p.inc(1);
            }
            got
        };
        let results = in_parallel(&w.frontier, jobs, &work);
        let frontier = std::mem::take(&mut w.frontier);
        for (f, (facts, got)) in frontier.into_iter().zip(results) {
            w.follow(units, &f, &facts, &mut reached);
            if let Some(t) = got {
                reached.extra.insert(f.abs.clone(), t);
            }
            reached.facts.insert(f.abs, facts);
        }
    }
    if let Some(p) = progress {
        p.finish_and_clear();
    }
    reached
}

/// Read and, when it can hold unsafe code or modules (or the pass wants
/// it), parse one file; the pass's result comes back with the facts.
fn analyse_file<T>(
    f: &SourceFile,
    roots: &HashSet<PathBuf>,
    set: &RuleSet,
    limits: &Limits,
    pass: Option<&FilePass<'_, T>>,
) -> (FileFacts, Option<T>) {
    // A file that spells none of these has no unsafe code and no
    // child modules: counted without being parsed.
    let bytes = crate::util::fsread::read_at_most(&f.abs, limits.max_file_size.saturating_add(1));
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
                let mut hook = |cx: &FileCtx, ast: &syn::File| got = Some((p.run)(f, cx, ast));
                analyse_read_with(f, bytes, set, limits, false, Some(&mut hook))
            }
            None => analyse_read(f, bytes, set, limits, false),
        };
        return (facts, got);
    }
    let lines = bytes.map_or(0, |b| memchr::memchr_iter(b'\n', &b).count() as u32 + 1);
    (FileFacts { path: f.rel.clone(), analysed: true, lines, ..Default::default() }, None)
}

/// The state of the walk from wave to wave.
struct Walk {
    by_abs: HashMap<PathBuf, SourceFile>,
    roots: HashSet<PathBuf>,
    /// Which unit a file belongs to (units read from disk only).
    unit_of: HashMap<PathBuf, usize>,
    frontier: Vec<SourceFile>,
    seen: HashSet<PathBuf>,
    /// Files `include!`d: their `mod`s resolve like a root's.
    included: HashSet<PathBuf>,
}

impl Walk {
    /// The first wave: every unit's roots (or, under a PATH below the
    /// roots, every production file there).
    fn seed(units: &[Unit]) -> Walk {
        let mut w = Walk {
            by_abs: HashMap::new(),
            roots: HashSet::new(),
            unit_of: HashMap::new(),
            frontier: Vec::new(),
            seen: HashSet::new(),
            included: HashSet::new(),
        };
        for (i, u) in units.iter().enumerate() {
            // A PATH below the crate roots (`cargo sast unsafe src/ffi/`): count what is there.
            let rooted = u.files.iter().any(|f| u.roots.contains(&f.abs));
            for f in u.files.iter().filter(|f| !f.kind.is_test_like()) {
                w.by_abs.insert(f.abs.clone(), f.clone());
                if !rooted || u.roots.contains(&f.abs) {
                    w.frontier.push(f.clone());
                }
            }
            w.roots.extend(u.roots.iter().cloned());
            if u.rel_prefix.is_some() {
                let all = u
                    .roots
                    .iter()
                    .map(|r| (r, FileKind::Lib))
                    .chain(u.build_roots.iter().map(|r| (r, FileKind::BuildScript)));
                for (r, kind) in all {
                    w.roots.insert(r.clone());
                    if let Some(f) = u.file_on_disk(r, kind, true) {
                        w.unit_of.insert(f.abs.clone(), i);
                        w.by_abs.insert(f.abs.clone(), f.clone());
                        w.frontier.push(f);
                    }
                }
            }
        }
        w.seen = w.frontier.iter().map(|f| f.abs.clone()).collect();
        w
    }

    /// The files `f`'s `mod` declarations and `include!`s name: test
    /// modules set aside, the others queued for the next wave.
    fn follow<T>(&mut self, units: &[Unit], f: &SourceFile, facts: &FileFacts, reached: &mut Reached<T>) {
        let is_root = self.roots.contains(f.abs.as_path()) || self.included.contains(f.abs.as_path());
        let unit = self.unit_of.get(&f.abs).copied();
        for m in facts.child_mods.iter().filter(|m| m.is_test) {
            for cand in module_candidates(&f.abs, is_root, m) {
                if self.by_abs.contains_key(cand.as_path()) {
                    reached.tests.insert(cand);
                    break;
                }
            }
        }
        let mut children = reached.edges.remove(&f.abs).unwrap_or_default();
        for m in facts.child_mods.iter().filter(|m| !m.is_test) {
            // Platform alternatives (`cfg_attr(unix, path = ..)`) all count.
            let alternatives = std::iter::once(m.clone())
                .chain(m.cfg_paths.iter().map(|p| ChildMod { path_attr: Some(p.clone()), ..m.clone() }));
            for alt in alternatives {
                for cand in module_candidates(&f.abs, is_root, &alt) {
                    if self.add(units, unit, f.kind, &cand, &mut children) {
                        break;
                    }
                }
            }
        }
        // `include!("x.rs")`: part of this module; its `mod`s resolve from its directory.
        for inc in &facts.includes {
            let base = f.abs.parent().unwrap_or(Path::new(""));
            let cand = crate::util::fspath::absolutize(base, Path::new(inc));
            if self.add(units, unit, f.kind, &cand, &mut children) {
                self.included.insert(cand);
            }
        }
        reached.edges.insert(f.abs.clone(), children);
    }

    /// Queue `cand` (a file of a unit read from disk is looked up there);
    /// `false` when there is no such file.
    fn add(
        &mut self,
        units: &[Unit],
        unit: Option<usize>,
        kind: FileKind,
        cand: &Path,
        children: &mut Vec<PathBuf>,
    ) -> bool {
        if !self.by_abs.contains_key(cand)
            && let Some(i) = unit
            && let Some(g) = units[i].file_on_disk(cand, kind, false)
        {
            self.unit_of.insert(g.abs.clone(), i);
            self.by_abs.insert(g.abs.clone(), g);
        }
        let Some(g) = self.by_abs.get(cand) else { return false };
        children.push(cand.to_path_buf());
        if self.seen.insert(cand.to_path_buf()) {
            self.frontier.push(g.clone());
        }
        true
    }
}
