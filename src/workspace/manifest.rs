//! Cargo.toml, read for what cargo metadata does not give us: where a
//! workspace member declares its dependencies (the line of each
//! `[dependencies]`, `[dev-dependencies]`, `[build-dependencies]` (and
//! `[target.'cfg(..)'.*]`) entry, and the name the code uses for it: a
//! renamed dependency, `http1 = { package = "hyper", .. }`, is `http1` in
//! the code); a package's name, version and edition; its crate roots when
//! cargo did not describe it.

use std::path::{Path, PathBuf};

use toml::de::{DeTable, DeValue};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum DepKind {
    Normal,
    Dev,
    Build,
}

/// One dependency declaration.
#[derive(Clone, Debug)]
pub(crate) struct Declaration {
    /// The key: the name the code uses (before `-` → `_`).
    pub key: String,
    /// The package it names (`package = "…"`, else the key).
    pub package: String,
    pub kind: DepKind,
    /// Byte range of the whole `key = value` entry's key.
    pub span: (usize, usize),
}

impl Declaration {
    /// The crate name in Rust paths.
    pub(crate) fn extern_name(&self) -> String {
        self.key.replace('-', "_")
    }
}

/// A member manifest with its text (for positions) and declarations.
#[derive(Clone, Debug)]
pub(crate) struct Manifest {
    pub path: PathBuf,
    pub text: String,
    pub decls: Vec<Declaration>,
}

/// Read a member's Cargo.toml; `None` when it cannot be read or parsed,
/// or leads outside the repository at `root`.
pub(crate) fn read(path: &Path, root: &Path) -> Option<Manifest> {
    let boundary = crate::util::confine::boundary_of(root);
    let text = crate::util::confine::read_string(path, boundary.as_deref(), crate::util::fsread::limit::CONFIG).ok()?;
    let decls = declarations(&text)?;
    Some(Manifest { path: path.to_path_buf(), text, decls })
}

fn kind_of(section: &str) -> Option<DepKind> {
    match section {
        "dependencies" => Some(DepKind::Normal),
        "dev-dependencies" | "dev_dependencies" => Some(DepKind::Dev),
        "build-dependencies" | "build_dependencies" => Some(DepKind::Build),
        _ => None,
    }
}

/// The dependency declarations of a manifest's text.
pub(crate) fn declarations(text: &str) -> Option<Vec<Declaration>> {
    let doc = DeTable::parse(text).ok()?;
    let root = doc.get_ref();
    let mut out = Vec::new();
    let section = |t: &DeTable<'_>, kind: DepKind, out: &mut Vec<Declaration>| {
        for (k, v) in t.iter() {
            let key = k.get_ref().to_string();
            let package = match v.get_ref() {
                DeValue::Table(spec) => match spec.get("package").map(|p| p.get_ref()) {
                    Some(DeValue::String(p)) => p.to_string(),
                    _ => key.clone(),
                },
                _ => key.clone(),
            };
            out.push(Declaration { key, package, kind, span: (k.span().start, k.span().end) });
        }
    };
    for (name, v) in root.iter() {
        let name = name.get_ref().as_ref();
        if let (Some(kind), DeValue::Table(t)) = (kind_of(name), v.get_ref()) {
            section(t, kind, &mut out);
        }
        if name == "target"
            && let DeValue::Table(targets) = v.get_ref()
        {
            for (_, tv) in targets.iter() {
                let DeValue::Table(tt) = tv.get_ref() else { continue };
                for (sn, sv) in tt.iter() {
                    if let (Some(kind), DeValue::Table(t)) = (kind_of(sn.get_ref().as_ref()), sv.get_ref()) {
                        section(t, kind, &mut out);
                    }
                }
            }
        }
    }
    out.sort_by_key(|d| d.span.0);
    Some(out)
}

/// Library and binary roots from a manifest, for packages cargo did not
/// describe: `[lib] path` (else `src/lib.rs`), `[[bin]] path` (else
/// `src/main.rs` and `src/bin/*.rs`).
pub(crate) fn manifest_roots(manifest: &Path, dir: &Path) -> Vec<PathBuf> {
    let table = crate::util::fsread::read_string(manifest, crate::util::fsread::limit::CONFIG)
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

/// `package.name`, `package.version` and `package.edition` of a manifest
/// (a value inherited from the workspace is `None`).
pub(crate) fn read_manifest_package(manifest: &Path) -> (Option<String>, Option<String>, Option<String>) {
    let Ok(text) = crate::util::fsread::read_string(manifest, crate::util::fsread::limit::CONFIG) else {
        return (None, None, None);
    };
    let Ok(value) = text.parse::<toml::Table>() else { return (None, None, None) };
    let pkg = value.get("package").and_then(|p| p.as_table());
    let get = |k: &str| pkg.and_then(|p| p.get(k)).and_then(|v| v.as_str()).map(String::from);
    (get("name"), get("version"), get("edition"))
}

/// Largest manifest read.
const MAX_MANIFEST: u64 = 1024 * 1024;

/// What a dependency's manifest says (`cargo sast deps`): its library
/// root, build script, proc macro, native library.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct PackageManifest {
    pub(crate) name: Option<String>,
    pub(crate) version: Option<String>,
    /// The library's root file (absolute), when it exists.
    pub(crate) lib: Option<PathBuf>,
    /// The build script (absolute), when there is one.
    pub(crate) build: Option<PathBuf>,
    pub(crate) proc_macro: bool,
    /// `links = "…"`: the native library it links.
    pub(crate) links: Option<String>,
}

impl PackageManifest {
    /// Read `dir/Cargo.toml` (at most 1 MiB; a broken one is `None`).
    pub(crate) fn read(dir: &Path) -> Option<PackageManifest> {
        let text = crate::util::fsread::read_string(&dir.join("Cargo.toml"), MAX_MANIFEST).ok()?;
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
        let inside = |p: &PathBuf| crate::util::fspath::absolutize(dir, p).starts_with(dir) && p.is_file();
        Some(PackageManifest {
            name: get("name"),
            version: get("version"),
            lib: Some(crate::util::fspath::absolutize(dir, &lib_path)).filter(inside),
            build: build.map(|b| crate::util::fspath::absolutize(dir, &b)).filter(inside),
            proc_macro,
            links: get("links"),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_declarations_renames_and_kinds() {
        let text = "[package]\nname = \"a\"\n\n[dependencies]\nserde = \"1\"\nhttp1 = { package = \"hyper\", version = \"0.14\" }\n\n[dev-dependencies]\ntempfile = \"3\"\n\n[target.'cfg(unix)'.build-dependencies]\ncc = \"1\"\n";
        let d = declarations(text).unwrap();
        let got: Vec<(&str, &str, DepKind)> = d.iter().map(|d| (d.key.as_str(), d.package.as_str(), d.kind)).collect();
        assert_eq!(
            got,
            [
                ("serde", "serde", DepKind::Normal),
                ("http1", "hyper", DepKind::Normal),
                ("tempfile", "tempfile", DepKind::Dev),
                ("cc", "cc", DepKind::Build)
            ]
        );
        assert_eq!(&text[d[1].span.0..d[1].span.1], "http1");
        assert!(declarations("[dependencies\n").is_none());
    }

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
        let m = PackageManifest::read(d.path()).unwrap();
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
        let m = PackageManifest::read(d.path()).unwrap();
        assert!(m.build.is_none() && m.lib.is_none(), "{m:?}");
    }
}
