//! Standalone inference: walk whole bodies and record every call
//! ([`CallFact`], owned, per file), then resolve them at the join
//! ([`CrateIndex::resolve_call`]). Used by tests and the statistics; the
//! taint engine drives [`Infer`] itself.

use syn::{Expr, Item, Stmt};

use super::index::{CrateIndex, FileId, Look};
use super::infer::{CallInfo, Infer, Owner, Recipe};
use super::infer_call::peel;
use super::items::FileItems;
use super::models::Models;
use super::ops::Target;
use super::path::Name;
use super::scope::FileScope;
use super::ty::Ty;

/// One call expression of a file, as the worker saw it.
#[derive(Clone, Debug, PartialEq)]
pub struct CallFact {
    /// Line (1-based) and column of the callee's name.
    pub pos: (u32, u32),
    pub is_method: bool,
    /// Method name, or the last segment of the called path.
    pub name: Name,
    /// Final when external, a constructor, local or unresolved; `Later`
    /// with a recipe otherwise (crate items are resolved at the join).
    pub target: Target,
    pub recv: Option<Ty>,
    /// What the call gives (`Unknown` when inference cannot tell).
    pub ret: Ty,
    pub via_scope_trait: bool,
    pub recipe: Option<Recipe>,
    /// Written inside a macro's arguments (`format!("{}", x.f())`).
    pub in_macro: bool,
}

/// Infer every body of a parsed file (fns, methods, default trait
/// methods, nested fns, const and static initialisers) and record its
/// calls.
pub fn infer_file(file: &syn::File, items: &FileItems, scope: &FileScope, models: &Models) -> Vec<CallFact> {
    let index = CrateIndex::partial(items, models);
    let mut inf = Infer::new(&index, scope, 0);
    let mut w = Walk { inf: &mut inf, out: Vec::new(), nested: Vec::new() };
    w.items(&file.items, 0);
    while let Some((i, scope)) = w.nested.pop() {
        w.items(std::slice::from_ref(i), scope);
    }
    w.out
}

/// Infer one fn body with an [`Infer`] (any index) and record its calls.
pub fn infer_fn(inf: &mut Infer<'_>, sig: &syn::Signature, block: &syn::Block, owner: Owner<'_>) -> Vec<CallFact> {
    let mut w = Walk { inf, out: Vec::new(), nested: Vec::new() };
    w.inf.begin_fn(sig, block, owner);
    w.block(block);
    w.out
}

/// One fn body inferred a top-level statement at a time, as far as the
/// questions asked of it need: the calls of the statements walked are
/// exactly those a whole-body walk ([`infer_fn`]) records for them, since
/// what a statement's inference sees was bound by the statements before it.
pub struct FnWalk<'a> {
    inf: Infer<'a>,
    stmts: std::slice::Iter<'a, Stmt>,
}

impl<'a> FnWalk<'a> {
    /// Begin the body: its scope, `Self`, generics, parameters, and the
    /// body block's `use`s.
    pub fn new(mut inf: Infer<'a>, sig: &syn::Signature, block: &'a syn::Block, owner: Owner<'_>) -> Self {
        inf.begin_fn(sig, block, owner);
        inf.enter_block(block);
        FnWalk { inf, stmts: block.stmts.iter() }
    }

    /// Infer the next statement and append its calls to `out`; `false`
    /// when the body is done.
    pub fn step(&mut self, out: &mut Vec<CallFact>) -> bool {
        let Some(s) = self.stmts.next() else { return false };
        let mut w = Walk { inf: &mut self.inf, out: std::mem::take(out), nested: Vec::new() };
        w.stmt(s);
        *out = w.out;
        true
    }

    /// The inference, for its scope caches.
    pub fn infer_mut(&mut self) -> &mut Infer<'a> {
        &mut self.inf
    }
}

struct Walk<'w, 'a, 'ast> {
    inf: &'w mut Infer<'a>,
    out: Vec<CallFact>,
    /// Items declared inside bodies (with the body's scope), walked after
    /// the body.
    nested: Vec<(&'ast Item, super::scope::ScopeId)>,
}

impl<'ast> Walk<'_, '_, 'ast> {
    fn items(&mut self, items: &'ast [Item], scope: super::scope::ScopeId) {
        for item in items {
            match item {
                Item::Fn(f) => self.body(&f.sig, &f.block, Owner::Free),
                Item::Impl(i) => {
                    for ii in &i.items {
                        match ii {
                            syn::ImplItem::Fn(f) => self.body(&f.sig, &f.block, Owner::Impl(i)),
                            syn::ImplItem::Const(c) => self.init(&c.expr, scope, Owner::Impl(i)),
                            _ => {}
                        }
                    }
                }
                Item::Trait(t) => {
                    for ti in &t.items {
                        if let syn::TraitItem::Fn(f) = ti
                            && let Some(b) = &f.default
                        {
                            self.body(&f.sig, b, Owner::Trait(t));
                        }
                    }
                }
                Item::Mod(m) => {
                    if let Some((_, inner)) = &m.content {
                        let mut path = self.inf.scope.path_of(scope).to_vec();
                        path.push(super::lower::ident(&m.ident));
                        let inner_scope = self.inf.scope.module_scope(&path).unwrap_or(scope);
                        self.items(inner, inner_scope);
                    }
                }
                Item::Const(c) => self.init(&c.expr, scope, Owner::Free),
                Item::Static(s) => self.init(&s.expr, scope, Owner::Free),
                _ => {}
            }
        }
    }

    fn body(&mut self, sig: &syn::Signature, block: &'ast syn::Block, owner: Owner<'_>) {
        self.inf.begin_fn(sig, block, owner);
        self.block(block);
    }

    /// A const or static initialiser (no fn around it).
    fn init(&mut self, e: &'ast Expr, scope: super::scope::ScopeId, owner: Owner<'_>) {
        self.inf.begin_init(scope, owner);
        self.expr(e);
    }

    fn block(&mut self, b: &'ast syn::Block) {
        self.inf.enter_block(b);
        for s in &b.stmts {
            self.stmt(s);
        }
        self.inf.exit_block();
    }

    fn stmt(&mut self, s: &'ast Stmt) {
        match s {
            Stmt::Local(l) => {
                if let Some(init) = &l.init {
                    self.expr(&init.expr);
                    if let Some((_, els)) = &init.diverge {
                        self.expr(els);
                    }
                }
                self.inf.bind_let(l);
            }
            Stmt::Expr(e, _) => self.expr(e),
            Stmt::Macro(m) => self.mac(&m.mac),
            Stmt::Item(i) => self.nested.push((i, self.inf.scope_id)),
        }
    }

    fn record(&mut self, e: &Expr, info: CallInfo) {
        let (pos, is_method, name) = match e {
            Expr::MethodCall(m) => {
                let lc = m.method.span().start();
                ((lc.line as u32, lc.column as u32), true, Name::from(m.method.to_string().as_str()))
            }
            Expr::Call(c) => {
                let (span, name) = match peel(&c.func) {
                    Expr::Path(p) => match p.path.segments.last() {
                        Some(s) => (s.ident.span(), Name::from(s.ident.to_string().as_str())),
                        None => (proc_macro2::Span::call_site(), Name::from("")),
                    },
                    _ => (proc_macro2::Span::call_site(), Name::from("")),
                };
                let lc = span.start();
                ((lc.line as u32, lc.column as u32), false, name)
            }
            _ => return,
        };
        // Crate fns found in the worker's own index are named again at the
        // join (their references are the worker's).
        let target = match info.target {
            Target::Fn(_) => Target::Later,
            other => other,
        };
        self.out.push(CallFact {
            pos,
            is_method,
            name,
            target,
            recv: info.recv,
            ret: info.ret,
            via_scope_trait: info.via_scope_trait,
            recipe: info.recipe,
            in_macro: self.inf.in_macro > 0,
        });
    }

    fn expr(&mut self, e: &'ast Expr) {
        match e {
            Expr::Call(c) => self.call(e, c),
            Expr::MethodCall(m) => self.method_call(e, m),
            Expr::Closure(c) => self.closure(c, &[]),
            Expr::Block(b) => self.block(&b.block),
            Expr::Unsafe(b) => self.block(&b.block),
            Expr::Const(b) => self.block(&b.block),
            Expr::Async(b) => self.block(&b.block),
            Expr::TryBlock(b) => self.block(&b.block),
            Expr::Loop(l) => self.block(&l.body),
            Expr::If(_) | Expr::While(_) | Expr::ForLoop(_) | Expr::Match(_) => self.branch(e),
            Expr::Let(l) => {
                self.expr(&l.expr);
                let t = self.inf.type_of(&l.expr);
                self.inf.bind_pat(&l.pat, t);
            }
            Expr::Macro(m) => self.mac(&m.mac),
            Expr::Binary(b) => {
                self.expr(&b.left);
                self.expr(&b.right);
            }
            Expr::Assign(a) => {
                self.expr(&a.left);
                self.expr(&a.right);
            }
            Expr::Index(i) => {
                self.expr(&i.expr);
                self.expr(&i.index);
            }
            Expr::Range(r) => {
                if let Some(s) = &r.start {
                    self.expr(s);
                }
                if let Some(s) = &r.end {
                    self.expr(s);
                }
            }
            Expr::Tuple(t) => t.elems.iter().for_each(|x| self.expr(x)),
            Expr::Array(a) => a.elems.iter().for_each(|x| self.expr(x)),
            Expr::Struct(s) => {
                for f in &s.fields {
                    self.expr(&f.expr);
                }
                if let Some(r) = &s.rest {
                    self.expr(r);
                }
            }
            Expr::Repeat(r) => {
                self.expr(&r.expr);
                self.expr(&r.len);
            }
            Expr::Unary(u) => self.expr(&u.expr),
            Expr::Paren(p) => self.expr(&p.expr),
            Expr::Group(g) => self.expr(&g.expr),
            Expr::Field(f) => self.expr(&f.base),
            Expr::Try(t) => self.expr(&t.expr),
            Expr::Await(a) => self.expr(&a.base),
            Expr::Reference(r) => self.expr(&r.expr),
            Expr::RawAddr(r) => self.expr(&r.expr),
            Expr::Cast(c) => self.expr(&c.expr),
            Expr::Return(r) => {
                if let Some(x) = &r.expr {
                    self.expr(x);
                }
            }
            Expr::Break(b) => {
                if let Some(x) = &b.expr {
                    self.expr(x);
                }
            }
            Expr::Yield(y) => {
                if let Some(x) = &y.expr {
                    self.expr(x);
                }
            }
            _ => {}
        }
    }

    fn call(&mut self, e: &'ast Expr, c: &'ast syn::ExprCall) {
        if let Some(info) = self.inf.call(e) {
            self.record(e, info);
        }
        if !matches!(peel(&c.func), Expr::Path(_)) {
            self.expr(&c.func);
        }
        for a in &c.args {
            self.expr(a);
        }
    }

    fn method_call(&mut self, e: &'ast Expr, m: &'ast syn::ExprMethodCall) {
        if let Some(info) = self.inf.call(e) {
            self.record(e, info);
        }
        self.expr(&m.receiver);
        for (i, a) in m.args.iter().enumerate() {
            match peel(a) {
                Expr::Closure(c) => {
                    let params = self.inf.closure_params(m, i);
                    self.closure(c, &params);
                }
                _ => self.expr(a),
            }
        }
    }

    /// `if`, `while`, `for` and `match`: what their patterns and conditions
    /// bind holds in a frame of its own.
    fn branch(&mut self, e: &'ast Expr) {
        match e {
            Expr::If(i) => {
                self.inf.push_frame();
                self.cond(&i.cond);
                self.block(&i.then_branch);
                self.inf.pop_frame();
                if let Some((_, els)) = &i.else_branch {
                    self.expr(els);
                }
            }
            Expr::While(w) => {
                self.inf.push_frame();
                self.cond(&w.cond);
                self.block(&w.body);
                self.inf.pop_frame();
            }
            Expr::ForLoop(f) => {
                self.expr(&f.expr);
                let item = self.inf.item_of(&f.expr);
                self.inf.push_frame();
                self.inf.bind_pat(&f.pat, item);
                self.block(&f.body);
                self.inf.pop_frame();
            }
            Expr::Match(m) => {
                self.expr(&m.expr);
                let scrut = self.inf.type_of(&m.expr);
                for arm in &m.arms {
                    self.inf.push_frame();
                    self.inf.bind_pat(&arm.pat, scrut.clone());
                    if let syn::Pat::Guard(g) = &arm.pat {
                        self.expr(&g.guard);
                    }
                    self.expr(&arm.body);
                    self.inf.pop_frame();
                }
            }
            _ => {}
        }
    }

    /// A condition: its `let`s bind in the current frame.
    fn cond(&mut self, c: &'ast Expr) {
        match c {
            Expr::Binary(b) if matches!(b.op, syn::BinOp::And(_)) => {
                self.cond(&b.left);
                self.cond(&b.right);
            }
            other => self.expr(other),
        }
    }

    fn closure(&mut self, c: &'ast syn::ExprClosure, params: &[Ty]) {
        self.inf.push_frame();
        for (i, p) in c.inputs.iter().enumerate() {
            self.inf.bind_pat(p, params.get(i).cloned().unwrap_or_default());
        }
        self.expr(&c.body);
        self.inf.pop_frame();
    }

    fn mac(&mut self, m: &syn::Macro) {
        let args = macro_exprs(m);
        if args.is_empty() {
            return;
        }
        self.inf.in_macro += 1;
        // The parsed arguments are temporaries: walk them, keep nothing.
        let mut w = Walk { inf: &mut *self.inf, out: Vec::new(), nested: Vec::new() };
        for a in args.iter() {
            w.expr(a);
        }
        let out = w.out;
        self.out.extend(out);
        self.inf.in_macro -= 1;
    }
}

/// The expressions of a macro call whose arguments are expressions
/// (`format!`, `println!`, `assert_eq!`, `vec!`, `write!`, user macros
/// written like calls); empty when they are not.
pub(crate) fn macro_exprs(m: &syn::Macro) -> MacroExprs {
    use syn::parse::Parser;
    use syn::punctuated::Punctuated;
    if m.tokens.is_empty() {
        return MacroExprs::Own(Vec::new());
    }
    // The walker and the taint engine parse the same call's arguments (once
    // per file, `parse_args_cached`): when theirs are the plain comma list,
    // they are these.
    if !matches!(m.delimiter, syn::MacroDelimiter::Brace(_)) || m.path.is_ident("vec") {
        let (args, plain) = crate::syntax::macros::parse_args_cached_how(m);
        if plain {
            return MacroExprs::Shared(args);
        }
    }
    let comma = Punctuated::<Expr, syn::Token![,]>::parse_terminated;
    if let Ok(p) = comma.parse2(m.tokens.clone()) {
        return MacroExprs::Own(p.into_iter().collect());
    }
    // `vec![x; n]`
    let repeat = |input: syn::parse::ParseStream<'_>| -> syn::Result<Vec<Expr>> {
        let a: Expr = input.parse()?;
        input.parse::<syn::Token![;]>()?;
        let b: Expr = input.parse()?;
        Ok(vec![a, b])
    };
    MacroExprs::Own(repeat.parse2(m.tokens.clone()).unwrap_or_default())
}

/// A macro call's argument expressions ([`macro_exprs`]): shared with the
/// file's other readers of the same call, or parsed here.
pub(crate) enum MacroExprs {
    Shared(std::rc::Rc<Vec<crate::syntax::macros::MacroArg>>),
    Own(Vec<Expr>),
}

impl MacroExprs {
    pub(crate) fn iter(&self) -> impl Iterator<Item = &Expr> {
        let (shared, own): (&[crate::syntax::macros::MacroArg], &[Expr]) = match self {
            MacroExprs::Shared(v) => (v, &[]),
            MacroExprs::Own(v) => (&[], v),
        };
        shared.iter().map(|a| &a.expr).chain(own)
    }

    pub(crate) fn first(&self) -> Option<&Expr> {
        self.iter().next()
    }

    pub(crate) fn is_empty(&self) -> bool {
        self.first().is_none()
    }
}

impl CrateIndex<'_> {
    /// Resolve a call recorded in a worker for file `file` of this index:
    /// its target, and its receiver's type (for method calls).
    pub fn resolve_call(&self, file: FileId, c: &CallFact) -> (Target, Option<Ty>) {
        let recv = c.recv.as_ref().map(|r| self.eval(&self.absolutize(file, r)));
        match &c.recipe {
            None => (c.target.clone(), recv),
            Some(Recipe::Path(p)) => (self.call_path(file, p, &[], &[]).0, recv),
            Some(Recipe::Method { recv: r, name, traits }) => {
                let rt = self.eval(&self.absolutize(file, r));
                match self.method(&rt, name) {
                    Look::Found(h) => (h.target, Some(rt)),
                    _ if !traits.is_empty() => {
                        let cands: Vec<_> = traits.iter().map(|t| self.abs_path(file, t)).collect();
                        let cands = self.scope_candidates(&rt, &cands);
                        match self.scope_trait_method(&rt, name, &cands) {
                            Some(h) => (h.target, Some(rt)),
                            None => (Target::Unresolved, Some(rt)),
                        }
                    }
                    _ => (Target::Unresolved, Some(rt)),
                }
            }
        }
    }
}
