//! A library's public API, for the library threat model: which modules,
//! functions and types are nameable from outside the crate — through
//! `pub mod` chains from the crate root and `pub use` re-exports (named or
//! glob). Per file, [`collect`] records what its items declare (owned
//! data, cached with the file's facts); per crate, [`Exposure::build`]
//! joins them from the library root down.

use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};
use syn::{Item, UseTree, Visibility};

/// What one file declares about visibility, relative to the file's module.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct ApiFacts {
    /// Every `mod` (inline or not): its path inside the file's module
    /// (`["a", "b"]` for `mod b` inside inline `mod a`), and whether it is `pub`.
    pub mods: Vec<(Vec<String>, bool)>,
    /// `pub use` items: (module inside the file, the path used, glob).
    /// `pub use a::{b, c as d}` gives two entries; a rename keeps the
    /// original path (the target is what matters).
    pub uses: Vec<(Vec<String>, Vec<String>, bool)>,
    /// `pub` structs, enums, unions, type aliases: (module inside the file, name).
    pub types: Vec<(Vec<String>, String)>,
}

/// The visibility facts of a file's items (test modules left out).
pub(crate) fn collect(items: &[Item]) -> ApiFacts {
    let mut out = ApiFacts::default();
    walk(items, &mut Vec::new(), &mut out);
    out
}

fn walk(items: &[Item], at: &mut Vec<String>, out: &mut ApiFacts) {
    for item in items {
        match item {
            Item::Mod(m) => {
                if crate::syntax::attrs::is_cfg_test(&m.attrs) {
                    continue;
                }
                let mut path = at.clone();
                path.push(m.ident.to_string());
                // A `pub mod test_helpers` is for tests, not the API.
                let support = crate::syntax::attrs::is_test_support(&m.attrs)
                    || crate::syntax::attrs::is_test_support_name(&m.ident.to_string());
                out.mods.push((path, is_pub(&m.vis) && !support));
                if let Some((_, inner)) = &m.content {
                    at.push(m.ident.to_string());
                    walk(inner, at, out);
                    at.pop();
                }
            }
            Item::Use(u) if is_pub(&u.vis) && !crate::syntax::attrs::is_test_support(&u.attrs) => {
                flatten_use(&u.tree, &mut Vec::new(), at, out);
            }
            Item::Struct(s) if is_pub(&s.vis) && !crate::syntax::attrs::is_test_support(&s.attrs) => {
                out.types.push((at.clone(), s.ident.to_string()))
            }
            Item::Enum(e) if is_pub(&e.vis) => out.types.push((at.clone(), e.ident.to_string())),
            Item::Union(u) if is_pub(&u.vis) => out.types.push((at.clone(), u.ident.to_string())),
            Item::Type(t) if is_pub(&t.vis) => out.types.push((at.clone(), t.ident.to_string())),
            _ => {}
        }
    }
}

fn is_pub(v: &Visibility) -> bool {
    matches!(v, Visibility::Public(_))
}

fn flatten_use(tree: &UseTree, prefix: &mut Vec<String>, at: &[String], out: &mut ApiFacts) {
    match tree {
        // `pub use test_helpers::TestClient`: test support stays out.
        UseTree::Path(p) if crate::syntax::attrs::is_test_support_name(&p.ident.to_string()) => {}
        UseTree::Path(p) => {
            prefix.push(p.ident.to_string());
            flatten_use(&p.tree, prefix, at, out);
            prefix.pop();
        }
        UseTree::Name(n) => {
            let mut path = prefix.clone();
            path.push(n.ident.to_string());
            out.uses.push((at.to_vec(), path, false));
        }
        UseTree::Rename(r) => {
            let mut path = prefix.clone();
            path.push(r.ident.to_string());
            out.uses.push((at.to_vec(), path, false));
        }
        UseTree::Glob(_) => out.uses.push((at.to_vec(), prefix.clone(), true)),
        UseTree::Group(g) => {
            for t in &g.items {
                flatten_use(t, prefix, at, out);
            }
        }
    }
}

/// One file's facts with where it sits: (crate key, the file's module
/// path, is the library's root, its facts).
pub(crate) type FileApi<'a> = (&'a str, &'a [String], bool, &'a ApiFacts);

/// What is nameable from outside each library crate.
#[derive(Default)]
pub(crate) struct Exposure {
    /// Modules whose `pub` items are all nameable: (crate key, module path).
    modules: HashSet<(String, Vec<String>)>,
    /// Items re-exported by name: (crate key, full path).
    named: HashSet<(String, Vec<String>)>,
    /// Names of the types nameable from outside, per crate.
    types: HashSet<(String, String)>,
}

/// A module of a crate: (crate key, module path).
type ModKey = (String, Vec<String>);

/// Re-exports followed at most this deep (a chain of `pub use`s).
const MAX_ROUNDS: usize = 8;

impl Exposure {
    pub(crate) fn build(files: &[FileApi<'_>]) -> Exposure {
        let mut e = Exposure::default();
        // Declared modules per crate: (crate, parent) → (child, pub).
        let mut children: HashMap<ModKey, Vec<(String, bool)>> = HashMap::default();
        let mut declared: HashSet<ModKey> = HashSet::default();
        for (ck, module, root, facts) in files {
            if *root {
                e.modules.insert((ck.to_string(), module.to_vec()));
            }
            for (path, public) in &facts.mods {
                let mut full = module.to_vec();
                full.extend(path.iter().cloned());
                declared.insert((ck.to_string(), full.clone()));
                let Some(name) = full.pop() else { continue };
                children.entry((ck.to_string(), full)).or_default().push((name, *public));
            }
        }
        for _ in 0..MAX_ROUNDS {
            let before = (e.modules.len(), e.named.len());
            // `pub mod` children of exposed modules.
            let mut stack: Vec<(String, Vec<String>)> = e.modules.iter().cloned().collect();
            while let Some((ck, m)) = stack.pop() {
                for (name, public) in children.get(&(ck.clone(), m.clone())).map(Vec::as_slice).unwrap_or_default() {
                    let mut child = m.clone();
                    child.push(name.clone());
                    if *public && e.modules.insert((ck.clone(), child.clone())) {
                        stack.push((ck.clone(), child));
                    }
                }
            }
            // `pub use` in exposed modules.
            for (ck, module, _, facts) in files {
                for (at, path, glob) in &facts.uses {
                    let mut here = module.to_vec();
                    here.extend(at.iter().cloned());
                    if !e.modules.contains(&(ck.to_string(), here.clone())) {
                        continue;
                    }
                    let Some(target) = absolute(&here, path, |m| declared.contains(&(ck.to_string(), m.to_vec())))
                    else {
                        continue;
                    };
                    if *glob {
                        e.modules.insert((ck.to_string(), target));
                    } else {
                        if declared.contains(&(ck.to_string(), target.clone())) {
                            e.modules.insert((ck.to_string(), target.clone()));
                        }
                        if let Some(last) = target.last() {
                            e.types.insert((ck.to_string(), last.clone()));
                        }
                        e.named.insert((ck.to_string(), target));
                    }
                }
            }
            if (e.modules.len(), e.named.len()) == before {
                break;
            }
        }
        for (ck, module, _, facts) in files {
            for (at, name) in &facts.types {
                let mut here = module.to_vec();
                here.extend(at.iter().cloned());
                if e.modules.contains(&(ck.to_string(), here)) {
                    e.types.insert((ck.to_string(), name.clone()));
                }
            }
        }
        e
    }

    /// Is a public function (`api`) of module `module` of crate `ck`
    /// nameable from outside: a free function of an exposed module or
    /// re-exported by name, a method of a nameable type?
    pub(crate) fn reachable(&self, ck: &str, module: &[String], impl_type: Option<&str>, name: &str) -> bool {
        match impl_type {
            Some(t) => self.types.contains(&(ck.to_string(), t.to_string())),
            None => {
                let mut full = module.to_vec();
                full.push(name.to_string());
                self.modules.contains(&(ck.to_string(), module.to_vec()))
                    || self.named.contains(&(ck.to_string(), full))
            }
        }
    }
}

/// A `use` path written in module `here`, as a path from the crate root;
/// `None` for another crate's items. A first segment that is neither
/// `crate`, `self` nor `super` is a child module of `here` when one is
/// declared (2018 paths), else another crate.
fn absolute(here: &[String], path: &[String], is_module: impl Fn(&[String]) -> bool) -> Option<Vec<String>> {
    let first = path.first()?;
    match first.as_str() {
        "crate" => Some(path[1..].to_vec()),
        "self" => Some(here.iter().chain(&path[1..]).cloned().collect()),
        "super" => {
            let mut base = here.to_vec();
            let mut i = 0;
            while path.get(i).is_some_and(|s| s == "super") {
                base.pop()?;
                i += 1;
            }
            base.extend(path[i..].iter().cloned());
            Some(base)
        }
        _ => {
            let mut child = here.to_vec();
            child.push(first.clone());
            is_module(&child).then(|| here.iter().chain(path).cloned().collect())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn facts(src: &str) -> ApiFacts {
        collect(&syn::parse_file(src).unwrap_or_else(|e| panic!("{e}")).items)
    }

    #[test]
    fn pub_mods_and_reexports_are_nameable() {
        let root = facts(
            "mod cache; mod frame; pub mod zipfile; mod run; pub use frame::{decode, Frame as F}; pub use run::Error;",
        );
        let frame = facts("pub struct Frame; pub fn decode() {} pub fn helper() {}");
        let zipfile = facts("pub fn unzip() {} mod inner { pub fn hidden() {} } pub mod open { pub fn shown() {} }");
        let cache = facts("pub fn staging_dir() {}");
        let m = |s: &[&str]| s.iter().map(|x| x.to_string()).collect::<Vec<_>>();
        let (root_m, frame_m, zip_m, cache_m) = (m(&[]), m(&["frame"]), m(&["zipfile"]), m(&["cache"]));
        let files: Vec<FileApi<'_>> = vec![
            ("x", &root_m, true, &root),
            ("x", &frame_m, false, &frame),
            ("x", &zip_m, false, &zipfile),
            ("x", &cache_m, false, &cache),
        ];
        let e = Exposure::build(&files);
        assert!(e.reachable("x", &frame_m, None, "decode"));
        assert!(!e.reachable("x", &frame_m, None, "helper"));
        assert!(e.reachable("x", &frame_m, Some("Frame"), "new"));
        assert!(e.reachable("x", &zip_m, None, "unzip"));
        assert!(!e.reachable("x", &m(&["zipfile", "inner"]), None, "hidden"));
        assert!(e.reachable("x", &m(&["zipfile", "open"]), None, "shown"));
        assert!(!e.reachable("x", &cache_m, None, "staging_dir"));
        // Another crate key (a binary) has no root: nothing is nameable.
        assert!(!e.reachable("x#src/main.rs", &root_m, None, "main"));
    }

    #[test]
    fn glob_reexports_expose_a_private_module() {
        let root = facts("mod imp; pub use crate::imp::*;");
        let imp = facts("pub fn open() {}");
        let (root_m, imp_m) = (Vec::new(), vec!["imp".to_string()]);
        let files: Vec<FileApi<'_>> = vec![("x", &root_m, true, &root), ("x", &imp_m, false, &imp)];
        assert!(Exposure::build(&files).reachable("x", &imp_m, None, "open"));
    }
}
