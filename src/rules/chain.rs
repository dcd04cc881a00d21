//! Method chains and local bindings, the shapes configuration code takes:
//! `Cookie::build(..).secure(false).build()`, `Client::builder()...build()?`,
//! `let mut v = Validation::default(); v.validate_exp = false;`.
//!
//! - [`down`] walks from a method call to the root of its chain;
//! - [`up`] walks from the node being checked to the calls applied to it
//!   and to where the value goes ([`Dest`]), using the walker's ancestor
//!   stack;
//! - [`local_init`], [`calls_on`] and [`is_reassigned`] answer questions about
//!   a local variable within the enclosing function.

use syn::visit::{self, Visit};
use syn::{Block, Expr, ExprMethodCall, Local, Pat};

use super::cx::{Ancestor, Cx};
use crate::syntax::FnLike;

/// Identity of an expression node, for comparing a child with the
/// expressions its parent holds (the walker hands rules `&ExprCall`,
/// `&ExprMethodCall`, … rather than the enclosing `&Expr`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct NodeId(usize);

impl NodeId {
    pub(crate) fn of_expr(e: &Expr) -> Self {
        match e {
            Expr::Call(c) => Self::of(c),
            Expr::MethodCall(m) => Self::of(m),
            Expr::Macro(m) => Self::of(&m.mac),
            Expr::Lit(l) => Self::of(&l.lit),
            Expr::Path(p) => Self::of(p),
            _ => Self::of(e),
        }
    }

    /// The id of a node's payload (`&ExprCall`, `&ExprMethodCall`,
    /// `&syn::Macro`, `&syn::Lit`, `&ExprPath`).
    pub(crate) fn of<T>(node: &T) -> Self {
        NodeId(node as *const T as usize)
    }
}

/// A method chain: its root (the first receiver that is not a method call)
/// and its calls, root-most first.
#[derive(Debug)]
pub(crate) struct Chain<'ast> {
    pub root: &'ast Expr,
    pub calls: Vec<&'ast ExprMethodCall>,
}

impl<'ast> Chain<'ast> {
    /// The first call of this name.
    pub(crate) fn find(&self, name: &str) -> Option<&'ast ExprMethodCall> {
        self.calls.iter().copied().find(|m| m.method == name)
    }

    pub(crate) fn has(&self, name: &str) -> bool {
        self.find(name).is_some()
    }
}

/// Strip what does not change a value in a chain: `(..)`, `?`, `.await`.
fn transparent(e: &Expr) -> Option<&Expr> {
    match e {
        Expr::Paren(p) => Some(&p.expr),
        Expr::Group(g) => Some(&g.expr),
        Expr::Try(t) => Some(&t.expr),
        Expr::Await(a) => Some(&a.base),
        _ => None,
    }
}

/// Walk from a method call down its receivers (through `?`, `.await` and
/// parentheses) to the root of the chain.
pub(crate) fn down(m: &ExprMethodCall) -> Chain<'_> {
    let mut calls = vec![m];
    let mut e: &Expr = &m.receiver;
    loop {
        match e {
            Expr::MethodCall(inner) => {
                calls.push(inner);
                e = &inner.receiver;
            }
            other => match transparent(other) {
                Some(inner) => e = inner,
                None => break,
            },
        }
    }
    calls.reverse();
    Chain { root: e, calls }
}

/// Where a value goes, as far as syntax shows.
#[derive(Debug, Clone)]
pub(crate) enum Dest<'ast> {
    /// `let name = value;`
    Let(String, &'ast Local),
    /// `name = value` or `x.name = value`.
    Assign(String),
    /// `S { name: value }`: the field and the struct's last path segment.
    Field(String, String),
    /// An argument of a call or method call: the callee's last segment.
    Arg(String),
    /// The value of the enclosing function (`return value` or its tail).
    Return(String),
}

impl Dest<'_> {
    /// The name that describes the value (binding, field, callee or function).
    pub(crate) fn name(&self) -> &str {
        match self {
            Dest::Let(n, _) | Dest::Assign(n) | Dest::Field(n, _) | Dest::Arg(n) | Dest::Return(n) => n,
        }
    }
}

/// The calls applied to a node (it is their receiver, through `?`,
/// `.await` and parentheses), innermost first, and where the resulting
/// value goes.
#[derive(Debug)]
pub(crate) struct Up<'ast> {
    pub calls: Vec<&'ast ExprMethodCall>,
    pub dest: Option<Dest<'ast>>,
}

impl<'ast> Up<'ast> {
    pub(crate) fn find(&self, name: &str) -> Option<&'ast ExprMethodCall> {
        self.calls.iter().copied().find(|m| m.method == name)
    }
}

/// Macros whose value carries their arguments (`format!("{token}")`).
const CARRYING_MACROS: &[&str] = &["format", "vec", "concat"];

/// Calls that wrap a value without changing what it is.
const WRAPPERS: &[&str] = &["Some", "Ok", "Box", "Arc", "Rc", "new", "from", "String", "to_string"];

/// Walk up from the node `id` (the node being checked): through the calls
/// applied to it and through transparent wrappers, to its destination.
pub(crate) fn up<'ast>(cx: &Cx<'_, 'ast>, id: NodeId) -> Up<'ast> {
    up_at(cx, id, 0)
}

/// [`up`] for an enclosing node: `id` is the node `depth` levels up the
/// ancestor stack (`depth` 0 is the node being checked).
pub(crate) fn up_at<'ast>(cx: &Cx<'_, 'ast>, id: NodeId, depth: usize) -> Up<'ast> {
    let mut calls = Vec::new();
    let mut cur = id;
    let mut dest = None;
    let mut last_expr: Option<&'ast Expr> = None;
    let mut in_closure = false;
    for anc in cx.ancestors().skip(depth) {
        let e = match anc {
            Ancestor::Local(l) => {
                dest = pat_name(&l.pat).map(|n| Dest::Let(n, l));
                break;
            }
            Ancestor::Expr(e) => e,
        };
        let next = NodeId::of_expr(e);
        match e {
            Expr::MethodCall(m) if NodeId::of_expr(&m.receiver) == cur || through(&m.receiver, cur) => {
                calls.push(m);
            }
            Expr::MethodCall(m) if in_closure && m.args.iter().any(|a| matches!(a, Expr::Closure(_))) => {
                // `(0..n).map(|_| rng.gen_range(..)).collect()`: the closure's
                // value becomes the elements of the chain's result.
                in_closure = false;
                if !ITERATOR_ADAPTERS.contains(&m.method.to_string().as_str()) {
                    break;
                }
            }
            Expr::MethodCall(m) => {
                if m.args.iter().any(|a| NodeId::of_expr(a) == cur || through(a, cur)) {
                    dest = Some(Dest::Arg(m.method.to_string()));
                }
                break;
            }
            Expr::Closure(c) if NodeId::of_expr(&c.body) == cur || through(&c.body, cur) => {
                in_closure = true;
            }
            Expr::Block(_) if in_block_tail(e, cur) => {}
            Expr::Index(i) if NodeId::of_expr(&i.index) == cur || through(&i.index, cur) => {}
            Expr::Paren(_) | Expr::Group(_) | Expr::Try(_) | Expr::Await(_) | Expr::Reference(_) | Expr::Cast(_) => {}
            Expr::Macro(m) => {
                let name = m.mac.path.segments.last().map(|s| s.ident.to_string()).unwrap_or_default();
                if !CARRYING_MACROS.contains(&name.as_str()) {
                    break;
                }
            }
            Expr::Call(c) => {
                let callee = match &*c.func {
                    Expr::Path(p) => p.path.segments.last().map(|s| s.ident.to_string()).unwrap_or_default(),
                    _ => String::new(),
                };
                if !c.args.iter().any(|a| NodeId::of_expr(a) == cur || through(a, cur)) {
                    break;
                }
                if !WRAPPERS.contains(&callee.as_str()) {
                    dest = Some(Dest::Arg(callee));
                    break;
                }
            }
            Expr::Assign(a) => {
                if NodeId::of_expr(&a.right) == cur || through(&a.right, cur) {
                    dest = target_name(&a.left).map(Dest::Assign);
                }
                break;
            }
            Expr::Struct(s) => {
                if let Some(f) = s.fields.iter().find(|f| NodeId::of_expr(&f.expr) == cur || through(&f.expr, cur)) {
                    let ty = s.path.segments.last().map(|x| x.ident.to_string()).unwrap_or_default();
                    dest = match &f.member {
                        syn::Member::Named(n) => Some(Dest::Field(n.to_string(), ty)),
                        syn::Member::Unnamed(_) => None,
                    };
                }
                break;
            }
            Expr::Return(_) => {
                dest = cx.enclosing_fn().map(|f| Dest::Return(f.name()));
                break;
            }
            _ => break,
        }
        cur = next;
        last_expr = Some(e);
    }
    if dest.is_none()
        && let Some(f) = cx.enclosing_fn()
        && is_tail(f, last_expr, cur)
    {
        dest = Some(Dest::Return(f.name()));
    }
    Up { calls, dest }
}

/// Iterator methods whose closure's value flows into their result.
const ITERATOR_ADAPTERS: &[&str] =
    &["map", "flat_map", "filter_map", "then", "map_init", "then_some", "unwrap_or_else", "or_else"];

/// `{ ...; cur }`: the block's value is `cur`.
fn in_block_tail(e: &Expr, cur: NodeId) -> bool {
    match e {
        Expr::Block(b) => match b.block.stmts.last() {
            Some(syn::Stmt::Expr(t, None)) => NodeId::of_expr(t) == cur || through(t, cur),
            _ => false,
        },
        _ => false,
    }
}

/// `e` is `cur` seen through references, parentheses, `?` and `.await`.
fn through(e: &Expr, cur: NodeId) -> bool {
    let mut e = e;
    loop {
        e = match e {
            Expr::Reference(r) => &r.expr,
            Expr::Paren(p) => &p.expr,
            Expr::Group(g) => &g.expr,
            Expr::Try(t) => &t.expr,
            Expr::Await(a) => &a.base,
            Expr::Cast(c) => &c.expr,
            _ => return false,
        };
        if NodeId::of_expr(e) == cur {
            return true;
        }
    }
}

/// The node is the tail expression of the function body.
fn is_tail(f: &FnLike<'_>, last: Option<&Expr>, cur: NodeId) -> bool {
    match f.block.stmts.last() {
        Some(syn::Stmt::Expr(tail, None)) => {
            NodeId::of_expr(tail) == cur || last.is_some_and(|l| std::ptr::eq(l, tail)) || through(tail, cur)
        }
        _ => false,
    }
}

/// The name a pattern binds (`x`, `mut x`, `x: T`).
pub(crate) fn pat_name(p: &Pat) -> Option<String> {
    crate::syntax::exprs::pat_ident(p).map(|i| i.ident.to_string())
}

/// The last name of an assignment target (`x`, `self.token`, `a.b.c`).
pub(crate) fn target_name(e: &Expr) -> Option<String> {
    match e {
        Expr::Path(p) => p.path.segments.last().map(|s| s.ident.to_string()),
        Expr::Field(f) => match &f.member {
            syn::Member::Named(n) => Some(n.to_string()),
            syn::Member::Unnamed(_) => None,
        },
        Expr::Unary(u) => target_name(&u.expr),
        _ => None,
    }
}

/// A local variable name, if `e` is one (`x`, `&x`, `&mut x`, `(x)`).
pub(crate) fn local_name(e: &Expr) -> Option<String> {
    match e {
        Expr::Path(p) if p.qself.is_none() && p.path.segments.len() == 1 && p.path.leading_colon.is_none() => {
            let s = p.path.segments[0].ident.to_string();
            (s != "self" && s.starts_with(|c: char| c.is_lowercase() || c == '_')).then_some(s)
        }
        Expr::Reference(r) => local_name(&r.expr),
        Expr::Paren(p) => local_name(&p.expr),
        Expr::Group(g) => local_name(&g.expr),
        _ => None,
    }
}

/// The last `let name = init` of the function that starts before byte
/// `before` of the file (shadowing: the closest binding wins). Returns the
/// `Local`, whose `init` may be absent (`let x;`).
pub(crate) fn local_init<'ast>(f: &FnLike<'ast>, name: &str, before: Option<SrcPos>) -> Option<&'ast Local> {
    struct Find<'n, 'ast> {
        name: &'n str,
        before: Option<SrcPos>,
        found: Option<&'ast Local>,
    }
    impl<'ast> Visit<'ast> for Find<'_, 'ast> {
        fn visit_local(&mut self, l: &'ast Local) {
            if pat_name(&l.pat).as_deref() == Some(self.name) {
                let start = span_pos(l.let_token.span);
                if self.before.is_none_or(|b| start < b) {
                    self.found = Some(l);
                }
            }
            visit::visit_local(self, l);
        }
        fn visit_item(&mut self, _: &'ast syn::Item) {}
    }
    let mut v = Find { name, before, found: None };
    v.visit_block(f.block);
    v.found
}

/// The value a local was bound from, through one level of `let`: `init` for
/// `let x = init;`, the scrutinee for `if let Some(x) = value` /
/// `while let` (the closest binding before the use wins).
pub(crate) fn init_of<'ast>(cx: &Cx<'_, 'ast>, e: &Expr) -> Option<&'ast Expr> {
    let name = local_name(e)?;
    let f = cx.enclosing_fn()?;
    binding_value(f, &name, start_pos(e))
}

/// See [`init_of`].
pub(crate) fn binding_value<'ast>(f: &FnLike<'ast>, name: &str, before: Option<SrcPos>) -> Option<&'ast Expr> {
    struct Find<'n, 'ast> {
        name: &'n str,
        before: Option<SrcPos>,
        found: Option<&'ast Expr>,
    }
    impl<'ast> Visit<'ast> for Find<'_, 'ast> {
        fn visit_local(&mut self, l: &'ast Local) {
            if pat_name(&l.pat).as_deref() == Some(self.name)
                && self.before.is_none_or(|b| span_pos(l.let_token.span) < b)
            {
                self.found = l.init.as_ref().map(|i| &*i.expr);
            }
            visit::visit_local(self, l);
        }
        fn visit_expr_let(&mut self, l: &'ast syn::ExprLet) {
            if pat_binds(&l.pat, self.name) && self.before.is_none_or(|b| span_pos(l.let_token.span) < b) {
                self.found = Some(&l.expr);
            }
            visit::visit_expr_let(self, l);
        }
        fn visit_item(&mut self, _: &'ast syn::Item) {}
    }
    let mut v = Find { name, before, found: None };
    v.visit_block(f.block);
    v.found
}

/// The pattern binds `name` somewhere (`Some(x)`, `Ok((x, _))`, `x @ ..`).
fn pat_binds(p: &Pat, name: &str) -> bool {
    match p {
        Pat::Ident(i) => i.ident == name || i.subpat.as_ref().is_some_and(|(_, s)| pat_binds(s, name)),
        Pat::TupleStruct(t) => t.elems.iter().any(|e| pat_binds(e, name)),
        Pat::Tuple(t) => t.elems.iter().any(|e| pat_binds(e, name)),
        Pat::Struct(s) => s.fields.iter().any(|f| pat_binds(&f.pat, name)),
        Pat::Reference(r) => pat_binds(&r.pat, name),
        Pat::Type(t) => pat_binds(&t.pat, name),
        Pat::Paren(p) => pat_binds(&p.pat, name),
        _ => false,
    }
}

/// A place in the file, ordered: 1-based line, 0-based char column.
pub(crate) type SrcPos = (usize, usize);

/// Where a span starts (cheaper than its byte offset).
pub(crate) fn span_pos(s: proc_macro2::Span) -> SrcPos {
    let lc = s.start();
    (lc.line, lc.column)
}

/// Where an expression starts (cheap: first token only).
pub(crate) fn start_pos(e: &Expr) -> Option<SrcPos> {
    crate::syntax::exprs::expr_start(e).map(span_pos)
}

/// Method calls in a block whose receiver is the local `name`
/// (`name.set_secure(true)`, `(&mut name).x()`), in source order.
pub(crate) fn calls_on<'ast>(block: &'ast Block, name: &str) -> Vec<&'ast ExprMethodCall> {
    struct Find<'n, 'ast> {
        name: &'n str,
        out: Vec<&'ast ExprMethodCall>,
    }
    impl<'ast> Visit<'ast> for Find<'_, 'ast> {
        fn visit_expr_method_call(&mut self, m: &'ast ExprMethodCall) {
            if local_name(&m.receiver).as_deref() == Some(self.name) {
                self.out.push(m);
            }
            visit::visit_expr_method_call(self, m);
        }
        fn visit_item(&mut self, _: &'ast syn::Item) {}
    }
    let mut v = Find { name, out: Vec::new() };
    v.visit_block(block);
    v.out
}

/// Some method call in the block satisfies `pred`.
pub(crate) fn calls_in(block: &Block, pred: impl Fn(&ExprMethodCall) -> bool) -> bool {
    struct Find<F> {
        pred: F,
        hit: bool,
    }
    impl<'ast, F: Fn(&ExprMethodCall) -> bool> Visit<'ast> for Find<F> {
        fn visit_expr_method_call(&mut self, m: &'ast ExprMethodCall) {
            if !self.hit && (self.pred)(m) {
                self.hit = true;
            }
            visit::visit_expr_method_call(self, m);
        }
        fn visit_item(&mut self, _: &'ast syn::Item) {}
    }
    let mut v = Find { pred, hit: false };
    v.visit_block(block);
    v.hit
}

/// Methods that only read their receiver.
const READ_ONLY_METHODS: &[&str] = &[
    "into",
    "as_ref",
    "as_slice",
    "as_bytes",
    "clone",
    "to_vec",
    "to_owned",
    "iter",
    "len",
    "is_empty",
    "as_ptr",
    "to_string",
    "as_str",
    "borrow",
    "deref",
    "get",
    "try_into",
    "copied",
    "cloned",
    "to_be_bytes",
    "to_le_bytes",
];

/// The local `name` is assigned, compound-assigned, borrowed mutably or
/// has a method called on it somewhere in the block (so its value may change).
pub(crate) fn is_reassigned(block: &Block, name: &str) -> bool {
    struct Find<'n> {
        name: &'n str,
        hit: bool,
    }
    impl<'ast> Visit<'ast> for Find<'_> {
        fn visit_expr(&mut self, e: &'ast Expr) {
            let is_me = |x: &Expr| root_local(x).as_deref() == Some(self.name);
            match e {
                Expr::Assign(a) if is_me(&a.left) => self.hit = true,
                Expr::Binary(b)
                    if matches!(
                        b.op,
                        syn::BinOp::AddAssign(_)
                            | syn::BinOp::SubAssign(_)
                            | syn::BinOp::MulAssign(_)
                            | syn::BinOp::BitXorAssign(_)
                            | syn::BinOp::BitOrAssign(_)
                            | syn::BinOp::BitAndAssign(_)
                            | syn::BinOp::ShlAssign(_)
                            | syn::BinOp::ShrAssign(_)
                    ) && is_me(&b.left) =>
                {
                    self.hit = true
                }
                Expr::Reference(r) if r.mutability.is_some() && is_me(&r.expr) => self.hit = true,
                Expr::MethodCall(m)
                    if is_me(&m.receiver) && !READ_ONLY_METHODS.contains(&m.method.to_string().as_str()) =>
                {
                    self.hit = true
                }
                _ => {}
            }
            if !self.hit {
                visit::visit_expr(self, e);
            }
        }
        fn visit_macro(&mut self, m: &'ast syn::Macro) {
            // Macro bodies are tokens: a mention inside one may change it.
            if m.tokens.clone().into_iter().any(|t| matches!(t, proc_macro2::TokenTree::Ident(i) if i == self.name)) {
                self.hit = true;
            }
        }
        fn visit_item(&mut self, _: &'ast syn::Item) {}
    }
    let mut v = Find { name, hit: false };
    v.visit_block(block);
    v.hit
}

/// The local at the root of a place expression: `x` in `x`, `x[i]`,
/// `x.0`, `x.field[..]`, `*x`, `&mut x`.
pub(crate) fn root_local(e: &Expr) -> Option<String> {
    match e {
        Expr::Index(i) => root_local(&i.expr),
        Expr::Field(f) => root_local(&f.base),
        Expr::Paren(p) => root_local(&p.expr),
        Expr::Reference(r) => root_local(&r.expr),
        Expr::Unary(u) if matches!(u.op, syn::UnOp::Deref(_)) => root_local(&u.expr),
        _ => local_name(e),
    }
}

/// Identifiers mentioned anywhere in a token stream (macro bodies, attribute
/// arguments), for cheap "is x used here" questions.
pub(crate) fn mentions_ident(tokens: &proc_macro2::TokenStream, name: &str) -> bool {
    tokens.clone().into_iter().any(|t| match t {
        proc_macro2::TokenTree::Ident(i) => i == name,
        proc_macro2::TokenTree::Group(g) => mentions_ident(&g.stream(), name),
        _ => false,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn down_walks_through_try_and_await() {
        let e: Expr = syn::parse_str("Client::builder().timeout(t).build()?.get(url).send().await").unwrap();
        let Expr::Await(a) = e else { panic!() };
        let Expr::MethodCall(m) = &*a.base else { panic!() };
        let chain = down(m);
        let names: Vec<String> = chain.calls.iter().map(|c| c.method.to_string()).collect();
        assert_eq!(names, ["timeout", "build", "get", "send"]);
        assert!(matches!(chain.root, Expr::Call(_)));
        assert!(chain.has("get") && !chain.has("post"));
    }

    #[test]
    fn finds_locals_and_mutations() {
        let f: syn::ItemFn = syn::parse_str(
            "fn f() { let n = 0u64; let mut c = Cookie::new(\"a\", \"b\"); c.set_secure(true); let mut k = 1; k += 1; }",
        )
        .unwrap();
        let like =
            FnLike { attrs: &f.attrs, vis: None, sig: &f.sig, block: &f.block, kind: crate::syntax::FnKind::Free };
        assert!(local_init(&like, "n", None).is_some());
        assert!(local_init(&like, "zz", None).is_none());
        assert_eq!(calls_on(&f.block, "c").len(), 1);
        assert!(is_reassigned(&f.block, "k"));
        assert!(is_reassigned(&f.block, "c"));
        assert!(!is_reassigned(&f.block, "n"));
    }
}

#[cfg(test)]
mod walk_tests {
    use std::collections::{HashMap, HashSet};
    use std::sync::Arc;

    use syn::visit::Visit;

    use super::*;
    use crate::engine::ruleset::RuleSet;
    use crate::engine::walker::{WalkFacts, Walker};
    use crate::rules::file::FileCtx;
    use crate::rules::settings::RuleSettings;
    use crate::rules::{Interests, Rule, RuleMeta, Severity, TestPolicy};
    use crate::workspace::FileKind;

    crate::declare_rule! {
        /// Reports where values go, for testing the ancestor stack.
        pub(super) Probe {
            id: "probe",
            name: "Probe",
            summary: "test",
            severity: Low,
            precision: Low,
            measured: [],
            cwe: [1],
            owasp: [A04],
            tags: [],
        }
    }

    impl Rule for Probe {
        fn meta(&self) -> &'static RuleMeta {
            &Self::META
        }
        fn interests(&self) -> Interests {
            Interests { calls: &["probe"], macros: &["format"], methods: &["gen"], ..Default::default() }
        }
        fn check_call<'ast>(
            &self,
            cx: &mut crate::rules::cx::Cx<'_, 'ast>,
            c: &'ast syn::ExprCall,
            _: &'ast syn::Path,
        ) {
            let up = up(cx, NodeId::of(c));
            let calls: Vec<String> = up.calls.iter().map(|m| m.method.to_string()).collect();
            let msg = format!("call {:?} {calls:?}", up.dest.as_ref().map(Dest::name));
            cx.report(c.paren_token.span.open(), msg);
        }
        fn check_method_call<'ast>(&self, cx: &mut crate::rules::cx::Cx<'_, 'ast>, m: &'ast ExprMethodCall) {
            let up = up(cx, NodeId::of(m));
            cx.report(m.method.span(), format!("gen {:?}", up.dest.as_ref().map(Dest::name)));
        }
        fn check_macro<'ast>(
            &self,
            cx: &mut crate::rules::cx::Cx<'_, 'ast>,
            mac: &'ast syn::Macro,
            _: Option<&[&Expr]>,
        ) {
            let up = up(cx, NodeId::of(mac));
            cx.report(mac.bang_token.span, format!("format {:?}", up.dest.as_ref().map(Dest::name)));
        }
    }

    fn probe(src: &str) -> Vec<String> {
        let ast: syn::File = syn::parse_str(src).unwrap();
        let mut file = FileCtx::new(Arc::from("t.rs"), src.to_string(), FileKind::Lib);
        file.imports = crate::syntax::paths::Imports::from_items(&ast.items);
        let settings = RuleSettings {
            severity: Severity::Low,
            severity_overridden: false,
            test_code: TestPolicy::Report,
            options: HashMap::new(),
            exclude: None,
            exclude_globs: Vec::new(),
            secrets: Default::default(),
        };
        let set = RuleSet::new(vec![(&Probe as &dyn Rule, settings)]);
        let active = set.active_for(&file.text);
        let mut facts = WalkFacts::default();
        let targets = HashSet::new();
        let mut w = Walker::new(&file, &set, &active, &mut facts, &targets);
        w.visit_file(&ast);
        let mut out: Vec<String> = w.out.iter().map(|f| f.message.clone()).collect();
        out.sort();
        out
    }

    #[test]
    fn up_finds_where_values_go() {
        let got = probe(
            "fn session_token() -> String {
                let a = probe().x()?.y().await;
                s.field = probe();
                let s = S { id: probe() };
                consume(&probe());
                let t: String = (0..8).map(|_| rng.gen()).collect();
                Err(format!(\"{}\", 1))?;
                let m = format!(\"{}\", format!(\"{}\", 2));
                format!(\"{}\", probe())
            }",
        );
        assert_eq!(
            got,
            [
                "call Some(\"a\") [\"x\", \"y\"]",
                "call Some(\"consume\") []",
                "call Some(\"field\") []",
                "call Some(\"id\") []",
                "call Some(\"session_token\") []",
                "format Some(\"Err\")",
                "format Some(\"m\")",
                "format Some(\"m\")",
                "format Some(\"session_token\")",
                "gen Some(\"t\")",
            ]
        );
    }
}
