//! What `cargo metadata --no-deps` will say, guessed from the manifests
//! while cargo runs (`discover::discover_ahead`): the workspace root, its
//! members, their names, editions and targets, by cargo's rules for the
//! common cases (`members` globs of literal and `*` components, `exclude`,
//! a root package, inherited editions, `src/lib.rs`, `src/main.rs`,
//! `src/bin/`, `tests/`, `examples/`, `benches/`, `build.rs`, explicit
//! targets with their paths and what auto-discovery adds to them).
//! Anything else — a member's path dependency that is not a member, an
//! explicit target without a path, `package.workspace` — is no guess
//! (`None`).
//!
//! A guess is only ever a head start: the scan keeps its result only when
//! cargo's answer agrees on everything discovery reads (`same_for_scan`);
//! otherwise it runs again on cargo's answer.

use std::path::{Path, PathBuf};

use rayon::prelude::*;
use toml::{Table, Value};

use super::FileKind;
use super::metadata::{Metadata, Package, Target};
use crate::util::fspath::absolutize;

/// Largest manifest read.
const MAX_MANIFEST: u64 = 1024 * 1024;

/// A manifest inside the repository (`boundary`: a symlink out of it is
/// not followed), as a table.
fn read_table(path: &Path, boundary: Option<&Path>) -> Option<Table> {
    crate::util::confine::read_string(path, boundary, MAX_MANIFEST).ok()?.parse().ok()
}

/// Cargo's answer for the workspace of `manifest`, guessed.
pub(crate) fn guess_metadata(manifest: &Path) -> Option<Metadata> {
    let dir = manifest.parent()?.to_path_buf();
    let boundary = crate::util::confine::boundary_of(&dir);
    let boundary = boundary.as_deref();
    let table = read_table(manifest, boundary)?;
    let ws = match table.get("workspace") {
        Some(w) => w.as_table()?.clone(),
        None => {
            // A package: its own workspace unless a manifest above claims it.
            if table.get("package")?.get("workspace").is_some()
                || dir.ancestors().skip(1).any(|d| d.join("Cargo.toml").exists())
            {
                return None;
            }
            Table::new()
        }
    };
    let mut dirs = members(&dir, &ws, table.contains_key("package"))?;
    dirs.sort();
    dirs.dedup();
    let inherited = ws.get("package").and_then(Value::as_table);
    // Each member's package and path dependencies, its manifest read once.
    let read: Vec<(Package, Vec<PathBuf>)> = dirs
        .par_iter()
        .map(|d| {
            let own;
            let t = if *d == dir {
                &table
            } else {
                own = read_table(&d.join("Cargo.toml"), boundary)?;
                &own
            };
            Some((package(d, t, inherited)?, path_deps(d, t)))
        })
        .collect::<Option<_>>()?;
    // A path dependency inside the workspace is a member too: cargo's
    // to find (give up) unless it is already one.
    if read.iter().any(|(_, deps)| deps.iter().any(|d| d.starts_with(&dir) && !dirs.contains(d))) {
        return None;
    }
    let mut packages: Vec<Package> = read.into_iter().map(|(p, _)| p).collect();
    packages.sort_by(|a, b| a.dir.cmp(&b.dir));
    Some(Metadata { workspace_root: dir, packages })
}

/// The member directories of a workspace (`[workspace]` table `ws` of the
/// manifest in `root`; `root_package`: that manifest has a `[package]`).
fn members(root: &Path, ws: &Table, root_package: bool) -> Option<Vec<PathBuf>> {
    let strings = |key: &str| -> Option<Vec<String>> {
        match ws.get(key) {
            None => Some(Vec::new()),
            Some(v) => v.as_array()?.iter().map(|s| s.as_str().map(String::from)).collect(),
        }
    };
    let exclude: Vec<PathBuf> = strings("exclude")?.iter().map(|e| absolutize(root, Path::new(e))).collect();
    let mut out = Vec::new();
    if root_package {
        out.push(root.to_path_buf());
    }
    for m in strings("members")? {
        let globbed = m.contains(['*', '?', '[']);
        let mut found = vec![root.to_path_buf()];
        for comp in Path::new(&m).components() {
            let c = comp.as_os_str().to_str()?;
            found = if c == "*" {
                let mut next = Vec::new();
                for d in &found {
                    let Ok(rd) = std::fs::read_dir(d) else { continue };
                    for e in rd.filter_map(Result::ok) {
                        if e.file_type().is_ok_and(|t| t.is_dir()) {
                            next.push(e.path());
                        }
                    }
                }
                next
            } else if c.contains(['*', '?', '[']) {
                return None;
            } else {
                found.into_iter().map(|d| d.join(c)).collect()
            };
        }
        for d in found {
            let d = absolutize(root, &d);
            if globbed && exclude.iter().any(|e| d.starts_with(e)) {
                continue;
            }
            // Cargo fails on a member without a manifest: no guess.
            if !d.join("Cargo.toml").is_file() {
                return None;
            }
            out.push(d);
        }
    }
    Some(out)
}

/// The directories of a manifest's path dependencies.
fn path_deps(dir: &Path, t: &Table) -> Vec<PathBuf> {
    const KEYS: [&str; 5] =
        ["dependencies", "dev-dependencies", "build-dependencies", "dev_dependencies", "build_dependencies"];
    let targets = t.get("target").and_then(Value::as_table).into_iter().flat_map(|t| t.values());
    let scopes = std::iter::once(t).chain(targets.filter_map(Value::as_table));
    let tables = scopes.flat_map(|s| KEYS.iter().filter_map(|k| s.get(*k).and_then(Value::as_table)));
    let paths = tables.flat_map(|t| t.values()).filter_map(|d| d.get("path")?.as_str());
    paths.map(|p| absolutize(dir, Path::new(p))).collect()
}

/// A member package from its manifest `t` in `dir`.
fn package(dir: &Path, t: &Table, inherited: Option<&Table>) -> Option<Package> {
    let pkg = t.get("package")?.as_table()?;
    if pkg.contains_key("workspace") {
        return None;
    }
    let field = |k: &str, default: &str| -> Option<String> {
        match pkg.get(k) {
            None => Some(default.to_string()),
            Some(Value::String(s)) => Some(s.clone()),
            Some(Value::Table(w)) if w.get("workspace").and_then(Value::as_bool) == Some(true) => {
                inherited?.get(k)?.as_str().map(String::from)
            }
            Some(_) => None,
        }
    };
    let name = pkg.get("name")?.as_str()?.to_string();
    let edition = field("edition", "2015")?;
    let version = field("version", "0.0.0")?;
    let targets = targets(dir, &name, &edition, t, pkg)?;
    Some(Package {
        id: None,
        name: name.as_str().into(),
        version: Some(version.as_str().into()),
        manifest: dir.join("Cargo.toml"),
        dir: dir.to_path_buf(),
        edition: Some(edition.as_str().into()),
        targets,
    })
}

/// A package's targets in cargo's order: the library, binaries, examples,
/// tests, benches (each by name), the build script.
fn targets(dir: &Path, name: &str, edition: &str, t: &Table, pkg: &Table) -> Option<Vec<Target>> {
    let target = |name: String, kind: FileKind, path: PathBuf| Target { name, kind, src_path: path, raw: None };
    let auto = |key: &str| -> Option<bool> {
        match pkg.get(key) {
            None => Some(true),
            Some(v) => v.as_bool(),
        }
    };
    let mut out = Vec::new();
    // The library.
    match t.get("lib") {
        Some(lib) => {
            let lib = lib.as_table()?;
            let path = match lib.get("path") {
                Some(p) => absolutize(dir, Path::new(p.as_str()?)),
                None => Some(dir.join("src/lib.rs")).filter(|p| p.is_file())?,
            };
            let lib_name = match lib.get("name") {
                Some(n) => n.as_str()?.to_string(),
                None => name.replace('-', "_"),
            };
            out.push(target(lib_name, FileKind::Lib, path));
        }
        None if auto("autolib")? && dir.join("src/lib.rs").is_file() => {
            out.push(target(name.replace('-', "_"), FileKind::Lib, dir.join("src/lib.rs")));
        }
        None => {}
    }
    for (key, auto_key, kind, inferred) in [
        ("bin", "autobins", FileKind::Bin, "src/bin"),
        ("example", "autoexamples", FileKind::Example, "examples"),
        ("test", "autotests", FileKind::Test, "tests"),
        ("bench", "autobenches", FileKind::Bench, "benches"),
    ] {
        let inferred = || {
            let mut v = infer_dir(&dir.join(inferred));
            if kind == FileKind::Bin && dir.join("src/main.rs").is_file() {
                v.push((name.to_string(), dir.join("src/main.rs")));
            }
            v
        };
        let mut found = match t.get(key) {
            None if auto(auto_key)? => inferred(),
            None => Vec::new(),
            Some(list) => {
                // Beside explicit targets, discovery is on when asked, or
                // by default from the 2018 edition; it adds the targets
                // whose name and path no explicit one has.
                let inferred = inferred();
                let mut v = explicit(dir, list, &inferred)?;
                let on = if pkg.contains_key(auto_key) { auto(auto_key)? } else { edition != "2015" };
                if on {
                    let more: Vec<_> =
                        inferred.into_iter().filter(|(n, p)| v.iter().all(|(m, q)| m != n && q != p)).collect();
                    v.extend(more);
                }
                v
            }
        };
        found.sort();
        out.extend(found.into_iter().map(|(n, p)| target(n, kind, p)));
    }
    let build = match pkg.get("build") {
        None | Some(Value::Boolean(true)) => Some(dir.join("build.rs")).filter(|p| p.is_file()),
        Some(Value::Boolean(false)) => None,
        Some(Value::String(p)) => Some(absolutize(dir, Path::new(p))),
        Some(_) => return None,
    };
    out.extend(build.map(|p| target("build-script-build".into(), FileKind::BuildScript, p)));
    Some(out)
}

/// Explicit targets (`[[bin]]` …), each with a name and a path (without
/// one, the path of the discovered target of that name).
fn explicit(dir: &Path, list: &Value, inferred: &[(String, PathBuf)]) -> Option<Vec<(String, PathBuf)>> {
    let one = |e: &Value| {
        let name = e.get("name")?.as_str()?.to_string();
        let path = match e.get("path") {
            Some(p) => absolutize(dir, Path::new(p.as_str()?)),
            None => inferred.iter().find(|(n, _)| *n == name)?.1.clone(),
        };
        Some((name, path))
    };
    list.as_array()?.iter().map(one).collect()
}

/// `dir/*.rs` and `dir/*/main.rs`, named by file stem or directory (hidden
/// entries skipped, as cargo does).
fn infer_dir(dir: &Path) -> Vec<(String, PathBuf)> {
    let Ok(rd) = std::fs::read_dir(dir) else { return Vec::new() };
    let mut out = Vec::new();
    for e in rd.filter_map(Result::ok) {
        let name = e.file_name().to_string_lossy().into_owned();
        if name.starts_with('.') {
            continue;
        }
        let p = e.path();
        let Ok(ft) = std::fs::metadata(&p).map(|m| m.file_type()) else { continue };
        if ft.is_file() && name.ends_with(".rs") {
            out.push((name.trim_end_matches(".rs").to_string(), p));
        } else if ft.is_dir() && p.join("main.rs").is_file() {
            out.push((name, p.join("main.rs")));
        }
    }
    out
}

/// Cargo's answer agrees with the guess on everything discovery and the
/// scan read: the workspace root and, per package in order, its name,
/// manifest, directory, edition and targets (kind, root file, in order).
pub(crate) fn same_for_scan(a: &Metadata, b: &Metadata) -> bool {
    let target = |t: &Target| (t.kind, t.src_path.clone());
    let pkg = |p: &Package| {
        (
            p.name.clone(),
            p.manifest.clone(),
            p.dir.clone(),
            p.edition.clone(),
            p.targets.iter().map(target).collect::<Vec<_>>(),
        )
    };
    a.workspace_root == b.workspace_root
        && a.packages.len() == b.packages.len()
        && a.packages.iter().zip(&b.packages).all(|(x, y)| pkg(x) == pkg(y))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::workspace::metadata::cargo_metadata;

    fn write(root: &Path, files: &[(&str, &str)]) {
        for (rel, text) in files {
            let p = root.join(rel);
            std::fs::create_dir_all(p.parent().unwrap()).unwrap();
            std::fs::write(p, text).unwrap();
        }
    }

    fn agrees(manifest: &Path) -> bool {
        let guess = guess_metadata(manifest).expect("a guess");
        let cargo = cargo_metadata(manifest).expect("cargo metadata");
        same_for_scan(&guess, &cargo)
    }

    #[test]
    fn the_guess_is_cargos_answer_for_the_common_layouts() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        write(
            root,
            &[
                (
                    "Cargo.toml",
                    "[workspace]\nmembers = [\"crates/*\", \"tools/gen\"]\nexclude = [\"crates/skip\"]\n\
                     [workspace.package]\nedition = \"2021\"\n\
                     [package]\nname = \"top\"\nversion = \"0.1.0\"\nedition.workspace = true\n",
                ),
                ("src/main.rs", "fn main() {}\n"),
                ("build.rs", "fn main() {}\n"),
                ("crates/all-kinds/Cargo.toml", "[package]\nname = \"all-kinds\"\nversion = \"0.1.0\"\n"),
                ("crates/all-kinds/src/lib.rs", ""),
                ("crates/all-kinds/src/main.rs", ""),
                ("crates/all-kinds/src/bin/b.rs", ""),
                ("crates/all-kinds/src/bin/a.rs", ""),
                ("crates/all-kinds/src/bin/d/main.rs", ""),
                ("crates/all-kinds/src/bin/.hidden.rs", ""),
                ("crates/all-kinds/tests/z.rs", ""),
                ("crates/all-kinds/tests/a.rs", ""),
                ("crates/all-kinds/tests/t2/main.rs", ""),
                ("crates/all-kinds/tests/common/mod.rs", ""),
                ("crates/all-kinds/examples/e.rs", ""),
                ("crates/all-kinds/benches/b.rs", ""),
                ("crates/all-kinds/build.rs", ""),
                (
                    "crates/normalized/Cargo.toml",
                    "[package]\nname = \"normalized\"\nversion = \"1.0.0\"\nedition = \"2018\"\nbuild = false\n\
                     autolib = false\nautobins = false\nautoexamples = false\nautotests = false\nautobenches = false\n\
                     [lib]\nname = \"norm\"\npath = \"src/../src/lib.rs\"\n\
                     [[bin]]\nname = \"tool\"\npath = \"src/tool.rs\"\n\
                     [[test]]\nname = \"it\"\npath = \"tests/it/main.rs\"\n\
                     [dependencies.all-kinds]\npath = \"../all-kinds\"\n",
                ),
                ("crates/normalized/src/lib.rs", ""),
                ("crates/normalized/src/tool.rs", ""),
                ("crates/normalized/tests/it/main.rs", ""),
                ("crates/normalized/tests/other.rs", ""),
                (
                    "crates/merged/Cargo.toml",
                    "[package]\nname = \"merged\"\nversion = \"0.1.0\"\nedition = \"2021\"\n\
                     [[bin]]\nname = \"zz\"\npath = \"src/zz.rs\"\n[[bin]]\nname = \"aa\"\npath = \"src/aa.rs\"\n\
                     [[test]]\nname = \"x\"\npath = \"tests/q.rs\"\n",
                ),
                ("crates/merged/src/zz.rs", ""),
                ("crates/merged/src/aa.rs", ""),
                ("crates/merged/src/bin/b.rs", ""),
                ("crates/merged/src/bin/zz.rs", ""),
                ("crates/merged/tests/q.rs", ""),
                ("crates/merged/tests/r.rs", ""),
                (
                    "crates/old/Cargo.toml",
                    "[package]\nname = \"old\"\nversion = \"0.1.0\"\n[[bin]]\nname = \"o\"\npath = \"src/o.rs\"\n",
                ),
                ("crates/old/src/o.rs", ""),
                (
                    "crates/pathless/Cargo.toml",
                    "[package]\nname = \"pathless\"\nversion = \"0.1.0\"\nedition = \"2018\"\n[[bench]]\nname = \"b\"\n",
                ),
                ("crates/pathless/benches/b.rs", ""),
                ("crates/pathless/benches/c/main.rs", ""),
                ("crates/old/src/bin/p.rs", ""),
                ("crates/skip/Cargo.toml", "[package]\nname = \"skip\"\nversion = \"0.1.0\"\n"),
                ("crates/skip/src/lib.rs", ""),
                ("tools/gen/Cargo.toml", "[package]\nname = \"gen\"\nversion = \"0.1.0\"\nbuild = \"make.rs\"\n"),
                ("tools/gen/src/main.rs", ""),
                ("tools/gen/make.rs", ""),
            ],
        );
        let guess = guess_metadata(&root.join("Cargo.toml")).unwrap();
        assert_eq!(guess.packages.len(), 7, "{:?}", guess.packages.iter().map(|p| &p.name).collect::<Vec<_>>());
        assert!(agrees(&root.join("Cargo.toml")));
        // A single package is its own workspace.
        let single = tempfile::tempdir().unwrap();
        write(single.path(), &[("Cargo.toml", "[package]\nname = \"one\"\nversion = \"0.1.0\"\n"), ("src/lib.rs", "")]);
        assert!(agrees(&single.path().join("Cargo.toml")));
    }

    #[test]
    fn the_guess_agrees_with_cargo_on_the_sample_workspaces_or_is_none() {
        let base = Path::new(env!("CARGO_MANIFEST_DIR")).join("testdata/workspaces");
        let mut guessed = 0;
        for e in walkdir::WalkDir::new(&base).max_depth(3).into_iter().filter_map(Result::ok) {
            if e.file_name() != "Cargo.toml" {
                continue;
            }
            let (Some(guess), Ok(cargo)) = (guess_metadata(e.path()), cargo_metadata(e.path())) else { continue };
            assert!(same_for_scan(&guess, &cargo), "{}", e.path().display());
            guessed += 1;
        }
        assert!(guessed >= 3, "{guessed}");
    }

    #[test]
    fn what_cargo_decides_is_not_guessed() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        // A member inside a workspace above, a path dependency that is not a
        // member, an explicit target without a path.
        write(
            root,
            &[
                ("Cargo.toml", "[workspace]\nmembers = [\"a\"]\n"),
                (
                    "a/Cargo.toml",
                    "[package]\nname = \"a\"\nversion = \"0.1.0\"\n[dependencies]\nb = { path = \"../b\" }\n",
                ),
                ("a/src/lib.rs", ""),
                ("b/Cargo.toml", "[package]\nname = \"b\"\nversion = \"0.1.0\"\n[[bin]]\nname = \"x\"\n"),
                ("b/x.rs", ""),
            ],
        );
        assert!(guess_metadata(&root.join("a/Cargo.toml")).is_none());
        assert!(guess_metadata(&root.join("Cargo.toml")).is_none());
        std::fs::write(root.join("Cargo.toml"), "[workspace]\nmembers = [\"b\"]\n").unwrap();
        assert!(guess_metadata(&root.join("Cargo.toml")).is_none());
    }

    /// A hostile repository's member manifest that is a symlink out of it
    /// is not read for the guess (cargo decides).
    #[cfg(unix)]
    #[test]
    fn a_member_manifest_linked_out_of_the_repository_is_not_read() {
        let outside = tempfile::tempdir().unwrap();
        std::fs::write(outside.path().join("Cargo.toml"), "[package]\nname = \"far\"\nversion = \"0.1.0\"\n").unwrap();
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        write(root, &[("Cargo.toml", "[workspace]\nmembers = [\"a\"]\n"), ("a/src/lib.rs", "")]);
        std::os::unix::fs::symlink(outside.path().join("Cargo.toml"), root.join("a/Cargo.toml")).unwrap();
        assert!(guess_metadata(&root.join("Cargo.toml")).is_none());
        // The same manifest inside the repository is guessed.
        std::fs::remove_file(root.join("a/Cargo.toml")).unwrap();
        std::fs::copy(outside.path().join("Cargo.toml"), root.join("a/Cargo.toml")).unwrap();
        assert!(guess_metadata(&root.join("Cargo.toml")).is_some());
    }
}
