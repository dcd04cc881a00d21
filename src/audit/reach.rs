//! Reachability: does the workspace's code call an advisory's affected
//! functions?
//!
//! Each affected function is a canonical path (`hyper::server::conn::Http::
//! serve_connection`). The workspace's Rust files that mention the
//! function's name and its crate are parsed with `syn`, names are resolved
//! through `use` imports (aliases, groups, renamed dependencies) and:
//!
//! - a path expression (`conn::Http::serve_connection(..)`, or the
//!   function passed as a value) matching the function is a call site;
//! - a method call `.serve_connection(..)` is one when its receiver's type
//!   is known to be the function's type: a local bound by `let x: T`, by
//!   `let x = T::new(..)` (through `?`, `.await`, `.unwrap()`), a
//!   parameter `x: &T`, or a `T::new(..)` / `T { .. }` receiver. A receiver
//!   reached through a chain of other method calls (a builder) is only a
//!   *possible* call site, and so is a method of that name on a receiver of
//!   unknown type in a file that names the type.
//!
//! Paths match when the crate and the function name agree, the type names
//! along the path agree, and the module names of one are a subsequence of
//! the other's (a re-export such as `hyper::Body` for `hyper::body::Body`).
//! Calls made through generics, trait objects or macros we cannot parse are
//! not seen; reports say "no call found", never "not reachable".

use std::collections::{HashMap, HashSet};
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::PathBuf;
use std::sync::Arc;

use rayon::prelude::*;
use syn::visit::Visit;

use crate::finding::Location;
use crate::rules::file::FileCtx;
use crate::syntax::paths::Imports;
use crate::syntax::{attrs, macros};
use crate::workspace::FileKind;

/// A function to look for.
#[derive(Clone, Debug)]
pub(crate) struct Target {
    /// As the advisory writes it.
    pub path: String,
    /// Its segments, generic parameters removed.
    pub segs: Vec<String>,
    /// The names the workspace's code may use for its crate.
    pub crate_names: HashSet<String>,
}

impl Target {
    pub(crate) fn new(path: &str, crate_names: HashSet<String>) -> Self {
        let segs = path
            .split("::")
            .map(|s| s.split('<').next().unwrap_or("").trim().to_string())
            .filter(|s| !s.is_empty())
            .collect();
        Target { path: path.to_string(), segs, crate_names }
    }

    fn name(&self) -> &str {
        self.segs.last().map_or("", String::as_str)
    }

    /// The path of the type the function belongs to, if any
    /// (`hyper::server::conn::Http` for `…::Http::serve_connection`).
    fn type_path(&self) -> Option<&[String]> {
        let n = self.segs.len();
        (n >= 3 && starts_upper(&self.segs[n - 2])).then(|| &self.segs[..n - 1])
    }
}

/// How sure a site is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Certainty {
    /// A method of that name on a receiver whose type is not known.
    Possible,
    /// Resolved path, or method on a receiver of the function's type.
    Certain,
}

/// A place where a target is used.
#[derive(Clone, Debug)]
pub(crate) struct Site {
    pub target: usize,
    pub location: Location,
    pub certainty: Certainty,
    /// Called (`f(..)`, `.f(..)`) rather than named as a value.
    pub called: bool,
    pub in_test: bool,
}

/// A Rust file of the workspace.
#[derive(Clone, Debug)]
pub(crate) struct SourceFile {
    pub abs: PathBuf,
    pub rel: Arc<str>,
    pub kind: FileKind,
    pub edition: Option<Arc<str>>,
}

/// Find the sites of `targets` in `files`, in a stable order.
pub(crate) fn find(targets: &[Target], files: &[SourceFile], jobs: usize, max_file_size: u64) -> Vec<Site> {
    if targets.is_empty() {
        return Vec::new();
    }
    let work = |f: &SourceFile| -> Vec<Site> {
        let Ok(text) = crate::util::fsread::read_string(&f.abs, max_file_size) else { return Vec::new() };
        let relevant: Vec<usize> = (0..targets.len())
            .filter(|&i| {
                let t = &targets[i];
                text.contains(t.name()) && t.crate_names.iter().any(|c| text.contains(c.as_str()))
            })
            .collect();
        if relevant.is_empty() {
            return Vec::new();
        }
        let run = || scan_file(f, text, targets, &relevant);
        let out = catch_unwind(AssertUnwindSafe(run)).unwrap_or_default();
        crate::syntax::release_thread_state();
        out
    };
    let pool =
        rayon::ThreadPoolBuilder::new().num_threads(jobs.max(1)).stack_size(crate::engine::scan::WORKER_STACK).build();
    let per_file: Vec<Vec<Site>> = match pool {
        Ok(pool) => pool.install(|| files.par_iter().map(work).collect()),
        Err(_) => files.iter().map(work).collect(),
    };
    let mut sites: Vec<Site> = per_file.into_iter().flatten().collect();
    sites.sort_by(|a, b| (a.target, a.location.sort_key(), a.called).cmp(&(b.target, b.location.sort_key(), b.called)));
    sites.dedup_by(|a, b| a.target == b.target && a.location == b.location);
    sites
}

fn scan_file(f: &SourceFile, text: String, targets: &[Target], relevant: &[usize]) -> Vec<Site> {
    let file = FileCtx::new(f.rel.clone(), text, f.kind);
    let src = file.parse_text();
    let edition = crate::syntax::recover::Edition::of(f.edition.as_deref());
    let Ok(ast) = crate::syntax::recover::parse_file(&src, edition).map(|p| p.file) else { return Vec::new() };
    let imports = Imports::from_items(&ast.items);
    let mut v = Visitor {
        file: &file,
        imports: &imports,
        targets,
        relevant,
        locals: HashMap::new(),
        test_depth: usize::from(f.kind.is_test_like()),
        sites: Vec::new(),
        pending: Vec::new(),
        types_named: HashSet::new(),
    };
    v.visit_file(&ast);
    let Visitor { mut sites, pending, types_named, .. } = v;
    for s in pending {
        if types_named.contains(&s.target) {
            sites.push(s);
        }
    }
    sites
}

fn starts_upper(s: &str) -> bool {
    s.chars().next().is_some_and(char::is_uppercase)
}

fn is_subsequence(short: &[&str], long: &[&str]) -> bool {
    let mut it = long.iter();
    short.iter().all(|s| it.any(|l| l == s))
}

/// Does a resolved path from the code name `want` (both with the crate
/// first)?
fn path_matches(user: &[String], want: &[String], crate_names: &HashSet<String>) -> bool {
    let (Some(uf), Some(ul), Some(wl)) = (user.first(), user.last(), want.last()) else {
        return false;
    };
    if user.len() < 2 || want.len() < 2 || ul != wl || !crate_names.contains(uf) {
        return false;
    }
    let mid = |p: &[String]| -> (Vec<String>, Vec<String>) {
        let inner = &p[1..p.len() - 1];
        let types = inner.iter().filter(|s| starts_upper(s)).cloned().collect();
        let mods = inner.iter().filter(|s| !starts_upper(s)).cloned().collect();
        (types, mods)
    };
    let (ut, um) = mid(user);
    let (wt, wm) = mid(want);
    if ut != wt {
        return false;
    }
    let um: Vec<&str> = um.iter().map(String::as_str).collect();
    let wm: Vec<&str> = wm.iter().map(String::as_str).collect();
    is_subsequence(&um, &wm) || is_subsequence(&wm, &um)
}

/// A receiver's inferred type: its resolved path and whether it is sure.
type Inferred = (Vec<String>, bool);

struct Visitor<'a> {
    file: &'a FileCtx,
    imports: &'a Imports,
    targets: &'a [Target],
    relevant: &'a [usize],
    /// Local name → its type, within the current function.
    locals: HashMap<String, Inferred>,
    test_depth: usize,
    sites: Vec<Site>,
    /// Method calls on receivers of unknown type, kept if the file names
    /// the target's type.
    pending: Vec<Site>,
    types_named: HashSet<usize>,
}

/// Methods that return (a reference to) their receiver's value.
const PASS_THROUGH: &[&str] =
    &["unwrap", "expect", "unwrap_or_default", "clone", "as_ref", "as_mut", "borrow", "borrow_mut", "to_owned"];

impl Visitor<'_> {
    fn resolve(&self, p: &syn::Path) -> Vec<String> {
        self.imports.resolve(p).segs
    }

    fn location(&self, first: proc_macro2::Span, last: proc_macro2::Span) -> Option<Location> {
        let (s, _) = self.file.byte_range(first)?;
        let (_, e) = self.file.byte_range(last).unwrap_or((s, s));
        Some(self.file.location(s, e.max(s)))
    }

    fn push(&mut self, target: usize, loc: Location, certainty: Certainty, called: bool, pending: bool) {
        let site = Site { target, location: loc, certainty, called, in_test: self.test_depth > 0 };
        if pending { self.pending.push(site) } else { self.sites.push(site) }
    }

    /// A path expression: a call of (or a reference to) a target?
    fn check_path(&mut self, p: &syn::Path, called: bool) {
        let (Some(first), Some(last)) = (p.segments.first(), p.segments.last()) else { return };
        let segs = self.resolve(p);
        let name = segs.last().map_or("", String::as_str);
        if !self.relevant.iter().any(|&i| self.targets[i].name() == name) {
            return;
        }
        let hits: Vec<usize> = self
            .relevant
            .iter()
            .copied()
            .filter(|&i| path_matches(&segs, &self.targets[i].segs, &self.targets[i].crate_names))
            .collect();
        if hits.is_empty() {
            return;
        }
        let Some(loc) = self.location(first.ident.span(), last.ident.span()) else { return };
        for i in hits {
            self.push(i, loc.clone(), Certainty::Certain, called, false);
        }
    }

    /// Note the targets whose type a path names.
    fn note_type(&mut self, segs: &[String]) {
        for &i in self.relevant {
            let t = &self.targets[i];
            if let Some(tp) = t.type_path()
                && path_matches(segs, tp, &t.crate_names)
            {
                self.types_named.insert(i);
            }
        }
    }

    fn type_of(&self, ty: &syn::Type) -> Option<Vec<String>> {
        match ty {
            syn::Type::Path(tp) if tp.qself.is_none() => Some(self.resolve(&tp.path)),
            syn::Type::Reference(r) => self.type_of(&r.elem),
            syn::Type::Paren(p) => self.type_of(&p.elem),
            syn::Type::Group(g) => self.type_of(&g.elem),
            _ => None,
        }
    }

    /// The type of an expression, as far as syntax tells.
    fn infer(&self, e: &syn::Expr) -> Option<Inferred> {
        match e {
            syn::Expr::Path(p) if p.qself.is_none() => {
                let id = p.path.get_ident()?;
                self.locals.get(&id.to_string()).cloned()
            }
            syn::Expr::Call(c) => {
                let syn::Expr::Path(p) = &*c.func else { return None };
                let segs = self.resolve(&p.path);
                let n = segs.len();
                (n >= 2 && starts_upper(&segs[n - 2])).then(|| (segs[..n - 1].to_vec(), true))
            }
            syn::Expr::Struct(s) => Some((self.resolve(&s.path), true)),
            syn::Expr::Try(t) => self.infer(&t.expr),
            syn::Expr::Await(a) => self.infer(&a.base),
            syn::Expr::Paren(p) => self.infer(&p.expr),
            syn::Expr::Group(g) => self.infer(&g.expr),
            syn::Expr::Reference(r) => self.infer(&r.expr),
            syn::Expr::MethodCall(m) => {
                let (segs, sure) = self.infer(&m.receiver)?;
                let pass = PASS_THROUGH.iter().any(|n| m.method == n);
                // A builder chain probably returns the same type.
                Some((segs, sure && pass))
            }
            _ => None,
        }
    }

    fn bind_pat(&mut self, pat: &syn::Pat, ty: Option<Inferred>) {
        match pat {
            syn::Pat::Ident(pi) => {
                let name = pi.ident.to_string();
                match ty {
                    Some(t) => {
                        self.locals.insert(name, t);
                    }
                    None => {
                        self.locals.remove(&name);
                    }
                }
            }
            syn::Pat::Type(pt) => {
                let t = self.type_of(&pt.ty).map(|s| (s, true));
                self.bind_pat(&pt.pat, t.or(ty));
            }
            _ => {}
        }
    }

    fn in_fn(&mut self, attrs: &[syn::Attribute], f: impl FnOnce(&mut Self)) {
        let test = attrs::is_test_fn(attrs) || attrs::is_cfg_test(attrs);
        let saved = std::mem::take(&mut self.locals);
        self.test_depth += usize::from(test);
        f(self);
        self.test_depth -= usize::from(test);
        self.locals = saved;
    }

    fn bind_inputs<'i>(&mut self, inputs: impl Iterator<Item = &'i syn::FnArg>) {
        for arg in inputs {
            if let syn::FnArg::Typed(pt) = arg {
                let t = self.type_of(&pt.ty).map(|s| (s, true));
                self.bind_pat(&pt.pat, t);
            }
        }
    }
}

impl<'ast> Visit<'ast> for Visitor<'_> {
    fn visit_item_fn(&mut self, i: &'ast syn::ItemFn) {
        self.in_fn(&i.attrs, |v| {
            v.bind_inputs(i.sig.inputs.iter());
            syn::visit::visit_item_fn(v, i);
        });
    }

    fn visit_impl_item_fn(&mut self, i: &'ast syn::ImplItemFn) {
        self.in_fn(&i.attrs, |v| {
            v.bind_inputs(i.sig.inputs.iter());
            syn::visit::visit_impl_item_fn(v, i);
        });
    }

    fn visit_trait_item_fn(&mut self, i: &'ast syn::TraitItemFn) {
        self.in_fn(&i.attrs, |v| {
            v.bind_inputs(i.sig.inputs.iter());
            syn::visit::visit_trait_item_fn(v, i);
        });
    }

    fn visit_item_mod(&mut self, m: &'ast syn::ItemMod) {
        let test = attrs::is_cfg_test(&m.attrs);
        self.test_depth += usize::from(test);
        syn::visit::visit_item_mod(self, m);
        self.test_depth -= usize::from(test);
    }

    fn visit_local(&mut self, l: &'ast syn::Local) {
        // The initializer first: `let x = x.into_inner();` uses the old `x`.
        if let Some(init) = &l.init {
            self.visit_expr(&init.expr);
            if let Some((_, e)) = &init.diverge {
                self.visit_expr(e);
            }
        }
        let ty = l.init.as_ref().and_then(|i| self.infer(&i.expr));
        self.bind_pat(&l.pat, ty);
        self.visit_pat(&l.pat);
    }

    fn visit_expr_call(&mut self, c: &'ast syn::ExprCall) {
        if let syn::Expr::Path(p) = &*c.func
            && p.qself.is_none()
        {
            self.check_path(&p.path, true);
            self.visit_path(&p.path);
        } else {
            self.visit_expr(&c.func);
        }
        for a in &c.args {
            self.visit_expr(a);
        }
    }

    fn visit_expr_path(&mut self, p: &'ast syn::ExprPath) {
        if p.qself.is_none() {
            self.check_path(&p.path, false);
        }
        syn::visit::visit_expr_path(self, p);
    }

    fn visit_path(&mut self, p: &'ast syn::Path) {
        if self.relevant.iter().any(|&i| self.targets[i].type_path().is_some()) {
            let segs = self.resolve(p);
            self.note_type(&segs);
            // `T::new` names `T` too.
            if segs.len() > 1 {
                self.note_type(&segs[..segs.len() - 1]);
            }
        }
        syn::visit::visit_path(self, p);
    }

    fn visit_expr_method_call(&mut self, m: &'ast syn::ExprMethodCall) {
        let name = m.method.to_string();
        let cands: Vec<usize> = self
            .relevant
            .iter()
            .copied()
            .filter(|&i| self.targets[i].name() == name && self.targets[i].type_path().is_some())
            .collect();
        if !cands.is_empty()
            && let Some(loc) = self.location(m.method.span(), m.method.span())
        {
            let recv = self.infer(&m.receiver);
            for i in cands {
                let t = &self.targets[i];
                let Some(tp) = t.type_path() else { continue };
                match &recv {
                    Some((segs, sure)) if path_matches(segs, tp, &t.crate_names) => {
                        let c = if *sure { Certainty::Certain } else { Certainty::Possible };
                        self.push(i, loc.clone(), c, true, false);
                    }
                    Some(_) => {}
                    None => self.push(i, loc.clone(), Certainty::Possible, true, true),
                }
            }
        }
        syn::visit::visit_expr_method_call(self, m);
    }

    fn visit_macro(&mut self, mac: &'ast syn::Macro) {
        if !macros::is_opaque(&macros::macro_name(mac)) {
            for arg in macros::parse_args(mac) {
                self.visit_expr(&arg.expr);
            }
        }
        syn::visit::visit_macro(self, mac);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sites(src: &str, fns: &[&str]) -> Vec<(usize, u32, Certainty, bool)> {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("x.rs");
        std::fs::write(&p, src).unwrap();
        let names: HashSet<String> = ["hyper".to_string(), "http1".to_string()].into();
        let targets: Vec<Target> = fns.iter().map(|f| Target::new(f, names.clone())).collect();
        let files = vec![SourceFile { abs: p, rel: "x.rs".into(), kind: FileKind::Lib, edition: None }];
        find(&targets, &files, 1, 1 << 20)
            .into_iter()
            .map(|s| (s.target, s.location.start.line, s.certainty, s.in_test))
            .collect()
    }

    const SERVE: &str = "hyper::server::conn::Http::serve_connection";
    const TO_BYTES: &str = "hyper::body::to_bytes";

    #[test]
    fn path_calls_through_aliases_groups_and_renames() {
        let src = "use hyper::body::{self as b, to_bytes as tb};\nuse http1::body;\nfn f() {\n    tb(x);\n    b::to_bytes(y);\n    body::to_bytes(z);\n    hyper::to_bytes(w);\n    let g = hyper::body::to_bytes;\n    other::to_bytes(v);\n    to_bytes(u);\n}\n";
        let got = sites(src, &[TO_BYTES]);
        let lines: Vec<u32> = got.iter().map(|s| s.1).collect();
        assert_eq!(lines, [4, 5, 6, 7, 8]);
        assert!(got.iter().all(|s| s.2 == Certainty::Certain));
    }

    #[test]
    fn method_calls_need_the_receiver_type() {
        let src = "use hyper::server::conn::Http as H;\nasync fn f(io: Io, h: &H) {\n    let a = H::new();\n    a.serve_connection(io, svc);\n    h.serve_connection(io, svc);\n    H::new().serve_connection(io, svc);\n    let b: H = make();\n    b.serve_connection(io, svc);\n    H::new().http1_only(true).serve_connection(io, svc);\n    other.serve_connection(io, svc);\n    let c = Other::new();\n    c.serve_connection(io, svc);\n    H::serve_connection(&a, io, svc);\n}\n";
        let got = sites(src, &[SERVE]);
        let certain: Vec<u32> = got.iter().filter(|s| s.2 == Certainty::Certain).map(|s| s.1).collect();
        let possible: Vec<u32> = got.iter().filter(|s| s.2 == Certainty::Possible).map(|s| s.1).collect();
        assert_eq!(certain, [4, 5, 6, 8, 13]);
        // The builder chain and the unknown receiver (in a file naming `Http`).
        assert_eq!(possible, [9, 10]);
    }

    #[test]
    fn quiet_when_only_the_crate_is_used() {
        let src = "use hyper::{Body, Server};\nfn f() {\n    let s = Server::bind(&addr);\n    let body = Body::empty();\n    serve_connection(x);\n    conn.serve_connection(a, b);\n}\n";
        assert!(sites(src, &[SERVE, TO_BYTES]).is_empty());
    }

    #[test]
    fn test_code_and_macros() {
        let src = "fn f() { println!(\"{:?}\", hyper::body::to_bytes(b)); }\n#[cfg(test)]\nmod tests {\n    #[test]\n    fn t() { hyper::body::to_bytes(b); }\n}\n";
        let got = sites(src, &[TO_BYTES]);
        assert_eq!(got.iter().map(|s| (s.1, s.3)).collect::<Vec<_>>(), [(1, false), (5, true)]);
    }

    #[test]
    fn matching_rules() {
        let n: HashSet<String> = ["hyper".to_string()].into();
        let v = |s: &str| s.split("::").map(String::from).collect::<Vec<_>>();
        assert!(path_matches(&v("hyper::Body::wrap"), &v("hyper::body::Body::wrap"), &n));
        assert!(path_matches(&v("hyper::a::b::Body::wrap"), &v("hyper::b::Body::wrap"), &n));
        assert!(!path_matches(&v("hyper::Client::wrap"), &v("hyper::body::Body::wrap"), &n));
        assert!(!path_matches(&v("hyper::wrap"), &v("hyper::Body::wrap"), &n));
        assert!(!path_matches(&v("tokio::body::wrap"), &v("hyper::body::wrap"), &n));
        assert!(!path_matches(&v("hyper::x::wrap"), &v("hyper::y::wrap"), &n));
    }
}
