//! What the names of a function body are bound to (`let`s, assignments,
//! patterns, loop variables, in-place XOR), the file's constants and
//! functions by name, and who calls them: the environment `values`
//! evaluates in.

use std::collections::HashMap;

use syn::visit::Visit;
use syn::{Block, Expr, Item, Lit, Pat};

use super::origin::Origin;

/// A function definition of the file, for evaluating calls of it.
#[derive(Clone, Copy)]
pub(super) struct FnDef<'ast> {
    pub(super) name: &'ast syn::Ident,
    pub(super) params: &'ast syn::punctuated::Punctuated<syn::FnArg, syn::Token![,]>,
    pub(super) block: &'ast Block,
}

impl<'ast> FnDef<'ast> {
    pub(super) fn new(sig: &'ast syn::Signature, block: &'ast Block) -> Self {
        FnDef { name: &sig.ident, params: &sig.inputs, block }
    }

    /// Position of a parameter (receivers not counted).
    pub(super) fn param_index(&self, name: &str) -> Option<usize> {
        self.params
            .iter()
            .filter_map(|p| match p {
                syn::FnArg::Typed(t) => Some(crate::syntax::exprs::pat_ident(&t.pat).map(|i| i.ident.to_string())),
                syn::FnArg::Receiver(_) => None,
            })
            .position(|n| n.as_deref() == Some(name))
    }
}

/// Calls of the file's functions: callee name → (arguments, calling function).
pub(super) type Callers<'ast> =
    HashMap<String, Vec<(&'ast syn::punctuated::Punctuated<Expr, syn::Token![,]>, FnDef<'ast>)>>;

/// The key of an in-place XOR.
#[derive(Clone, Copy)]
pub(super) enum XorKey<'ast> {
    Byte(u8),
    /// A key indexed by position (`KEY[i % KEY.len()]`): the key itself.
    Repeating(&'ast Expr),
}

/// The file's constants, statics and functions by name.
#[derive(Default)]
pub(super) struct Index<'ast> {
    pub(super) consts: HashMap<String, &'ast Expr>,
    pub(super) fns: HashMap<String, FnDef<'ast>>,
}

impl<'ast> Index<'ast> {
    pub(super) fn of(items: &'ast [Item]) -> Self {
        let mut ix = Index::default();
        ix.add(items);
        ix
    }

    fn add(&mut self, items: &'ast [Item]) {
        for item in items {
            match item {
                Item::Const(c) => {
                    self.consts.insert(c.ident.to_string(), &c.expr);
                }
                Item::Static(s) => {
                    self.consts.insert(s.ident.to_string(), &s.expr);
                }
                Item::Fn(f) => {
                    self.fns.insert(f.sig.ident.to_string(), FnDef::new(&f.sig, &f.block));
                }
                Item::Impl(i) => {
                    for ii in &i.items {
                        match ii {
                            syn::ImplItem::Fn(f) => {
                                self.fns.entry(f.sig.ident.to_string()).or_insert(FnDef::new(&f.sig, &f.block));
                            }
                            syn::ImplItem::Const(c) => {
                                self.consts.entry(c.ident.to_string()).or_insert(&c.expr);
                            }
                            _ => {}
                        }
                    }
                }
                Item::Mod(m) => {
                    if let Some((_, inner)) = &m.content {
                        self.add(inner);
                    }
                }
                _ => {}
            }
        }
    }
}

/// What the names of one function body are bound to.
#[derive(Default)]
pub(super) struct Locals<'ast> {
    pub(super) vars: HashMap<String, Vec<&'ast Expr>>,
    /// Locals XOR-ed in place with a constant key (`*b ^= 0x5a`,
    /// `buf[i] ^= KEY[i % KEY.len()]`).
    pub(super) xor: HashMap<String, XorKey<'ast>>,
    /// Parameters bound by a call being evaluated.
    pub(super) params: HashMap<String, Origin>,
    /// The function these are the locals of (its parameters come from its callers).
    pub(super) owner: Option<FnDef<'ast>>,
}

impl<'ast> Locals<'ast> {
    /// The bindings of a function body (and the closures in it).
    pub(super) fn of_block(block: &'ast Block) -> Self {
        let mut c = Collect { out: Locals::default(), loops: HashMap::new() };
        c.visit_block(block);
        c.out
    }

    /// The bindings of a function's body; its parameters are what the
    /// file's calls of it pass.
    pub(super) fn of_fn(sig: &'ast syn::Signature, block: &'ast Block) -> Self {
        let mut l = Self::of_block(block);
        l.owner = Some(FnDef::new(sig, block));
        l
    }

    pub(super) fn of_def(def: FnDef<'ast>) -> Self {
        let mut l = Self::of_block(def.block);
        l.owner = Some(def);
        l
    }

    /// Every value a local is given.
    pub(super) fn vars_of(&self, name: &str) -> Option<&[&'ast Expr]> {
        self.vars.get(name).map(Vec::as_slice)
    }

    /// The bindings of a free-standing expression (a constant's initialiser).
    pub(super) fn of_expr(e: &'ast Expr) -> Self {
        let mut c = Collect { out: Locals::default(), loops: HashMap::new() };
        c.visit_expr(e);
        c.out
    }
}

struct Collect<'ast> {
    out: Locals<'ast>,
    /// Loop variable → the collection it iterates (`for b in buf.iter_mut()`).
    loops: HashMap<String, String>,
}

impl Collect<'_> {
    fn bind_pat<'ast>(vars: &mut HashMap<String, Vec<&'ast Expr>>, p: &Pat, e: &'ast Expr) {
        struct Names(Vec<String>);
        impl<'v> Visit<'v> for Names {
            fn visit_pat_ident(&mut self, i: &'v syn::PatIdent) {
                self.0.push(i.ident.to_string());
                syn::visit::visit_pat_ident(self, i);
            }
        }
        let mut n = Names(Vec::new());
        n.visit_pat(p);
        for name in n.0 {
            let list = vars.entry(name).or_default();
            if list.len() < 32 {
                list.push(e);
            }
        }
    }
}

impl<'ast> Visit<'ast> for Collect<'ast> {
    fn visit_local(&mut self, l: &'ast syn::Local) {
        if let Some(init) = &l.init {
            Self::bind_pat(&mut self.out.vars, &l.pat, &init.expr);
        }
        syn::visit::visit_local(self, l);
    }

    fn visit_expr_let(&mut self, l: &'ast syn::ExprLet) {
        Self::bind_pat(&mut self.out.vars, &l.pat, &l.expr);
        syn::visit::visit_expr_let(self, l);
    }

    fn visit_expr_for_loop(&mut self, f: &'ast syn::ExprForLoop) {
        Self::bind_pat(&mut self.out.vars, &f.pat, &f.expr);
        let collection = match crate::syntax::exprs::strip_parens_and_refs(&f.expr) {
            Expr::MethodCall(m) => crate::rules::chain::down(m).root,
            other => other,
        };
        if let Some(name) = crate::syntax::exprs::pat_ident(&f.pat).map(|p| p.ident.to_string())
            && let Some(root) = crate::rules::chain::root_local(collection)
        {
            self.loops.insert(name, root);
        }
        syn::visit::visit_expr_for_loop(self, f);
    }

    fn visit_expr_match(&mut self, m: &'ast syn::ExprMatch) {
        for arm in &m.arms {
            Self::bind_pat(&mut self.out.vars, &arm.pat, &m.expr);
        }
        syn::visit::visit_expr_match(self, m);
    }

    fn visit_expr_assign(&mut self, a: &'ast syn::ExprAssign) {
        if let Some(name) = crate::rules::chain::root_local(&a.left) {
            let list = self.out.vars.entry(name).or_default();
            if list.len() < 32 {
                list.push(&a.right);
            }
        }
        syn::visit::visit_expr_assign(self, a);
    }

    fn visit_expr_binary(&mut self, b: &'ast syn::ExprBinary) {
        let key = match crate::syntax::exprs::strip_parens_and_refs(&b.right) {
            Expr::Index(i) => Some(XorKey::Repeating(&i.expr)),
            other => int_lit(other).and_then(|k| u8::try_from(k).ok()).map(XorKey::Byte),
        };
        if let syn::BinOp::BitXorAssign(_) = b.op
            && let Some(key) = key
        {
            // `*b ^= K` on a loop variable, or `buf[i] ^= K`.
            let target = match crate::syntax::exprs::strip_parens_and_refs(&b.left) {
                Expr::Unary(u) => crate::rules::chain::root_local(&u.expr).and_then(|v| self.loops.get(&v).cloned()),
                Expr::Index(i) => crate::rules::chain::root_local(&i.expr),
                other => crate::rules::chain::root_local(other).and_then(|v| self.loops.get(&v).cloned()),
            };
            if let Some(t) = target {
                self.out.xor.insert(t, key);
            }
        }
        syn::visit::visit_expr_binary(self, b);
    }

    fn visit_item(&mut self, _: &'ast Item) {}
}

pub(super) fn int_lit(e: &Expr) -> Option<u64> {
    match crate::syntax::exprs::strip_parens_and_refs(e) {
        Expr::Lit(l) => match &l.lit {
            Lit::Int(i) => i.base10_parse::<u64>().ok(),
            Lit::Byte(b) => Some(u64::from(b.value())),
            Lit::Char(c) => Some(u64::from(u32::from(c.value()))),
            _ => None,
        },
        Expr::Cast(c) => int_lit(&c.expr),
        _ => None,
    }
}
