//! `Cargo.lock`: the packages (with where each entry is in the file) and
//! the dependency graph between them. Every lock-file version Cargo writes
//! is read: `dependencies` entries are `name`, `name version` or
//! `name version (source)`.

use std::collections::{HashMap, VecDeque};

use semver::Version;
use toml::de::{DeTable, DeValue};

/// One `[[package]]` entry.
#[derive(Clone, Debug)]
pub(crate) struct LockPackage {
    pub name: String,
    pub version: Version,
    pub source: Option<String>,
    /// Indices of the packages it depends on.
    pub deps: Vec<usize>,
    /// Byte offset of its `[[package]]` header.
    pub header: usize,
    /// Byte range of its `version = "…"` value.
    pub version_span: (usize, usize),
}

impl LockPackage {
    pub(crate) fn label(&self) -> String {
        format!("{} {}", self.name, self.version)
    }
}

#[derive(Clone, Debug, Default)]
pub(crate) struct LockFile {
    pub packages: Vec<LockPackage>,
    /// Entries that could not be read (name, why): reported, not fatal.
    pub skipped: Vec<String>,
}

fn str_of<'a>(t: &'a DeTable<'_>, key: &str) -> Option<(&'a str, (usize, usize))> {
    let v = t.get(key)?;
    match v.get_ref() {
        DeValue::String(s) => Some((s.as_ref(), (v.span().start, v.span().end))),
        _ => None,
    }
}

/// Parse a lock file's text.
pub(crate) fn parse(text: &str) -> Result<LockFile, String> {
    let doc = DeTable::parse(text).map_err(|e| format!("invalid TOML: {}", e.message().trim()))?;
    let root = doc.get_ref();
    let Some(pkgs) = root.get("package") else {
        return Ok(LockFile::default());
    };
    let DeValue::Array(list) = pkgs.get_ref() else {
        return Err("`package` is not an array of tables".into());
    };
    let mut lock = LockFile::default();
    let mut raw_deps: Vec<Vec<String>> = Vec::new();
    for entry in list.iter() {
        let DeValue::Table(t) = entry.get_ref() else { continue };
        let Some((name, _)) = str_of(t, "name") else {
            lock.skipped.push("a [[package]] entry without a name".into());
            continue;
        };
        let Some((ver, vspan)) = str_of(t, "version") else {
            lock.skipped.push(format!("{name}: no version"));
            continue;
        };
        let Ok(version) = Version::parse(ver) else {
            lock.skipped.push(format!("{name}: invalid version `{ver}`"));
            continue;
        };
        let source = str_of(t, "source").map(|(s, _)| s.to_string());
        let deps = match t.get("dependencies").map(|d| d.get_ref()) {
            Some(DeValue::Array(a)) => a
                .iter()
                .filter_map(|d| match d.get_ref() {
                    DeValue::String(s) => Some(s.to_string()),
                    _ => None,
                })
                .collect(),
            _ => Vec::new(),
        };
        let header = text[..vspan.0.min(text.len())].rfind("[[package]]").unwrap_or(vspan.0);
        raw_deps.push(deps);
        lock.packages.push(LockPackage {
            name: name.to_string(),
            version,
            source,
            deps: Vec::new(),
            header,
            version_span: vspan,
        });
    }
    let mut by_name: HashMap<&str, Vec<usize>> = HashMap::new();
    for (i, p) in lock.packages.iter().enumerate() {
        by_name.entry(p.name.as_str()).or_default().push(i);
    }
    let resolved: Vec<Vec<usize>> = raw_deps
        .iter()
        .map(|deps| deps.iter().filter_map(|d| resolve_dep(d, &by_name, &lock.packages)).collect())
        .collect();
    for (p, d) in lock.packages.iter_mut().zip(resolved) {
        p.deps = d;
    }
    Ok(lock)
}

/// `name`, `name version` or `name version (source)` → package index.
fn resolve_dep(dep: &str, by_name: &HashMap<&str, Vec<usize>>, pkgs: &[LockPackage]) -> Option<usize> {
    let mut parts = dep.splitn(3, ' ');
    let name = parts.next()?;
    let version = parts.next();
    let source = parts.next().map(|s| s.trim_start_matches('(').trim_end_matches(')'));
    let cands = by_name.get(name)?;
    cands
        .iter()
        .copied()
        .find(|&i| {
            let p = &pkgs[i];
            version.is_none_or(|v| p.version.to_string() == v)
                && source.is_none_or(|s| p.source.as_deref().is_some_and(|ps| ps == s || ps.starts_with(s)))
        })
        .or_else(|| cands.first().copied())
}

impl LockFile {
    /// Shortest dependency path from one of `roots` to `target` (both
    /// ends included); `None` when no root reaches it.
    pub(crate) fn path_to(&self, roots: &[usize], target: usize) -> Option<Vec<usize>> {
        self.path_to_with(roots, target, &|_, _| true)
    }

    /// Like `path_to`, following only the edges `allow(from, to)` accepts.
    pub(crate) fn path_to_with(
        &self,
        roots: &[usize],
        target: usize,
        allow: &dyn Fn(usize, usize) -> bool,
    ) -> Option<Vec<usize>> {
        let mut prev: Vec<Option<usize>> = vec![None; self.packages.len()];
        let mut seen = vec![false; self.packages.len()];
        let mut queue = VecDeque::new();
        for &r in roots {
            if r < seen.len() && !seen[r] {
                seen[r] = true;
                queue.push_back(r);
            }
        }
        while let Some(i) = queue.pop_front() {
            if i == target {
                let mut path = vec![i];
                let mut cur = i;
                while let Some(p) = prev[cur] {
                    path.push(p);
                    cur = p;
                }
                path.reverse();
                return Some(path);
            }
            for &d in &self.packages[i].deps {
                if !seen[d] && allow(i, d) {
                    seen[d] = true;
                    prev[d] = Some(i);
                    queue.push_back(d);
                }
            }
        }
        None
    }

    /// Packages that depend directly on `target`.
    pub(crate) fn dependents(&self, target: usize) -> Vec<usize> {
        (0..self.packages.len()).filter(|&i| self.packages[i].deps.contains(&target)).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const LOCK: &str = r#"# This file is automatically @generated by Cargo.
version = 3

[[package]]
name = "app"
version = "0.1.0"
dependencies = [
 "hyper 0.14.9",
 "reqwest",
]

[[package]]
name = "hyper"
version = "0.14.9"
source = "registry+https://github.com/rust-lang/crates.io-index"

[[package]]
name = "hyper"
version = "1.0.0-rc.3"
source = "registry+https://github.com/rust-lang/crates.io-index"

[[package]]
name = "reqwest"
version = "0.11.4"
source = "registry+https://github.com/rust-lang/crates.io-index"
dependencies = [
 "hyper 1.0.0-rc.3 (registry+https://github.com/rust-lang/crates.io-index)",
]
"#;

    #[test]
    fn packages_graph_and_paths() {
        let lock = parse(LOCK).unwrap();
        assert_eq!(lock.packages.len(), 4);
        let names: Vec<String> = lock.packages.iter().map(LockPackage::label).collect();
        assert_eq!(names, ["app 0.1.0", "hyper 0.14.9", "hyper 1.0.0-rc.3", "reqwest 0.11.4"]);
        assert_eq!(lock.packages[0].deps, [1, 3]);
        assert_eq!(lock.packages[3].deps, [2]);
        assert_eq!(lock.path_to(&[0], 2), Some(vec![0, 3, 2]));
        assert_eq!(lock.path_to(&[0], 1), Some(vec![0, 1]));
        assert_eq!(lock.path_to(&[3], 1), None);
        assert_eq!(lock.dependents(2), [3]);
        let h = &lock.packages[1];
        assert_eq!(&LOCK[h.version_span.0..h.version_span.1], "\"0.14.9\"");
        assert!(LOCK[h.header..].starts_with("[[package]]\nname = \"hyper\""));
    }

    #[test]
    fn broken_input_is_an_error_or_skipped_not_a_panic() {
        assert!(parse("[[package]\n").is_err());
        assert!(parse("package = 3\n").is_err());
        let l = parse("[[package]]\nname = \"x\"\nversion = \"one\"\n[[package]]\nversion = \"1.0.0\"\n").unwrap();
        assert!(l.packages.is_empty());
        assert_eq!(l.skipped.len(), 2);
        assert!(parse("").unwrap().packages.is_empty());
    }
}
