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

/// The largest size, in bits, taken as bounded: 2^20 elements (1 Mi: a
/// `u16` count times at most 16, a `u8` count times 4096). Elements are
/// rarely more than a few dozen bytes, so such an allocation stays in the
/// tens of MiB whatever the input says.
pub(super) const SMALL_SIZE_BITS: u32 = 20;

impl FnAnalysis<'_> {
    /// The size expression's value fits in `SMALL_SIZE_BITS` bits.
    pub(super) fn small_size(&self, e: &Expr) -> bool {
        self.value_bits(e).is_some_and(|b| b <= SMALL_SIZE_BITS)
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
                    // Unsigned: no larger than the left side.
                    syn::BinOp::Sub(_) | syn::BinOp::Div(_) | syn::BinOp::Shr(_) => l,
                    syn::BinOp::Shl(_) => Some(l? + literal(&b.right)?),
                    syn::BinOp::BitAnd(_) | syn::BinOp::Rem(_) => min_known(l, r),
                    _ => None,
                }
            }
            Expr::MethodCall(m) => {
                let name = m.method.to_string();
                match name.as_str() {
                    "min" => min_known(self.value_bits(&m.receiver), m.args.first().and_then(|a| self.value_bits(a))),
                    "into" | "clone" => self.value_bits(&m.receiver),
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
            Expr::Field(f) => match self.field_type(&f.base, &f.member) {
                Some(t) => narrow(&t),
                None => self.field_bits_by_name(&f.member),
            },
            Expr::Path(p) if p.path.segments.len() == 1 => {
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

    /// A field whose owner's type is not known (`block.size` of a block
    /// picked by an `if`): the width every struct of the file declares
    /// for that name, when they all agree.
    fn field_bits_by_name(&self, member: &syn::Member) -> Option<u32> {
        let syn::Member::Named(name) = member else { return None };
        let name = name.to_string();
        let mut widths = self.file.fields.iter().filter(|((_, f), _)| *f == name).map(|(_, t)| narrow(t));
        let first = widths.next()??;
        widths.all(|w| w == Some(first)).then_some(first)
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
    /// What a free function of the file returns, in bits: the narrower of
    /// its declared type (`-> u16`, `-> Result<u16>`) and the bound of
    /// every value it returns (`Ok(usize::from(len) - 2)` of a `u16` read),
    /// the function evaluated once more for its locals' bounds alone (no
    /// rule enabled). Only for one declared to return an unsigned integer.
    fn helper_ret_bits(&self, item: &syn::ItemFn) -> Option<u32> {
        let ty = returned_int(&item.sig.output)?;
        let declared = name_bits(&ty).map(u32::from);
        let mut sub = FnAnalysis::new(self.file, self.models, crate::taint::Mask::EMPTY, self.workspace, None)
            .with_file_fns(self.file_fns);
        for input in &item.sig.inputs {
            if let syn::FnArg::Typed(pt) = input {
                sub.param_type_hints(pt, super::is_type_param(&pt.ty, &item.sig.generics));
            }
        }
        // No value returned yet: none of any size. The helper's helpers
        // nest deeper: the evaluation's depth limit bounds them all.
        sub.ret_bits = Some(Some(0));
        sub.depth = self.depth;
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
            Expr::Macro(m) if is_diverging(&m.mac) => Some(0),
            _ => self.value_bits(e),
        }
    }
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

/// `unreachable!()`, `panic!(..)`: no value comes out.
fn is_diverging(mac: &syn::Macro) -> bool {
    mac.path.get_ident().is_some_and(|i| ["unreachable", "panic", "todo", "unimplemented"].iter().any(|n| i == n))
}

/// The callee is one of these single names (`Ok`, `Some`).
fn is_named(func: &Expr, names: &[&str]) -> bool {
    matches!(strip_parens_refs_derefs(func), Expr::Path(p) if p.path.get_ident().is_some_and(|i| names.iter().any(|n| i == n)))
}

/// The unsigned integer type a function returns, through `Result`/`Option`
/// (`-> usize`, `-> io::Result<u16>`).
fn returned_int(out: &syn::ReturnType) -> Option<String> {
    let syn::ReturnType::Type(_, ty) = out else { return None };
    let syn::Type::Path(p) = &**ty else { return None };
    let last = p.path.segments.last()?;
    let name = last.ident.to_string();
    if matches!(name.as_str(), "Result" | "Option") {
        let syn::PathArguments::AngleBracketed(a) = &last.arguments else { return None };
        let Some(syn::GenericArgument::Type(syn::Type::Path(inner))) = a.args.first() else { return None };
        let inner = inner.path.get_ident()?.to_string();
        return (inner == "usize" || name_bits(&inner).is_some()).then_some(inner);
    }
    (name == "usize" || name_bits(&name).is_some()).then_some(name)
}

/// A field's declared unsigned width (`u16`, `Option<u16>`).
fn narrow(t: &crate::rules::file::FieldType) -> Option<u32> {
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
