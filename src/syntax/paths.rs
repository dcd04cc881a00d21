//! Name resolution from syntax alone: `use` imports (aliases, groups,
//! `self`, globs, `extern crate`) and path normalisation (`core`/`alloc` →
//! `std`), so rules can ask "is this call `std::mem::transmute`?" whatever
//! way the source spelled it.

use rustc_hash::FxHashMap as HashMap;

use syn::{Item, UseTree};

/// The imports of one file (all `use` items, at any depth: a name imported
/// in a nested module or function is treated as visible file-wide, which is
/// right in practice and cheap).
#[derive(Debug, Default, Clone)]
pub struct Imports {
    /// Local name → full path.
    names: HashMap<String, Vec<String>>,
    /// Prefixes imported with `*`.
    globs: Vec<Vec<String>>,
    /// Local names a `use … as name` gives something of another name.
    renames: std::collections::HashSet<String>,
}

impl Imports {
    /// Does a `use … as name` anywhere in the file give `name` to
    /// something named otherwise?
    pub fn is_rename(&self, name: &str) -> bool {
        self.renames.contains(name)
    }

    pub fn from_items(items: &[Item]) -> Self {
        let mut imports = Imports::default();
        imports.collect_items(items);
        imports
    }

    fn collect_items(&mut self, items: &[Item]) {
        for item in items {
            match item {
                Item::Use(u) => {
                    let mut prefix = Vec::new();
                    if u.leading_colon.is_some() {
                        prefix.push(String::new());
                    }
                    self.collect_tree(&u.tree, &mut prefix);
                }
                Item::ExternCrate(e) => {
                    let name = e.ident.to_string();
                    let alias = e.rename.as_ref().map_or_else(|| name.clone(), |(_, a)| a.to_string());
                    self.names.insert(alias, vec![normalize_root(&name).to_string()]);
                }
                Item::Mod(m) => {
                    if let Some((_, items)) = &m.content {
                        self.collect_items(items);
                    }
                }
                Item::Fn(f) => self.collect_block(&f.block),
                Item::Impl(i) => {
                    for ii in &i.items {
                        if let syn::ImplItem::Fn(f) = ii {
                            self.collect_block(&f.block);
                        }
                    }
                }
                _ => {}
            }
        }
    }

    fn collect_block(&mut self, block: &syn::Block) {
        for stmt in &block.stmts {
            if let syn::Stmt::Item(item) = stmt {
                self.collect_items(std::slice::from_ref(item));
            }
        }
    }

    fn collect_tree(&mut self, tree: &UseTree, prefix: &mut Vec<String>) {
        match tree {
            UseTree::Path(p) => {
                prefix.push(p.ident.to_string());
                self.collect_tree(&p.tree, prefix);
                prefix.pop();
            }
            UseTree::Name(n) => {
                let name = n.ident.to_string();
                if name == "self" {
                    if let Some(last) = prefix.last().cloned() {
                        self.insert(last, prefix.clone());
                    }
                } else {
                    let mut full = prefix.clone();
                    full.push(name.clone());
                    self.insert(name, full);
                }
            }
            UseTree::Rename(r) => {
                let name = r.ident.to_string();
                let mut full = prefix.clone();
                if name != "self" {
                    full.push(name);
                }
                let alias = r.rename.to_string();
                if alias != "_" {
                    if full.last() != Some(&alias) {
                        self.renames.insert(alias.clone());
                    }
                    self.insert(alias, full);
                }
            }
            UseTree::Glob(_) => self.globs.push(normalize(prefix.clone())),
            UseTree::Group(g) => {
                for t in &g.items {
                    self.collect_tree(t, prefix);
                }
            }
        }
    }

    fn insert(&mut self, name: String, full: Vec<String>) {
        let full = normalize(full);
        self.names.entry(name).or_insert(full);
    }

    /// The full path a local name was imported as.
    pub fn lookup(&self, name: &str) -> Option<&[String]> {
        self.names.get(name).map(Vec::as_slice)
    }

    /// Whether some glob import could bring `name` from a prefix matching `prefix`.
    pub fn has_glob(&self, prefix: &str) -> bool {
        self.globs.iter().any(|g| g.join("::") == prefix)
    }

    /// The prefixes of the file's glob imports (`use x::*` → `["x"]`).
    pub fn globs(&self) -> &[Vec<String>] {
        &self.globs
    }

    /// Resolve a path as written to a full path.
    pub fn resolve(&self, path: &syn::Path) -> Resolved {
        let segs: Vec<String> = path.segments.iter().map(|s| s.ident.to_string()).collect();
        self.resolve_segments(segs, path.leading_colon.is_some())
    }

    pub fn resolve_segments(&self, mut segs: Vec<String>, leading_colon: bool) -> Resolved {
        if segs.is_empty() {
            return Resolved { segs, via_import: false };
        }
        if leading_colon {
            return Resolved { segs: normalize(segs), via_import: true };
        }
        if let Some(full) = self.names.get(&segs[0]) {
            let mut out = full.clone();
            out.extend(segs.drain(1..));
            let out = strip_leading_empty(out);
            return Resolved { segs: normalize(out), via_import: true };
        }
        if segs.len() >= 2
            && let Some(full) = prelude_type(&segs[0])
        {
            let mut out: Vec<String> = full.split("::").map(String::from).collect();
            out.extend(segs.drain(1..));
            return Resolved { segs: out, via_import: true };
        }
        let known_root = matches!(segs[0].as_str(), "std" | "core" | "alloc");
        Resolved { segs: normalize(segs), via_import: known_root }
    }
}

/// Types in the standard prelude, named without an import.
fn prelude_type(name: &str) -> Option<&'static str> {
    Some(match name {
        "Vec" => "std::vec::Vec",
        "String" => "std::string::String",
        "Box" => "std::boxed::Box",
        "Option" => "std::option::Option",
        "Result" => "std::result::Result",
        _ => return None,
    })
}

fn strip_leading_empty(mut v: Vec<String>) -> Vec<String> {
    if v.first().is_some_and(String::is_empty) {
        v.remove(0);
    }
    v
}

fn normalize_root(s: &str) -> &str {
    match s {
        "core" | "alloc" => "std",
        other => other,
    }
}

fn normalize(mut segs: Vec<String>) -> Vec<String> {
    segs = strip_leading_empty(segs);
    if let Some(first) = segs.first_mut() {
        let n = normalize_root(first);
        if n != first {
            *first = n.to_string();
        }
    }
    segs
}

/// A path after import resolution.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Resolved {
    pub segs: Vec<String>,
    /// True when the first segment came from an import, a `::` root or a
    /// standard-library root, so the full path is known.
    pub via_import: bool,
}

impl Resolved {
    /// Exactly this path (`std::mem::transmute`).
    pub fn is(&self, canonical: &str) -> bool {
        let mut it = canonical.split("::");
        let eq = self.segs.iter().all(|s| it.next() == Some(s.as_str()));
        eq && it.next().is_none()
    }

    /// The path ends with these segments (`Command::new`).
    pub fn ends_with(&self, suffix: &str) -> bool {
        let want: Vec<&str> = suffix.split("::").collect();
        want.len() <= self.segs.len()
            && self.segs[self.segs.len() - want.len()..].iter().zip(&want).all(|(a, b)| a == b)
    }

    /// Best-effort match: the exact path when it is known; otherwise the
    /// written path (at least `min_unresolved` segments long) must be a
    /// suffix of the canonical one.
    pub fn matches(&self, canonical: &str, min_unresolved: usize) -> bool {
        if self.is(canonical) {
            return true;
        }
        if self.via_import || self.segs.len() < min_unresolved {
            return false;
        }
        let want: Vec<&str> = canonical.split("::").collect();
        self.segs.len() <= want.len()
            && want[want.len() - self.segs.len()..].iter().zip(&self.segs).all(|(a, b)| a == b)
    }

    pub fn last(&self) -> &str {
        self.segs.last().map_or("", String::as_str)
    }

    pub fn to_path_string(&self) -> String {
        self.segs.join("::")
    }
}
#[cfg(test)]
mod tests {
    use super::*;

    fn imports(src: &str) -> Imports {
        let file: syn::File = syn::parse_str(src).unwrap();
        Imports::from_items(&file.items)
    }

    fn path(s: &str) -> syn::Path {
        syn::parse_str(s).unwrap()
    }

    #[test]
    fn resolves_aliases_groups_and_self() {
        let im = imports(
            "use std::mem::{self, transmute as tm}; use core::ptr; use reqwest::ClientBuilder as CB;
             fn f() { use std::process::Command; }",
        );
        assert!(im.resolve(&path("tm")).is("std::mem::transmute"));
        assert!(im.resolve(&path("mem::zeroed")).is("std::mem::zeroed"));
        assert!(im.resolve(&path("ptr::read")).is("std::ptr::read"));
        assert!(im.resolve(&path("CB::new")).is("reqwest::ClientBuilder::new"));
        assert!(im.resolve(&path("Command::new")).is("std::process::Command::new"));
        assert!(im.resolve(&path("::core::mem::forget")).is("std::mem::forget"));
    }

    #[test]
    fn unresolved_paths_match_by_suffix_only_when_long_enough() {
        let im = imports("");
        let r = im.resolve(&path("mem::transmute"));
        assert!(!r.via_import);
        assert!(r.matches("std::mem::transmute", 2));
        assert!(!im.resolve(&path("transmute")).matches("std::mem::transmute", 2));
        let other = imports("use my::mem;");
        assert!(!other.resolve(&path("mem::transmute")).matches("std::mem::transmute", 2));
    }
}
