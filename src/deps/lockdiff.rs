//! `cargo sast deps --diff <ref>`: Cargo.lock now against its state at a
//! git ref — which packages were added, which changed version, which went
//! away — and the files read at that ref (the lock file, and the config
//! holding the policy, so a pull request cannot approve what it adds).

use std::collections::BTreeMap;
use std::path::Path;

use crate::workspace::lockfile::LockFile;

/// The contents of `rel` (a `/`-separated path from the top of the
/// repository at `root`) at commit `reference`; `None` when the file does
/// not exist there. Read through `diff::BaseTree`, the one way git is asked
/// for files: nothing the repository configures runs (no filters, hooks,
/// fsmonitor or pager; no lazy fetch of missing objects), and nothing is
/// written.
pub(super) fn file_at(root: &Path, reference: &str, rel: &str) -> Result<Option<Vec<u8>>, String> {
    let mut tree = crate::filter::diff::BaseTree::open(root, reference)?;
    let file = tree.file(rel);
    tree.close();
    file
}

/// One package of the new lock file that was not there at the ref.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Change {
    pub name: String,
    /// Its entry in the new lock file.
    pub new: usize,
    /// The version it replaces, and its entry in the old lock file (`None`: added).
    pub old: Option<usize>,
}

/// What changed between two lock files, for packages from a registry or
/// git (members and path dependencies are the project's own code).
#[derive(Debug, Default)]
pub(super) struct LockDiff {
    pub changes: Vec<Change>,
    /// `name version` of packages no longer in the lock file.
    pub removed: Vec<String>,
}

pub(super) fn compare(old: &LockFile, new: &LockFile) -> LockDiff {
    let key = |name: &str, version: &semver::Version| (name.to_string(), version.to_string());
    let mut olds: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
    for (i, p) in old.packages.iter().enumerate().filter(|(_, p)| p.source.is_some()) {
        olds.entry(p.name.as_str()).or_default().push(i);
    }
    let new_keys: std::collections::HashSet<(String, String)> =
        new.packages.iter().filter(|p| p.source.is_some()).map(|p| key(&p.name, &p.version)).collect();
    let old_keys: std::collections::HashSet<(String, String)> =
        old.packages.iter().filter(|p| p.source.is_some()).map(|p| key(&p.name, &p.version)).collect();
    let mut d = LockDiff::default();
    for (i, p) in new.packages.iter().enumerate().filter(|(_, p)| p.source.is_some()) {
        if old_keys.contains(&key(&p.name, &p.version)) {
            continue;
        }
        // The previous version: the old entries of this name that are gone
        // now, the closest one (same major first, then the highest).
        let candidates: Vec<usize> = olds
            .get(p.name.as_str())
            .map(|v| {
                v.iter()
                    .copied()
                    .filter(|&o| !new_keys.contains(&key(&old.packages[o].name, &old.packages[o].version)))
                    .collect()
            })
            .unwrap_or_default();
        let all: Vec<usize> = olds.get(p.name.as_str()).cloned().unwrap_or_default();
        let pool = if candidates.is_empty() { &all } else { &candidates };
        let prev = pool
            .iter()
            .copied()
            .max_by_key(|&o| (old.packages[o].version.major == p.version.major, old.packages[o].version.clone()));
        d.changes.push(Change { name: p.name.clone(), new: i, old: prev });
    }
    for p in old.packages.iter().filter(|p| p.source.is_some()) {
        if !new_keys.contains(&key(&p.name, &p.version))
            && !new.packages.iter().any(|n| n.name == p.name && n.source.is_some())
        {
            d.removed.push(p.label());
        }
    }
    d
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::workspace::lockfile::parse;

    fn lock(pkgs: &[(&str, &str)]) -> LockFile {
        let mut s = String::from("version = 4\n");
        for (n, v) in pkgs {
            s.push_str(&format!("\n[[package]]\nname = \"{n}\"\nversion = \"{v}\"\nsource = \"registry+https://github.com/rust-lang/crates.io-index\"\n"));
        }
        s.push_str("\n[[package]]\nname = \"app\"\nversion = \"0.1.0\"\n");
        parse(&s).unwrap()
    }

    #[test]
    fn added_changed_and_removed() {
        let old = lock(&[("serde", "1.0.100"), ("rand", "0.7.3"), ("rand", "0.8.5"), ("gone", "1.0.0")]);
        let new = lock(&[("serde", "1.0.200"), ("rand", "0.8.5"), ("rand", "0.9.0"), ("proc-macro1", "1.0.0")]);
        let d = compare(&old, &new);
        let shown: Vec<(String, Option<String>)> = d
            .changes
            .iter()
            .map(|c| (new.packages[c.new].label(), c.old.map(|o| old.packages[o].version.to_string())))
            .collect();
        assert_eq!(
            shown,
            vec![
                ("serde 1.0.200".into(), Some("1.0.100".into())),
                ("rand 0.9.0".into(), Some("0.7.3".into())),
                ("proc-macro1 1.0.0".into(), None),
            ]
        );
        assert_eq!(d.removed, ["gone 1.0.0"]);
    }
}
