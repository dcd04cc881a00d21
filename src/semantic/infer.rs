//! Local type inference in one fn body ([`Infer`]).
//!
//! Usable incrementally by an evaluator that walks the body itself: call
//! [`Infer::begin_fn`] (binds `self` and the parameters), then, in
//! evaluation order, [`Infer::enter_block`]/[`Infer::exit_block`],
//! [`Infer::bind_let`], [`Infer::bind_pat`] (for-loops, match arms,
//! closures: [`Infer::closure_params`] says what a closure argument's
//! parameters are), and ask [`Infer::type_of`] and [`Infer::call`] as it
//! goes; shadowing follows the order of the calls. Or standalone:
//! [`super::walk::infer_fn`] walks a whole body and returns its calls.
//!
//! Sources of types: annotations, parameters, `self`, constructors
//! (`T::new`, `T { .. }`, tuple structs, variants), declared return types
//! of the crate's fns and methods (same file: concrete; other files:
//! deferred), models for external fns and methods, fields, `?`/`.await`/
//! `unwrap` peeling, references and derefs, closures (annotated params, or
//! the element type of the iterator/`Option`/`Result` they are given to),
//! patterns (tuple, struct, tuple-struct, slice, reference), `for` loops.

use rustc_hash::FxHashMap as HashMap;
use syn::{Expr, Pat};

use super::caches::ScopeCaches;
use super::index::{CrateIndex, FileId, Look};
use super::lower::{Lower, TyCx, generic_names, ident};
use super::models::Models;
use super::ops::Target;
use super::path::{Name, SymPath};
use super::scope::{FileScope, ScopeId};
use super::ty::{Op, SymTy, TraitRef, Ty};

/// Bound on expression nesting followed.
const MAX_DEPTH: u32 = 96;
/// Types deeper than this are forgotten (hostile input).
const MAX_TY_DEPTH: usize = 24;

/// The traits in scope with a method of a name (shared: cached per scope
/// and name, handed out per call), and whether one is checked at the join.
pub(super) type TraitCands = Option<(std::rc::Rc<[SymPath]>, bool)>;

/// Where a fn is declared.
#[derive(Clone, Copy)]
pub enum Owner<'a> {
    Free,
    Impl(&'a syn::ItemImpl),
    Trait(&'a syn::ItemTrait),
}

/// What a call expression calls, as far as this file tells.
#[derive(Clone, Debug, PartialEq)]
pub struct CallInfo {
    pub target: Target,
    /// The method call's receiver type.
    pub recv: Option<Ty>,
    /// What the call gives.
    pub ret: Ty,
    /// Resolved through the one trait in scope that has the method (the
    /// receiver's type unknown).
    pub via_scope_trait: bool,
    /// How the join can resolve it when the target is `Later`.
    pub recipe: Option<Recipe>,
}

/// How to resolve a call at the join.
#[derive(Clone, Debug, PartialEq)]
pub enum Recipe {
    /// Calling the fn, constructor or associated fn at this path.
    Path(SymPath),
    /// Calling method `name` on `recv`; `traits`: the traits in scope
    /// that may have it (for a receiver of unknown type).
    Method { recv: Ty, name: Name, traits: Vec<SymPath> },
}

#[derive(Default)]
pub(super) struct Frame {
    pub(super) locals: Vec<super::bind::Local>,
    /// `use` items of an inner block.
    pub(super) uses: Vec<(Name, SymPath)>,
}

/// Inference state for one fn body. `'a` is the lifetime of the index,
/// the scope and (for lazy bindings, [`Infer::bind_lazy`]) of the body.
pub struct Infer<'a> {
    pub(super) index: &'a CrateIndex<'a>,
    pub(super) scope: &'a FileScope,
    pub(super) models: &'a Models,
    pub(super) file: FileId,
    pub(super) scope_id: ScopeId,
    pub(super) frames: Vec<Frame>,
    /// Bindings whose type is worked out on first use.
    pub(super) lazy: super::bind::LazyState<'a>,
    self_ty: Option<Ty>,
    generics: Vec<(Name, Vec<TraitRef>)>,
    generic_names: Vec<Name>,
    memo: HashMap<usize, Ty>,
    /// Parsing macro arguments: their expressions are temporaries (no memo).
    pub(super) in_macro: u32,
    depth: u32,
    /// What the file's scopes answer, kept across its fns.
    pub(super) caches: ScopeCaches,
    /// Inner blocks' `use`s in effect (caches are bypassed).
    pub(super) overlay_uses: usize,
    /// The `{` of the fn body (its `use`s are in the body's scope).
    body_key: Option<(usize, usize)>,
}

impl<'a> Infer<'a> {
    /// Start with what an earlier inference of the same file and index
    /// learnt of its scopes ([`Infer::take_scope_caches`]).
    pub fn with_scope_caches(mut self, caches: ScopeCaches) -> Self {
        self.put_scope_caches(caches);
        self
    }

    /// Continue with what an earlier inference of the same file and index
    /// learnt of its scopes (one body inferred in steps hands them back
    /// between steps: [`walk::FnWalk`](super::walk::FnWalk)).
    pub fn put_scope_caches(&mut self, caches: ScopeCaches) {
        self.caches = caches;
    }

    /// What this inference learnt of the file's scopes, for the next fn.
    pub fn take_scope_caches(&mut self) -> ScopeCaches {
        std::mem::take(&mut self.caches)
    }

    /// Inference over `file` of `index` (the file's own partial index in a
    /// worker: `file` 0), with the file's scope.
    pub fn new(index: &'a CrateIndex<'a>, scope: &'a FileScope, file: FileId) -> Self {
        Infer {
            index,
            scope,
            models: index.models,
            file,
            scope_id: 0,
            frames: vec![Frame::default()],
            lazy: Default::default(),
            self_ty: None,
            generics: Vec::new(),
            generic_names: Vec::new(),
            memo: HashMap::default(),
            in_macro: 0,
            depth: 0,
            caches: ScopeCaches::default(),
            overlay_uses: 0,
            body_key: None,
        }
    }

    fn lower(&self) -> Lower<'a> {
        Lower { scope: self.scope, models: self.models }
    }

    fn cx(&self) -> TyCx<'_> {
        TyCx { scope: self.scope_id, generics: &self.generic_names }
    }

    /// Start a fn: its scope, `Self`, generics, and parameters bound.
    pub fn begin_fn(&mut self, sig: &syn::Signature, block: &syn::Block, owner: Owner<'_>) {
        self.begin(self.scope.scope_of_block(block), owner);
        let lc = block.brace_token.span.open().start();
        self.body_key = Some((lc.line, lc.column));
        self.bind_params(sig);
    }

    /// Start an initialiser (`const`, `static`, associated const) declared
    /// in `scope` (a module scope, see [`FileScope::module_scope`]).
    pub fn begin_init(&mut self, scope: ScopeId, owner: Owner<'_>) {
        self.begin(scope, owner);
    }

    fn begin(&mut self, scope: ScopeId, owner: Owner<'_>) {
        self.frames = vec![Frame::default()];
        self.lazy = Default::default();
        self.memo.clear();
        self.overlay_uses = 0;
        self.scope_id = scope;
        self.body_key = None;
        self.generics.clear();
        self.generic_names.clear();
        self.self_ty = None;
        let lw = self.lower();
        match owner {
            Owner::Free => {}
            Owner::Impl(i) => {
                self.generic_names.extend(generic_names(&i.generics));
                let g = lw.generics(&i.generics, self.cx());
                self.generics.extend(g);
                let st = lw.ty(&i.self_ty, self.cx());
                self.self_ty = Some(self.with_bounds(&st));
            }
            Owner::Trait(t) => {
                self.generic_names.extend(generic_names(&t.generics));
                let r = self.scope.resolve_segs(
                    self.scope.module_of(self.scope_id),
                    &[ident(&t.ident)],
                    false,
                    self.models,
                );
                let mut bounds = vec![TraitRef::new(r.path)];
                bounds.extend(lw.bounds(t.supertraits.iter(), self.cx()));
                self.self_ty = Some(Ty::Bounds(bounds));
            }
        }
    }

    /// Bind `self` and the parameters of a signature (its generics join
    /// those in effect).
    pub fn bind_params(&mut self, sig: &syn::Signature) {
        self.generic_names.extend(generic_names(&sig.generics));
        let lw = self.lower();
        let g = lw.generics(&sig.generics, self.cx());
        self.generics.extend(g);
        for a in &sig.inputs {
            match a {
                syn::FnArg::Receiver(r) => {
                    let st = self.self_ty.clone().unwrap_or_default();
                    let t = match &r.kind {
                        syn::ReceiverKind::Reference(_, _, m) => Ty::reference(st, m.is_some()),
                        syn::ReceiverKind::Typed(_, ty) => {
                            let lw = self.lower();
                            let t = lw.ty(ty, self.cx());
                            t.subst(Some(&st), &[], &[])
                        }
                        _ => st,
                    };
                    self.bind("self".into(), t);
                }
                syn::FnArg::Typed(pt) => {
                    let t = lw.ty(&pt.ty, self.cx());
                    let t = self.with_bounds(&t);
                    self.bind_pat(&pt.pat, t);
                }
            }
        }
    }

    /// Generic parameters with bounds become the traits they promise;
    /// `Self` the impl's type.
    fn with_bounds(&self, t: &Ty) -> Ty {
        if !t.has_vars() {
            return t.clone();
        }
        match t {
            Ty::SelfTy => self.self_ty.clone().unwrap_or(Ty::SelfTy),
            Ty::Param(n) => match self.generics.iter().find(|(g, _)| g == n) {
                Some((_, b)) if !b.is_empty() => Ty::Bounds(b.clone()),
                _ => t.clone(),
            },
            _ => t.map_children(&mut |c| self.with_bounds(c)),
        }
    }

    /// A new lexical frame (a block, a closure, a match arm).
    pub fn push_frame(&mut self) {
        self.frames.push(Frame::default());
    }

    pub fn pop_frame(&mut self) {
        if self.frames.len() > 1 {
            self.frames.pop();
        }
    }

    /// Enter a block: a frame, and the block's own `use` items (those of a
    /// fn's outermost block are already in its scope).
    pub fn enter_block(&mut self, block: &syn::Block) {
        self.push_frame();
        let lc = block.brace_token.span.open().start();
        if self.body_key == Some((lc.line, lc.column)) {
            return;
        }
        for s in &block.stmts {
            if let syn::Stmt::Item(syn::Item::Use(u)) = s {
                let mut prefix = Vec::new();
                self.block_use(&u.tree, &mut prefix, u.leading_colon.is_some());
            }
        }
        self.overlay_uses += self.frames.last().map_or(0, |f| f.uses.len());
    }

    pub fn exit_block(&mut self) {
        let uses = self.frames.last().map_or(0, |f| f.uses.len());
        self.pop_frame();
        self.overlay_uses = self.overlay_uses.saturating_sub(uses);
    }

    fn block_use(&mut self, tree: &syn::UseTree, prefix: &mut Vec<Name>, leading: bool) {
        match tree {
            syn::UseTree::Path(p) => {
                prefix.push(ident(&p.ident));
                self.block_use(&p.tree, prefix, leading);
                prefix.pop();
            }
            syn::UseTree::Name(n) => {
                let name = ident(&n.ident);
                let mut segs = prefix.clone();
                let local = if &*name == "self" { prefix.last().cloned() } else { Some(name.clone()) };
                if &*name != "self" {
                    segs.push(name);
                }
                if let Some(l) = local {
                    let p = self.resolve_segs(&segs, leading, true);
                    if let Some(f) = self.frames.last_mut() {
                        f.uses.push((l, p));
                    }
                }
            }
            syn::UseTree::Rename(r) => {
                let mut segs = prefix.clone();
                if r.ident != "self" {
                    segs.push(ident(&r.ident));
                }
                let p = self.resolve_segs(&segs, leading, true);
                if let Some(f) = self.frames.last_mut() {
                    f.uses.push((ident(&r.rename), p));
                }
            }
            syn::UseTree::Group(g) => {
                for t in &g.items {
                    self.block_use(t, prefix, leading);
                }
            }
            syn::UseTree::Glob(_) => {}
        }
    }

    /// Resolve a path as written at this point of the body.
    pub fn resolve_path(&self, path: &syn::Path) -> SymPath {
        let segs: Vec<Name> = path.segments.iter().map(|s| ident(&s.ident)).collect();
        self.resolve_segs(&segs, path.leading_colon.is_some(), false)
    }

    pub(super) fn resolve_segs(&self, segs: &[Name], leading: bool, is_use: bool) -> SymPath {
        if let Some(first) = segs.first().filter(|_| !leading) {
            for f in self.frames.iter().rev() {
                if let Some((_, p)) = f.uses.iter().rev().find(|(n, _)| n == first) {
                    return super::scope::append(p, &segs[1..]);
                }
            }
        }
        let r = self.scope.resolve_segs(self.scope_id, segs, leading, self.models);
        match r.path {
            SymPath::Unresolved { .. } if is_use => super::scope::extern_path(segs, self.models),
            p => p,
        }
    }

    /// Bind the names of a `let` (annotation first, else the initialiser).
    pub fn bind_let(&mut self, local: &syn::Local) {
        let init = local.init.as_ref().map(|i| self.type_of(&i.expr)).unwrap_or_default();
        self.bind_pat(&local.pat, init);
    }

    /// Bind the names of a pattern matched against a value of type `ty`.
    pub fn bind_pat(&mut self, pat: &Pat, ty: Ty) {
        match pat {
            Pat::Ident(pi) => {
                if let Some((_, sub)) = &pi.subpat {
                    self.bind_pat(sub, ty.clone());
                }
                let t = if pi.by_ref.is_some() { Ty::reference(ty, pi.mutability.is_some()) } else { ty };
                self.bind(ident(&pi.ident), t);
            }
            Pat::Type(pt) => {
                let lw = self.lower();
                let ann = self.with_bounds(&lw.ty(&pt.ty, self.cx()));
                let t = if has_holes(&ann) && ty.is_known() { ty } else { ann };
                self.bind_pat(&pt.pat, t);
            }
            Pat::Paren(p) => self.bind_pat(&p.pat, ty),
            Pat::Guard(g) => self.bind_pat(&g.pat, ty),
            Pat::Reference(r) => {
                let inner = match ty {
                    Ty::Ref { inner, .. } => *inner,
                    _ => Ty::Unknown,
                };
                self.bind_pat(&r.pat, inner);
            }
            Pat::Or(o) => {
                if let Some(first) = o.cases.first() {
                    self.bind_pat(first, ty);
                }
            }
            Pat::Tuple(t) => {
                let (inner, by_ref) = peel_ref(ty);
                let elems: Vec<Ty> = match inner {
                    Ty::Tuple(v) => v,
                    _ => Vec::new(),
                };
                self.bind_seq(t.elems.iter(), &elems, by_ref);
            }
            Pat::TupleStruct(ts) => {
                let (inner, by_ref) = peel_ref(ty);
                let ctor = self.resolve_path(&ts.path);
                let ctor = self.self_path(ctor);
                for (i, p) in ts.elems.iter().enumerate() {
                    if matches!(p, Pat::Rest(_)) {
                        break;
                    }
                    let f = self.pat_field(&inner, &ctor, &i.to_string());
                    self.bind_pat(p, wrap_ref(f, by_ref));
                }
            }
            Pat::Struct(ps) => {
                let (inner, by_ref) = peel_ref(ty);
                let ctor = self.resolve_path(&ps.path);
                let ctor = self.self_path(ctor);
                for fp in &ps.fields {
                    let name: Name = match &fp.member {
                        syn::Member::Named(n) => ident(n),
                        syn::Member::Unnamed(i) => i.index.to_string().into(),
                    };
                    let f = self.pat_field(&inner, &ctor, &name);
                    self.bind_pat(&fp.pat, wrap_ref(f, by_ref));
                }
            }
            Pat::Slice(s) => {
                let (inner, by_ref) = peel_ref(ty);
                let elem = self.elem_of(&inner);
                for p in &s.elems {
                    match p {
                        Pat::Ident(pi) if pi.subpat.as_ref().is_some_and(|(_, s)| matches!(&**s, Pat::Rest(_))) => {
                            self.bind(ident(&pi.ident), wrap_ref(Ty::Slice(Box::new(elem.clone())), by_ref));
                        }
                        _ => self.bind_pat(p, wrap_ref(elem.clone(), by_ref)),
                    }
                }
            }
            _ => {}
        }
    }

    fn bind_seq<'p>(&mut self, pats: impl Iterator<Item = &'p Pat>, elems: &[Ty], by_ref: Option<bool>) {
        let pats: Vec<&Pat> = pats.collect();
        let rest = pats.iter().position(|p| matches!(p, Pat::Rest(_)));
        for (i, p) in pats.iter().enumerate() {
            let idx = match rest {
                Some(r) if i > r => elems.len().checked_sub(pats.len() - i),
                _ => Some(i),
            };
            let t = idx.and_then(|i| elems.get(i)).cloned().unwrap_or_default();
            self.bind_pat(p, wrap_ref(t, by_ref));
        }
    }

    /// `Self(..)` / `Self { .. }` patterns and expressions name the impl's type.
    pub(super) fn self_path(&self, p: SymPath) -> SymPath {
        match (&p, &self.self_ty) {
            (SymPath::SelfTy(rest), Some(Ty::Path { def, .. })) => super::scope::append(def, rest),
            _ => p,
        }
    }

    fn pat_field(&self, ty: &Ty, ctor: &SymPath, field: &str) -> Ty {
        match self.index.pat_field(self.file, ty, ctor, field) {
            Look::Found(t) => t,
            Look::Later => Ty::sym(SymTy::PatField { ty: ty.clone(), ctor: ctor.clone(), field: field.into() }),
            Look::Missing => Ty::Unknown,
        }
    }

    /// The element type of a slice, array, `Vec`, … (for slice patterns).
    fn elem_of(&self, t: &Ty) -> Ty {
        self.deferred(self.index.apply(Op::Index, t), t, Op::Index)
    }

    /// A lookup's result, deferred when only the join can tell.
    pub(super) fn deferred(&self, r: Look<Ty>, t: &Ty, op: Op) -> Ty {
        match r {
            Look::Found(x) => x,
            Look::Later => Ty::sym(SymTy::Op(t.clone(), op)),
            Look::Missing => Ty::Unknown,
        }
    }

    /// The type of an expression (memoised per expression).
    pub fn type_of(&mut self, e: &Expr) -> Ty {
        let key = e as *const Expr as usize;
        if self.in_macro == 0
            && let Some(t) = self.memo.get(&key)
        {
            return t.clone();
        }
        if self.depth > MAX_DEPTH {
            return Ty::Unknown;
        }
        self.depth += 1;
        let t = self.compute(e);
        self.depth -= 1;
        let t = if t.depth() > MAX_TY_DEPTH { Ty::Unknown } else { t };
        if self.in_macro == 0 {
            self.memo.insert(key, t.clone());
        }
        t
    }

    fn compute(&mut self, e: &Expr) -> Ty {
        match e {
            Expr::Lit(l) => lit_ty(&l.lit),
            Expr::Path(p) => self.path_expr(p),
            Expr::Call(_) | Expr::MethodCall(_) => self.call(e).map(|c| c.ret).unwrap_or_default(),
            Expr::Field(f) => {
                let recv = self.type_of(&f.base);
                let name: Name = match &f.member {
                    syn::Member::Named(n) => ident(n),
                    syn::Member::Unnamed(i) => i.index.to_string().into(),
                };
                match self.index.field(&recv, &name) {
                    Look::Found(t) => t,
                    Look::Later => Ty::sym(SymTy::FieldOf(recv, name)),
                    Look::Missing => Ty::Unknown,
                }
            }
            Expr::Try(t) => {
                let inner = self.type_of(&t.expr);
                self.deferred(self.index.apply(Op::Try, &inner), &inner, Op::Try)
            }
            Expr::Await(a) => {
                let inner = self.type_of(&a.base);
                self.deferred(self.index.apply(Op::Await, &inner), &inner, Op::Await)
            }
            Expr::Reference(r) => Ty::reference(self.type_of(&r.expr), r.mutability.is_some()),
            Expr::Unary(u) => {
                let inner = self.type_of(&u.expr);
                match u.op {
                    syn::UnOp::Deref(_) => self.deferred(self.index.apply(Op::Deref, &inner), &inner, Op::Deref),
                    _ => inner,
                }
            }
            Expr::Binary(b) => self.binary(b),
            Expr::Paren(p) => self.type_of(&p.expr),
            Expr::Group(g) => self.type_of(&g.expr),
            Expr::Cast(c) => {
                let lw = self.lower();
                lw.ty(&c.ty, self.cx())
            }
            Expr::Block(b) => self.block_ty(&b.block),
            Expr::Unsafe(b) => self.block_ty(&b.block),
            Expr::Const(b) => self.block_ty(&b.block),
            Expr::Async(b) => Ty::future(self.block_ty(&b.block)),
            Expr::If(i) => {
                let t = self.block_ty(&i.then_branch);
                if t.is_known() {
                    return t;
                }
                match &i.else_branch {
                    Some((_, e)) => self.type_of(e),
                    None => t,
                }
            }
            Expr::Match(m) => {
                let scrut = self.type_of(&m.expr);
                for arm in &m.arms {
                    self.push_frame();
                    self.bind_pat(&arm.pat, scrut.clone());
                    let t = self.type_of(&arm.body);
                    self.pop_frame();
                    if t.is_known() {
                        return t;
                    }
                }
                Ty::Unknown
            }
            Expr::Closure(c) => self.closure_ty(c, &[]),
            Expr::Tuple(t) => Ty::Tuple(t.elems.iter().map(|e| self.type_of(e)).collect()),
            Expr::Array(a) => Ty::Array(Box::new(a.elems.first().map(|e| self.type_of(e)).unwrap_or_default())),
            Expr::Repeat(r) => Ty::Array(Box::new(self.type_of(&r.expr))),
            Expr::Struct(s) => {
                let p = self.self_path(self.resolve_path(&s.path));
                match &p {
                    SymPath::SelfTy(_) => self.self_ty.clone().unwrap_or_default(),
                    _ => self.index.call_path(self.file, &p, &[], &[]).1,
                }
            }
            Expr::Index(i) => {
                let base = self.type_of(&i.expr);
                let elem = self.deferred(self.index.apply(Op::Index, &base), &base, Op::Index);
                if matches!(&*i.index, Expr::Range(_)) {
                    // `v[a..b]`: a slice of the elements (`str` stays `str`).
                    return match &elem {
                        Ty::Path { def: SymPath::Extern(p), .. } if &**p == "str" => elem,
                        Ty::Unknown => Ty::Unknown,
                        _ => Ty::Slice(Box::new(elem)),
                    };
                }
                elem
            }
            Expr::Range(r) => {
                let bound = r.start.as_ref().or(r.end.as_ref()).map(|e| self.type_of(e)).unwrap_or_default();
                Ty::ext("std::ops::Range", vec![bound])
            }
            Expr::Return(_) | Expr::Break(_) | Expr::Continue(_) => Ty::Never,
            Expr::Let(_) => Ty::ext("bool", Vec::new()),
            Expr::Assign(_) | Expr::While(_) | Expr::ForLoop(_) => Ty::unit(),
            Expr::Loop(_) => Ty::Unknown,
            Expr::Macro(m) => self.macro_ty(&m.mac),
            _ => Ty::Unknown,
        }
    }

    fn binary(&mut self, b: &syn::ExprBinary) -> Ty {
        use syn::BinOp::*;
        match b.op {
            Eq(_) | Ne(_) | Lt(_) | Le(_) | Gt(_) | Ge(_) | And(_) | Or(_) => Ty::ext("bool", Vec::new()),
            AddAssign(_) | SubAssign(_) | MulAssign(_) | DivAssign(_) | RemAssign(_) | BitXorAssign(_)
            | BitAndAssign(_) | BitOrAssign(_) | ShlAssign(_) | ShrAssign(_) => Ty::unit(),
            _ => {
                let l = self.type_of(&b.left);
                let r = self.type_of(&b.right);
                match l.strip_refs() {
                    Ty::Path { def: SymPath::Extern(p), .. } if super::path::is_primitive(p) => l.strip_refs().clone(),
                    Ty::Path { def: SymPath::Extern(p), .. } if &**p == super::ty::STRING => Ty::string(),
                    _ if l.is_known() => l,
                    _ => r,
                }
            }
        }
    }

    /// The type of a block's value, its `let`s bound in a frame of their own.
    pub fn block_ty(&mut self, b: &syn::Block) -> Ty {
        self.enter_block(b);
        let mut t = Ty::unit();
        for (i, s) in b.stmts.iter().enumerate() {
            let last = i + 1 == b.stmts.len();
            match s {
                syn::Stmt::Local(l) => self.bind_let(l),
                syn::Stmt::Expr(e, semi) => {
                    let et = self.type_of(e);
                    if last && semi.is_none() {
                        t = et;
                    } else if matches!(et, Ty::Never) {
                        t = Ty::Never;
                    }
                }
                syn::Stmt::Macro(m) if last && m.semi_token.is_none() => t = self.macro_ty(&m.mac),
                _ => {}
            }
        }
        self.exit_block();
        t
    }

    /// A closure's type; `params` are the types its context gives its
    /// parameters (annotations win).
    pub fn closure_ty(&mut self, c: &syn::ExprClosure, params: &[Ty]) -> Ty {
        self.push_frame();
        let mut ps = Vec::new();
        for (i, p) in c.inputs.iter().enumerate() {
            let given = params.get(i).cloned().unwrap_or_default();
            self.bind_pat(p, given.clone());
            ps.push(match p {
                Pat::Type(pt) => self.lower().ty(&pt.ty, self.cx()),
                _ => given,
            });
        }
        let ret = match &c.output {
            syn::ReturnType::Type(_, t) => self.lower().ty(t, self.cx()),
            syn::ReturnType::Default => self.type_of(&c.body),
        };
        self.pop_frame();
        let ret = if c.asyncness.is_some() { Ty::future(ret) } else { ret };
        Ty::Fn { params: ps, ret: Box::new(ret) }
    }

    fn path_expr(&mut self, p: &syn::ExprPath) -> Ty {
        if p.qself.is_some() {
            return Ty::Unknown;
        }
        if let Some(id) = p.path.get_ident() {
            let n = id.to_string();
            if let Some(t) = self.local(&n) {
                return t;
            }
        }
        let path = self.self_path(self.resolve_path(&p.path));
        match &path {
            SymPath::SelfTy(rest) if rest.is_empty() => self.self_ty.clone().unwrap_or_default(),
            SymPath::SelfTy(_) => Ty::Unknown,
            _ => match self.index.path_value(self.file, &path) {
                Look::Found(t) => t,
                Look::Later => Ty::sym(SymTy::PathTy(path)),
                Look::Missing => Ty::Unknown,
            },
        }
    }

    /// Expressions parsed from a macro's arguments are temporaries: infer
    /// them between `enter_macro` and `exit_macro` (nothing is memoised
    /// for them, and calls are marked as in a macro).
    pub fn enter_macro(&mut self) {
        self.in_macro += 1;
    }

    pub fn exit_macro(&mut self) {
        self.in_macro = self.in_macro.saturating_sub(1);
    }

    /// What `for pat in iterable` binds `pat` to.
    pub fn item_of(&mut self, iterable: &Expr) -> Ty {
        let t = self.type_of(iterable);
        self.deferred(self.index.iter_item(&t), &t, Op::IterItem)
    }

    /// The self type of the fn being inferred.
    pub fn self_ty(&self) -> Option<&Ty> {
        self.self_ty.as_ref()
    }

    /// A generic parameter of the fn or impl being inferred.
    pub(super) fn is_generic(&self, name: &str) -> bool {
        self.generic_names.iter().any(|g| &**g == name)
    }

    pub(super) fn generic_bounds(&self, name: &str) -> Option<&[TraitRef]> {
        self.generics.iter().find(|(g, _)| &**g == name).map(|(_, b)| b.as_slice())
    }

    /// A type as written here (generics with their bounds).
    pub fn lower_ty(&self, t: &syn::Type) -> Ty {
        let t = self.lower().ty(t, self.cx());
        self.with_bounds(&t)
    }
}

fn has_holes(t: &Ty) -> bool {
    match t {
        Ty::Unknown => true,
        Ty::Path { args, .. } | Ty::Tuple(args) => args.iter().any(has_holes),
        Ty::Ref { inner, .. } | Ty::Slice(inner) | Ty::Array(inner) => has_holes(inner),
        _ => false,
    }
}

/// `(T, Some(mutable))` for `&T`/`&mut T` (default binding mode).
fn peel_ref(t: Ty) -> (Ty, Option<bool>) {
    match t {
        Ty::Ref { mutable, inner } => {
            let (i, _) = peel_ref(*inner);
            (i, Some(mutable))
        }
        other => (other, None),
    }
}

fn wrap_ref(t: Ty, by_ref: Option<bool>) -> Ty {
    match by_ref {
        Some(m) if t.is_known() && !matches!(t, Ty::Ref { .. }) => Ty::reference(t, m),
        _ => t,
    }
}

pub(super) fn lit_ty(l: &syn::Lit) -> Ty {
    match l {
        syn::Lit::Str(_) => Ty::str_ref(),
        syn::Lit::ByteStr(_) => Ty::reference(Ty::Slice(Box::new(Ty::ext("u8", Vec::new()))), false),
        syn::Lit::CStr(_) => Ty::reference(Ty::ext("std::ffi::CStr", Vec::new()), false),
        syn::Lit::Byte(_) => Ty::ext("u8", Vec::new()),
        syn::Lit::Char(_) => Ty::ext("char", Vec::new()),
        syn::Lit::Bool(_) => Ty::ext("bool", Vec::new()),
        syn::Lit::Int(i) => Ty::ext(if i.suffix().is_empty() { "i32" } else { i.suffix() }, Vec::new()),
        syn::Lit::Float(f) => Ty::ext(if f.suffix().is_empty() { "f64" } else { f.suffix() }, Vec::new()),
        _ => Ty::Unknown,
    }
}
