//! [`CrateIndex`]: the items of a crate, and how paths resolve across its
//! files.
//!
//! Built at the join from every file's [`FileItems`] and its module path
//! (from the module tree), or — in a worker, before the join — from one
//! file alone (*partial*: what depends on other files is [`Look::Later`]).
//! Resolution follows `use` chains and re-exports, globs (bounded work, so
//! glob cycles terminate), `self`/`super`/`crate`, enum variants,
//! associated fns through impls, and type aliases. Lookups are hash maps;
//! building is linear in the number of items. Files must be given in a
//! stable order (by path): where two definitions share a path (`cfg`
//! alternatives), the first one wins.

use rustc_hash::FxHashMap as HashMap;

use super::items::{FileItems, FnSig, ImplDef, ItemDef, ItemKind, ModKind, UseKind};
use super::models::Models;
use super::path::{Name, SymPath};
use super::ty::Ty;

pub type ModId = u32;
pub type FileId = u32;

/// The result of a lookup.
#[derive(Clone, Debug, PartialEq)]
pub enum Look<T> {
    Found(T),
    Missing,
    /// Only the join can tell (another file is involved).
    Later,
}

impl<T> Look<T> {
    pub fn found(self) -> Option<T> {
        match self {
            Look::Found(t) => Some(t),
            _ => None,
        }
    }
}

/// An item of the index.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct ItemRef {
    pub module: ModId,
    pub item: u32,
}

/// A function of the crate.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum FnRef {
    /// A free fn: module, item index.
    Free { module: ModId, item: u32 },
    /// A fn of an impl: module, impl index, fn index.
    Method { module: ModId, imp: u32, idx: u32 },
    /// A trait's method (declared or with a default body): module, trait
    /// item index, method index.
    Trait { module: ModId, item: u32, idx: u32 },
}

/// What a path names.
#[derive(Clone, Debug, PartialEq)]
pub enum Def {
    Module(ModId),
    Item(ItemRef),
    /// An enum variant: the enum and the variant's index.
    Variant(ItemRef, u32),
    Fn(FnRef),
    /// An external item (canonical path).
    Extern(Name),
    /// An item of another workspace crate (canonical crate name first).
    OtherCrate(Name),
}

struct IFile<'a> {
    module: Vec<Name>,
    items: &'a FileItems,
    /// Index of the file's first module in `mods`.
    first: ModId,
}

struct IMod {
    file: FileId,
    scope: u32,
    path: Vec<Name>,
    names: HashMap<Name, Vec<NameRef>>,
}

#[derive(Clone, Copy, Debug)]
enum NameRef {
    Item(u32),
    /// `mod name;` (the child's path is the module's path + name).
    ModDecl,
    Use(u32),
}

/// The item index of one crate.
pub struct CrateIndex<'a> {
    pub models: &'a Models,
    files: Vec<IFile<'a>>,
    mods: Vec<IMod>,
    by_path: HashMap<Vec<Name>, ModId>,
    /// Items by their definition path (the common, canonical case: no walk).
    defs: HashMap<Vec<Name>, ItemRef>,
    /// Impls by the definition of their self type.
    impls: HashMap<SymPath, Vec<(ModId, u32)>>,
    /// Blanket impls of the crate's traits: `impl<T: Bound> Ext for T`.
    blanket: Vec<(ModId, u32)>,
    /// Workspace crates by the name code uses for them → canonical name.
    externs: HashMap<Name, Name>,
    partial: bool,
}

/// Work allowed per path resolution (glob fan-out, import chains).
const BUDGET: u32 = 256;

/// Which namespace the last segment of a path is looked up in: a module
/// and a fn may share a name (`mod date; pub use date::date;`), so may a
/// type and a variant imported by a glob (`Err`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Ns {
    /// The first definition found.
    Any,
    /// Modules and types.
    Type,
    /// Fns, consts, statics, tuple structs and variants.
    Value,
}

impl<'a> CrateIndex<'a> {
    /// The index of a crate: each file with its module path (`[]` for the
    /// crate root), in a stable order; `externs` maps the names of other
    /// workspace crates (and renamed dependencies) to canonical names.
    pub fn build(files: &[(Vec<Name>, &'a FileItems)], externs: HashMap<Name, Name>, models: &'a Models) -> Self {
        let mut ix = CrateIndex {
            models,
            files: Vec::with_capacity(files.len()),
            mods: Vec::new(),
            by_path: HashMap::default(),
            defs: HashMap::default(),
            impls: HashMap::default(),
            blanket: Vec::new(),
            externs,
            partial: false,
        };
        for (module, items) in files {
            ix.add_file(module.clone(), items);
        }
        ix.index_impls();
        ix
    }

    /// The index of one file alone (in a worker, before the join): its
    /// module path is unknown, so paths leaving the file are `Later`.
    pub fn partial(items: &'a FileItems, models: &'a Models) -> Self {
        let mut ix = CrateIndex {
            models,
            files: Vec::new(),
            mods: Vec::new(),
            by_path: HashMap::default(),
            defs: HashMap::default(),
            impls: HashMap::default(),
            blanket: Vec::new(),
            externs: HashMap::default(),
            partial: true,
        };
        ix.add_file(Vec::new(), items);
        ix.index_impls();
        ix
    }

    pub fn is_partial(&self) -> bool {
        self.partial
    }

    fn add_file(&mut self, module: Vec<Name>, items: &'a FileItems) {
        let file = self.files.len() as FileId;
        let first = self.mods.len() as ModId;
        for (scope, m) in items.modules.iter().enumerate() {
            let mut path = module.clone();
            path.extend(m.path.iter().cloned());
            let mut names: HashMap<Name, Vec<NameRef>> = HashMap::default();
            let id = self.mods.len() as ModId;
            for (i, it) in m.items.iter().enumerate() {
                names.entry(it.name.clone()).or_default().push(NameRef::Item(i as u32));
                if !matches!(it.kind, ItemKind::Module(_)) {
                    let mut p = path.clone();
                    p.push(it.name.clone());
                    self.defs.entry(p).or_insert(ItemRef { module: id, item: i as u32 });
                }
            }
            for d in &m.mods {
                names.entry(d.name.clone()).or_default().push(NameRef::ModDecl);
            }
            for (i, u) in m.uses.iter().enumerate() {
                if let UseKind::Named(n) = &u.kind {
                    names.entry(n.clone()).or_default().push(NameRef::Use(i as u32));
                }
            }
            self.by_path.entry(path.clone()).or_insert(id);
            self.mods.push(IMod { file, scope: scope as u32, path, names });
        }
        self.files.push(IFile { module, items, first });
    }

    fn index_impls(&mut self) {
        let mut impls: HashMap<SymPath, Vec<(ModId, u32)>> = HashMap::default();
        let mut blanket = Vec::new();
        for (mid, m) in self.mods.iter().enumerate() {
            let file = m.file;
            for (i, imp) in self.module_items(mid as ModId).impls.iter().enumerate() {
                if let Ty::Param(n) = imp.self_ty.strip_refs()
                    && imp.trait_ref.is_some()
                    && imp.generics.iter().any(|(g, _)| g == n)
                {
                    blanket.push((mid as ModId, i as u32));
                    continue;
                }
                let Some(def) = imp.self_ty.strip_refs().def() else { continue };
                let key = match self.resolve_type(file, def) {
                    Look::Found(d) => self.def_path(&self.through_aliases(d)),
                    _ => continue,
                };
                if let Some(key) = key {
                    impls.entry(key).or_default().push((mid as ModId, i as u32));
                }
            }
        }
        // Inherent impls first, then trait impls; each in index order.
        for v in impls.values_mut() {
            v.sort_by_key(|&(m, i)| (self.impl_def(m, i).trait_ref.is_some(), m, i));
        }
        self.impls = impls;
        self.blanket = blanket;
    }

    /// The crate's blanket impls (`impl<T: Bound> Ext for T`).
    pub fn blanket_impls(&self) -> impl Iterator<Item = (ModId, u32, &'a ImplDef)> + '_ {
        self.blanket.iter().map(|&(m, i)| (m, i, self.impl_def(m, i)))
    }

    /// A definition through crate type aliases (`impl Alias<T> { … }` is
    /// an impl of the aliased type).
    pub(super) fn through_aliases(&self, mut d: Def) -> Def {
        for _ in 0..4 {
            let Def::Item(r) = &d else { break };
            let ItemKind::TypeAlias { ty, .. } = &self.item(*r).kind else { break };
            let Some(p) = ty.strip_refs().def() else { break };
            match self.resolve_type(self.file_of(r.module), p) {
                Look::Found(n) => d = n,
                _ => break,
            }
        }
        d
    }

    pub(super) fn module_items(&self, m: ModId) -> &'a super::items::ModuleItems {
        let im = &self.mods[m as usize];
        &self.files[im.file as usize].items.modules[im.scope as usize]
    }

    /// The file of a module.
    pub fn file_of(&self, m: ModId) -> FileId {
        self.mods[m as usize].file
    }

    /// The module of scope `scope` of file `file`.
    pub fn module_of_scope(&self, file: FileId, scope: u32) -> ModId {
        self.files.get(file as usize).map_or(0, |f| f.first + scope)
    }

    pub fn item(&self, r: ItemRef) -> &'a ItemDef {
        &self.module_items(r.module).items[r.item as usize]
    }

    pub fn impl_def(&self, module: ModId, imp: u32) -> &'a ImplDef {
        &self.module_items(module).impls[imp as usize]
    }

    /// The signature of a crate fn.
    pub fn fn_sig(&self, f: FnRef) -> Option<&'a FnSig> {
        match f {
            FnRef::Free { module, item } => match &self.item(ItemRef { module, item }).kind {
                ItemKind::Fn(s) => Some(s),
                _ => None,
            },
            FnRef::Method { module, imp, idx } => self.impl_def(module, imp).fns.get(idx as usize),
            FnRef::Trait { module, item, idx } => match &self.item(ItemRef { module, item }).kind {
                ItemKind::Trait(t) => t.methods.get(idx as usize),
                _ => None,
            },
        }
    }

    /// The file (as given to `build`) and file-relative module of a def.
    pub fn fn_file(&self, f: FnRef) -> FileId {
        let (FnRef::Free { module, .. } | FnRef::Method { module, .. } | FnRef::Trait { module, .. }) = f;
        self.file_of(module)
    }

    /// Impls whose self type is this definition (inherent first).
    pub fn impls_of(&self, def: &SymPath) -> impl Iterator<Item = (ModId, u32, &'a ImplDef)> + '_ {
        self.impls.get(def).into_iter().flatten().map(|&(m, i)| (m, i, self.impl_def(m, i)))
    }

    /// The canonical path of a definition: `crate::a::B` (file-relative in
    /// a partial index).
    pub fn def_path(&self, d: &Def) -> Option<SymPath> {
        let mk = |segs: Vec<Name>| {
            if self.partial { SymPath::Rel { supers: 0, segs: segs.into() } } else { SymPath::Crate(segs.into()) }
        };
        let item_path = |r: &ItemRef| {
            let mut p = self.mods[r.module as usize].path.clone();
            p.push(self.item(*r).name.clone());
            p
        };
        Some(match d {
            Def::Module(m) => mk(self.mods[*m as usize].path.clone()),
            Def::Item(r) => mk(item_path(r)),
            Def::Variant(r, v) => {
                let mut p = item_path(r);
                if let ItemKind::Enum { variants, .. } = &self.item(*r).kind {
                    p.push(variants.get(*v as usize)?.0.clone());
                }
                mk(p)
            }
            Def::Fn(f) => return self.fn_path(*f),
            Def::Extern(p) | Def::OtherCrate(p) => SymPath::Extern(p.clone()),
        })
    }

    /// The path of a crate fn: `crate::m::f`, `crate::m::Type::method`,
    /// `crate::m::Trait::method`.
    pub fn fn_path(&self, f: FnRef) -> Option<SymPath> {
        match f {
            FnRef::Free { module, item } => self.def_path(&Def::Item(ItemRef { module, item })),
            FnRef::Trait { module, item, idx } => {
                let sig = self.fn_sig(f)?;
                let _ = idx;
                Some(self.def_path(&Def::Item(ItemRef { module, item }))?.join(&sig.name))
            }
            FnRef::Method { module, imp, .. } => {
                let sig = self.fn_sig(f)?;
                let d = self.impl_def(module, imp);
                let file = self.file_of(module);
                let base = match (d.self_ty.strip_refs().def(), &d.trait_ref) {
                    (Some(p), _) => {
                        self.resolve_type(file, p).found().and_then(|d| self.def_path(&self.through_aliases(d)))
                    }
                    // A blanket impl: named after its trait.
                    (None, Some(tr)) => Some(self.abs_path(file, &tr.path)),
                    (None, None) => None,
                };
                Some(
                    base.unwrap_or_else(|| {
                        self.def_path(&Def::Module(module)).unwrap_or(SymPath::Crate(Default::default()))
                    })
                    .join(&sig.name),
                )
            }
        }
    }

    /// Resolve a path written in `file` (as the file's scope left it).
    pub fn resolve_sym(&self, file: FileId, p: &SymPath) -> Look<Def> {
        let mut budget = BUDGET;
        self.sym(file, p, &mut budget, Ns::Any)
    }

    /// Resolve a path written in type position (a type, a trait).
    pub fn resolve_type(&self, file: FileId, p: &SymPath) -> Look<Def> {
        let mut budget = BUDGET;
        self.sym(file, p, &mut budget, Ns::Type)
    }

    /// Resolve a path whose last segment names a value (a called path).
    pub fn resolve_value(&self, file: FileId, p: &SymPath) -> Look<Def> {
        let mut budget = BUDGET;
        self.sym(file, p, &mut budget, Ns::Value)
    }

    fn sym(&self, file: FileId, p: &SymPath, budget: &mut u32, ns: Ns) -> Look<Def> {
        if *budget == 0 {
            return Look::Missing;
        }
        *budget -= 1;
        match p {
            SymPath::Extern(s) => {
                let first = s.split("::").next().unwrap_or(s);
                match self.externs.get(first) {
                    // A renamed dependency the models know …
                    Some(c) if self.models.knows_crate(c) => {
                        Look::Found(Def::Extern(format!("{c}{}", &s[first.len()..]).into()))
                    }
                    // … or another crate of the workspace.
                    Some(c) => Look::Found(Def::OtherCrate(format!("{c}{}", &s[first.len()..]).into())),
                    None => Look::Found(Def::Extern(s.clone())),
                }
            }
            SymPath::Crate(segs) => {
                if self.partial {
                    return Look::Later;
                }
                self.walk_from_root(segs, budget, ns)
            }
            SymPath::Rel { supers, segs } => {
                if self.partial && *supers > 0 {
                    return Look::Later;
                }
                let Some(f) = self.files.get(file as usize) else { return Look::Missing };
                let mut base = f.module.clone();
                for _ in 0..*supers {
                    if base.pop().is_none() {
                        return Look::Missing;
                    }
                }
                base.extend(segs.iter().cloned());
                self.walk_from_root(&base, budget, ns)
            }
            SymPath::Unresolved { segs, globs } => {
                let Some(first) = segs.first() else { return Look::Missing };
                let first_ns = if segs.len() == 1 { ns } else { Ns::Type };
                let mut later = false;
                for g in globs.iter() {
                    match self.sym(file, g, budget, Ns::Type) {
                        Look::Found(Def::Module(m)) => match self.in_module(m, first, budget, first_ns) {
                            Look::Found(d) => return self.walk(d, &segs[1..], budget, ns),
                            Look::Later => later = true,
                            Look::Missing => {}
                        },
                        Look::Found(Def::Item(r)) => {
                            if let Some(v) = self.variant(r, first) {
                                return self.walk(v, &segs[1..], budget, ns);
                            }
                        }
                        Look::Later => later = true,
                        _ => {}
                    }
                }
                if later || self.partial {
                    Look::Later
                } else if let Some(p) = super::scope::prelude(first) {
                    // No glob brings it: the std prelude.
                    self.walk(Def::Extern(p.into()), &segs[1..], budget, ns)
                } else if segs.len() > 1 {
                    self.sym(file, &super::scope::extern_path(segs, self.models), budget, ns)
                } else {
                    Look::Missing
                }
            }
            SymPath::SelfTy(_) | SymPath::Local(_) => Look::Missing,
        }
    }

    fn walk_from_root(&self, segs: &[Name], budget: &mut u32, ns: Ns) -> Look<Def> {
        if let Some(r) = self.defs.get(segs)
            && self.in_ns(&Def::Item(*r), ns)
        {
            return Look::Found(Def::Item(*r));
        }
        // The longest module prefix known by path, then names.
        let mut n = segs.len();
        loop {
            if let Some(&m) = self.by_path.get(&segs[..n]) {
                if n == segs.len() && ns == Ns::Value && n > 0 {
                    // A module where a value is wanted: its parent may have both.
                    n -= 1;
                    continue;
                }
                return self.walk(Def::Module(m), &segs[n..], budget, ns);
            }
            if n == 0 {
                return if self.partial { Look::Later } else { Look::Missing };
            }
            n -= 1;
        }
    }

    /// Continue a resolution from `start` through `segs`.
    fn walk(&self, start: Def, segs: &[Name], budget: &mut u32, ns: Ns) -> Look<Def> {
        let mut cur = start;
        for (i, seg) in segs.iter().enumerate() {
            let ns = if i + 1 == segs.len() { ns } else { Ns::Type };
            if *budget == 0 {
                return Look::Missing;
            }
            *budget -= 1;
            cur = match cur {
                Def::Module(m) => match self.in_module(m, seg, budget, ns) {
                    Look::Found(d) => d,
                    other => return other,
                },
                Def::Item(r) => match self.through_aliases(Def::Item(r)) {
                    Def::Item(r) => match self.member(r, seg) {
                        Look::Found(d) => d,
                        other => return other,
                    },
                    Def::Extern(p) => Def::Extern(format!("{p}::{seg}").into()),
                    _ => return Look::Missing,
                },
                Def::Extern(p) => Def::Extern(format!("{p}::{seg}").into()),
                Def::OtherCrate(p) => Def::OtherCrate(format!("{p}::{seg}").into()),
                Def::Variant(..) | Def::Fn(_) => return Look::Missing,
            };
        }
        Look::Found(cur)
    }

    /// A name in a module: its items, `mod` declarations, imports, globs.
    fn in_module(&self, m: ModId, name: &Name, budget: &mut u32, ns: Ns) -> Look<Def> {
        let im = &self.mods[m as usize];
        if name.starts_with('{') {
            let mut p = im.path.clone();
            p.push(name.clone());
            return self.by_path.get(&p).map_or(Look::Missing, |&b| Look::Found(Def::Module(b)));
        }
        // A definition of the wrong namespace is kept as a fallback.
        let mut fallback: Option<Def> = None;
        let mut later = false;
        if let Some(refs) = im.names.get(name) {
            for r in refs {
                let found = match *r {
                    NameRef::Item(i) => {
                        let it = &self.module_items(m).items[i as usize];
                        match it.kind {
                            ItemKind::Module(scope) => Def::Module(self.module_of_scope(im.file, scope)),
                            _ => Def::Item(ItemRef { module: m, item: i }),
                        }
                    }
                    NameRef::ModDecl => {
                        let mut p = im.path.clone();
                        p.push(name.clone());
                        match self.by_path.get(&p) {
                            Some(&c) => Def::Module(c),
                            None => {
                                later = true;
                                continue;
                            }
                        }
                    }
                    NameRef::Use(u) => {
                        let target = &self.module_items(m).uses[u as usize].target;
                        match self.sym(im.file, target, budget, ns) {
                            Look::Found(d) => d,
                            Look::Later => {
                                later = true;
                                continue;
                            }
                            Look::Missing => continue,
                        }
                    }
                };
                if self.in_ns(&found, ns) {
                    return Look::Found(found);
                }
                fallback.get_or_insert(found);
            }
        }
        if later && self.partial {
            return Look::Later;
        }
        // Globs.
        let mut later = false;
        for u in &self.module_items(m).uses {
            if u.kind != UseKind::Glob {
                continue;
            }
            match self.sym(im.file, &u.target, budget, Ns::Type) {
                Look::Found(Def::Module(g)) if g != m => match self.in_module(g, name, budget, ns) {
                    Look::Found(d) if self.in_ns(&d, ns) => return Look::Found(d),
                    Look::Found(d) => {
                        fallback.get_or_insert(d);
                    }
                    Look::Later => later = true,
                    Look::Missing => {}
                },
                Look::Found(Def::Item(r)) => {
                    if let Some(v) = self.variant(r, name) {
                        return Look::Found(v);
                    }
                }
                Look::Found(Def::Extern(e)) => {
                    if let Some(full) = self
                        .models
                        .glob_exports(&e)
                        .and_then(|ns| ns.iter().find(|n| n.rsplit("::").next() == Some(&**name)))
                    {
                        return Look::Found(Def::Extern(full.clone()));
                    }
                }
                Look::Later => later = true,
                _ => {}
            }
            if *budget == 0 {
                break;
            }
        }
        if let Some(f) = fallback {
            return Look::Found(f);
        }
        if later || self.partial { Look::Later } else { Look::Missing }
    }

    /// Whether a definition lives in the namespace asked for.
    pub(super) fn in_ns(&self, d: &Def, ns: Ns) -> bool {
        let value = match d {
            Def::Module(_) => false,
            Def::Item(r) => match &self.item(*r).kind {
                ItemKind::Fn(_) | ItemKind::Const(_) | ItemKind::Static(_) => true,
                ItemKind::Struct { fields, .. } => !matches!(fields, super::items::Fields::Named(_)),
                _ => false,
            },
            Def::Variant(..) | Def::Fn(_) => true,
            Def::Extern(_) | Def::OtherCrate(_) => return true,
        };
        match ns {
            Ns::Any => true,
            Ns::Value => value,
            Ns::Type => !value || matches!(d, Def::Item(r) if matches!(self.item(*r).kind, ItemKind::Struct { .. })),
        }
    }

    fn variant(&self, r: ItemRef, name: &str) -> Option<Def> {
        match &self.item(r).kind {
            ItemKind::Enum { variants, .. } => {
                variants.iter().position(|(n, _)| &**n == name).map(|i| Def::Variant(r, i as u32))
            }
            _ => None,
        }
    }

    /// `Item::name`: a variant, a trait method, or an associated fn (from
    /// the item's impls).
    fn member(&self, r: ItemRef, name: &str) -> Look<Def> {
        if let Some(v) = self.variant(r, name) {
            return Look::Found(v);
        }
        let it = self.item(r);
        if let ItemKind::Trait(t) = &it.kind {
            return match t.methods.iter().position(|m| &*m.name == name) {
                Some(i) => Look::Found(Def::Fn(FnRef::Trait { module: r.module, item: r.item, idx: i as u32 })),
                None => Look::Missing,
            };
        }
        let Some(path) = self.def_path(&Def::Item(r)) else { return Look::Missing };
        match self.assoc_fn(&path, name) {
            Some(f) => Look::Found(Def::Fn(f)),
            None if self.partial => Look::Later,
            None => Look::Missing,
        }
    }

    /// An associated fn or method of a crate type, by name (inherent impls
    /// first, then trait impls).
    pub fn assoc_fn(&self, def: &SymPath, name: &str) -> Option<FnRef> {
        for (m, i, d) in self.impls_of(def) {
            if let Some(idx) = d.fns.iter().position(|f| &*f.name == name) {
                return Some(FnRef::Method { module: m, imp: i, idx: idx as u32 });
            }
        }
        None
    }

    /// The item a type path names, through crate type aliases.
    pub fn type_item(&self, file: FileId, p: &SymPath) -> Look<Def> {
        self.resolve_sym(file, p)
    }

    /// The file whose scope produced a module's types.
    pub fn file_module(&self, file: FileId) -> &[Name] {
        self.files.get(file as usize).map_or(&[], |f| f.module.as_slice())
    }

    /// Number of files.
    pub fn file_count(&self) -> usize {
        self.files.len()
    }

    /// Modules of kind `Body` are not addressable by path from outside.
    pub fn is_body_module(&self, m: ModId) -> bool {
        self.module_items(m).kind == ModKind::Body
    }

    /// Resolve the paths of `t` (written in `file`) to canonical definition
    /// paths: `Rel`/`Unresolved` become `Crate` paths (or external ones),
    /// so the type means the same wherever it is used.
    pub fn absolutize(&self, file: FileId, t: &Ty) -> Ty {
        match t {
            Ty::Path { def, args } => Ty::Path {
                def: self.abs_path(file, def),
                args: args.iter().map(|a| self.absolutize(file, a)).collect(),
            },
            Ty::Bounds(b) => Ty::Bounds(
                b.iter()
                    .map(|tr| super::ty::TraitRef {
                        path: self.abs_path(file, &tr.path),
                        args: tr.args.iter().map(|a| self.absolutize(file, a)).collect(),
                        assoc: tr.assoc.iter().map(|(n, a)| (n.clone(), self.absolutize(file, a))).collect(),
                    })
                    .collect(),
            ),
            Ty::Sym(s) => match &**s {
                super::ty::SymTy::RetOf(p) => Ty::sym(super::ty::SymTy::RetOf(self.abs_path(file, p))),
                super::ty::SymTy::PathTy(p) => Ty::sym(super::ty::SymTy::PathTy(self.abs_path(file, p))),
                super::ty::SymTy::PatField { ty, ctor, field } => Ty::sym(super::ty::SymTy::PatField {
                    ty: self.absolutize(file, ty),
                    ctor: self.abs_path(file, ctor),
                    field: field.clone(),
                }),
                _ => t.map_children(&mut |c| self.absolutize(file, c)),
            },
            _ => t.map_children(&mut |c| self.absolutize(file, c)),
        }
    }

    /// A path written in `file`, made independent of the file.
    pub fn abs_path(&self, file: FileId, p: &SymPath) -> SymPath {
        match p {
            SymPath::Extern(_) | SymPath::SelfTy(_) | SymPath::Local(_) => p.clone(),
            _ => match self.resolve_type(file, p) {
                Look::Found(d) => self.def_path(&d).unwrap_or_else(|| p.clone()),
                _ => match p {
                    SymPath::Rel { supers, segs } if !self.partial => {
                        let mut base = self.file_module(file).to_vec();
                        for _ in 0..*supers {
                            base.pop();
                        }
                        base.extend(segs.iter().cloned());
                        SymPath::Crate(base.into())
                    }
                    _ => p.clone(),
                },
            },
        }
    }
}
