//! The house rules DESIGN.md states, checked on the source: the modules
//! form layers and imports only point down (which also rules out cycles),
//! and no source file is longer than 800 lines. (No function over 120
//! lines is clippy's `too_many_lines`, set in clippy.toml.)

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use syn::visit::Visit;

use crate::common::root;

/// The layers, bottom first (DESIGN.md, "Layers"). A module may import
/// from the layers below its own, never from its own layer's other
/// modules or from above. `#[cfg(test)]` code is left out: a unit test
/// may drive its module through the engine above it.
const LAYERS: &[&[&str]] = &[
    &["util"],
    &["syntax"],
    &["semantic"],
    &["finding"],
    &["workspace"],
    &["secrets"],
    &["rules"],
    &["lints"],
    &["taint"],
    &["config"],
    &["engine"],
    &["audit", "filter", "inventory", "report"],
    &["deps"],
    &["cli"],
];

/// Source files no longer than this (a file you cannot read in one
/// sitting is two files).
const MAX_FILE_LINES: usize = 800;

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            rust_files(&p, out);
        } else if p.extension().is_some_and(|x| x == "rs") {
            out.push(p);
        }
    }
}

/// `src/a/b.rs` → `[a, b]`, `src/a/mod.rs` → `[a]`, `lints/x/y.rs` →
/// `[lints, x, y]`; the crate root is `[]`.
fn module_of(rel: &Path) -> Vec<String> {
    let mut parts: Vec<String> = rel.iter().map(|c| c.to_string_lossy().into_owned()).collect();
    if parts[0] == "src" {
        parts.remove(0);
    }
    let last = parts.pop().unwrap();
    let stem = last.trim_end_matches(".rs");
    if !matches!(stem, "mod" | "lib" | "main") {
        parts.push(stem.to_string());
    }
    parts
}

fn is_cfg_test(attrs: &[syn::Attribute]) -> bool {
    attrs
        .iter()
        .any(|a| a.path().is_ident("cfg") && a.meta.require_list().is_ok_and(|l| l.tokens.to_string().trim() == "test"))
}

/// Every `crate::…`, `super::…` and `self::…` path of a file, as absolute
/// module paths, outside `#[cfg(test)]` code.
struct Paths {
    /// The module the visitor is in (inline `mod x { … }` included).
    module: Vec<String>,
    found: Vec<Vec<String>>,
}

impl Paths {
    fn absolute(&mut self, segs: Vec<String>) {
        let Some(first) = segs.first() else { return };
        let mut base = match first.as_str() {
            "crate" | "$crate" => Vec::new(),
            "super" | "self" => self.module.clone(),
            _ => return,
        };
        let mut rest = &segs[..];
        if matches!(first.as_str(), "crate" | "$crate") {
            rest = &segs[1..];
        } else {
            while let Some(s) = rest.first() {
                match s.as_str() {
                    "super" => {
                        base.pop();
                    }
                    "self" => {}
                    _ => break,
                }
                rest = &rest[1..];
            }
        }
        base.extend(rest.iter().cloned());
        self.found.push(base);
    }

    fn use_tree(&mut self, prefix: &mut Vec<String>, t: &syn::UseTree) {
        match t {
            syn::UseTree::Path(p) => {
                prefix.push(p.ident.to_string());
                self.use_tree(prefix, &p.tree);
                prefix.pop();
            }
            syn::UseTree::Name(n) => self.with(prefix, n.ident.to_string()),
            syn::UseTree::Rename(r) => self.with(prefix, r.ident.to_string()),
            syn::UseTree::Glob(_) => self.absolute(prefix.clone()),
            syn::UseTree::Group(g) => g.items.iter().for_each(|i| self.use_tree(prefix, i)),
        }
    }

    fn with(&mut self, prefix: &[String], last: String) {
        let mut p = prefix.to_vec();
        p.push(last);
        self.absolute(p);
    }

    /// `crate::a::b` spelled inside a macro's tokens (`declare_rule!`, …).
    fn tokens(&mut self, ts: proc_macro2::TokenStream) {
        let toks: Vec<proc_macro2::TokenTree> = ts.into_iter().collect();
        let mut i = 0;
        while i < toks.len() {
            match &toks[i] {
                proc_macro2::TokenTree::Group(g) => self.tokens(g.stream()),
                proc_macro2::TokenTree::Ident(id) if matches!(id.to_string().as_str(), "crate" | "super" | "self") => {
                    let mut segs = vec![id.to_string()];
                    let mut j = i + 1;
                    while let (
                        Some(proc_macro2::TokenTree::Punct(a)),
                        Some(proc_macro2::TokenTree::Punct(b)),
                        Some(proc_macro2::TokenTree::Ident(n)),
                    ) = (toks.get(j), toks.get(j + 1), toks.get(j + 2))
                    {
                        if a.as_char() != ':' || b.as_char() != ':' {
                            break;
                        }
                        segs.push(n.to_string());
                        j += 3;
                    }
                    if segs.len() > 1 {
                        self.absolute(segs);
                    }
                    i = j;
                    continue;
                }
                _ => {}
            }
            i += 1;
        }
    }
}

impl<'ast> Visit<'ast> for Paths {
    fn visit_item(&mut self, i: &'ast syn::Item) {
        let attrs = match i {
            syn::Item::Mod(m) => &m.attrs,
            syn::Item::Fn(f) => &f.attrs,
            syn::Item::Impl(x) => &x.attrs,
            syn::Item::Use(u) => &u.attrs,
            syn::Item::Struct(s) => &s.attrs,
            syn::Item::Enum(e) => &e.attrs,
            syn::Item::Const(c) => &c.attrs,
            syn::Item::Static(s) => &s.attrs,
            _ => return syn::visit::visit_item(self, i),
        };
        if !is_cfg_test(attrs) {
            syn::visit::visit_item(self, i);
        }
    }

    fn visit_item_mod(&mut self, m: &'ast syn::ItemMod) {
        if m.content.is_some() {
            self.module.push(m.ident.to_string());
            syn::visit::visit_item_mod(self, m);
            self.module.pop();
        }
    }

    fn visit_item_use(&mut self, u: &'ast syn::ItemUse) {
        self.use_tree(&mut Vec::new(), &u.tree);
    }

    fn visit_path(&mut self, p: &'ast syn::Path) {
        self.absolute(p.segments.iter().map(|s| s.ident.to_string()).collect());
        syn::visit::visit_path(self, p);
    }

    fn visit_macro(&mut self, m: &'ast syn::Macro) {
        self.tokens(m.tokens.clone());
        syn::visit::visit_macro(self, m);
    }
}

/// Top-level module → the top-level modules it imports from (with one
/// example each: file and path).
fn imports() -> BTreeMap<String, BTreeMap<String, String>> {
    let root = root();
    let mut files = Vec::new();
    rust_files(&root.join("src"), &mut files);
    rust_files(&root.join("lints"), &mut files);
    let mut out: BTreeMap<String, BTreeMap<String, String>> = BTreeMap::new();
    for f in files {
        let rel = f.strip_prefix(&root).unwrap().to_path_buf();
        let module = module_of(&rel);
        let Some(top) = module.first().cloned() else { continue };
        let text = std::fs::read_to_string(&f).unwrap();
        let file = syn::parse_file(&text).unwrap_or_else(|e| panic!("{}: {e}", rel.display()));
        if file.attrs.iter().any(|a| is_cfg_test(std::slice::from_ref(a))) {
            continue;
        }
        let mut v = Paths { module: module.clone(), found: Vec::new() };
        v.visit_file(&file);
        for p in v.found {
            let Some(to) = p.first() else { continue };
            if *to != top {
                out.entry(top.clone())
                    .or_default()
                    .entry(to.clone())
                    .or_insert_with(|| format!("{}: {}", rel.display(), p.join("::")));
            }
        }
    }
    out
}

fn layer_of(module: &str) -> Option<usize> {
    LAYERS.iter().position(|l| l.contains(&module))
}

#[test]
fn imports_only_point_down_the_layers() {
    let graph = imports();
    let mut wrong = Vec::new();
    for (from, tos) in &graph {
        let Some(lf) = layer_of(from) else {
            wrong.push(format!("module `{from}` is in no layer (add it to LAYERS and DESIGN.md)"));
            continue;
        };
        for (to, example) in tos {
            // Macros exported at the crate root (`crate::declare_rule!`).
            let Some(lt) = layer_of(to) else { continue };
            if lt >= lf {
                wrong.push(format!("`{from}` imports `{to}` (not below it): {example}"));
            }
        }
    }
    assert!(wrong.is_empty(), "imports that do not point down:\n{}", wrong.join("\n"));
}

#[test]
fn the_module_graph_has_no_cycle() {
    // Implied by the layers; checked on its own so a cycle is named as one.
    let graph = imports();
    let nodes: BTreeSet<&str> = graph.keys().map(String::as_str).collect();
    fn visit<'g>(
        n: &'g str,
        graph: &'g BTreeMap<String, BTreeMap<String, String>>,
        stack: &mut Vec<&'g str>,
        done: &mut BTreeSet<&'g str>,
    ) -> Option<Vec<String>> {
        if let Some(i) = stack.iter().position(|s| *s == n) {
            return Some(stack[i..].iter().map(|s| s.to_string()).chain([n.to_string()]).collect());
        }
        if !done.insert(n) {
            return None;
        }
        stack.push(n);
        for to in graph.get(n).into_iter().flat_map(|t| t.keys()) {
            if let Some(c) = visit(to, graph, stack, done) {
                return Some(c);
            }
        }
        stack.pop();
        None
    }
    let mut done = BTreeSet::new();
    for n in nodes {
        let mut stack = Vec::new();
        if let Some(cycle) = visit(n, &graph, &mut stack, &mut done) {
            panic!("import cycle: {}", cycle.join(" -> "));
        }
    }
}

#[test]
fn syntax_is_a_leaf() {
    let graph = imports();
    let deps: Vec<&String> = graph.get("syntax").map(|t| t.keys().collect()).unwrap_or_default();
    assert!(deps.is_empty(), "syntax/ imports {deps:?}: it holds pure helpers over syn");
}

#[test]
fn no_source_file_is_over_800_lines() {
    let root = root();
    let mut files = Vec::new();
    for d in ["src", "lints", "tests", "benches", "fuzz/src", "fuzz/fuzz_targets", "xtask"] {
        if root.join(d).is_dir() {
            rust_files(&root.join(d), &mut files);
        }
    }
    let long: Vec<String> = files
        .iter()
        .filter_map(|f| {
            let n = std::fs::read_to_string(f).unwrap().lines().count();
            (n > MAX_FILE_LINES).then(|| format!("{}: {n} lines", f.strip_prefix(&root).unwrap().display()))
        })
        .collect();
    assert!(long.is_empty(), "files over {MAX_FILE_LINES} lines (split them):\n{}", long.join("\n"));
}

#[test]
fn the_checker_sees_imports() {
    // The checks above are only as good as the path collection: it must
    // see `use` trees, inline paths, `super::` and paths inside macros.
    let src = "use crate::a::{b, c::D};\nfn f() { crate::e::g(); super::h::i(); m!(crate::j::k); }\n";
    let mut v = Paths { module: vec!["x".into(), "y".into()], found: Vec::new() };
    v.visit_file(&syn::parse_file(src).unwrap());
    let tops: BTreeSet<String> = v.found.iter().map(|p| p.join("::")).collect();
    for want in ["a::b", "a::c::D", "e::g", "x::h::i", "j::k"] {
        assert!(tops.contains(want), "{want} not in {tops:?}");
    }
}
