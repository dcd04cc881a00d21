//! Analyse packages: the files cargo compiles (from the library root and
//! the build script through `mod`, `#[path]` and `include!`, with the
//! inventory's reachability and unsafe counts), the evidence of each, and
//! the role of each file — run-time code, build script, or proc macro
//! (which runs inside the compiler, so all of it is build-time code).

use std::collections::{BTreeMap, HashMap};
use std::path::PathBuf;

use super::caps::{Cap, Capability};
use super::extract::{self, Detail, Evidence};
use super::sources::Pkg;
use crate::engine::walker::UnsafeStats;
use crate::finding::{Excerpt, Location, Notification, Pos};
use crate::inventory::{self, FilePass, Unit};

/// When the code of a use runs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub(crate) enum Role {
    /// In the dependent's program.
    Runtime,
    /// In the build script, when cargo builds the package.
    BuildScript,
    /// In the proc macro, inside the compiler.
    ProcMacro,
}

impl Role {
    pub(crate) fn is_build(self) -> bool {
        self != Role::Runtime
    }

    pub(crate) fn describe(self) -> &'static str {
        match self {
            Role::Runtime => "library",
            Role::BuildScript => "build script",
            Role::ProcMacro => "proc macro",
        }
    }
}

/// A use of a capability (or a signal) in code with a role.
#[derive(Debug, Clone)]
pub(crate) struct Use {
    pub role: Role,
    pub ev: Evidence,
}

/// What one package can do.
#[derive(Debug, Clone)]
pub(crate) struct Analysed {
    pub pkg: Pkg,
    pub uses: Vec<Use>,
    /// Unsafe code in run-time files.
    pub unsafe_stats: UnsafeStats,
    /// Files analysed (run-time and build-time).
    pub files: u32,
    pub lines: u64,
    /// Files that could not be analysed.
    pub skipped: u32,
}

impl Analysed {
    /// Each capability with its uses.
    pub(crate) fn capabilities(&self) -> BTreeMap<Capability, Vec<&Use>> {
        let mut out: BTreeMap<Capability, Vec<&Use>> = BTreeMap::new();
        for u in &self.uses {
            if let Some(cap) = u.ev.cap {
                out.entry(Capability { build: u.role.is_build(), cap }).or_default().push(u);
            }
        }
        out
    }

    /// `name version`.
    pub(crate) fn label(&self) -> String {
        format!("{} {}", self.pkg.name, self.pkg.version)
    }

    /// A file's path relative to the package.
    pub(crate) fn rel<'a>(&self, loc: &'a Location) -> &'a str {
        loc.path.strip_prefix(self.pkg.prefix.as_str()).unwrap_or(&loc.path)
    }
}

/// Analyse packages on `jobs` workers.
pub(crate) fn analyse(pkgs: Vec<Pkg>, jobs: usize) -> (Vec<Analysed>, Vec<Notification>) {
    let units: Vec<Unit> = pkgs
        .iter()
        .map(|p| Unit {
            name: p.name.clone(),
            version: Some(p.version.clone()),
            source: p.source,
            dir: p.dir.clone(),
            files: Vec::new(),
            roots: p.manifest.lib.iter().cloned().collect(),
            build_roots: p.manifest.build.iter().cloned().collect(),
            rel_prefix: Some(p.prefix.clone()),
        })
        .collect();
    let mut dirs: HashMap<&str, Vec<&std::path::Path>> = HashMap::new();
    for p in &pkgs {
        dirs.entry(p.name.as_str()).or_default().push(&p.dir);
    }
    let wants = |f: &crate::workspace::discover::SourceFile, bytes: &[u8]| {
        f.kind == crate::workspace::FileKind::BuildScript || extract::may_have_evidence(bytes)
    };
    let run = |f: &crate::workspace::discover::SourceFile, cx: &crate::rules::file::FileCtx, ast: &syn::File| {
        let dir = f
            .package
            .as_deref()
            .and_then(|n| dirs.get(n))
            .and_then(|ds| ds.iter().filter(|d| f.abs.starts_with(d)).max_by_key(|d| d.components().count()))
            .map_or_else(|| f.abs.parent().map(PathBuf::from).unwrap_or_default(), |d| d.to_path_buf());
        extract::extract(cx, ast, &f.abs, &dir)
    };
    let pass = FilePass { wants: &wants, run: &run };
    let mut reached = inventory::analyse_reachable_with(&units, jobs, false, Some(&pass));
    let mut notes = Vec::new();
    let mut out = Vec::new();
    for p in pkgs {
        let lib: Vec<PathBuf> = p.manifest.lib.iter().cloned().collect();
        let build: Vec<PathBuf> = p.manifest.build.iter().cloned().collect();
        let lib_role = if p.manifest.proc_macro { Role::ProcMacro } else { Role::Runtime };
        let mut roles: BTreeMap<PathBuf, Role> = BTreeMap::new();
        for f in reached.closure(&build) {
            roles.insert(f, Role::BuildScript);
        }
        for f in reached.closure(&lib) {
            // A file shared by the library and the build script counts for both;
            // run-time evidence is the stricter reading of neither, so keep the first.
            roles.entry(f).or_insert(lib_role);
        }
        let mut a =
            Analysed { pkg: p, uses: Vec::new(), unsafe_stats: UnsafeStats::default(), files: 0, lines: 0, skipped: 0 };
        for (file, role) in &roles {
            let Some(facts) = reached.facts.get(file) else { continue };
            notes.extend(facts.notifications.iter().cloned());
            if !facts.analysed {
                a.skipped += 1;
                continue;
            }
            a.files += 1;
            a.lines += u64::from(facts.lines);
            if let Some(evs) = reached.extra.remove(file) {
                // `cargo:rustc-link-lib` from a build script links the library.
                let role_of = |ev: &Evidence| match ev.detail {
                    Detail::Link if *role == Role::BuildScript => Role::Runtime,
                    _ => *role,
                };
                a.uses.extend(evs.into_iter().map(|ev| Use { role: role_of(&ev), ev }));
            }
            let n = facts.unsafe_stats.total();
            if n > 0 {
                if *role == Role::Runtime {
                    a.unsafe_stats.add(&facts.unsafe_stats);
                }
                a.uses.push(Use { role: *role, ev: unsafe_evidence(&facts.path, &facts.unsafe_stats) });
            }
        }
        if let Some(lib) = a.pkg.manifest.links.clone() {
            a.uses.push(Use { role: Role::Runtime, ev: links_evidence(&a.pkg, &lib) });
        }
        a.uses.sort_by(|x, y| {
            (x.role, &x.ev.loc.path, x.ev.loc.start, &x.ev.what).cmp(&(
                y.role,
                &y.ev.loc.path,
                y.ev.loc.start,
                &y.ev.what,
            ))
        });
        out.push(a);
    }
    crate::engine::outcome::sort_notifications(&mut notes);
    (out, notes)
}

/// The unsafe code of one file, as one piece of evidence.
fn unsafe_evidence(path: &std::sync::Arc<str>, s: &UnsafeStats) -> Evidence {
    let parts = [
        (s.blocks, "block"),
        (s.functions, "fn"),
        (s.methods, "method"),
        (s.impls, "impl"),
        (s.traits, "trait"),
        (s.extern_blocks, "extern block"),
    ];
    let what: Vec<String> = parts
        .iter()
        .filter(|(n, _)| *n > 0)
        .map(|(n, w)| format!("{n} unsafe {w}{}", if *n == 1 { "" } else { "s" }))
        .collect();
    Evidence {
        cap: Some(Cap::Unsafe),
        what: what.join(", "),
        loc: file_start(path.clone()),
        snippet: what.join(", "),
        detail: Detail::None,
        toolchain: false,
        indirect: false,
        excerpt: Excerpt::default(),
    }
}

/// `links = "z"` in the manifest: a native library.
fn links_evidence(pkg: &Pkg, lib: &str) -> Evidence {
    let text = super::text::sanitize(lib);
    Evidence {
        cap: Some(Cap::Ffi),
        what: format!("links = \"{text}\""),
        loc: file_start(format!("{}Cargo.toml", pkg.prefix).into()),
        snippet: format!("links = \"{text}\""),
        detail: Detail::Link,
        toolchain: false,
        indirect: false,
        excerpt: Excerpt::default(),
    }
}

fn file_start(path: std::sync::Arc<str>) -> Location {
    let p = Pos { line: 1, col: 1, col_utf16: 1 };
    Location { path, byte_start: 0, byte_end: 0, start: p, end: p }
}
