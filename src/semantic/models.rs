//! Type models of external crates, as data: what their functions and
//! methods return, which traits their types implement (with associated
//! types such as `Item`, `Target`, `Output`), what traits declare, type
//! aliases, re-exported spellings, and what a glob import of a module
//! brings.
//!
//! Two files, one schema (documented at the top of
//! `lints/models/types.toml`): `std_types.toml`, generated from the std
//! rustdoc by `tools/gen_std_types.py` (dev-only), and `types.toml`,
//! written by hand for the crates a security analysis meets (SQL drivers,
//! HTTP clients and servers, regex, serde_json, tokio). Parsed once.

use std::collections::BTreeMap;
use std::sync::OnceLock;

use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};
use serde::Deserialize;

use super::path::Name;
use super::ty::{TraitRef, Ty};
use super::tyexpr::{parse_key, parse_sig, parse_trait, parse_ty};

pub const STD_TYPES: &str = include_str!("../../lints/models/std_types.toml");
pub const TYPES: &str = include_str!("../../lints/models/types.toml");

/// How a trait impl's receiver is written: `impl Tr for T`, `for &T`,
/// `for &mut T`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Recv {
    Value,
    Ref,
    RefMut,
}

#[derive(Clone, Debug, Default)]
pub struct TypeModel {
    pub params: Vec<Name>,
    /// Inherent methods and associated fns → return type.
    pub methods: HashMap<Name, Ty>,
    /// Parameter types of the methods whose arguments bind a generic of
    /// the return type (`Arc::new(T) -> Arc<T>`).
    pub arg_types: HashMap<Name, Vec<Ty>>,
    pub impls: Vec<(Recv, TraitRef)>,
    /// Fields (tuple structs: `0`, `1`, …) → type.
    pub fields: Vec<(Name, Ty)>,
    /// Enum variants with their tuple fields' types.
    pub variants: Vec<(Name, Vec<Ty>)>,
}

#[derive(Clone, Debug, Default)]
pub struct TraitModel {
    pub params: Vec<Name>,
    pub supertraits: Vec<TraitRef>,
    pub methods: HashMap<Name, Ty>,
}

#[derive(Clone, Debug)]
pub struct AliasModel {
    pub params: Vec<Name>,
    pub ty: Ty,
}

/// The parsed models.
#[derive(Debug, Default)]
pub struct Models {
    paths: HashMap<Name, Name>,
    aliases: HashMap<Name, AliasModel>,
    fns: HashMap<Name, Ty>,
    fn_params: HashMap<Name, Vec<Ty>>,
    globs: HashMap<Name, Vec<Name>>,
    types: HashMap<Name, TypeModel>,
    traits: HashMap<Name, TraitModel>,
    /// Method name → traits that declare it (sorted).
    by_method: HashMap<Name, Vec<Name>>,
    /// Methods inherent to the everyday std types: a trait method of the
    /// same name is not assumed for a receiver of unknown type.
    common_inherent: HashSet<Name>,
    /// First segments of every modelled path (`sqlx`, `std`).
    crates: HashSet<Name>,
}

/// A problem in a model file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ModelError {
    pub file: &'static str,
    pub message: String,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct RawFile {
    #[serde(default)]
    paths: BTreeMap<String, String>,
    #[serde(default)]
    aliases: BTreeMap<String, String>,
    #[serde(default)]
    fns: BTreeMap<String, String>,
    #[serde(default)]
    globs: BTreeMap<String, Vec<String>>,
    #[serde(default)]
    types: BTreeMap<String, RawType>,
    #[serde(default)]
    traits: BTreeMap<String, RawTrait>,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct RawType {
    #[serde(default)]
    impls: Vec<String>,
    #[serde(default)]
    methods: BTreeMap<String, String>,
    #[serde(default)]
    fields: BTreeMap<String, String>,
    #[serde(default)]
    variants: BTreeMap<String, Vec<String>>,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct RawTrait {
    #[serde(default)]
    supertraits: Vec<String>,
    #[serde(default)]
    methods: BTreeMap<String, String>,
}

/// Type, signature and trait texts of the model files, each parsed once:
/// std's models repeat 2,700 distinct texts over 12,900 entries (blanket
/// impls, `Self`, `bool`), and building the models is most of a small
/// crate's scan.
#[derive(Default)]
struct Parsed {
    tys: HashMap<String, Option<Ty>>,
    sigs: HashMap<String, Option<Sig>>,
    traits: HashMap<String, Option<TraitRef>>,
}

/// A fn entry: its parameters' types when they bind generics, its return type.
type Sig = (Option<Vec<Ty>>, Ty);

fn memo<T: Clone>(seen: &mut HashMap<String, Option<T>>, text: &str, parse: impl Fn(&str) -> Option<T>) -> Option<T> {
    if let Some(v) = seen.get(text) {
        return v.clone();
    }
    let v = parse(text);
    seen.insert(text.to_string(), v.clone());
    v
}

impl Parsed {
    /// A type; `Unknown` and a message naming the entry (`what`) if it
    /// does not parse.
    fn ty(&mut self, what: &dyn Fn() -> String, text: &str, err: &mut dyn FnMut(String)) -> Ty {
        memo(&mut self.tys, text, parse_ty).unwrap_or_else(|| {
            err(format!("{}: cannot parse type `{text}`", what()));
            Ty::Unknown
        })
    }

    /// A fn or method entry (see [`parse_sig`]), as [`Parsed::ty`].
    fn sig(&mut self, what: &dyn Fn() -> String, text: &str, err: &mut dyn FnMut(String)) -> Sig {
        memo(&mut self.sigs, text, parse_sig).unwrap_or_else(|| {
            err(format!("{}: cannot parse type `{text}`", what()));
            (None, Ty::Unknown)
        })
    }

    fn trait_ref(&mut self, text: &str) -> Option<TraitRef> {
        memo(&mut self.traits, text, parse_trait)
    }
}

/// Types whose inherent methods make a same-named trait method ambiguous
/// on an unknown receiver (`x.map(..)`: `Option::map` or `Iterator::map`?).
const COMMON_TYPES: &[&str] = &[
    "std::option::Option",
    "std::result::Result",
    "std::string::String",
    "str",
    "slice",
    "std::vec::Vec",
    "std::collections::HashMap",
    "std::boxed::Box",
    "std::sync::Arc",
    "std::rc::Rc",
    "std::path::Path",
    "std::path::PathBuf",
];

impl Models {
    /// The built-in models (parsed on first use).
    pub fn get() -> &'static Models {
        static MODELS: OnceLock<Models> = OnceLock::new();
        MODELS.get_or_init(|| Models::parse(&[("std_types.toml", STD_TYPES), ("types.toml", TYPES)]).0)
    }

    /// Parse model files (later files extend and override earlier ones);
    /// problems are returned, never fatal.
    pub fn parse(files: &[(&'static str, &str)]) -> (Models, Vec<ModelError>) {
        let mut m = Models::default();
        let mut errors = Vec::new();
        let mut parsed = Parsed::default();
        for (file, text) in files {
            let mut err = |message: String| errors.push(ModelError { file, message });
            match toml::from_str::<RawFile>(text) {
                Ok(raw) => m.add(raw, &mut parsed, &mut err),
                Err(e) => err(e.to_string()),
            }
        }
        m.finish();
        (m, errors)
    }

    fn add(&mut self, raw: RawFile, parsed: &mut Parsed, err: &mut impl FnMut(String)) {
        for (k, v) in raw.paths {
            if parse_key(&k).is_none() || parse_key(&v).is_none() {
                err(format!("paths: malformed `{k}` = `{v}`"));
            }
            self.paths.insert(k.into(), v.into());
        }
        for (k, v) in raw.aliases {
            let Some((path, params)) = parse_key(&k) else {
                err(format!("aliases: malformed key `{k}`"));
                continue;
            };
            let t = parsed.ty(&|| k.clone(), &v, err);
            self.aliases.insert(path.into(), AliasModel { params, ty: t });
        }
        for (k, v) in raw.fns {
            if parse_key(&k).is_none() {
                err(format!("fns: malformed path `{k}`"));
            }
            let (params, t) = parsed.sig(&|| k.clone(), &v, err);
            if let Some(p) = params {
                self.fn_params.insert(k.as_str().into(), p);
            }
            self.fns.insert(k.into(), t);
        }
        for (k, v) in raw.globs {
            self.globs.insert(k.into(), v.into_iter().map(Name::from).collect());
        }
        for (k, raw_t) in raw.types {
            let Some((path, params)) = parse_key(&k) else {
                err(format!("types: malformed key `{k}`"));
                continue;
            };
            let e = self.types.entry(path.into()).or_default();
            if e.params.is_empty() {
                e.params = params;
            }
            for (name, ret) in raw_t.methods {
                let (params, t) = parsed.sig(&|| format!("{k}::{name}"), &ret, err);
                if let Some(p) = params {
                    e.arg_types.insert(name.as_str().into(), p);
                }
                e.methods.insert(name.into(), t);
            }
            for i in raw_t.impls {
                let (recv, rest) = if let Some(r) = i.strip_prefix("&mut ") {
                    (Recv::RefMut, r)
                } else if let Some(r) = i.strip_prefix('&') {
                    (Recv::Ref, r)
                } else {
                    (Recv::Value, i.as_str())
                };
                match parsed.trait_ref(rest) {
                    Some(tr) => e.impls.push((recv, tr)),
                    None => err(format!("{k}: cannot parse impl `{i}`")),
                }
            }
            for (name, f) in raw_t.fields {
                let t = parsed.ty(&|| format!("{k}.{name}"), &f, err);
                e.fields.push((name.into(), t));
            }
            for (name, fs) in raw_t.variants {
                let tys = fs.iter().map(|f| parsed.ty(&|| format!("{k}::{name}"), f, err)).collect();
                e.variants.push((name.into(), tys));
            }
        }
        for (k, raw_t) in raw.traits {
            let Some((path, params)) = parse_key(&k) else {
                err(format!("traits: malformed key `{k}`"));
                continue;
            };
            let e = self.traits.entry(path.into()).or_default();
            if e.params.is_empty() {
                e.params = params;
            }
            for s in raw_t.supertraits {
                match parsed.trait_ref(&s) {
                    Some(tr) => e.supertraits.push(tr),
                    None => err(format!("{k}: cannot parse supertrait `{s}`")),
                }
            }
            for (name, ret) in raw_t.methods {
                let (_, t) = parsed.sig(&|| format!("{k}::{name}"), &ret, err);
                e.methods.insert(name.into(), t);
            }
        }
    }

    fn finish(&mut self) {
        let mut by_method: HashMap<Name, Vec<Name>> = HashMap::default();
        for (t, m) in &self.traits {
            for name in m.methods.keys() {
                by_method.entry(name.clone()).or_default().push(t.clone());
            }
        }
        for v in by_method.values_mut() {
            v.sort();
        }
        self.by_method = by_method;
        for t in COMMON_TYPES {
            if let Some(m) = self.types.get(*t) {
                self.common_inherent.extend(m.methods.keys().cloned());
            }
        }
        let firsts = self
            .types
            .keys()
            .chain(self.fns.keys())
            .chain(self.traits.keys())
            .chain(self.aliases.keys())
            .filter_map(|k| k.split("::").next().filter(|_| k.contains("::")))
            .map(Name::from)
            .collect();
        self.crates = firsts;
    }

    /// The canonical spelling of a re-exported path (`sqlx::pool::Pool` →
    /// `sqlx::Pool`), if it has another.
    pub fn canonical(&self, path: &str) -> Option<&Name> {
        self.paths.get(path)
    }

    /// `path` in its canonical spelling, when it has another: the path
    /// itself re-exported, or under a re-exported module
    /// (`axum::http::header::HeaderMap` → `http::HeaderMap`).
    pub fn canonicalize(&self, path: &str) -> Option<String> {
        if let Some(c) = self.paths.get(path) {
            return Some(c.to_string());
        }
        let mut end = path.len();
        while let Some(i) = path[..end].rfind("::") {
            end = i;
            if let Some(c) = self.paths.get(&path[..end]) {
                let out = format!("{c}{}", &path[end..]);
                return Some(self.paths.get(out.as_str()).map_or(out, |c2| c2.to_string()));
            }
        }
        None
    }

    /// Every other spelling of a path and its canonical one (what
    /// [`Self::canonicalize`] maps).
    pub fn spellings(&self) -> impl Iterator<Item = (&str, &str)> + '_ {
        self.paths.iter().map(|(k, v)| (&**k, &**v))
    }

    pub fn fn_ret(&self, path: &str) -> Option<&Ty> {
        self.fns.get(path).or_else(|| self.paths.get(path).and_then(|c| self.fns.get(c)))
    }

    /// Parameter types of a free fn whose arguments bind its return type.
    pub fn fn_params(&self, path: &str) -> Option<&[Ty]> {
        self.fn_params.get(path).map(Vec::as_slice)
    }

    pub fn type_model(&self, path: &str) -> Option<&TypeModel> {
        self.types.get(path).or_else(|| self.paths.get(path).and_then(|c| self.types.get(c)))
    }

    pub fn trait_model(&self, path: &str) -> Option<&TraitModel> {
        self.traits.get(path).or_else(|| self.paths.get(path).and_then(|c| self.traits.get(c)))
    }

    pub fn alias(&self, path: &str) -> Option<&AliasModel> {
        self.aliases.get(path).or_else(|| self.paths.get(path).and_then(|c| self.aliases.get(c)))
    }

    /// What `use module::*` brings, as canonical paths (when modelled).
    pub fn glob_exports(&self, module: &str) -> Option<&[Name]> {
        self.globs.get(module).map(Vec::as_slice)
    }

    /// Traits that declare a method of this name.
    pub fn traits_with_method(&self, name: &str) -> &[Name] {
        self.by_method.get(name).map_or(&[], Vec::as_slice)
    }

    /// A method of this name is inherent to an everyday std type.
    pub fn is_common_inherent(&self, name: &str) -> bool {
        self.common_inherent.contains(name)
    }

    /// The models know paths of this crate.
    pub fn knows_crate(&self, first_segment: &str) -> bool {
        self.crates.contains(first_segment)
    }

    /// Whether anything (fn, type, trait, alias, re-export) is modelled at
    /// this exact path.
    pub fn knows(&self, path: &str) -> bool {
        self.fns.contains_key(path)
            || self.types.contains_key(path)
            || self.traits.contains_key(path)
            || self.aliases.contains_key(path)
            || self.paths.contains_key(path)
    }

    /// For each crate the models name, the crates whose models lead to one
    /// of its types or items (a return type, a trait impl, an alias, a
    /// re-export: `axum::http` → `http`), transitively, the crate itself
    /// included. A file whose paths name none of them cannot get a type of
    /// that crate out of the models. The standard library is `std`
    /// (a one-segment path — `str`, `Vec` — is one of its own).
    pub fn crates_leading_to(&self) -> HashMap<Name, HashSet<Name>> {
        fn root(p: &str) -> &str {
            p.split_once("::").map_or("std", |(r, _)| r)
        }
        // A name is allocated only when new to the set (most are not).
        fn insert(out: &mut HashSet<Name>, name: &str) {
            if !out.contains(name) {
                out.insert(name.into());
            }
        }
        fn ty_roots(t: &Ty, out: &mut HashSet<Name>) {
            let mut path = |p: &super::path::SymPath| {
                // Models hold external paths only; anything else leads anywhere.
                insert(out, p.as_extern().map_or("?", root));
            };
            match t {
                Ty::Path { def, args } => {
                    path(def);
                    args.iter().for_each(|a| ty_roots(a, out));
                }
                Ty::Ref { inner, .. } | Ty::Ptr(inner) | Ty::Slice(inner) | Ty::Array(inner) => ty_roots(inner, out),
                Ty::Tuple(v) => v.iter().for_each(|a| ty_roots(a, out)),
                Ty::Fn { params, ret } => params.iter().chain([&**ret]).for_each(|a| ty_roots(a, out)),
                Ty::Bounds(b) => b.iter().for_each(|tr| trait_roots(tr, out)),
                Ty::Assoc { base, .. } => ty_roots(base, out),
                Ty::Sym(_) => insert(out, "?"),
                Ty::Unknown | Ty::Never | Ty::Param(_) | Ty::SelfTy => {}
            }
        }
        fn trait_roots(tr: &TraitRef, out: &mut HashSet<Name>) {
            ty_roots(&Ty::Path { def: tr.path.clone(), args: Vec::new() }, out);
            tr.args.iter().chain(tr.assoc.iter().map(|(_, a)| a)).for_each(|a| ty_roots(a, out));
        }
        let mut edges: HashMap<Name, HashSet<Name>> = HashMap::default();
        let mut add = |from: &str, tys: &mut dyn Iterator<Item = &Ty>, paths: &mut dyn Iterator<Item = &Name>| {
            let r = root(from);
            if !edges.contains_key(r) {
                edges.insert(r.into(), HashSet::default());
            }
            let Some(e) = edges.get_mut(r) else { return };
            tys.for_each(|t| ty_roots(t, e));
            paths.for_each(|p| insert(e, root(p)));
        };
        for (k, v) in &self.paths {
            add(k, &mut std::iter::empty(), &mut std::iter::once(v));
        }
        for (k, a) in &self.aliases {
            add(k, &mut std::iter::once(&a.ty), &mut std::iter::empty());
        }
        for (k, t) in &self.fns {
            add(k, &mut std::iter::once(t), &mut std::iter::empty());
        }
        for (k, ps) in &self.fn_params {
            add(k, &mut ps.iter(), &mut std::iter::empty());
        }
        for (k, v) in &self.globs {
            add(k, &mut std::iter::empty(), &mut v.iter());
        }
        for (k, t) in &self.types {
            let impls: Vec<Ty> = t.impls.iter().map(|(_, tr)| Ty::Bounds(vec![tr.clone()])).collect();
            let mut tys = (t.methods.values())
                .chain(t.arg_types.values().flatten())
                .chain(t.fields.iter().map(|(_, f)| f))
                .chain(t.variants.iter().flat_map(|(_, v)| v))
                .chain(&impls);
            add(k, &mut tys, &mut std::iter::empty());
        }
        for (k, t) in &self.traits {
            let supers: Vec<Ty> = t.supertraits.iter().map(|tr| Ty::Bounds(vec![tr.clone()])).collect();
            add(k, &mut t.methods.values().chain(&supers), &mut std::iter::empty());
        }
        // Each crate's closure, then turned around.
        let mut leading: HashMap<Name, HashSet<Name>> = HashMap::default();
        for from in edges.keys() {
            let mut seen: HashSet<Name> = HashSet::default();
            let mut todo = vec![from.clone()];
            while let Some(c) = todo.pop() {
                if seen.insert(c.clone()) {
                    todo.extend(edges.get(&c).into_iter().flatten().cloned());
                }
            }
            for to in seen {
                leading.entry(to).or_default().insert(from.clone());
            }
        }
        leading
    }

    /// Every modelled path that is an item, and every spelling (for tests).
    pub fn all_paths(&self) -> impl Iterator<Item = &Name> {
        self.fns
            .keys()
            .chain(self.types.keys())
            .chain(self.traits.keys())
            .chain(self.aliases.keys())
            .chain(self.paths.iter().flat_map(|(k, v)| [k, v]))
            .chain(self.globs.iter().flat_map(|(k, v)| std::iter::once(k).chain(v)))
    }

    /// Every type written in the models (for tests).
    pub fn all_types(&self) -> impl Iterator<Item = &Ty> {
        let types = self.types.values().flat_map(|t| {
            t.methods
                .values()
                .chain(t.fields.iter().map(|(_, f)| f))
                .chain(t.variants.iter().flat_map(|(_, v)| v))
                .chain(t.impls.iter().flat_map(|(_, tr)| tr.args.iter().chain(tr.assoc.iter().map(|(_, a)| a))))
        });
        let traits = self.traits.values().flat_map(|t| t.methods.values());
        self.fns.values().chain(self.aliases.values().map(|a| &a.ty)).chain(types).chain(traits)
    }
}

#[cfg(test)]
mod tests {
    use super::super::path::SymPath;
    use super::*;

    #[test]
    fn builtin_models_parse_without_errors() {
        let (m, errors) = Models::parse(&[("std_types.toml", STD_TYPES), ("types.toml", TYPES)]);
        assert!(errors.is_empty(), "{errors:#?}");
        assert!(m.type_model("std::string::String").is_some_and(|t| t.methods.contains_key("push_str")));
        assert!(m.fn_ret("std::env::var").is_some());
        assert!(m.trait_model("std::io::Read").is_some_and(|t| t.methods.contains_key("read_to_string")));
        assert!(m.traits_with_method("next").iter().any(|t| &**t == "std::iter::Iterator"));
        assert!(m.is_common_inherent("map"));
        assert!(!m.is_common_inherent("clone"));
        assert!(m.knows_crate("sqlx"));
    }

    #[test]
    fn every_model_path_is_well_formed() {
        let m = Models::get();
        let well_formed =
            |p: &str| p.split("::").all(|s| !s.is_empty() && s.chars().all(|c| c.is_ascii_alphanumeric() || c == '_'));
        for p in m.all_paths() {
            assert!(well_formed(p), "malformed model path `{p}`");
        }
        fn walk(t: &Ty, f: &mut dyn FnMut(&SymPath)) {
            match t {
                Ty::Path { def, args } => {
                    f(def);
                    args.iter().for_each(|a| walk(a, f));
                }
                Ty::Ref { inner, .. } | Ty::Ptr(inner) | Ty::Slice(inner) | Ty::Array(inner) => walk(inner, f),
                Ty::Tuple(v) => v.iter().for_each(|a| walk(a, f)),
                Ty::Fn { params, ret } => {
                    params.iter().for_each(|a| walk(a, f));
                    walk(ret, f)
                }
                Ty::Bounds(b) => b.iter().for_each(|tr| {
                    f(&tr.path);
                    tr.args.iter().chain(tr.assoc.iter().map(|(_, a)| a)).for_each(|a| walk(a, f))
                }),
                Ty::Assoc { base, .. } => walk(base, f),
                _ => {}
            }
        }
        let mut n = 0;
        for t in m.all_types() {
            walk(t, &mut |p| {
                n += 1;
                let s = p.as_extern().unwrap_or("");
                assert!(well_formed(s), "malformed path `{p}` in a model type");
            });
        }
        assert!(n > 5_000, "the std data is missing ({n} paths)");
    }
}
