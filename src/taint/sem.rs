//! The semantic model as the taint engine uses it: per file, the file's
//! [`FileSem`] and its partial [`CrateIndex`] (built in the worker on first
//! need, once: most files never need them);
//! per function, the calls of its body inferred on first need and as far
//! as the questions reach ([`FnSem::call_at`]) — a body whose calls need no
//! receiver type or callee path costs no inference at all.

use std::cell::{Cell, OnceCell, RefCell};

use proc_macro2::Span;
use rustc_hash::FxHashMap as HashMap;

use crate::semantic::{self, CallFact, CrateIndex, FileSem, Infer, Owner, SymPath, Target, Ty};
use crate::syntax::{FnKind, FnLike};

/// A file's semantic model, built on first need (most files never need it).
pub(crate) struct LazySem<'a> {
    ast: &'a syn::File,
    sem: OnceCell<FileSem>,
}

impl<'a> LazySem<'a> {
    pub(crate) fn new(ast: &'a syn::File) -> Self {
        LazySem { ast, sem: OnceCell::new() }
    }

    fn get(&self) -> &FileSem {
        self.sem.get_or_init(|| FileSem::build(self.ast))
    }
}

/// One file's semantic facts, for every function the taint engine analyses.
pub(crate) struct SemFile<'a> {
    lazy: &'a LazySem<'a>,
    index: OnceCell<CrateIndex<'a>>,
    /// What the engine asked of the model (`--stats`).
    pub stats: Cell<SemStats>,
    /// The scopes' trait lookups, shared by the file's bodies.
    scope_caches: Cell<semantic::ScopeCaches>,
    /// [`FileFns::ret_bits`] answers so far, by function name (`None`:
    /// being worked out, a recursive call).
    ret_bits: BitsMemo<String>,
    /// [`FileFns::written_bits`] answers so far, by struct and field.
    written_bits: BitsMemo<(String, String)>,
}

/// Widths worked out so far (`None`: being worked out, a recursive ask).
type BitsMemo<K> = RefCell<HashMap<K, Option<Option<u32>>>>;

/// The file's own functions as the intra-procedural analysis asks about
/// them: what a free function called by its name returns.
pub(crate) trait FileFns {
    /// The bound, in bits, of what the file's free function `name` returns,
    /// worked out once per file by `work` on its item (none when the file
    /// declares no such function, or more than one).
    fn ret_bits(&self, name: &str, work: &mut dyn FnMut(&syn::ItemFn) -> Option<u32>) -> Option<u32>;
    /// An `impl` of the file for type `ty` (by its last segment) defines a
    /// method `name`: a call of `name` on a `ty` is that method (an
    /// inherent or trait method of the type's own comes before one its
    /// `Deref` target has).
    fn defines_method(&self, ty: &str, name: &str) -> bool;
    /// The bound, in bits, of every value the file writes into field
    /// `field` of its struct `owner`, worked out once per file by `work`
    /// on the file's items.
    fn written_bits(&self, owner: &str, field: &str, work: &mut dyn FnMut(&[syn::Item]) -> Option<u32>) -> Option<u32>;
}

impl FileFns for SemFile<'_> {
    fn ret_bits(&self, name: &str, work: &mut dyn FnMut(&syn::ItemFn) -> Option<u32>) -> Option<u32> {
        memoised(&self.ret_bits, name.to_string(), || {
            let mut found = Vec::new();
            free_fns(&self.lazy.ast.items, name, &mut found);
            match found.as_slice() {
                [f] => work(f),
                _ => None,
            }
        })
    }

    fn defines_method(&self, ty: &str, name: &str) -> bool {
        impl_defines(&self.lazy.ast.items, ty, name)
    }

    fn written_bits(&self, owner: &str, field: &str, work: &mut dyn FnMut(&[syn::Item]) -> Option<u32>) -> Option<u32> {
        memoised(&self.written_bits, (owner.to_string(), field.to_string()), || work(&self.lazy.ast.items))
    }
}

/// `key`'s answer in `memo`, worked out by `work` on first ask; an ask
/// while it is being worked out (a recursion) gets none.
fn memoised<K: std::hash::Hash + Eq + Clone>(
    memo: &BitsMemo<K>,
    key: K,
    work: impl FnOnce() -> Option<u32>,
) -> Option<u32> {
    if let Some(known) = memo.borrow().get(&key) {
        return known.flatten();
    }
    memo.borrow_mut().insert(key.clone(), None);
    let bits = work();
    memo.borrow_mut().insert(key, Some(bits));
    bits
}

/// Some `impl` for `ty` among `items` (and their inline modules) defines `name`.
fn impl_defines(items: &[syn::Item], ty: &str, name: &str) -> bool {
    items.iter().any(|item| match item {
        syn::Item::Impl(im) => {
            matches!(&*im.self_ty, syn::Type::Path(p) if p.path.segments.last().is_some_and(|s| s.ident == ty))
                && im.items.iter().any(|it| matches!(it, syn::ImplItem::Fn(f) if f.sig.ident == name))
        }
        syn::Item::Mod(m) => m.content.as_ref().is_some_and(|(_, items)| impl_defines(items, ty, name)),
        _ => false,
    })
}

/// The free functions named `name` among `items` and their inline modules.
fn free_fns<'i>(items: &'i [syn::Item], name: &str, out: &mut Vec<&'i syn::ItemFn>) {
    for item in items {
        match item {
            syn::Item::Fn(f) if f.sig.ident == name => out.push(f),
            syn::Item::Mod(m) => {
                if let Some((_, items)) = &m.content {
                    free_fns(items, name, out);
                }
            }
            _ => {}
        }
    }
}

/// What the taint engine asked of the semantic model in a file (`--stats`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) struct SemStats {
    /// Functions analysed.
    pub fns: u32,
    /// Bodies inferred (the rest needed no type or callee path).
    pub bodies: u32,
    /// Calls and method calls inferred (bodies are inferred as far as
    /// the questions reach); those resolved (target in
    /// the item index or a type model, or deferred to the join with a
    /// recipe).
    pub calls: u32,
    pub calls_resolved: u32,
    /// Method calls; those whose receiver type is known.
    pub methods: u32,
    pub receivers_known: u32,
}

impl<'a> SemFile<'a> {
    pub(crate) fn new(lazy: &'a LazySem<'a>) -> Self {
        SemFile {
            lazy,
            index: OnceCell::new(),
            stats: Cell::new(SemStats::default()),
            scope_caches: Cell::default(),
            ret_bits: RefCell::default(),
            written_bits: RefCell::default(),
        }
    }

    fn sem(&self) -> &'a FileSem {
        self.lazy.get()
    }

    fn index(&self) -> &CrateIndex<'a> {
        self.index.get_or_init(|| self.lazy.get().index(semantic::Models::get()))
    }
}

/// What the intra-procedural analysis asks of the semantic model about
/// one function (the lifetimes of the file's model stay behind it).
pub(crate) trait FnSemantic {
    /// What the model says about the call whose callee name (method name,
    /// or last segment of the called path) is at `name`; infers the body
    /// on first use.
    fn call_at(&mut self, name: Span) -> Option<&CallFact>;
    /// The body has been inferred.
    fn inferred(&self) -> bool;
    /// A parameter's type resolved in the fn's scope (through references):
    /// its canonical path, or `Err(last segment)` when nothing in the file
    /// places it (a glob import of an unmodelled crate).
    fn param_type(&self, ty: &syn::Type) -> Option<Result<String, String>>;
}

/// The calls of one function body, inferred on first use, and then only as
/// far as the questions reach: a top-level statement at a time, until the
/// one that holds the asked call is done (most questions come early in a
/// body, and many bodies are asked one).
pub(crate) struct FnSem<'f, 's> {
    file: &'f SemFile<'s>,
    f: FnLike<'f>,
    /// The calls of the statements inferred so far, by the callee name's
    /// position.
    calls: HashMap<(u32, u32), CallFact>,
    progress: Progress<'f>,
    /// What says which parameter types are worth resolving.
    models: &'f super::model::Models,
    imports: &'f crate::syntax::paths::Imports,
}

/// How far a body's inference has gone.
enum Progress<'f> {
    NotBegun,
    Under(Box<semantic::walk::FnWalk<'f>>),
    Done,
}

impl<'f, 's> FnSem<'f, 's> {
    pub(crate) fn new(
        file: &'f SemFile<'s>,
        f: FnLike<'f>,
        models: &'f super::model::Models,
        imports: &'f crate::syntax::paths::Imports,
    ) -> Self {
        let mut st = file.stats.get();
        st.fns += 1;
        file.stats.set(st);
        FnSem { file, f, calls: HashMap::default(), progress: Progress::NotBegun, models, imports }
    }

    /// Infer the body's next statement (beginning the body first); `false`
    /// when it is done.
    fn step(&mut self) -> bool {
        if matches!(self.progress, Progress::NotBegun) {
            let file = self.file;
            let inf = Infer::new(file.index(), &file.sem().scope, 0);
            let owner = match self.f.kind {
                FnKind::Method(imp) => Owner::Impl(imp),
                _ => Owner::Free,
            };
            self.progress =
                Progress::Under(Box::new(semantic::walk::FnWalk::new(inf, self.f.sig, self.f.block, owner)));
            let mut st = file.stats.get();
            st.bodies += 1;
            file.stats.set(st);
        }
        let Progress::Under(walk) = &mut self.progress else { return false };
        // The file's scope caches go with whichever of its bodies is being
        // inferred.
        walk.infer_mut().put_scope_caches(self.file.scope_caches.take());
        let mut facts = Vec::new();
        let more = walk.step(&mut facts);
        self.file.scope_caches.set(walk.infer_mut().take_scope_caches());
        if !more {
            self.progress = Progress::Done;
        }
        let mut st = self.file.stats.get();
        for c in facts {
            st.calls += 1;
            if c.target.is_resolved() || c.recipe.is_some() {
                st.calls_resolved += 1;
            }
            if c.is_method {
                st.methods += 1;
                if c.recv.as_ref().is_some_and(Ty::is_known) {
                    st.receivers_known += 1;
                }
            }
            self.calls.insert(c.pos, c);
        }
        self.file.stats.set(st);
        more
    }
}

impl FnSemantic for FnSem<'_, '_> {
    fn inferred(&self) -> bool {
        !matches!(self.progress, Progress::NotBegun)
    }

    fn call_at(&mut self, name: Span) -> Option<&CallFact> {
        let lc = name.start();
        let key = (lc.line as u32, lc.column as u32);
        // A token the parser's recovery made up (line 0) may share its
        // position with others: the whole body, whose last call there
        // answers, as before.
        while (key.0 == 0 || !self.calls.contains_key(&key)) && self.step() {}
        self.calls.get(&key)
    }

    fn param_type(&self, ty: &syn::Type) -> Option<Result<String, String>> {
        // Only a type that may be one the engine looks parameters up by is
        // resolved (which builds the file's model: most files never need it).
        let last = crate::rules::web::type_name(ty)?;
        if !self.models.may_name_param_type(&last) && !self.imports.is_rename(&last) {
            return None;
        }
        self.param_type_of(ty)
    }
}

/// Wrappers a method call sees through (autoderef to what they hold).
const WRAPPERS: &[&str] = &[
    "std::sync::Arc",
    "std::rc::Rc",
    "std::boxed::Box",
    "std::sync::MutexGuard",
    "std::sync::RwLockReadGuard",
    "std::sync::RwLockWriteGuard",
    "std::cell::Ref",
    "std::cell::RefMut",
    // Framework extractors that deref to what they hold.
    "actix_web::web::Data",
    "actix_web::web::Json",
    "actix_web::web::Path",
    "actix_web::web::Query",
    "actix_web::web::Form",
    "axum::extract::State",
    "axum::extract::Extension",
    "axum::Extension",
    "axum::Json",
    "axum::extract::Json",
    "axum::extract::Path",
    "axum::extract::Query",
    "axum::Form",
    "poem::web::Data",
    "poem::web::Json",
    "poem::web::Path",
    "poem::web::Query",
    "poem::web::Form",
    "rocket::State",
    "rocket::serde::json::Json",
];

/// A type as the path segments models name receiver types by: the
/// canonical path of an external type, `crate::…` for one of the crate's
/// own, the written path for one only the join can place; through
/// references, `Arc`, `Box` and lock guards.
pub(crate) fn type_segs(t: &Ty) -> Option<Vec<String>> {
    let mut t = t.strip_refs();
    for _ in 0..8 {
        match t {
            Ty::Path { def, args } if def.as_extern().is_some_and(|p| WRAPPERS.contains(&p)) => match args.first() {
                Some(inner) => t = inner.strip_refs(),
                None => return None,
            },
            _ => break,
        }
    }
    let Ty::Path { def, .. } = t else { return None };
    path_segs(def)
}

/// The segments of a resolved path (`None` for locals and unknowns).
pub(crate) fn path_segs(p: &SymPath) -> Option<Vec<String>> {
    match p {
        SymPath::Extern(s) => Some(s.split("::").map(str::to_string).collect()),
        SymPath::Crate(segs) => {
            Some(std::iter::once("crate").chain(segs.iter().map(|s| &**s)).map(String::from).collect())
        }
        SymPath::Rel { supers, segs } => {
            let mut v: Vec<String> =
                if *supers == 0 { vec!["self".into()] } else { vec!["super".into(); *supers as usize] };
            v.extend(segs.iter().map(|s| s.to_string()));
            Some(v)
        }
        _ => None,
    }
}

/// The canonical path of a modelled external callee (`sqlx::query`,
/// `sqlx::Executor::execute`).
pub(crate) fn extern_target(c: &CallFact) -> Option<&str> {
    match &c.target {
        Target::Extern(p) => Some(p),
        // A modelled external type's variant: `Text::Html(body)`.
        Target::Ctor(semantic::SymPath::Extern(p)) => Some(p),
        _ => None,
    }
}

impl FnSem<'_, '_> {
    fn param_type_of(&self, ty: &syn::Type) -> Option<Result<String, String>> {
        let p = match ty {
            syn::Type::Reference(r) => return self.param_type_of(&r.elem),
            syn::Type::Paren(p) => return self.param_type_of(&p.elem),
            syn::Type::Group(g) => return self.param_type_of(&g.elem),
            syn::Type::Path(p) if p.qself.is_none() => &p.path,
            _ => return None,
        };
        let scope = &self.file.sem().scope;
        let r = scope.resolve(scope.scope_of_block(self.f.block), p, semantic::Models::get());
        match &r.path {
            SymPath::Extern(c) => Some(Ok(semantic::Models::get().canonicalize(c).unwrap_or_else(|| c.to_string()))),
            SymPath::Unresolved { segs, .. } => segs.last().map(|l| Err(l.to_string())),
            _ => None,
        }
    }
}
