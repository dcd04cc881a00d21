//! [`FileItems`]: the item-level facts of one file, as owned data, and the
//! [`FileScope`] they are resolved with.
//!
//! Every module of the file (the file itself, inline modules, and the
//! bodies of fns that declare items or `use`s at their top level) with its
//! imports, `mod` declarations, items and impls. Every type is lowered to a
//! [`Ty`] with its paths resolved through the file's scope; what depends on
//! other files stays symbolic (`SymPath::Rel`/`Crate`/`Unresolved`) for the
//! crate index. Cheap: item level only, no expression is visited.

use syn::{FnArg, ImplItem, Item, TraitItem, UseTree};

use super::lower::{Lower, TyCx, generic_names, ident};
use super::models::Models;
use super::path::{Name, SymPath, normalize_root};
use super::scope::{FileScope, ScopeData, ScopeId, Via};
use super::ty::{TraitRef, Ty};

/// The items of one file.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct FileItems {
    /// `modules[i]` is scope `i` of the file's [`FileScope`]; `0` is the
    /// file's own module.
    pub modules: Vec<ModuleItems>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ModKind {
    /// The file's own module.
    File,
    /// `mod name { … }`.
    Inline,
    /// The items of a fn body (not nameable from outside).
    Body,
}

#[derive(Clone, Debug, PartialEq)]
pub struct ModuleItems {
    /// Path within the file: inline module names; a body adds `{fn}`.
    pub path: Vec<Name>,
    pub kind: ModKind,
    pub uses: Vec<UseDecl>,
    pub mods: Vec<ModDecl>,
    pub items: Vec<ItemDef>,
    pub impls: Vec<ImplDef>,
}

/// One imported name (or glob).
#[derive(Clone, Debug, PartialEq)]
pub struct UseDecl {
    pub kind: UseKind,
    /// The target, resolved as far as the file allows.
    pub target: SymPath,
    pub is_pub: bool,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum UseKind {
    /// `use a::b;` / `use a::b as c;` (the local name).
    Named(Name),
    /// `use a::*;`
    Glob,
    /// `use a::Trait as _;`
    Anon,
}

/// `mod name;` (its file is found by the module tree).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ModDecl {
    pub name: Name,
    /// `#[path = "…"]`.
    pub path_attr: Option<String>,
    pub is_pub: bool,
}

#[derive(Clone, Debug, PartialEq)]
pub struct ItemDef {
    pub name: Name,
    pub is_pub: bool,
    pub kind: ItemKind,
}

#[derive(Clone, Debug, PartialEq)]
pub enum ItemKind {
    Fn(FnSig),
    Struct {
        generics: Vec<Name>,
        fields: Fields,
    },
    Union {
        generics: Vec<Name>,
        fields: Fields,
    },
    Enum {
        generics: Vec<Name>,
        variants: Vec<(Name, Fields)>,
    },
    Trait(TraitDef),
    Const(Ty),
    Static(Ty),
    TypeAlias {
        generics: Vec<Name>,
        ty: Ty,
    },
    /// `macro_rules! name`.
    Macro,
    /// An inline module (its scope index).
    Module(ScopeId),
}

#[derive(Clone, Debug, PartialEq)]
pub enum Fields {
    Unit,
    Tuple(Vec<Ty>),
    Named(Vec<(Name, Ty)>),
}

impl Fields {
    /// A field by name (`0`, `1`, … for tuple fields).
    pub fn get(&self, name: &str) -> Option<&Ty> {
        match self {
            Fields::Unit => None,
            Fields::Tuple(v) => name.parse::<usize>().ok().and_then(|i| v.get(i)),
            Fields::Named(v) => v.iter().find(|(n, _)| &**n == name).map(|(_, t)| t),
        }
    }
}

/// How a method takes `self`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SelfKind {
    /// An associated fn (no `self`), or a free fn.
    None,
    Value,
    Ref,
    RefMut,
}

#[derive(Clone, Debug, PartialEq)]
pub struct FnSig {
    pub name: Name,
    pub is_pub: bool,
    /// Type parameters with their bounds.
    pub generics: Vec<(Name, Vec<TraitRef>)>,
    pub self_kind: SelfKind,
    /// Parameter types (without `self`).
    pub params: Vec<Ty>,
    /// The declared return type (`()` when absent; not wrapped for `async`).
    pub ret: Ty,
    pub is_async: bool,
    pub is_unsafe: bool,
    pub has_body: bool,
    /// Line (1-based) and column (0-based) of the name.
    pub pos: (u32, u32),
}

impl FnSig {
    /// What a call gives: the declared return type, or a future of it.
    pub fn call_ty(&self) -> Ty {
        if self.is_async { Ty::future(self.ret.clone()) } else { self.ret.clone() }
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct TraitDef {
    pub generics: Vec<Name>,
    pub supertraits: Vec<TraitRef>,
    pub methods: Vec<FnSig>,
    pub assoc_types: Vec<Name>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct ImplDef {
    pub generics: Vec<(Name, Vec<TraitRef>)>,
    pub self_ty: Ty,
    /// `impl Trait for …` (and `#[derive(Trait)]`).
    pub trait_ref: Option<TraitRef>,
    pub fns: Vec<FnSig>,
    /// Associated types (`type Item = …`).
    pub assoc: Vec<(Name, Ty)>,
    pub consts: Vec<(Name, Ty)>,
    /// Written by a `#[derive]`.
    pub derived: bool,
}

/// Bound on nested item macros expanded.
const MAX_MACRO_DEPTH: usize = 4;

/// The file with its item macros whose input is itself items
/// (`pin_project! { pub struct … }`, `cfg_rt! { mod … }`) replaced by those
/// items, so their structs, fns and impls are seen like any other; `None`
/// when there is none (no copy is made). Spans are the source's.
pub fn expand_item_macros(file: &syn::File) -> Option<syn::File> {
    if !has_item_macros(&file.items, 0) {
        return None;
    }
    let mut f = file.clone();
    f.items = expand_items(&file.items, 0);
    Some(f)
}

fn macro_items(m: &syn::ItemMacro) -> Option<syn::File> {
    if m.ident.is_some() || m.mac.tokens.is_empty() {
        return None;
    }
    syn::parse2::<syn::File>(m.mac.tokens.clone()).ok().filter(|f| !f.items.is_empty())
}

fn has_item_macros(items: &[Item], depth: usize) -> bool {
    depth < MAX_MACRO_DEPTH
        && items.iter().any(|i| match i {
            Item::Macro(m) => macro_items(m).is_some(),
            Item::Mod(m) => m.content.as_ref().is_some_and(|(_, inner)| has_item_macros(inner, depth + 1)),
            _ => false,
        })
}

fn expand_items(items: &[Item], depth: usize) -> Vec<Item> {
    let mut out = Vec::with_capacity(items.len());
    for i in items {
        match i {
            Item::Macro(m) if depth < MAX_MACRO_DEPTH => match macro_items(m) {
                Some(f) => out.extend(expand_items(&f.items, depth + 1)),
                None => out.push(i.clone()),
            },
            Item::Mod(m) if m.content.is_some() && depth < MAX_MACRO_DEPTH => {
                let mut m = m.clone();
                if let Some((_, inner)) = &mut m.content {
                    *inner = expand_items(inner, depth + 1);
                }
                out.push(Item::Mod(m));
            }
            _ => out.push(i.clone()),
        }
    }
    out
}

/// Extract the items of a parsed file and build its scope.
pub fn extract(file: &syn::File, models: &Models) -> (FileItems, FileScope) {
    let mut b = Builder {
        models,
        items: FileItems::default(),
        scope: FileScope::default(),
        pending: Vec::new(),
        uses: Vec::new(),
    };
    b.new_scope(Vec::new(), ModKind::File, None, None);
    b.collect(&file.items, 0);
    b.resolve_uses();
    let pending = std::mem::take(&mut b.pending);
    for (scope, item) in pending {
        b.lower_item(scope, item);
    }
    (b.items, b.scope)
}

struct RawUse {
    scope: ScopeId,
    segs: Vec<Name>,
    leading_colon: bool,
    kind: UseKind,
    is_pub: bool,
}

struct Builder<'ast, 'm> {
    models: &'m Models,
    items: FileItems,
    scope: FileScope,
    pending: Vec<(ScopeId, &'ast Item)>,
    uses: Vec<RawUse>,
}

fn is_pub(v: &syn::Visibility) -> bool {
    !matches!(v, syn::Visibility::Inherited)
}

impl<'ast> Builder<'ast, '_> {
    fn new_scope(
        &mut self,
        path: Vec<Name>,
        kind: ModKind,
        parent: Option<ScopeId>,
        module: Option<ScopeId>,
    ) -> ScopeId {
        let id = self.scope.scopes.len() as ScopeId;
        if kind != ModKind::Body {
            self.scope.modules.insert(path.clone(), id);
        }
        self.scope.scopes.push(ScopeData {
            parent,
            module: module.unwrap_or(id),
            path: path.clone(),
            ..Default::default()
        });
        self.items.modules.push(ModuleItems {
            path,
            kind,
            uses: Vec::new(),
            mods: Vec::new(),
            items: Vec::new(),
            impls: Vec::new(),
        });
        id
    }

    fn declare(&mut self, scope: ScopeId, name: Name) {
        let mut path = self.scope.scopes[scope as usize].path.clone();
        path.push(name.clone());
        self.scope.scopes[scope as usize]
            .names
            .insert(name, (SymPath::Rel { supers: 0, segs: path.into() }, Via::Local));
    }

    fn collect(&mut self, items: &'ast [Item], scope: ScopeId) {
        for item in items {
            match item {
                Item::Use(u) => {
                    let mut prefix = Vec::new();
                    self.use_tree(scope, &u.tree, &mut prefix, u.leading_colon.is_some(), is_pub(&u.vis));
                }
                Item::ExternCrate(e) => {
                    let name = ident(&e.ident);
                    let target = if &*name == "self" {
                        SymPath::Crate(Default::default())
                    } else {
                        SymPath::Extern(normalize_root(&name).into())
                    };
                    let alias = e.rename.as_ref().map_or(name, |(_, a)| ident(a));
                    if &*alias != "_" {
                        self.scope.scopes[scope as usize].names.insert(alias.clone(), (target.clone(), Via::Import));
                        self.items.modules[scope as usize].uses.push(UseDecl {
                            kind: UseKind::Named(alias),
                            target,
                            is_pub: is_pub(&e.vis),
                        });
                    }
                }
                Item::Mod(m) => {
                    let name = ident(&m.ident);
                    self.declare(scope, name.clone());
                    match &m.content {
                        Some((_, inner)) => {
                            let mut path = self.scope.scopes[scope as usize].path.clone();
                            path.push(name.clone());
                            let id = self.new_scope(path, ModKind::Inline, None, None);
                            self.items.modules[scope as usize].items.push(ItemDef {
                                name,
                                is_pub: is_pub(&m.vis),
                                kind: ItemKind::Module(id),
                            });
                            self.collect(inner, id);
                        }
                        None => self.items.modules[scope as usize].mods.push(ModDecl {
                            name,
                            path_attr: path_attr(&m.attrs),
                            is_pub: is_pub(&m.vis),
                        }),
                    }
                }
                Item::Fn(f) => {
                    self.declare(scope, ident(&f.sig.ident));
                    self.pending.push((scope, item));
                    self.body(scope, &f.sig.ident, &f.block);
                }
                Item::Impl(i) => {
                    self.pending.push((scope, item));
                    for ii in &i.items {
                        if let ImplItem::Fn(f) = ii {
                            self.body(scope, &f.sig.ident, &f.block);
                        }
                    }
                }
                Item::Trait(t) => {
                    self.declare(scope, ident(&t.ident));
                    self.pending.push((scope, item));
                    for ti in &t.items {
                        if let TraitItem::Fn(f) = ti
                            && let Some(b) = &f.default
                        {
                            self.body(scope, &f.sig.ident, b);
                        }
                    }
                }
                Item::Struct(s) => self.declare_pending(scope, &s.ident, item),
                Item::Enum(e) => self.declare_pending(scope, &e.ident, item),
                Item::Union(u) => self.declare_pending(scope, &u.ident, item),
                Item::Type(t) => self.declare_pending(scope, &t.ident, item),
                Item::Const(c) => self.declare_pending(scope, &c.ident, item),
                Item::Static(s) => self.declare_pending(scope, &s.ident, item),
                Item::TraitAlias(t) => self.declare(scope, ident(&t.ident)),
                Item::Macro(m) => {
                    if let Some(id) = &m.ident {
                        let name = ident(id);
                        self.items.modules[scope as usize].items.push(ItemDef {
                            name,
                            is_pub: false,
                            kind: ItemKind::Macro,
                        });
                    }
                }
                Item::ForeignMod(fm) => {
                    for fi in &fm.items {
                        if let syn::ForeignItem::Fn(f) = fi {
                            self.declare(scope, ident(&f.sig.ident));
                        }
                    }
                    self.pending.push((scope, item));
                }
                _ => {}
            }
        }
    }

    fn declare_pending(&mut self, scope: ScopeId, id: &syn::Ident, item: &'ast Item) {
        self.declare(scope, ident(id));
        self.pending.push((scope, item));
    }

    /// A fn body: its scope (its own when it declares items at its top
    /// level), recorded by the position of its `{`.
    fn body(&mut self, scope: ScopeId, name: &syn::Ident, block: &'ast syn::Block) {
        let lc = block.brace_token.span.open().start();
        let key = (lc.line as u32, lc.column as u32);
        let has_items = block.stmts.iter().any(|s| matches!(s, syn::Stmt::Item(_)));
        if !has_items {
            self.scope.bodies.insert(key, scope);
            return;
        }
        let mut path = self.scope.scopes[scope as usize].path.clone();
        path.push(format!("{{{}}}", ident(name)).into());
        let module = self.scope.scopes[scope as usize].module;
        let id = self.new_scope(path, ModKind::Body, Some(scope), Some(module));
        self.scope.bodies.insert(key, id);
        let items: Vec<&'ast Item> = block
            .stmts
            .iter()
            .filter_map(|s| match s {
                syn::Stmt::Item(i) => Some(i),
                _ => None,
            })
            .collect();
        for i in items {
            self.collect(std::slice::from_ref(i), id);
        }
    }

    fn use_tree(&mut self, scope: ScopeId, tree: &UseTree, prefix: &mut Vec<Name>, leading: bool, is_pub: bool) {
        let push = |this: &mut Self, segs: Vec<Name>, kind: UseKind| {
            this.uses.push(RawUse { scope, segs, leading_colon: leading, kind, is_pub });
        };
        match tree {
            UseTree::Path(p) => {
                prefix.push(ident(&p.ident));
                self.use_tree(scope, &p.tree, prefix, leading, is_pub);
                prefix.pop();
            }
            UseTree::Name(n) => {
                let name = ident(&n.ident);
                if &*name == "self" {
                    if let Some(last) = prefix.last().cloned() {
                        push(self, prefix.clone(), UseKind::Named(last));
                    }
                } else {
                    let mut segs = prefix.clone();
                    segs.push(name.clone());
                    push(self, segs, UseKind::Named(name));
                }
            }
            UseTree::Rename(r) => {
                let name = ident(&r.ident);
                let mut segs = prefix.clone();
                if &*name != "self" {
                    segs.push(name);
                }
                let alias = ident(&r.rename);
                let kind = if &*alias == "_" { UseKind::Anon } else { UseKind::Named(alias) };
                push(self, segs, kind);
            }
            UseTree::Glob(_) => push(self, prefix.clone(), UseKind::Glob),
            UseTree::Group(g) => {
                for t in &g.items {
                    self.use_tree(scope, t, prefix, leading, is_pub);
                }
            }
        }
    }

    /// Resolve the imports: a few rounds, so that imports naming other
    /// imports (`use std::io; use io::Read;`) settle whatever their order.
    fn resolve_uses(&mut self) {
        let uses = std::mem::take(&mut self.uses);
        let mut targets: Vec<Option<SymPath>> = vec![None; uses.len()];
        for _round in 0..3 {
            let mut changed = false;
            for (i, u) in uses.iter().enumerate() {
                let t = self.resolve_use(u);
                if targets[i].as_ref() != Some(&t) {
                    changed = true;
                    targets[i] = Some(t.clone());
                    let d = &mut self.scope.scopes[u.scope as usize];
                    match &u.kind {
                        UseKind::Named(n) => {
                            let slot = d.names.entry(n.clone()).or_insert((t.clone(), Via::Import));
                            if slot.1 == Via::Import {
                                *slot = (t, Via::Import);
                            }
                        }
                        UseKind::Glob | UseKind::Anon => {}
                    }
                }
            }
            if !changed {
                break;
            }
        }
        for (u, t) in uses.into_iter().zip(targets) {
            let target = t.unwrap_or(SymPath::Unresolved { segs: u.segs.as_slice().into(), globs: Default::default() });
            let d = &mut self.scope.scopes[u.scope as usize];
            match &u.kind {
                UseKind::Glob => d.globs.push(target.clone()),
                UseKind::Anon => d.anon.push(target.clone()),
                UseKind::Named(_) => {}
            }
            self.items.modules[u.scope as usize].uses.push(UseDecl { kind: u.kind, target, is_pub: u.is_pub });
        }
    }

    fn resolve_use(&self, u: &RawUse) -> SymPath {
        let Some(first) = u.segs.first() else { return SymPath::Crate(Default::default()) };
        if u.leading_colon || matches!(&**first, "crate" | "$crate" | "self" | "super") {
            return self.scope.resolve_in(u.scope, &u.segs, u.leading_colon, self.models, 0).path;
        }
        // The first segment: a name of this scope (not the import itself),
        // else an external crate.
        let own = matches!(&u.kind, UseKind::Named(n) if n == first) && u.segs.len() == 1;
        let unresolved = SymPath::Unresolved { segs: u.segs.as_slice().into(), globs: Default::default() };
        let found = self.scope.chain(u.scope).find_map(|d| {
            d.names.get(first).filter(|(target, via)| *via != Via::Import || (!own && *target != unresolved))
        });
        if let Some((target, _)) = found {
            return super::scope::append(target, &u.segs[1..]);
        }
        if let Some(p) = super::scope::prelude(first).filter(|_| u.segs.len() == 1) {
            return SymPath::Extern(p.into());
        }
        super::scope::extern_path(&u.segs, self.models)
    }

    fn lower(&self) -> Lower<'_> {
        Lower { scope: &self.scope, models: self.models }
    }

    fn lower_item(&mut self, scope: ScopeId, item: &Item) {
        let lw = self.lower();
        let mut out: Vec<ItemDef> = Vec::new();
        let mut impls: Vec<ImplDef> = Vec::new();
        match item {
            Item::Fn(f) => {
                let sig = fn_sig(&lw, scope, &[], &f.sig, is_pub(&f.vis), true);
                out.push(ItemDef { name: sig.name.clone(), is_pub: sig.is_pub, kind: ItemKind::Fn(sig) });
            }
            Item::Struct(s) => {
                let g: Vec<Name> = generic_names(&s.generics).collect();
                let fields = fields(&lw, TyCx { scope, generics: &g }, &s.fields);
                impls.extend(derives(&lw, scope, &s.attrs, &s.ident, &g));
                out.push(ItemDef {
                    name: ident(&s.ident),
                    is_pub: is_pub(&s.vis),
                    kind: ItemKind::Struct { generics: g, fields },
                });
            }
            Item::Union(u) => {
                let g: Vec<Name> = generic_names(&u.generics).collect();
                let named = syn::Fields::Named(u.fields.clone());
                let fields = fields(&lw, TyCx { scope, generics: &g }, &named);
                out.push(ItemDef {
                    name: ident(&u.ident),
                    is_pub: is_pub(&u.vis),
                    kind: ItemKind::Union { generics: g, fields },
                });
            }
            Item::Enum(e) => {
                let g: Vec<Name> = generic_names(&e.generics).collect();
                let cx = TyCx { scope, generics: &g };
                let variants = e.variants.iter().map(|v| (ident(&v.ident), fields(&lw, cx, &v.fields))).collect();
                impls.extend(derives(&lw, scope, &e.attrs, &e.ident, &g));
                out.push(ItemDef {
                    name: ident(&e.ident),
                    is_pub: is_pub(&e.vis),
                    kind: ItemKind::Enum { generics: g, variants },
                });
            }
            Item::Trait(t) => {
                let g: Vec<Name> = generic_names(&t.generics).collect();
                let cx = TyCx { scope, generics: &g };
                let supertraits = lw.bounds(t.supertraits.iter(), cx);
                let mut methods = Vec::new();
                let mut assoc_types = Vec::new();
                for ti in &t.items {
                    match ti {
                        TraitItem::Fn(f) => methods.push(fn_sig(&lw, scope, &g, &f.sig, true, f.default.is_some())),
                        TraitItem::Type(ty) => assoc_types.push(ident(&ty.ident)),
                        _ => {}
                    }
                }
                out.push(ItemDef {
                    name: ident(&t.ident),
                    is_pub: is_pub(&t.vis),
                    kind: ItemKind::Trait(TraitDef { generics: g, supertraits, methods, assoc_types }),
                });
            }
            Item::Type(t) => {
                let g: Vec<Name> = generic_names(&t.generics).collect();
                let ty = lw.ty(&t.ty, TyCx { scope, generics: &g });
                out.push(ItemDef {
                    name: ident(&t.ident),
                    is_pub: is_pub(&t.vis),
                    kind: ItemKind::TypeAlias { generics: g, ty },
                });
            }
            Item::Const(c) => {
                let ty = lw.ty(&c.ty, TyCx { scope, generics: &[] });
                out.push(ItemDef { name: ident(&c.ident), is_pub: is_pub(&c.vis), kind: ItemKind::Const(ty) });
            }
            Item::Static(s) => {
                let ty = lw.ty(&s.ty, TyCx { scope, generics: &[] });
                out.push(ItemDef { name: ident(&s.ident), is_pub: is_pub(&s.vis), kind: ItemKind::Static(ty) });
            }
            Item::ForeignMod(fm) => {
                for fi in &fm.items {
                    if let syn::ForeignItem::Fn(f) = fi {
                        let sig = fn_sig(&lw, scope, &[], &f.sig, is_pub(&f.vis), false);
                        out.push(ItemDef { name: sig.name.clone(), is_pub: sig.is_pub, kind: ItemKind::Fn(sig) });
                    }
                }
            }
            Item::Impl(i) => impls.push(impl_def(&lw, scope, i)),
            _ => {}
        }
        let m = &mut self.items.modules[scope as usize];
        m.items.extend(out);
        m.impls.extend(impls);
    }
}

fn impl_def(lw: &Lower<'_>, scope: ScopeId, i: &syn::ItemImpl) -> ImplDef {
    let names: Vec<Name> = generic_names(&i.generics).collect();
    let cx = TyCx { scope, generics: &names };
    let generics = lw.generics(&i.generics, cx);
    let self_ty = lw.ty(&i.self_ty, cx);
    let trait_ref = i.trait_.as_ref().filter(|_| i.modifiers.polarity.is_none()).map(|(p, _)| lw.trait_ref(p, cx));
    let mut fns = Vec::new();
    let mut assoc = Vec::new();
    let mut consts = Vec::new();
    for ii in &i.items {
        match ii {
            ImplItem::Fn(f) => fns.push(fn_sig(lw, scope, &names, &f.sig, is_pub(&f.vis), true)),
            ImplItem::Type(t) => assoc.push((ident(&t.ident), lw.ty(&t.ty, cx))),
            ImplItem::Const(c) => consts.push((ident(&c.ident), lw.ty(&c.ty, cx))),
            _ => {}
        }
    }
    ImplDef { generics, self_ty, trait_ref, fns, assoc, consts, derived: false }
}

/// A signature, in a context with `outer` generics (the impl's or trait's).
pub(super) fn fn_sig(
    lw: &Lower<'_>,
    scope: ScopeId,
    outer: &[Name],
    sig: &syn::Signature,
    is_pub: bool,
    has_body: bool,
) -> FnSig {
    let mut names: Vec<Name> = outer.to_vec();
    names.extend(generic_names(&sig.generics));
    let cx = TyCx { scope, generics: &names };
    let generics = lw.generics(&sig.generics, cx);
    let mut self_kind = SelfKind::None;
    let mut params = Vec::new();
    for a in &sig.inputs {
        match a {
            FnArg::Receiver(r) => {
                self_kind = match &r.kind {
                    syn::ReceiverKind::Reference(_, _, Some(_)) => SelfKind::RefMut,
                    syn::ReceiverKind::Reference(_, _, None) => SelfKind::Ref,
                    syn::ReceiverKind::Typed(_, t) => match &**t {
                        syn::Type::Reference(t) if t.mutability.is_some() => SelfKind::RefMut,
                        syn::Type::Reference(_) => SelfKind::Ref,
                        _ => SelfKind::Value,
                    },
                    _ => SelfKind::Value,
                };
            }
            FnArg::Typed(t) => params.push(lw.ty(&t.ty, cx)),
        }
    }
    let lc = sig.ident.span().start();
    FnSig {
        name: ident(&sig.ident),
        is_pub,
        generics,
        self_kind,
        params,
        ret: lw.ret(&sig.output, cx),
        is_async: sig.asyncness.is_some(),
        is_unsafe: matches!(sig.safety, syn::Safety::Unsafe(_)),
        has_body,
        pos: (lc.line as u32, lc.column as u32),
    }
}

fn fields(lw: &Lower<'_>, cx: TyCx<'_>, f: &syn::Fields) -> Fields {
    match f {
        syn::Fields::Unit => Fields::Unit,
        syn::Fields::Unnamed(u) => Fields::Tuple(u.unnamed.iter().map(|f| lw.ty(&f.ty, cx)).collect()),
        syn::Fields::Named(n) => Fields::Named(
            n.named.iter().filter_map(|f| f.ident.as_ref().map(|i| (ident(i), lw.ty(&f.ty, cx)))).collect(),
        ),
    }
}

/// `#[derive(Clone, Debug, …)]` as trait impls.
fn derives(
    lw: &Lower<'_>,
    scope: ScopeId,
    attrs: &[syn::Attribute],
    name: &syn::Ident,
    generics: &[Name],
) -> Vec<ImplDef> {
    let mut out = Vec::new();
    for a in attrs {
        if !a.path().is_ident("derive") {
            continue;
        }
        let Ok(paths) = a.parse_args_with(syn::punctuated::Punctuated::<syn::Path, syn::Token![,]>::parse_terminated)
        else {
            continue;
        };
        for p in paths {
            let tr = lw.trait_ref(&p, TyCx { scope, generics });
            let self_ty = Ty::Path {
                def: SymPath::Rel {
                    supers: 0,
                    segs: {
                        let mut s = lw.scope.path_of(scope).to_vec();
                        s.push(ident(name));
                        s.into()
                    },
                },
                args: generics.iter().map(|g| Ty::Param(g.clone())).collect(),
            };
            out.push(ImplDef {
                generics: generics.iter().map(|g| (g.clone(), Vec::new())).collect(),
                self_ty,
                trait_ref: Some(tr),
                fns: Vec::new(),
                assoc: Vec::new(),
                consts: Vec::new(),
                derived: true,
            });
        }
    }
    out
}

/// `#[path = "…"]`.
fn path_attr(attrs: &[syn::Attribute]) -> Option<String> {
    attrs.iter().find(|a| a.path().is_ident("path")).and_then(|a| match &a.meta {
        syn::Meta::NameValue(nv) => match &nv.value {
            syn::Expr::Lit(syn::ExprLit { lit: syn::Lit::Str(s), .. }) => Some(s.value()),
            _ => None,
        },
        _ => None,
    })
}

impl FileItems {
    /// Every fn signature of the file with its module index and, for
    /// methods, the impl it belongs to.
    pub fn fns(&self) -> impl Iterator<Item = (ScopeId, Option<&ImplDef>, &FnSig)> {
        self.modules.iter().enumerate().flat_map(|(i, m)| {
            let free = m.items.iter().filter_map(move |it| match &it.kind {
                ItemKind::Fn(f) => Some((i as ScopeId, None, f)),
                _ => None,
            });
            let methods = m.impls.iter().flat_map(move |im| im.fns.iter().map(move |f| (i as ScopeId, Some(im), f)));
            free.chain(methods)
        })
    }
}
