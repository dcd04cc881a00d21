//! [`FileScope`]: how names resolve inside one file, honouring module
//! scoping.
//!
//! One scope per module of the file (the file's own module, each inline
//! `mod { }`) and per fn body that declares items or `use`s. A scope holds
//! the names declared in it (items, `mod` declarations, explicit imports
//! with groups, renames and `self`, `extern crate … as …`) and its glob
//! imports. Resolving the first segment of a path looks, in order, at the
//! body scopes around the use site (innermost first), the module's own
//! names, its glob imports, the extern prelude (any other path of two or
//! more segments names a crate) and the std prelude. A local item shadows
//! an import; an explicit import shadows a glob; a glob shadows the
//! prelude. Inline modules do not see their parent's names (only through
//! `super::`).
//!
//! Inner blocks' `use`s are not in the table: the inference walker adds
//! them as it enters a block ([`super::infer::Infer::enter_block`]).

use rustc_hash::FxHashMap as HashMap;

use super::models::Models;
use super::path::{Name, SymPath, is_primitive};

/// Index of a scope in its file (`0` is the file's module).
pub type ScopeId = u32;

/// How a name was found.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Via {
    /// An item declared in the file.
    Local,
    /// An explicit `use` (or `extern crate`).
    Import,
    /// A glob import (`use x::*`): the weakest binding.
    Glob,
    /// The std prelude (`Option`, `Vec`, `Clone`, …).
    Prelude,
    /// A path whose first segment is a crate (`serde_json::to_string`),
    /// `::x`, `crate::`, `self::`, `super::`, or a primitive.
    Path,
    /// Nothing in this file says what it is.
    Unknown,
}

/// A resolved path.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Resolved {
    pub path: SymPath,
    pub via: Via,
}

impl Resolved {
    /// The canonical external path (`std::path::Path`), if external.
    pub fn canonical(&self) -> Option<&str> {
        self.path.as_extern()
    }

    /// Came through a glob import (weaker evidence than an explicit import).
    pub fn via_glob(&self) -> bool {
        self.via == Via::Glob
    }
}

#[derive(Clone, Debug, Default)]
pub(super) struct ScopeData {
    /// Names declared here: items (file-relative paths) and imports.
    pub names: HashMap<Name, (SymPath, Via)>,
    /// Glob imports (targets, resolved).
    pub globs: Vec<SymPath>,
    /// `use Trait as _`: traits in scope without a name.
    pub anon: Vec<SymPath>,
    /// The enclosing scope for a body scope (lexical parent).
    pub parent: Option<ScopeId>,
    /// The module this scope belongs to (itself for modules).
    pub module: ScopeId,
    /// Module path within the file (inline modules; `{fn}` for bodies).
    pub path: Vec<Name>,
}

/// Name resolution for one file.
#[derive(Clone, Debug, Default)]
pub struct FileScope {
    pub(super) scopes: Vec<ScopeData>,
    /// Fn body (line and column of its `{`) → its scope.
    pub(super) bodies: HashMap<(u32, u32), ScopeId>,
    /// Inline module path → scope.
    pub(super) modules: HashMap<Vec<Name>, ScopeId>,
}

/// Names of the std prelude (types, traits, variants, functions).
pub fn prelude(name: &str) -> Option<&'static str> {
    Some(match name {
        "Option" => "std::option::Option",
        "Some" => "std::option::Option::Some",
        "None" => "std::option::Option::None",
        "Result" => "std::result::Result",
        "Ok" => "std::result::Result::Ok",
        "Err" => "std::result::Result::Err",
        "Vec" => "std::vec::Vec",
        "String" => "std::string::String",
        "Box" => "std::boxed::Box",
        "ToString" => "std::string::ToString",
        "ToOwned" => "std::borrow::ToOwned",
        "Into" => "std::convert::Into",
        "From" => "std::convert::From",
        "TryFrom" => "std::convert::TryFrom",
        "TryInto" => "std::convert::TryInto",
        "AsRef" => "std::convert::AsRef",
        "AsMut" => "std::convert::AsMut",
        "Iterator" => "std::iter::Iterator",
        "IntoIterator" => "std::iter::IntoIterator",
        "DoubleEndedIterator" => "std::iter::DoubleEndedIterator",
        "ExactSizeIterator" => "std::iter::ExactSizeIterator",
        "Extend" => "std::iter::Extend",
        "FromIterator" => "std::iter::FromIterator",
        "Default" => "std::default::Default",
        "Clone" => "std::clone::Clone",
        "Copy" => "std::marker::Copy",
        "Send" => "std::marker::Send",
        "Sync" => "std::marker::Sync",
        "Sized" => "std::marker::Sized",
        "Unpin" => "std::marker::Unpin",
        "Drop" => "std::ops::Drop",
        "Fn" => "std::ops::Fn",
        "FnMut" => "std::ops::FnMut",
        "FnOnce" => "std::ops::FnOnce",
        "PartialEq" => "std::cmp::PartialEq",
        "Eq" => "std::cmp::Eq",
        "PartialOrd" => "std::cmp::PartialOrd",
        "Ord" => "std::cmp::Ord",
        "drop" => "std::mem::drop",
        _ => return None,
    })
}

/// Traits of the std prelude, in scope in every file.
pub const PRELUDE_TRAITS: &[&str] = &[
    "std::clone::Clone",
    "std::string::ToString",
    "std::borrow::ToOwned",
    "std::convert::Into",
    "std::convert::From",
    "std::convert::TryFrom",
    "std::convert::TryInto",
    "std::convert::AsRef",
    "std::convert::AsMut",
    "std::iter::Iterator",
    "std::iter::IntoIterator",
    "std::iter::DoubleEndedIterator",
    "std::iter::ExactSizeIterator",
    "std::iter::Extend",
    "std::iter::FromIterator",
    "std::default::Default",
    "std::cmp::PartialEq",
    "std::cmp::PartialOrd",
    "std::cmp::Ord",
    "std::ops::Drop",
    "std::ops::Fn",
    "std::ops::FnMut",
    "std::ops::FnOnce",
];

/// Bound on import chains followed (`use a::b; use b::c; …`).
const MAX_CHAIN: usize = 16;

impl FileScope {
    /// The scope of a fn body, from the position (1-based line, 0-based
    /// column) of its opening brace; the file's module when unknown.
    pub fn body_scope(&self, brace: (u32, u32)) -> ScopeId {
        self.bodies.get(&brace).copied().unwrap_or(0)
    }

    /// The scope of a fn body block.
    pub fn scope_of_block(&self, block: &syn::Block) -> ScopeId {
        let lc = block.brace_token.span.open().start();
        self.body_scope((lc.line as u32, lc.column as u32))
    }

    /// The scope of an inline module, by its path within the file.
    pub fn module_scope(&self, inline_path: &[Name]) -> Option<ScopeId> {
        self.modules.get(inline_path).copied()
    }

    /// Number of scopes.
    pub fn len(&self) -> usize {
        self.scopes.len()
    }

    pub fn is_empty(&self) -> bool {
        self.scopes.is_empty()
    }

    /// Resolve a path as written (`syn`), in a scope.
    pub fn resolve(&self, scope: ScopeId, path: &syn::Path, models: &Models) -> Resolved {
        let segs: Vec<Name> = path.segments.iter().map(|s| Name::from(s.ident.to_string().as_str())).collect();
        self.resolve_segs(scope, &segs, path.leading_colon.is_some(), models)
    }

    /// Resolve a path given as segments.
    pub fn resolve_segs(&self, scope: ScopeId, segs: &[Name], leading_colon: bool, models: &Models) -> Resolved {
        self.resolve_in(scope, segs, leading_colon, models, 0)
    }

    pub(super) fn resolve_in(
        &self,
        scope: ScopeId,
        segs: &[Name],
        leading_colon: bool,
        models: &Models,
        depth: usize,
    ) -> Resolved {
        let unknown = || Resolved {
            path: SymPath::Unresolved { segs: segs.into(), globs: Default::default() },
            via: Via::Unknown,
        };
        let Some(first) = segs.first() else { return unknown() };
        if leading_colon {
            return Resolved { path: extern_path(segs, models), via: Via::Path };
        }
        let Some(data) = self.scopes.get(scope as usize) else { return unknown() };
        match &**first {
            "crate" | "$crate" => return Resolved { path: SymPath::Crate(segs[1..].into()), via: Via::Path },
            "self" if segs.len() > 1 => {
                let m = &self.scopes[data.module as usize];
                let mut p = m.path.clone();
                p.extend(segs[1..].iter().cloned());
                return Resolved {
                    path: self.follow(SymPath::Rel { supers: 0, segs: p.into() }, depth),
                    via: Via::Path,
                };
            }
            "super" => return Resolved { path: self.follow(self.supers(data.module, segs), depth), via: Via::Path },
            "Self" => return Resolved { path: SymPath::SelfTy(segs[1..].into()), via: Via::Path },
            _ => {}
        }
        // Names declared in this scope and the body scopes around it.
        if let Some((target, via)) = self.chain(scope).find_map(|d| d.names.get(first)) {
            let p = append(target, &segs[1..]);
            let p = if *via == Via::Import { self.follow(p, depth) } else { p };
            return Resolved { path: p, via: *via };
        }
        // Glob imports of the module (and of enclosing bodies).
        let mut crate_globs = Vec::new();
        let mut ext_hit: Option<SymPath> = None;
        let mut unknown_ext: Vec<&SymPath> = Vec::new();
        for d in self.chain(scope) {
            for g in &d.globs {
                match g {
                    SymPath::Extern(m) => match models.glob_exports(m) {
                        Some(names) => {
                            if let Some(full) = names.iter().find(|n| n.rsplit("::").next() == Some(&**first)) {
                                ext_hit.get_or_insert_with(|| append(&SymPath::Extern(full.clone()), &segs[1..]));
                            }
                        }
                        None => unknown_ext.push(g),
                    },
                    other => crate_globs.push(other.clone()),
                }
            }
        }
        if let Some(p) = ext_hit {
            return Resolved { path: canonical_ext(p, models), via: Via::Glob };
        }
        if !crate_globs.is_empty() {
            return Resolved {
                path: SymPath::Unresolved { segs: segs.into(), globs: crate_globs.into() },
                via: Via::Glob,
            };
        }
        let prelude_hit = prelude(first);
        // One glob of an unmodelled external module: the name most likely
        // comes from it (prelude names excepted).
        if let [g] = unknown_ext.as_slice()
            && prelude_hit.is_none()
            && (segs.len() == 1 || first.starts_with(|c: char| c.is_ascii_uppercase()))
            && depth < MAX_CHAIN
        {
            return Resolved { path: append(g, segs), via: Via::Glob };
        }
        if let Some(p) = prelude_hit {
            return Resolved { path: append(&SymPath::Extern(p.into()), &segs[1..]), via: Via::Prelude };
        }
        if is_primitive(first) {
            return Resolved { path: extern_path(segs, models), via: Via::Path };
        }
        if segs.len() > 1 {
            // The extern prelude: `serde_json::to_string`.
            return Resolved { path: extern_path(segs, models), via: Via::Path };
        }
        unknown()
    }

    /// A path into this file's own modules, through their imports
    /// (`use super::Client` where the parent imported `reqwest::Client`).
    fn follow(&self, p: SymPath, depth: usize) -> SymPath {
        let SymPath::Rel { supers: 0, segs } = &p else { return p };
        if depth >= MAX_CHAIN {
            return p;
        }
        for n in (0..segs.len()).rev() {
            if let Some(&m) = self.modules.get(&segs[..n]) {
                return match self.scopes[m as usize].names.get(&segs[n]) {
                    Some((target, Via::Import)) => self.follow(append(target, &segs[n + 1..]), depth + 1),
                    _ => p,
                };
            }
        }
        p
    }

    fn supers(&self, module: ScopeId, segs: &[Name]) -> SymPath {
        let mut path = self.scopes[module as usize].path.clone();
        let mut up: u8 = 0;
        let mut i = 0;
        while segs.get(i).is_some_and(|s| &**s == "super") {
            if path.pop().is_none() {
                up = up.saturating_add(1);
            }
            i += 1;
        }
        path.extend(segs[i..].iter().cloned());
        SymPath::Rel { supers: up, segs: path.into() }
    }

    /// Traits brought into scope by imports at `scope` (named, `as _`, and
    /// modelled glob exports), with the std prelude's traits. Crate paths
    /// are returned too: only the index knows whether they are traits.
    pub fn traits_in_scope(&self, scope: ScopeId, models: &Models) -> Vec<SymPath> {
        let mut out: Vec<SymPath> = PRELUDE_TRAITS.iter().map(|t| SymPath::Extern((*t).into())).collect();
        for d in self.chain(scope) {
            let mut names: Vec<&(SymPath, Via)> = d.names.values().collect();
            names.sort_by(|a, b| a.0.cmp(&b.0));
            for (p, via) in names {
                let keep = match p {
                    SymPath::Extern(e) => models.trait_model(e).is_some(),
                    SymPath::Crate(_) | SymPath::Rel { .. } => matches!(via, Via::Local | Via::Import),
                    _ => false,
                };
                if keep && !out.contains(p) {
                    out.push(p.clone());
                }
            }
            for p in &d.anon {
                if !out.contains(p) {
                    out.push(p.clone());
                }
            }
            for g in &d.globs {
                if let Some(names) = g.as_extern().and_then(|m| models.glob_exports(m)) {
                    for n in names {
                        let p = SymPath::Extern(n.clone());
                        if models.trait_model(n).is_some() && !out.contains(&p) {
                            out.push(p);
                        }
                    }
                }
            }
        }
        out
    }

    /// A scope and the body scopes around it, innermost first.
    pub(super) fn chain(&self, scope: ScopeId) -> impl Iterator<Item = &ScopeData> {
        let mut cur = Some(scope);
        std::iter::from_fn(move || {
            let d = self.scopes.get(cur? as usize)?;
            cur = d.parent;
            Some(d)
        })
    }

    /// What a name declared or imported in `scope` (or a body scope around
    /// it) stands for (not globs, not the prelude).
    pub fn lookup(&self, scope: ScopeId, name: &str) -> Option<&SymPath> {
        self.chain(scope).find_map(|d| d.names.get(name)).map(|(p, _)| p)
    }

    /// Whether `scope` glob-imports the external module `prefix`
    /// (`std::io::prelude`).
    pub fn has_glob(&self, scope: ScopeId, prefix: &str) -> bool {
        self.chain(scope).any(|d| d.globs.iter().any(|g| g.is(prefix)))
    }

    /// The file-relative module path of a scope.
    pub fn path_of(&self, scope: ScopeId) -> &[Name] {
        self.scopes.get(scope as usize).map_or(&[], |d| d.path.as_slice())
    }

    /// The module a scope belongs to.
    pub fn module_of(&self, scope: ScopeId) -> ScopeId {
        self.scopes.get(scope as usize).map_or(0, |d| d.module)
    }
}

/// `target` followed by more segments.
pub(super) fn append(target: &SymPath, rest: &[Name]) -> SymPath {
    let mut p = target.clone();
    for s in rest {
        p = p.join(s);
    }
    p
}

/// An external path in its canonical spelling.
pub(super) fn extern_path(segs: &[Name], models: &Models) -> SymPath {
    canonical_ext(SymPath::external(segs), models)
}

pub(super) fn canonical_ext(p: SymPath, models: &Models) -> SymPath {
    match &p {
        SymPath::Extern(s) => match models.canonicalize(s) {
            Some(c) => SymPath::Extern(c.into()),
            None => p,
        },
        _ => p,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scope(src: &str) -> FileScope {
        let file: syn::File = syn::parse_str(src).unwrap_or_else(|e| panic!("{e}"));
        super::super::items::extract(&file, Models::get()).1
    }

    fn res(s: &FileScope, scope_id: ScopeId, path: &str) -> Resolved {
        let p: syn::Path = syn::parse_str(path).unwrap_or_else(|e| panic!("{e}"));
        s.resolve(scope_id, &p, Models::get())
    }

    fn show(s: &FileScope, scope_id: ScopeId, path: &str) -> String {
        res(s, scope_id, path).path.to_string()
    }

    #[test]
    fn std_path_and_axum_path_are_told_apart() {
        let s = scope("use std::path::Path;");
        assert_eq!(show(&s, 0, "Path"), "std::path::Path");
        let s = scope("use axum::extract::Path;");
        assert_eq!(show(&s, 0, "Path"), "axum::extract::Path");
        // A glob brings `Path` only when nothing else names it …
        let s = scope("use axum::extract::*;");
        let r = res(&s, 0, "Path");
        assert_eq!(r.path.to_string(), "axum::extract::Path");
        assert!(r.via_glob());
        // … an explicit import or a local item shadows it.
        let s = scope("use axum::extract::*; use std::path::Path;");
        assert_eq!(show(&s, 0, "Path"), "std::path::Path");
        assert_eq!(res(&s, 0, "Path").via, Via::Import);
        let s = scope("use axum::extract::*; struct Path;");
        assert_eq!(show(&s, 0, "Path"), "self::Path");
        assert_eq!(res(&s, 0, "Path").via, Via::Local);
    }

    #[test]
    fn renames_groups_self_and_extern_crates() {
        let s = scope(
            "use std::{io::{self, Read as R}, collections::HashMap as Map}; extern crate serde_json as json;
             use core::mem; use ::reqwest::Client; use std::fmt::Write as _;",
        );
        assert_eq!(show(&s, 0, "io::stdin"), "std::io::stdin");
        assert_eq!(show(&s, 0, "R"), "std::io::Read");
        assert_eq!(show(&s, 0, "Map::new"), "std::collections::HashMap::new");
        assert_eq!(show(&s, 0, "json::from_str"), "serde_json::from_str");
        assert_eq!(show(&s, 0, "mem::swap"), "std::mem::swap");
        assert_eq!(show(&s, 0, "Client"), "reqwest::Client");
        assert_eq!(show(&s, 0, "Read"), "Read", "only the alias is bound");
        assert!(
            s.traits_in_scope(0, Models::get()).iter().any(|t| t.is("std::fmt::Write")),
            "`as _` imports the trait"
        );
        // Re-exported spellings are canonical.
        let s = scope("use std::collections::hash_map::HashMap;");
        assert_eq!(show(&s, 0, "HashMap"), "std::collections::HashMap");
    }

    #[test]
    fn module_scoping_super_and_self() {
        let s =
            scope("use reqwest::Client; mod a { use super::Client; pub fn f() {} mod b { fn g() {} } } fn top() {}");
        let a = s.module_scope(&["a".into()]).unwrap_or(99);
        let ab = s.module_scope(&["a".into(), "b".into()]).unwrap_or(99);
        assert_eq!(show(&s, a, "Client"), "reqwest::Client");
        // An inline module does not see its parent's names …
        assert_eq!(show(&s, ab, "Client"), "Client");
        assert_eq!(res(&s, ab, "Client").via, Via::Unknown);
        // … but reaches them through `super`.
        assert_eq!(show(&s, ab, "super::f"), "self::a::f");
        assert_eq!(show(&s, ab, "super::super::top"), "self::top");
        assert_eq!(show(&s, 0, "super::x"), "super::x");
        assert_eq!(show(&s, a, "self::f"), "self::a::f");
        assert_eq!(show(&s, a, "crate::top"), "crate::top");
        assert_eq!(show(&s, 0, "Self::new"), "Self::new");
        // The prelude, primitives, and other crates.
        assert_eq!(show(&s, ab, "Vec::new"), "std::vec::Vec::new");
        assert_eq!(show(&s, ab, "u32::MAX"), "u32::MAX");
        assert_eq!(show(&s, ab, "serde_json::to_string"), "serde_json::to_string");
    }

    #[test]
    fn lookups_for_callers_of_the_old_import_table() {
        let s = scope("use std::io::prelude::*; use reqwest::Client as C; fn f() {}");
        assert_eq!(s.lookup(0, "C").map(|p| p.to_string()), Some("reqwest::Client".into()));
        assert_eq!(s.lookup(0, "f").map(|p| p.to_string()), Some("self::f".into()));
        assert_eq!(s.lookup(0, "Read"), None);
        assert!(s.has_glob(0, "std::io::prelude"));
        assert!(!s.has_glob(0, "std::io"));
        assert_eq!(show(&s, 0, "Read"), "std::io::Read");
        assert!(res(&s, 0, "Read").via_glob());
        assert_eq!(res(&s, 0, "C::new").canonical(), Some("reqwest::Client::new"));
    }

    #[test]
    fn imports_naming_imports_settle_whatever_their_order() {
        let s = scope("use io::Read; use std::io;");
        assert_eq!(show(&s, 0, "Read"), "std::io::Read");
        let s = scope("use self::inner::Thing; mod inner { pub struct Thing; }");
        assert_eq!(show(&s, 0, "Thing"), "self::inner::Thing");
    }

    #[test]
    fn body_scopes_see_their_items_and_the_module() {
        let s = scope("use reqwest::Client; fn f() { use std::process::Command; struct Local; }");
        let file: syn::File =
            syn::parse_str("fn f() { use std::process::Command; struct Local; }").unwrap_or_else(|e| panic!("{e}"));
        let _ = file;
        // The body scope is the one that is not a module.
        let body = (0..s.len() as ScopeId).find(|&i| s.module_of(i) != i).unwrap_or(0);
        assert_ne!(body, 0);
        assert_eq!(show(&s, body, "Command"), "std::process::Command");
        assert_eq!(show(&s, body, "Client"), "reqwest::Client");
        assert_eq!(show(&s, body, "Local"), "self::{f}::Local");
        assert_eq!(show(&s, 0, "Command"), "Command", "a body's import does not leak");
    }

    #[test]
    fn crate_globs_are_left_to_the_join() {
        let s = scope("mod m; use m::*; fn f() {}");
        match res(&s, 0, "Thing").path {
            SymPath::Unresolved { segs, globs } => {
                assert_eq!(segs.len(), 1);
                assert_eq!(&globs[..], [SymPath::Rel { supers: 0, segs: ["m".into()].into() }]);
            }
            other => panic!("{other:?}"),
        }
        assert_eq!(show(&s, 0, "f"), "self::f");
    }
}
