//! Sizes their types bound (issue 21): a count read as a `u8` or a `u16`
//! (`read_u16`, `u16::from_be_bytes`, a `u16` field or local, `as u16`,
//! `usize::from(n)` of one), alone or times a small constant, cannot ask
//! for more than 2^`SMALL_SIZE_BITS` elements, so it is no uncontrolled
//! allocation (`Guard::SmallSize`). The bound is the value's width in
//! bits as the syntax says: a product adds its factors' bits, a sum
//! takes one more than its larger side, a literal its own bits, a cast
//! the narrower of its type and its operand. A product of two such
//! counts (`width * height * 4` of `u16`s: 16 GiB) is over the line and
//! stays reported; so does anything whose width the syntax does not say
//! (`len()`, a parameter, a call's result).

use syn::Expr;

use super::tables::{name_bits, type_bits};
use super::{FnAnalysis, strip_parens_refs_derefs};
use crate::taint::size::SizeOp;

pub(super) use crate::taint::size::SMALL_SIZE_BITS;

impl FnAnalysis<'_> {
    /// A rule this function checks takes a size its types bound for safe
    /// (`Guard::SmallSize`).
    pub(super) fn bounds_sizes(&self) -> bool {
        static RULES: std::sync::LazyLock<crate::taint::Mask> =
            std::sync::LazyLock::new(|| crate::taint::mask::guarded_by(crate::rules::taint::Guard::SmallSize));
        !self.enabled.intersection(*RULES).is_empty()
    }

    /// A size `small_size` cannot bound: bounded all the same when only
    /// the program's constants make it up (`if linked { BLOCK * 2 } else
    /// { BLOCK }`), else what the crate must close (`taint::size`), or
    /// nothing.
    pub(super) fn crate_size(&self, e: &Expr) -> Result<Vec<SizeOp>, ()> {
        let Some(ops) = self.size_ops(e) else { return Ok(Vec::new()) };
        if crate::taint::size::is_open(&ops) {
            return Ok(ops);
        }
        match crate::taint::size::eval(&ops, &mut |_| None) {
            Some(b) if b.bounded() => Err(()),
            _ => Ok(Vec::new()),
        }
    }

    /// What bounds each argument of the call about to be recorded, as a
    /// size (`ArgSize`): its width when small (`n_u16 as usize`),
    /// else what the crate or this function's callers bound (a field of
    /// another file, a parameter passed on, `len + 4` of one), or the
    /// program's constants. Nothing for the rest: an argument no caller
    /// can bound is unbounded.
    pub(super) fn stage_sizes<'e>(&mut self, args: impl Iterator<Item = &'e Expr>) {
        self.pending_sizes.clear();
        if !self.bounds_sizes() {
            return;
        }
        for (j, a) in args.enumerate() {
            if let Some(ops) = self.arg_size(a) {
                self.pending_sizes.push((j as u16, ops));
            }
        }
    }

    fn arg_size(&self, e: &Expr) -> Option<Vec<SizeOp>> {
        if let Some(bits) = self.value_bits(e).filter(|&b| b <= SMALL_SIZE_BITS) {
            return Some(vec![SizeOp::Bits(bits)]);
        }
        let ops = self.size_ops(e)?;
        (crate::taint::size::is_open(&ops) || crate::taint::size::bounded_alone(&ops) == Some(true)).then_some(ops)
    }

    /// The size expression's value fits in `SMALL_SIZE_BITS` bits, or it
    /// is the length of something already held plus such a step
    /// (`out.resize(out.len() + n_u16, 0)`: what is held grows by at
    /// most that step).
    pub(super) fn small_size(&self, e: &Expr) -> bool {
        if let Expr::Binary(b) = strip_parens_refs_derefs(e)
            && matches!(b.op, syn::BinOp::Add(_))
        {
            if self.held_len(&b.left) {
                return self.small_size(&b.right);
            }
            if self.held_len(&b.right) {
                return self.small_size(&b.left);
            }
        }
        self.value_bits(e).is_some_and(|b| b <= SMALL_SIZE_BITS)
    }

    /// The length of something in memory: `x.len()`, or a local its `let`
    /// bound to one and nothing assigned since.
    fn held_len(&self, e: &Expr) -> bool {
        match strip_parens_refs_derefs(e) {
            Expr::Path(p) => {
                p.path.get_ident().is_some_and(|i| self.hints.get(&i.to_string()).is_some_and(|h| h.held_len))
            }
            e => is_len_call(e),
        }
    }

    /// An upper bound, in bits, of an unsigned integer expression's value,
    /// when its syntax says (see the module's doc).
    pub(super) fn value_bits(&self, e: &Expr) -> Option<u32> {
        match strip_parens_refs_derefs(e) {
            Expr::Lit(syn::ExprLit { lit: syn::Lit::Int(i), .. }) => {
                i.base10_parse::<u128>().ok().map(|v| u128::BITS - v.leading_zeros())
            }
            // `n as u16`: at most 16 bits whatever `n`; `n as usize` what `n` holds.
            Expr::Cast(c) => min_known(type_bits(&c.ty).map(u32::from), self.value_bits(&c.expr)),
            Expr::Try(t) => self.value_bits(&t.expr),
            Expr::Binary(b) => {
                let (l, r) = (self.value_bits(&b.left), self.value_bits(&b.right));
                match b.op {
                    syn::BinOp::Mul(_) => Some(l? + r?),
                    syn::BinOp::Add(_) => Some(l?.max(r?) + 1),
                    syn::BinOp::BitOr(_) | syn::BinOp::BitXor(_) => Some(l?.max(r?)),
                    // Unsigned: no larger than the left side, smaller by the
                    // bits a literal divisor or shift takes off.
                    syn::BinOp::Div(_) => Some(l?.saturating_sub(self.divisor_log2(&b.right).unwrap_or(0))),
                    syn::BinOp::Shr(_) => Some(l?.saturating_sub(literal(&b.right).unwrap_or(0))),
                    syn::BinOp::Sub(_) => l,
                    syn::BinOp::Shl(_) => Some(l? + literal(&b.right)?),
                    syn::BinOp::BitAnd(_) | syn::BinOp::Rem(_) => min_known(l, r),
                    _ => None,
                }
            }
            Expr::MethodCall(m) => {
                let name = m.method.to_string();
                match name.as_str() {
                    "min" => min_known(self.value_bits(&m.receiver), m.args.first().and_then(|a| self.value_bits(a))),
                    // `opt.unwrap()` of an `Option<u16>`: the value's width;
                    // `.map(|b| u16::from_le_bytes(*b))`: what the closure gives.
                    "unwrap" | "expect" | "unwrap_or_default" => self.value_bits(&m.receiver),
                    // `.map(|v| v / SIZE)`: the parameter holds the receiver's value.
                    "map" => match m.args.first().map(strip_parens_refs_derefs) {
                        Some(Expr::Closure(c)) => match single_param(c) {
                            Some(p) => {
                                let bits = self.value_bits(&m.receiver);
                                self.with_bound(p, bits, None, |a| a.value_bits(&c.body))
                            }
                            None if !closure_shadows(self, c) => self.value_bits(&c.body),
                            None => None,
                        },
                        _ => None,
                    },
                    // Rounded up: one bit more than the plain division's.
                    "div_ceil" => {
                        let off = m.args.first().and_then(|a| self.divisor_log2(a)).unwrap_or(0);
                        let bits = self.value_bits(&m.receiver)?;
                        Some((bits.saturating_sub(off) + 1).min(bits))
                    }
                    n if keeps_width(n) => self.value_bits(&m.receiver),
                    // `r.read_bits::<u8>(3)?`: what the turbofish says;
                    // `r.read_u16::<BigEndian>()`: what the name says.
                    _ => m
                        .turbofish
                        .as_ref()
                        .filter(|_| name.starts_with("read_"))
                        .and_then(|t| match t.args.first()? {
                            syn::GenericArgument::Type(ty) => type_bits(ty),
                            _ => None,
                        })
                        .or_else(|| self.int_bits(e))
                        .map(u32::from),
                }
            }
            Expr::Call(c) => self.call_value_bits(c),
            // The largest of the branches that give a value (`else { return
            // Err(..) }` gives none); no `else`, no value.
            Expr::If(_) => {
                let branches = if_branches(e)?;
                let twice = bound_twice(&branches);
                branches.iter().try_fold(0, |acc, b| Some(acc.max(self.block_value_bits(b, &twice)?)))
            }
            // `match r.read_u16()? { 0 => 1, n => n }`, `match r.read_u16() {
            // Ok(n) => n, Err(e) => return Err(e.into()) }`.
            Expr::Match(m) => {
                let scrutinee = self.value_bits(&m.expr);
                let blocks: Vec<&syn::Block> = m
                    .arms
                    .iter()
                    .filter_map(|a| match strip_parens_refs_derefs(&a.body) {
                        Expr::Block(b) => Some(&b.block),
                        _ => None,
                    })
                    .collect();
                let twice = bound_twice(&blocks);
                m.arms.iter().try_fold(0, |acc, a| {
                    Some(acc.max(self.branch_bits(&a.body, bound_whole(a, scrutinee), &twice)?))
                })
            }
            Expr::Field(f) => self.field_value_bits(f),
            Expr::Path(p) if p.path.segments.len() == 1 => {
                if let Some(bits) = self.bound_name(&p.path.segments[0].ident, |b| b.bits) {
                    return bits;
                }
                // What the last `let` bound (a shadowed `n: u16` says nothing
                // of the new `n`), else the declared width.
                let h = self.hints.get(&p.path.segments[0].ident.to_string())?;
                match h.size_bits {
                    Some(bits) => bits,
                    None => self.int_bits(e).map(u32::from),
                }
            }
            _ => self.int_bits(e).map(u32::from),
        }
    }

    /// What `n = rhs` leaves of the bound a `let` gave `n`: the larger of
    /// the old and the new (the assignment may not run), unknown when the
    /// right side reads `n` (`n = n * 2` in a loop grows without bound).
    pub(super) fn size_after_assign(&self, left: &Expr, right: &Expr) -> Option<(String, Option<u32>)> {
        let Expr::Path(p) = strip_parens_refs_derefs(left) else { return None };
        let name = p.path.get_ident()?.to_string();
        let old = self.hints.get(&name)?.size_bits??;
        let new = if mentions(right, &name) { None } else { self.value_bits(right) };
        Some((name, new.map(|n| n.max(old))))
    }

    /// `uN::from_*_bytes(..)`, `T::from(n)` (the narrower of `T` and `n`),
    /// and a reader function named for its width (`read_u16(r)`,
    /// `read_u16_from_be(r)`).
    fn call_value_bits(&self, c: &syn::ExprCall) -> Option<u32> {
        let Expr::Path(p) = strip_parens_refs_derefs(&c.func) else { return None };
        let segs: Vec<String> = p.path.segments.iter().map(|s| s.ident.to_string()).collect();
        match segs.as_slice() {
            [.., ty, f] if f == "from" && c.args.len() == 1 => {
                let arg = c.args.first().and_then(|a| self.value_bits(a));
                min_known(name_bits(ty).map(u32::from), arg)
            }
            [f] => {
                let by_name = f.strip_prefix("read_").and_then(|r| name_bits(r.split('_').next()?).map(u32::from));
                by_name.or_else(|| self.file_fns?.ret_bits(f, &mut |item| self.helper_ret_bits(item)))
            }
            _ => self.call_bits(c).map(u32::from),
        }
    }
}

impl FnAnalysis<'_> {
    /// A function of the file, `sig`, to evaluate once more for its
    /// locals' bounds alone (no rule enabled): its parameters typed, at
    /// this evaluation's depth (its own helpers nest deeper, so the depth
    /// limit bounds them all).
    pub(super) fn bounds_only(&self, sig: &syn::Signature, self_type: Option<String>) -> FnAnalysis<'_> {
        let mut sub = FnAnalysis::new(self.file, self.models, crate::taint::Mask::EMPTY, self.workspace, None)
            .with_file_fns(self.file_fns);
        for input in &sig.inputs {
            if let syn::FnArg::Typed(pt) = input {
                sub.param_type_hints(pt, super::is_type_param(&pt.ty, &sig.generics));
            }
        }
        sub.self_type = self_type;
        sub.depth = self.depth;
        sub
    }

    /// What a free function of the file returns, in bits: the narrower of
    /// its declared type (`-> u16`, `-> Result<u16>`) and the bound of
    /// every value it returns (`Ok(usize::from(len) - 2)` of a `u16` read),
    /// the function evaluated once more for its locals' bounds alone (no
    /// rule enabled). Only for one declared to return an unsigned integer.
    fn helper_ret_bits(&self, item: &syn::ItemFn) -> Option<u32> {
        let ty = crate::taint::size::returned_int(&item.sig.output)?;
        let declared = name_bits(&ty).map(u32::from);
        let mut sub = self.bounds_only(&item.sig, None);
        // No value returned yet: none of any size.
        sub.ret_bits = Some(Some(0));
        let _ = sub.eval_block(&item.block);
        if !sub.diverged
            && let Some(syn::Stmt::Expr(e, None)) = item.block.stmts.last()
        {
            sub.note_ret_bits(e);
        }
        min_known(declared, sub.ret_bits.flatten())
    }

    /// While working out what the function returns (`helper_ret_bits`):
    /// one more value returned.
    pub(super) fn note_ret_bits(&mut self, e: &Expr) {
        let Some(acc) = self.ret_bits else { return };
        let bits = self.returned_bits(e);
        self.ret_bits = Some(acc.zip(bits).map(|(a, b)| a.max(b)));
    }

    /// The bound of a returned value: through `Ok(..)`/`Some(..)` and the
    /// tails of an `if`, a `match` or a block; an `Err(..)`/`None` returns
    /// no size (`Some(0)`).
    fn returned_bits(&self, e: &Expr) -> Option<u32> {
        match strip_parens_refs_derefs(e) {
            Expr::Call(c) if c.args.len() == 1 && is_named(&c.func, &["Ok", "Some"]) => self.value_bits(&c.args[0]),
            Expr::Call(c) if is_named(&c.func, &["Err"]) => Some(0),
            Expr::Path(p) if p.path.is_ident("None") => Some(0),
            Expr::If(i) => {
                let then = tail_bits(self, &i.then_branch)?;
                let other = match &i.else_branch {
                    Some((_, e)) => self.returned_bits(e)?,
                    None => 0,
                };
                Some(then.max(other))
            }
            Expr::Block(b) => tail_bits(self, &b.block),
            Expr::Match(m) => m.arms.iter().try_fold(0, |acc, a| Some(acc.max(self.returned_bits(&a.body)?))),
            Expr::Return(_) => Some(0),
            Expr::Macro(m) if crate::taint::size::diverging(&m.mac) => Some(0),
            _ => self.value_bits(e),
        }
    }
}

impl FnAnalysis<'_> {
    /// The bound of a branch's value: none when it leaves (`return`,
    /// `continue`, `panic!`: `Some(0)`); `binding` the name an arm's
    /// pattern binds the scrutinee (or its `Ok`/`Some` value) to, and its
    /// bound; `twice` the names `let`s of two branches bind.
    fn branch_bits(&self, e: &Expr, binding: Option<(&syn::Ident, u32)>, twice: &[String]) -> Option<u32> {
        match strip_parens_refs_derefs(e) {
            e if leaves(e) => Some(0),
            Expr::Block(b) => self.block_value_bits(&b.block, twice),
            e => match binding {
                Some((name, bits)) => self.with_bound(name, Some(bits), None, |a| a.value_bits(e)),
                None => self.value_bits(e),
            },
        }
    }

    /// `f` with `name` bound to a value of `bits` (an arm's binding of the
    /// whole scrutinee, a closure's parameter): `usize::from(v)`, `v / 4`
    /// of it are known.
    fn with_bound<T>(
        &self,
        name: &syn::Ident,
        bits: Option<u32>,
        ops: Option<Vec<SizeOp>>,
        f: impl FnOnce(&Self) -> T,
    ) -> T {
        self.bound_names.borrow_mut().push(super::BoundName { name: name.to_string(), bits, ops });
        let out = f(self);
        self.bound_names.borrow_mut().pop();
        out
    }

    /// What `get` says of the innermost name bound as `name` (`with_bound`).
    fn bound_name<T>(&self, name: &syn::Ident, get: impl FnOnce(&super::BoundName) -> T) -> Option<T> {
        self.bound_names.borrow().iter().rev().find(|b| *name == b.name).map(get)
    }

    /// The bound of a block's value: its tail's, none when it ends by
    /// leaving. The function knows a name by its last `let`, which for a
    /// name `let`s of two branches bind (`twice`) may be the other one's:
    /// a tail naming one is not known.
    fn block_value_bits(&self, b: &syn::Block, twice: &[String]) -> Option<u32> {
        match b.stmts.last() {
            Some(syn::Stmt::Expr(e, _)) if leaves(e) => Some(0),
            Some(syn::Stmt::Macro(m)) if crate::taint::size::diverging(&m.mac) => Some(0),
            Some(syn::Stmt::Expr(e, None)) if !twice.iter().any(|n| mentions(e, n)) => self.branch_bits(e, None, twice),
            _ => None,
        }
    }
}

/// The blocks of an `if … else if … else` chain; `None` without a final
/// `else` (no value).
fn if_branches(e: &Expr) -> Option<Vec<&syn::Block>> {
    let mut out = Vec::new();
    let mut at = e;
    loop {
        match strip_parens_refs_derefs(at) {
            Expr::If(i) => {
                out.push(&i.then_branch);
                at = &i.else_branch.as_ref()?.1;
            }
            Expr::Block(b) => {
                out.push(&b.block);
                return Some(out);
            }
            _ => return None,
        }
    }
}

/// The names the top-level `let`s of two or more of the blocks bind.
fn bound_twice(blocks: &[&syn::Block]) -> Vec<String> {
    let mut seen: Vec<String> = Vec::new();
    let mut twice = Vec::new();
    for block in blocks {
        let mut here: Vec<String> = block
            .stmts
            .iter()
            .filter_map(|s| match s {
                syn::Stmt::Local(l) => Some(super::values::pat_names(&l.pat)),
                _ => None,
            })
            .flatten()
            .collect();
        here.sort_unstable();
        here.dedup();
        for n in here {
            if seen.contains(&n) {
                twice.push(n);
            } else {
                seen.push(n);
            }
        }
    }
    twice
}

/// The expression leaves the branch without a value: `return`,
/// `continue`, `break`, a diverging macro, a block ending so.
fn leaves(e: &Expr) -> bool {
    match strip_parens_refs_derefs(e) {
        Expr::Return(_) | Expr::Continue(_) | Expr::Break(_) => true,
        Expr::Macro(m) => crate::taint::size::diverging(&m.mac),
        Expr::Block(b) => match b.block.stmts.last() {
            Some(syn::Stmt::Expr(e, _)) => leaves(e),
            Some(syn::Stmt::Macro(m)) => crate::taint::size::diverging(&m.mac),
            _ => false,
        },
        _ => false,
    }
}

/// The name an arm's pattern binds the whole scrutinee to (`n =>`,
/// `n @ 1..=9 =>`) or its `Ok`/`Some` value (`Ok(n) =>`), with the
/// scrutinee's bound.
fn bound_whole(arm: &syn::Arm, scrutinee: Option<u32>) -> Option<(&syn::Ident, u32)> {
    let bits = scrutinee?;
    let ident = match &arm.pat {
        syn::Pat::Ident(i) => &i.ident,
        syn::Pat::TupleStruct(ts) if ts.elems.len() == 1 && is_named_path(&ts.path, &["Ok", "Some"]) => {
            match ts.elems.first()? {
                syn::Pat::Ident(i) if i.subpat.is_none() => &i.ident,
                _ => return None,
            }
        }
        _ => return None,
    };
    Some((ident, bits))
}

/// `x.len()` (also `x.lock().len()`): the length of what `x` holds.
pub(super) fn is_len_call(e: &Expr) -> bool {
    matches!(strip_parens_refs_derefs(e), Expr::MethodCall(m) if m.method == "len" && m.args.is_empty())
}

fn is_named_path(p: &syn::Path, names: &[&str]) -> bool {
    p.get_ident().is_some_and(|i| names.iter().any(|n| i == n))
}

/// A block's tail value's bound (a block without one gives none:
/// `Some(0)`). The bounds are the last ones the function's `let`s set: a
/// block with `let`s of its own (shadowing, maybe, a name another branch
/// binds too) is not known.
fn tail_bits(a: &FnAnalysis<'_>, b: &syn::Block) -> Option<u32> {
    if b.stmts.iter().any(|s| matches!(s, syn::Stmt::Local(_))) {
        return None;
    }
    match b.stmts.last() {
        Some(syn::Stmt::Expr(e, None)) => a.returned_bits(e),
        _ => Some(0),
    }
}

/// The callee is one of these single names (`Ok`, `Some`).
fn is_named(func: &Expr, names: &[&str]) -> bool {
    matches!(strip_parens_refs_derefs(func), Expr::Path(p) if is_named_path(&p.path, names))
}

/// A field's declared unsigned width (`u16`, `Option<u16>`).
pub(super) fn narrow(t: &crate::rules::file::FieldType) -> Option<u32> {
    match t.path.as_slice() {
        [n] => name_bits(n).map(u32::from),
        _ => None,
    }
}

/// The smaller of two bounds, either of which may be unknown.
pub(super) fn min_known(a: Option<u32>, b: Option<u32>) -> Option<u32> {
    match (a, b) {
        (Some(a), Some(b)) => Some(a.min(b)),
        (a, b) => a.or(b),
    }
}

impl FnAnalysis<'_> {
    /// The bits a division by an integer (a literal or a constant of the
    /// file) takes off: the floor of its base-2 logarithm (`/ 65536` → 16,
    /// `/ 3` → 1).
    fn divisor_log2(&self, e: &Expr) -> Option<u32> {
        super::tables::file_int(&self.file.text, e).filter(|&v| v > 0).map(|v| v.ilog2())
    }
}

/// A closure's one parameter, a plain name (`|v| …`).
fn single_param(c: &syn::ExprClosure) -> Option<&syn::Ident> {
    match c.inputs.iter().collect::<Vec<_>>().as_slice() {
        [syn::Pat::Ident(p)] if p.subpat.is_none() => Some(&p.ident),
        _ => None,
    }
}

/// A closure parameter has the name of a local the function knows a
/// width of: what its body says of that name is not the local's.
fn closure_shadows(a: &FnAnalysis<'_>, c: &syn::ExprClosure) -> bool {
    c.inputs.iter().flat_map(super::values::pat_names).any(|n| a.hints.contains_key(&n))
}

/// An integer literal's value (a shift amount).
fn literal(e: &Expr) -> Option<u32> {
    match strip_parens_refs_derefs(e) {
        Expr::Lit(syn::ExprLit { lit: syn::Lit::Int(i), .. }) => i.base10_parse::<u32>().ok(),
        _ => None,
    }
}

/// The expression names `name` somewhere (a macro's tokens included).
pub(super) fn mentions(e: &Expr, name: &str) -> bool {
    crate::rules::chain::mentions_ident(&quote::ToTokens::to_token_stream(e), name)
}

impl FnAnalysis<'_> {
    /// A size whose bound `value_bits` does not know, in `SizeOp`s for
    /// the crate to close: fields, calls and constants of other files
    /// stay open (`taint::size`). `None` when something else is unknown.
    pub(super) fn size_ops(&self, e: &Expr) -> Option<Vec<SizeOp>> {
        let mut out = Vec::new();
        self.push_size(e, &mut out, 0)?;
        Some(out)
    }

    fn push_size(&self, e: &Expr, out: &mut Vec<SizeOp>, depth: u32) -> Option<()> {
        if depth > 16 {
            return None;
        }
        let d = depth + 1;
        let two = |a: &Expr, b: &Expr, op: SizeOp, out: &mut Vec<SizeOp>| {
            self.push_size(a, out, d)?;
            self.push_size(b, out, d)?;
            out.push(op);
            Some(())
        };
        // A parameter as it came in: what each caller passes bounds it,
        // no more than its declared width.
        if let Some(i) = self.untouched_param(e) {
            out.push(SizeOp::Param(i));
            if let Some(bits) = self.value_bits(e) {
                out.extend([SizeOp::Bits(bits), SizeOp::Min]);
            }
            return Some(());
        }
        match strip_parens_refs_derefs(e) {
            Expr::Lit(syn::ExprLit { lit: syn::Lit::Int(i), .. }) => {
                out.push(SizeOp::Konst(i.base10_parse::<u128>().ok().map(|v| u128::BITS - v.leading_zeros())?));
            }
            Expr::Cast(c) => {
                self.push_size(&c.expr, out, d)?;
                if let Some(t) = type_bits(&c.ty) {
                    out.extend([SizeOp::Bits(u32::from(t)), SizeOp::Min]);
                }
            }
            Expr::Try(t) => self.push_size(&t.expr, out, d)?,
            Expr::Binary(b) => match b.op {
                syn::BinOp::Mul(_) => two(&b.left, &b.right, SizeOp::Mul, out)?,
                syn::BinOp::Add(_) => two(&b.left, &b.right, SizeOp::Add, out)?,
                syn::BinOp::BitOr(_) | syn::BinOp::BitXor(_) => two(&b.left, &b.right, SizeOp::Max, out)?,
                syn::BinOp::BitAnd(_) | syn::BinOp::Rem(_) => two(&b.left, &b.right, SizeOp::Min, out)?,
                syn::BinOp::Sub(_) | syn::BinOp::Div(_) | syn::BinOp::Shr(_) => self.push_size(&b.left, out, d)?,
                syn::BinOp::Shl(_) => {
                    self.push_size(&b.left, out, d)?;
                    out.extend([SizeOp::Konst(literal(&b.right)?), SizeOp::Mul]);
                }
                _ => return None,
            },
            // The widest of the branches that give a value (as `value_bits`).
            Expr::If(_) => self.push_if_size(e, out, d)?,
            Expr::Block(b) => match b.block.stmts.as_slice() {
                [syn::Stmt::Expr(inner, None)] => self.push_size(inner, out, d)?,
                _ => return None,
            },
            Expr::MethodCall(m) if m.method == "min" && m.args.len() == 1 => {
                two(&m.receiver, &m.args[0], SizeOp::Min, out)?;
            }
            // `usize::from(n)`, `u32::from(n)`: what `n` holds, at most the type's width.
            Expr::Call(c) if c.args.len() == 1 && from_call(&c.func).is_some() => {
                self.push_size(&c.args[0], out, d)?;
                if let Some(Some(t)) = from_call(&c.func) {
                    out.extend([SizeOp::Bits(u32::from(t)), SizeOp::Min]);
                }
            }
            Expr::MethodCall(m) if keeps_width(&m.method.to_string()) => {
                self.push_size(&m.receiver, out, d)?;
            }
            // `.map(|v| v / SIZE)`: the body, its parameter what the receiver holds.
            Expr::MethodCall(m) if m.method == "map" && m.args.len() == 1 => self.push_mapped_size(m, out, d)?,
            // A closure's parameter (above).
            Expr::Path(p) if p.path.get_ident().is_some_and(|i| self.bound_name(i, |_| ()).is_some()) => {
                let held = self.bound_name(p.path.get_ident()?, |b| match (&b.ops, b.bits) {
                    (Some(ops), _) => Some(ops.clone()),
                    (None, bits) => Some(vec![SizeOp::Bits(bits?)]),
                })??;
                out.extend(held);
            }
            // A local: what its `let` left (`hints`).
            Expr::Path(p)
                if p.path.segments.len() == 1 && self.hints.contains_key(&p.path.segments[0].ident.to_string()) =>
            {
                let h = &self.hints[&p.path.segments[0].ident.to_string()];
                match (&h.size_bits, &h.size_open) {
                    // Open, and no wider than its width.
                    (Some(Some(bits)), Some(ops)) => {
                        out.extend(ops.iter().cloned());
                        out.extend([SizeOp::Bits(*bits), SizeOp::Min]);
                    }
                    (Some(Some(bits)), None) => out.push(SizeOp::Bits(*bits)),
                    (_, Some(ops)) => out.extend(ops.iter().cloned()),
                    _ => out.push(SizeOp::Bits(self.value_bits(e)?)),
                }
            }
            // A constant (`MAX_BLOCK`, `Self::WINDOW`, `block::WINDOW`).
            Expr::Path(p)
                if p.qself.is_none()
                    && crate::syntax::exprs::is_const_name(&p.path.segments.last()?.ident.to_string()) =>
            {
                out.push(SizeOp::Const(p.path.segments.last()?.ident.to_string()));
            }
            _ => match self.value_bits(e) {
                Some(bits) => out.push(SizeOp::Bits(bits)),
                None => out.push(self.open_leaf(e)?),
            },
        }
        Some(())
    }

    /// An `if … else` chain's size: the widest of the branches that give
    /// a value; none gives one: 0.
    fn push_if_size(&self, e: &Expr, out: &mut Vec<SizeOp>, d: u32) -> Option<()> {
        let branches = if_branches(e)?;
        let twice = bound_twice(&branches);
        let mut yields = false;
        for b in &branches {
            match b.stmts.last() {
                Some(syn::Stmt::Expr(t, _)) if leaves(t) => {}
                Some(syn::Stmt::Macro(m)) if crate::taint::size::diverging(&m.mac) => {}
                Some(syn::Stmt::Expr(t, None)) if !twice.iter().any(|n| mentions(t, n)) => {
                    self.push_size(t, out, d)?;
                    if yields {
                        out.push(SizeOp::Max);
                    }
                    yields = true;
                }
                _ => return None,
            }
        }
        if !yields {
            out.push(SizeOp::Bits(0));
        }
        Some(())
    }

    /// `.map(|v| body)`: the body's size, `v` holding the receiver's.
    fn push_mapped_size(&self, m: &syn::ExprMethodCall, out: &mut Vec<SizeOp>, d: u32) -> Option<()> {
        let Expr::Closure(c) = strip_parens_refs_derefs(&m.args[0]) else { return None };
        let p = single_param(c)?;
        let mut ops = Vec::new();
        self.push_size(&m.receiver, &mut ops, d)?;
        let bits = self.value_bits(&m.receiver);
        self.with_bound(p, bits, Some(ops), |a| a.push_size(&c.body, out, d))
    }

    /// The index of the parameter `e` names while it holds what it came in
    /// with: no `let` bound the name since, no assignment changed it, and
    /// it still carries the parameter's own label alone.
    fn untouched_param(&self, e: &Expr) -> Option<u16> {
        let Expr::Path(p) = strip_parens_refs_derefs(e) else { return None };
        let name = p.path.get_ident()?.to_string();
        if self.hints.get(&name).is_some_and(|h| h.size_bits.is_some() || h.size_open.is_some()) {
            return None;
        }
        let &(param, fact) = self.param_facts.get(&name)?;
        let holds =
            fact.shape == crate::taint::Shape::Number && self.env.get(&name).is_some_and(|t| t.as_slice() == [fact]);
        (holds && matches!(self.labels.get(fact.label as usize), Some(super::Label::Param(i)) if *i == param))
            .then_some(param)
    }

    /// A field, a method's or a function's result the file cannot bound.
    /// A method of an unknown receiver only when no everyday std type or
    /// trait has a method of that name (`len`, `size` may be anything's).
    fn open_leaf(&self, e: &Expr) -> Option<SizeOp> {
        let owner = |base: &Expr| self.receiver_type(base).and_then(|t| t.last().cloned());
        match strip_parens_refs_derefs(e) {
            Expr::Field(f) => match &f.member {
                syn::Member::Named(n) => Some(SizeOp::Field(owner(&f.base), n.to_string())),
                syn::Member::Unnamed(_) => None,
            },
            Expr::MethodCall(m) => {
                let name = m.method.to_string();
                let ty = owner(&m.receiver);
                let models = crate::semantic::models::Models::get();
                if ty.is_none() && (models.is_common_inherent(&name) || !models.traits_with_method(&name).is_empty()) {
                    return None;
                }
                Some(SizeOp::Ret(ty, name, true))
            }
            Expr::Call(c) => {
                let Expr::Path(p) = strip_parens_refs_derefs(&c.func) else { return None };
                match p.path.segments.iter().map(|s| s.ident.to_string()).collect::<Vec<_>>().as_slice() {
                    [f] => Some(SizeOp::Ret(None, f.clone(), false)),
                    // `header::read_count(r)`: a free function of a module.
                    [.., m, f]
                        if m.starts_with(|c: char| c.is_ascii_lowercase())
                            && !matches!(m.as_str(), "std" | "core" | "alloc" | "usize")
                            && name_bits(m).is_none() =>
                    {
                        Some(SizeOp::Ret(None, f.clone(), false))
                    }
                    [.., ty, f] if ty.starts_with(|c: char| c.is_ascii_uppercase()) => {
                        let ty = if ty == "Self" { self.self_type.clone()? } else { ty.clone() };
                        Some(SizeOp::Ret(Some(ty), f.clone(), false))
                    }
                    _ => None,
                }
            }
            _ => None,
        }
    }
}

/// `usize::from` (`Some(None)`: no narrower) or `u16::from` (its width).
fn from_call(func: &Expr) -> Option<Option<u8>> {
    let Expr::Path(p) = strip_parens_refs_derefs(func) else { return None };
    let [ty, f] = p.path.segments.iter().map(|s| s.ident.to_string()).collect::<Vec<_>>().try_into().ok()?;
    if f != "from" {
        return None;
    }
    if ty == "usize" { Some(None) } else { name_bits(&ty).map(Some) }
}

/// A method whose result is no wider than its receiver: `into`, `clone`,
/// `ok_or`, and, unsigned, `div_ceil`, `saturating_sub`, `checked_sub`,
/// `checked_div` (`div_ceil(0)` panics).
fn keeps_width(method: &str) -> bool {
    matches!(
        method,
        "into" | "clone" | "div_ceil" | "saturating_sub" | "checked_sub" | "checked_div" | "ok_or" | "ok_or_else"
    )
}
