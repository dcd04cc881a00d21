//! The module tree of the scanned files (which are test modules, each
//! file's crate and module path), and where a `mod name;` declaration's
//! file may be.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use super::facts::FileFacts;
use crate::workspace::FileKind;
use crate::workspace::discover::SourceFile;

/// The module tree of the scanned files: which are test modules, and each
/// file's crate and module path.
pub(crate) struct ModuleTree {
    pub(crate) test: Vec<bool>,
    pub(crate) crate_key: Vec<String>,
    pub(crate) module: Vec<Vec<String>>,
    /// Workspace crate names (`vault_core`) → crate keys.
    pub(crate) crates: HashMap<String, String>,
}

impl ModuleTree {
    pub(crate) fn build(files: &[(SourceFile, FileFacts)]) -> ModuleTree {
        let by_path: HashMap<PathBuf, usize> = files.iter().enumerate().map(|(i, (f, _))| (f.abs.clone(), i)).collect();
        // (child file, declared as a test module, module names from the parent)
        let mut children: Vec<Vec<(usize, bool, Vec<String>)>> = vec![Vec::new(); files.len()];
        for (i, (sf, facts)) in files.iter().enumerate() {
            for m in &facts.child_mods {
                for cand in module_candidates(&sf.abs, sf.is_crate_root, m) {
                    if let Some(&j) = by_path.get(&cand) {
                        let mut names = m.inline_parents.clone();
                        names.push(m.name.clone());
                        children[i].push((j, m.is_test, names));
                        break;
                    }
                }
            }
        }
        let n = files.len();
        let mut tree = ModuleTree {
            test: vec![false; n],
            crate_key: vec![String::new(); n],
            module: vec![Vec::new(); n],
            crates: HashMap::new(),
        };
        // Test modules, and everything below them.
        let mut stack: Vec<usize> = Vec::new();
        for kids in &children {
            for (j, is_test, _) in kids {
                if *is_test && !tree.test[*j] {
                    tree.test[*j] = true;
                    stack.push(*j);
                }
            }
        }
        while let Some(i) = stack.pop() {
            for (j, _, _) in &children[i] {
                if !tree.test[*j] {
                    tree.test[*j] = true;
                    stack.push(*j);
                }
            }
        }
        // Crates and module paths, from the crate roots down.
        let mut placed = vec![false; n];
        for (i, (sf, _)) in files.iter().enumerate() {
            if sf.is_crate_root {
                let pkg = sf.package.as_deref().unwrap_or("");
                tree.crate_key[i] =
                    if sf.kind == FileKind::Lib { pkg.to_string() } else { format!("{pkg}#{}", sf.rel) };
                if sf.kind == FileKind::Lib && !pkg.is_empty() {
                    tree.crates.insert(pkg.replace('-', "_"), pkg.to_string());
                }
                placed[i] = true;
                stack.push(i);
            }
        }
        while let Some(i) = stack.pop() {
            for (j, _, names) in &children[i] {
                if !placed[*j] {
                    placed[*j] = true;
                    tree.crate_key[*j] = tree.crate_key[i].clone();
                    let mut m = tree.module[i].clone();
                    m.extend(names.iter().cloned());
                    tree.module[*j] = m;
                    stack.push(*j);
                }
            }
        }
        // Files outside any module tree: a module path from their location.
        for (i, (sf, _)) in files.iter().enumerate() {
            if !placed[i] {
                tree.crate_key[i] = sf.package.as_deref().unwrap_or("").to_string();
                tree.module[i] = module_from_path(&sf.rel);
            }
        }
        tree
    }
}

/// `src/a/b.rs` → `["a", "b"]`, `src/a/mod.rs` → `["a"]`.
fn module_from_path(rel: &str) -> Vec<String> {
    let rel = rel.rsplit_once("/src/").map_or_else(|| rel.strip_prefix("src/").unwrap_or(rel), |(_, r)| r);
    let mut parts: Vec<String> = rel.split('/').map(String::from).collect();
    if let Some(last) = parts.last_mut() {
        *last = last.trim_end_matches(".rs").to_string();
    }
    if parts.last().is_some_and(|l| l == "mod" || l == "lib" || l == "main") {
        parts.pop();
    }
    parts
}

/// Where the file of `mod name;` declared in `parent` may be.
pub fn module_candidates(parent: &Path, is_crate_root: bool, m: &crate::engine::walker::ChildMod) -> Vec<PathBuf> {
    let Some(dir) = parent.parent() else {
        return Vec::new();
    };
    let stem = parent.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
    let mod_rs = is_crate_root || stem == "mod" || stem == "lib" || stem == "main";
    let mut base = if mod_rs { dir.to_path_buf() } else { dir.join(&stem) };
    if let Some(p) = &m.path_attr {
        let rel = if m.inline_parents.is_empty() { dir.to_path_buf() } else { base.join(m.inline_parents.join("/")) };
        return vec![crate::util::fspath::absolutize(&rel, Path::new(p))];
    }
    for p in &m.inline_parents {
        base.push(p);
    }
    vec![base.join(format!("{}.rs", m.name)), base.join(&m.name).join("mod.rs")]
}
