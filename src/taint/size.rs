//! Allocation sizes bounded by what other files of the crate declare
//! (issue 21). The intra-procedural pass bounds a size by the widths its
//! file shows (`intra::size_bound`); what it cannot see — a field whose
//! struct another file declares (`header.name_len as usize`, the field a
//! `u8`), a method another file defines (`info.block_size.get_size()`, a
//! `match` of constants), a constant another module holds — it leaves
//! open in the sink's [`SizeOp`]s, and the crate-level step closes them
//! with every file's [`SizeFacts`] ([`CrateSizes`]): a size the crate's
//! declarations bound is no uncontrolled allocation.
//!
//! A bound is a width in bits and whether the input decides the value
//! within it ([`Bound::input`]): a value only the program's constants
//! make up (the input picks which) is the program's choice of size, like
//! one capped with `min(MAX)`, whatever its width.

use rustc_hash::FxHashMap as HashMap;

/// The largest size, in bits, taken as bounded when the input decides it:
/// 2^20 elements (1 Mi: a `u16` count times at most 16, a `u8` count times
/// 4096). Elements are rarely more than a few dozen bytes, so such an
/// allocation stays in the tens of MiB whatever the input says.
pub(crate) const SMALL_SIZE_BITS: u32 = 20;

/// One step of a size expression in postfix order: leaves push a bound,
/// operators pop two and push one.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub(crate) enum SizeOp {
    /// A value the input decides, at most this many bits wide.
    Bits(u32),
    /// A constant of the program, this many bits wide.
    Konst(u32),
    /// A field read: the owner's type when known, the field's name.
    Field(Option<String>, String),
    /// What a call returns: the owner's type when known (`Type::f`, a
    /// receiver of a known type), the function's or method's name, and
    /// whether it is a method.
    Ret(Option<String>, String, bool),
    /// A constant item, by name.
    Const(String),
    /// Parameter `.0` of the function as it came in: each call site's
    /// argument bounds it (`ArgSize`), the join puts that in its
    /// place on the way to the caller ([`substitute`]); where no caller
    /// says, the input's, unbounded.
    Param(u16),
    /// Product: widths add.
    Mul,
    /// Sum: one bit more than the wider side.
    Add,
    /// Either side (an `if`, a `match`, `|`): the wider.
    Max,
    /// At most either side (`min`, `&`, a cast): the narrower.
    Min,
}

/// An upper bound of a value: its width in bits, and whether the input
/// decides it within that width (else only the program's constants make
/// it up).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Bound {
    pub bits: u32,
    pub input: bool,
}

impl Bound {
    /// No uncontrolled allocation: the program's constant, or small.
    pub(crate) fn bounded(self) -> bool {
        !self.input || self.bits <= SMALL_SIZE_BITS
    }
}

/// The bound of a postfix size expression, each leaf bounded by `leaf`;
/// none when a leaf is not known or the expression is malformed.
pub(crate) fn eval(ops: &[SizeOp], leaf: &mut dyn FnMut(&SizeOp) -> Option<Bound>) -> Option<Bound> {
    let mut stack: Vec<Bound> = Vec::with_capacity(4);
    for op in ops {
        let b = match op {
            SizeOp::Bits(bits) => Bound { bits: *bits, input: true },
            SizeOp::Konst(bits) => Bound { bits: *bits, input: false },
            SizeOp::Field(..) | SizeOp::Ret(..) | SizeOp::Const(_) | SizeOp::Param(_) => leaf(op)?,
            SizeOp::Mul | SizeOp::Add | SizeOp::Max | SizeOp::Min => {
                let r = stack.pop()?;
                let l = stack.pop()?;
                combine(op, l, r)
            }
        };
        stack.push(b);
    }
    match stack.as_slice() {
        [b] => Some(*b),
        _ => None,
    }
}

fn combine(op: &SizeOp, l: Bound, r: Bound) -> Bound {
    let input = l.input || r.input;
    match op {
        SizeOp::Mul => Bound { bits: l.bits.saturating_add(r.bits), input },
        SizeOp::Add => Bound { bits: l.bits.max(r.bits).saturating_add(1), input },
        SizeOp::Max => Bound { bits: l.bits.max(r.bits), input },
        // At most either side: a side the constants make up caps it.
        _ => match (l.input, r.input) {
            (true, false) => r,
            (false, true) => l,
            _ => Bound { bits: l.bits.min(r.bits), input },
        },
    }
}

/// The expression names something only the crate or the callers can
/// bound.
pub(crate) fn is_open(ops: &[SizeOp]) -> bool {
    ops.iter().any(|o| matches!(o, SizeOp::Field(..) | SizeOp::Ret(..) | SizeOp::Const(_) | SizeOp::Param(_)))
}

/// A parameter no caller bounds: any value the input gives.
pub(crate) const UNBOUNDED: Bound = Bound { bits: 64, input: true };

/// A value the program chose, of any width: a constant or what the
/// program computed from no input, a value checked against a limit
/// before the call, an integer a library's caller passes.
pub(crate) const CHOSEN: SizeOp = SizeOp::Konst(64);

/// The expression with each parameter leaf replaced by what `arg` gives
/// for it (a postfix expression of its own: the argument's size at a call
/// site, in the caller's terms).
pub(crate) fn substitute(ops: &[SizeOp], arg: &mut dyn FnMut(u16) -> Vec<SizeOp>) -> Vec<SizeOp> {
    let mut out = Vec::with_capacity(ops.len());
    for op in ops {
        match op {
            SizeOp::Param(i) => out.extend(arg(*i)),
            _ => out.push(op.clone()),
        }
    }
    out
}

/// A caller's argument read in another crate: what only the caller's
/// crate's declarations close is not known in the sink's (a constant is
/// still the program's).
pub(crate) fn foreign(ops: &[SizeOp]) -> Vec<SizeOp> {
    let any = SizeOp::Bits(UNBOUNDED.bits);
    ops.iter()
        .map(|o| match o {
            SizeOp::Field(..) | SizeOp::Ret(..) => any.clone(),
            SizeOp::Const(_) => CHOSEN,
            _ => o.clone(),
        })
        .collect()
}

/// A value no input reaches (no flow into the argument): every leaf of
/// it is the program's, of the width it has.
pub(crate) fn chosen(ops: &[SizeOp]) -> Vec<SizeOp> {
    ops.iter()
        .map(|o| match o {
            SizeOp::Bits(b) => SizeOp::Konst(*b),
            SizeOp::Field(..) | SizeOp::Ret(..) => CHOSEN,
            _ => o.clone(),
        })
        .collect()
}

/// What the expression says without the crate's declarations: bounded
/// (`Some(true)`), not (`Some(false)`), or not known before the crate's
/// declarations close it (`None`). A parameter left is unbounded.
pub(crate) fn bounded_alone(ops: &[SizeOp]) -> Option<bool> {
    eval(ops, &mut |leaf| matches!(leaf, SizeOp::Param(_)).then_some(UNBOUNDED)).map(Bound::bounded)
}

/// What one file declares that bounds sizes elsewhere in its crate.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct SizeFacts {
    /// Struct fields of an unsigned integer type: (struct, field, bits).
    pub fields: Vec<(String, String, u32)>,
    /// Functions and methods declared to return an integer: (impl type,
    /// name, is a method, bound: bits and input, or `None` when not
    /// known). Every such function is listed, so a name two of them share
    /// is not taken for either.
    pub rets: Vec<RetFact>,
    /// Constant items of an integer value: (name, bits).
    pub consts: Vec<(String, u32)>,
}

/// A function declared to return an integer: (impl type, name, is a
/// method, bound: bits and whether the input decides it).
pub(crate) type RetFact = (Option<String>, String, bool, Option<(u32, bool)>);

/// What a crate's files declare, by name (see [`SizeFacts`]).
#[derive(Default)]
pub(crate) struct CrateSizes<'a> {
    /// (struct, field) → bits; field → the bits every struct agrees on
    /// (`None`: they differ).
    fields: HashMap<(&'a str, &'a str), u32>,
    field_names: HashMap<&'a str, Option<u32>>,
    /// (type, name) and name → bound (`None`: several, or not known).
    rets: HashMap<(Option<&'a str>, &'a str), Option<Bound>>,
    methods: HashMap<&'a str, Option<Bound>>,
    consts: HashMap<&'a str, Option<u32>>,
}

impl<'a> CrateSizes<'a> {
    pub(crate) fn add(&mut self, f: &'a SizeFacts) {
        for (ty, name, bits) in &f.fields {
            self.fields.insert((ty, name), *bits);
            agree(&mut self.field_names, name, Some(*bits));
        }
        for (ty, name, method, bound) in &f.rets {
            let bound = bound.map(|(bits, input)| Bound { bits, input });
            agree(&mut self.rets, (ty.as_deref(), name), bound);
            if *method {
                agree(&mut self.methods, name, bound);
            }
        }
        for (name, bits) in &f.consts {
            agree(&mut self.consts, name, Some(*bits));
        }
    }

    /// The bound of a size expression the intra-procedural pass left open.
    pub(crate) fn bound(&self, ops: &[SizeOp]) -> Option<Bound> {
        eval(ops, &mut |leaf| match leaf {
            SizeOp::Field(Some(ty), name) => {
                self.fields.get(&(ty.as_str(), name.as_str())).map(|&bits| Bound { bits, input: true })
            }
            SizeOp::Field(None, name) => {
                self.field_names.get(name.as_str()).copied().flatten().map(|bits| Bound { bits, input: true })
            }
            SizeOp::Ret(Some(ty), name, _) => self.rets.get(&(Some(ty.as_str()), name.as_str())).copied().flatten(),
            SizeOp::Ret(None, name, true) => self.methods.get(name.as_str()).copied().flatten(),
            SizeOp::Ret(None, name, false) => self.rets.get(&(None, name.as_str())).copied().flatten(),
            SizeOp::Const(name) => {
                self.consts.get(name.as_str()).copied().flatten().map(|bits| Bound { bits, input: false })
            }
            SizeOp::Param(_) => Some(UNBOUNDED),
            _ => None,
        })
    }
}

/// One more declaration of `key`: kept when every declaration agrees.
fn agree<K: std::hash::Hash + Eq, V: PartialEq>(map: &mut HashMap<K, Option<V>>, key: K, v: Option<V>) {
    match map.entry(key) {
        std::collections::hash_map::Entry::Vacant(e) => {
            e.insert(v);
        }
        std::collections::hash_map::Entry::Occupied(mut e) => {
            if e.get().as_ref() != v.as_ref() {
                e.insert(None);
            }
        }
    }
}

/// The width of an unsigned integer type named so (`u8` … `u128`).
pub(crate) fn uint_bits(name: &str) -> Option<u8> {
    match name {
        "u8" => Some(8),
        "u16" => Some(16),
        "u32" => Some(32),
        "u64" => Some(64),
        "u128" => Some(128),
        _ => None,
    }
}

/// The unsigned integer type a function returns, through `Result`/`Option`
/// (`-> usize`, `-> io::Result<u16>`).
pub(crate) fn returned_int(out: &syn::ReturnType) -> Option<String> {
    let syn::ReturnType::Type(_, ty) = out else { return None };
    let syn::Type::Path(p) = &**ty else { return None };
    let last = p.path.segments.last()?;
    let name = last.ident.to_string();
    if matches!(name.as_str(), "Result" | "Option") {
        let syn::PathArguments::AngleBracketed(a) = &last.arguments else { return None };
        let Some(syn::GenericArgument::Type(syn::Type::Path(inner))) = a.args.first() else { return None };
        let inner = inner.path.get_ident()?.to_string();
        return is_unsigned_name(&inner).then_some(inner);
    }
    is_unsigned_name(&name).then_some(name)
}

/// `u8` … `u128`, `usize`.
pub(crate) fn is_unsigned_name(name: &str) -> bool {
    name == "usize" || uint_bits(name).is_some()
}

/// What the file declares, when a rule the scan runs takes a bounded size
/// for safe (`Guard::SmallSize`); nothing otherwise.
pub(crate) fn of_file(enabled: super::Mask, items: &[syn::Item]) -> SizeFacts {
    let mut out = SizeFacts::default();
    if !enabled.intersection(super::mask::guarded_by(crate::rules::taint::Guard::SmallSize)).is_empty() {
        collect(items, &mut out);
    }
    out
}

/// What the file's items declare (see [`SizeFacts`]); inline modules too.
pub(crate) fn collect(items: &[syn::Item], out: &mut SizeFacts) {
    for item in items {
        match item {
            syn::Item::Struct(st) => {
                for f in &st.fields {
                    if let (Some(id), Some(bits)) = (&f.ident, field_bits(&f.ty)) {
                        out.fields.push((st.ident.to_string(), id.to_string(), bits));
                    }
                }
            }
            syn::Item::Fn(f) => push_fn(out, None, &f.sig, &f.block),
            syn::Item::Const(c) => push_const(out, &c.ident, &c.expr),
            syn::Item::Impl(im) => {
                let owner = match &*im.self_ty {
                    syn::Type::Path(p) => p.path.segments.last().map(|s| s.ident.to_string()),
                    _ => None,
                };
                for it in &im.items {
                    match it {
                        syn::ImplItem::Fn(f) => push_fn(out, owner.as_deref(), &f.sig, &f.block),
                        syn::ImplItem::Const(c) => push_const(out, &c.ident, &c.expr),
                        _ => {}
                    }
                }
            }
            syn::Item::Mod(m) => {
                if let Some((_, items)) = &m.content {
                    collect(items, out);
                }
            }
            _ => {}
        }
    }
}

/// A field's unsigned width (`u16`, `Option<u16>`).
fn field_bits(ty: &syn::Type) -> Option<u32> {
    let syn::Type::Path(p) = ty else { return None };
    let last = p.path.segments.last()?;
    if last.ident == "Option"
        && let syn::PathArguments::AngleBracketed(a) = &last.arguments
        && let Some(syn::GenericArgument::Type(inner)) = a.args.first()
    {
        return field_bits(inner);
    }
    uint_bits(&p.path.get_ident()?.to_string()).map(u32::from)
}

fn push_const(out: &mut SizeFacts, name: &syn::Ident, e: &syn::Expr) {
    if let Some(v) = const_value(e) {
        out.consts.push((name.to_string(), value_bits(v)));
    }
}

/// A function declared to return an integer: the program's constant when
/// every value it returns is one (`match self { A => 64 * 1024, .. }`),
/// else its declared width when that is narrower than a word.
fn push_fn(out: &mut SizeFacts, owner: Option<&str>, sig: &syn::Signature, body: &syn::Block) {
    let Some(ty) = returned_int(&sig.output) else { return };
    let constant = returns_only_constants(body).map(|bits| (bits, false));
    let declared = uint_bits(&ty).map(|b| (u32::from(b), true));
    let method = sig.receiver().is_some();
    out.rets.push((owner.map(str::to_string), sig.ident.to_string(), method, constant.or(declared)));
}

fn value_bits(v: u128) -> u32 {
    u128::BITS - v.leading_zeros()
}

/// An integer constant expression's value: literals and arithmetic of them.
fn const_value(e: &syn::Expr) -> Option<u128> {
    match e {
        syn::Expr::Lit(syn::ExprLit { lit: syn::Lit::Int(i), .. }) => i.base10_parse::<u128>().ok(),
        syn::Expr::Paren(p) => const_value(&p.expr),
        syn::Expr::Group(g) => const_value(&g.expr),
        syn::Expr::Cast(c) => const_value(&c.expr),
        syn::Expr::Binary(b) => {
            let (l, r) = (const_value(&b.left)?, const_value(&b.right)?);
            match b.op {
                syn::BinOp::Mul(_) => l.checked_mul(r),
                syn::BinOp::Add(_) => l.checked_add(r),
                syn::BinOp::Sub(_) => l.checked_sub(r),
                syn::BinOp::Div(_) => l.checked_div(r),
                syn::BinOp::Shl(_) => u32::try_from(r).ok().and_then(|r| l.checked_shl(r)).filter(|v| v >> r == l),
                syn::BinOp::Shr(_) => u32::try_from(r).ok().and_then(|r| l.checked_shr(r)),
                syn::BinOp::BitOr(_) => Some(l | r),
                syn::BinOp::BitAnd(_) => Some(l & r),
                _ => None,
            }
        }
        _ => None,
    }
}

/// The width of the widest value a body returns, when each is a constant
/// (an error, `None`, a panic return no size); none otherwise.
fn returns_only_constants(body: &syn::Block) -> Option<u32> {
    let mut returns = Returns { bits: Some(0) };
    syn::visit::Visit::visit_block(&mut returns, body);
    let tail = block_bits(body)?;
    Some(returns.bits?.max(tail))
}

/// The `return`s of a body (not of its closures), each a constant.
struct Returns {
    bits: Option<u32>,
}

impl<'ast> syn::visit::Visit<'ast> for Returns {
    fn visit_expr_return(&mut self, r: &'ast syn::ExprReturn) {
        let b = r.expr.as_deref().map_or(Some(0), const_bits);
        self.bits = self.bits.zip(b).map(|(a, b)| a.max(b));
    }
    fn visit_expr_closure(&mut self, _: &'ast syn::ExprClosure) {}
    fn visit_expr_async(&mut self, _: &'ast syn::ExprAsync) {}
    fn visit_item(&mut self, _: &'ast syn::Item) {}
}

/// A block's value when a constant: its tail, or a diverging last
/// statement (`return …;`, `unreachable!();`).
fn block_bits(b: &syn::Block) -> Option<u32> {
    match b.stmts.last()? {
        syn::Stmt::Expr(e, None) => const_bits(e),
        syn::Stmt::Expr(syn::Expr::Return(_), Some(_)) => Some(0),
        syn::Stmt::Macro(m) if diverging(&m.mac) => Some(0),
        syn::Stmt::Expr(syn::Expr::Macro(m), _) if diverging(&m.mac) => Some(0),
        _ => None,
    }
}

/// A returned value's width when a constant: through `Ok`/`Some`, the
/// arms of a `match` and an `if`.
fn const_bits(e: &syn::Expr) -> Option<u32> {
    match e {
        syn::Expr::Call(c) if callee_is(&c.func, &["Ok", "Some"]) && c.args.len() == 1 => const_bits(&c.args[0]),
        syn::Expr::Call(c) if callee_is(&c.func, &["Err"]) => Some(0),
        syn::Expr::Path(p) if p.path.is_ident("None") => Some(0),
        syn::Expr::Return(_) => Some(0),
        syn::Expr::Macro(m) if diverging(&m.mac) => Some(0),
        syn::Expr::Paren(p) => const_bits(&p.expr),
        syn::Expr::Block(b) => block_bits(&b.block),
        syn::Expr::If(i) => {
            let other = match &i.else_branch {
                Some((_, e)) => const_bits(e)?,
                None => return None,
            };
            Some(block_bits(&i.then_branch)?.max(other))
        }
        syn::Expr::Match(m) => m.arms.iter().try_fold(0, |acc, a| Some(acc.max(const_bits(&a.body)?))),
        _ => const_value(e).map(value_bits),
    }
}

fn callee_is(func: &syn::Expr, names: &[&str]) -> bool {
    matches!(func, syn::Expr::Path(p) if p.path.get_ident().is_some_and(|i| names.iter().any(|n| i == n)))
}

/// `unreachable!()`, `panic!(..)`: no value comes out.
pub(crate) fn diverging(mac: &syn::Macro) -> bool {
    mac.path.get_ident().is_some_and(|i| ["unreachable", "panic", "todo", "unimplemented"].iter().any(|n| i == n))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn facts(src: &str) -> SizeFacts {
        let file: syn::File = syn::parse_str(src).unwrap();
        let mut out = SizeFacts::default();
        collect(&file.items, &mut out);
        out
    }

    #[test]
    fn declarations_bound_sizes_across_files() {
        let a = facts(
            "pub struct H { pub name_len: u8, pub len: u32, pub w: Option<u16> }\n\
             pub const WINDOW: usize = 64 * 1024;\n\
             impl Kind { pub fn size(&self) -> usize { match self { Kind::A => 1 << 16, Kind::B => return 8 << 20, _ => unreachable!() } }\n\
                         pub fn read(&self, r: &mut R) -> usize { r.n() } }\n\
             fn count(r: &mut R) -> io::Result<u16> { r.u16() }",
        );
        let b = facts("pub struct Other { pub len: u64 }");
        let mut c = CrateSizes::default();
        c.add(&a);
        c.add(&b);
        let bound = |ops: &[SizeOp]| c.bound(ops);
        let field = |ty: Option<&str>, n: &str| SizeOp::Field(ty.map(str::to_string), n.to_string());
        // A `u8` field, by its owner or by a name every struct agrees on.
        assert_eq!(bound(&[field(Some("H"), "name_len")]), Some(Bound { bits: 8, input: true }));
        assert_eq!(bound(&[field(None, "name_len")]), Some(Bound { bits: 8, input: true }));
        assert_eq!(bound(&[field(None, "w")]), Some(Bound { bits: 16, input: true }));
        // `len` is a `u32` in one struct and a `u64` in another.
        assert_eq!(bound(&[field(None, "len")]), None);
        assert_eq!(bound(&[field(Some("Other"), "len")]), Some(Bound { bits: 64, input: true }));
        // Constants only: the program's choice whatever its width.
        let size = SizeOp::Ret(None, "size".into(), true);
        let b =
            bound(&[size.clone(), SizeOp::Konst(2), SizeOp::Mul, SizeOp::Const("WINDOW".into()), SizeOp::Add]).unwrap();
        assert!(!b.input && b.bounded());
        // A method that returns what it read is not known; a `u16` function is.
        assert_eq!(bound(&[SizeOp::Ret(None, "read".into(), true)]), None);
        let count = bound(&[SizeOp::Ret(None, "count".into(), false), SizeOp::Konst(3), SizeOp::Mul]).unwrap();
        assert!(count.input && count.bits == 19 && count.bounded());
        // Two `u16` counts multiplied: 32 bits of the input.
        let w = field(None, "w");
        assert!(!bound(&[w.clone(), w, SizeOp::Mul]).unwrap().bounded());
        // A constant caps what the input says (`n.min(MAX)`).
        assert!(bound(&[SizeOp::Bits(64), SizeOp::Const("WINDOW".into()), SizeOp::Min]).unwrap().bounded());
        // Malformed: nothing.
        assert_eq!(eval(&[SizeOp::Mul], &mut |_| None), None);
    }

    #[test]
    fn parameters_take_what_each_call_site_passes() {
        // `vec![0; len + 16]` of a parameter `len`: unbounded alone.
        let size = [SizeOp::Param(1), SizeOp::Konst(5), SizeOp::Add];
        assert!(is_open(&size));
        assert_eq!(bounded_alone(&size), Some(false));
        // A caller passing a `u16`: 17 bits.
        let at = substitute(&size, &mut |i| if i == 1 { vec![SizeOp::Bits(16)] } else { vec![SizeOp::Param(i)] });
        assert_eq!(at, [SizeOp::Bits(16), SizeOp::Konst(5), SizeOp::Add]);
        assert_eq!(bounded_alone(&at), Some(true));
        // A caller passing its own parameter on: still open, still unbounded.
        let on = substitute(&size, &mut |_| vec![SizeOp::Param(0), SizeOp::Bits(32), SizeOp::Min]);
        assert_eq!(bounded_alone(&on), Some(false));
        // A field only the crate closes: not known yet.
        let field = substitute(&size, &mut |_| vec![SizeOp::Field(None, "len".into())]);
        assert_eq!(bounded_alone(&field), None);
        // Two `u16`s multiplied are no small size; a checked value times a
        // constant is the program's choice; plus the input's it is not.
        let grid = [SizeOp::Param(0), SizeOp::Param(1), SizeOp::Mul];
        assert_eq!(bounded_alone(&substitute(&grid, &mut |_| vec![SizeOp::Bits(16)])), Some(false));
        let chosen_grid = substitute(&grid, &mut |i| vec![if i == 0 { CHOSEN } else { SizeOp::Konst(3) }]);
        assert_eq!(bounded_alone(&chosen_grid), Some(true));
        let mixed = substitute(&grid, &mut |i| vec![if i == 0 { CHOSEN } else { SizeOp::Bits(8) }]);
        assert_eq!(bounded_alone(&mixed), Some(false));
        // What no input reaches keeps its width, as the program's.
        assert_eq!(
            chosen(&[SizeOp::Bits(32), SizeOp::Field(None, "n".into()), SizeOp::Add]),
            [SizeOp::Konst(32), CHOSEN, SizeOp::Add]
        );
        // Another crate's declarations are not the sink's crate's to close.
        assert_eq!(
            foreign(&[SizeOp::Field(None, "n".into()), SizeOp::Const("MAX".into()), SizeOp::Min]),
            [SizeOp::Bits(64), CHOSEN, SizeOp::Min]
        );
        // The crate's step takes a parameter left for the input's.
        assert_eq!(CrateSizes::default().bound(&[SizeOp::Param(0)]), Some(UNBOUNDED));
    }
}
