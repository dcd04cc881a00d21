use crate::rules::prelude::*;
use crate::syntax::exprs::is_constant;
use crate::rules::unsafety::{is_zero, strip_parens};
use syn::visit::Visit;
use syn::{BinOp, Expr, ExprCall, ExprMethodCall};

declare_rule! {
    /// ### What it does
    /// Flags integer arithmetic that visibly can overflow in a release
    /// build, where overflow wraps silently (debug builds panic, so tests
    /// do not see it):
    ///
    /// - a subtraction from a length or count (`v.len() - n`), or of two
    ///   variables where the left one is cast to an unsigned type (`x as
    ///   usize - y`), that the function does not guard with a comparison of
    ///   the same operands (or `is_empty()` for `- 1`): it wraps to a huge
    ///   number — low;
    /// - a multiplication or shift (or an addition of two unknown values)
    ///   that sizes an allocation or a buffer (`Vec::with_capacity(n *
    ///   size)`, `vec![0; a * b]`, `reserve`, `resize`,
    ///   `Layout::from_size_align`, `from_raw_parts`), where an operand is
    ///   neither a constant nor a length — medium: a wrapped size makes a
    ///   too-small buffer.
    ///
    /// Off by default (`--extend-select arithmetic-overflow`). `checked_*`,
    /// `saturating_*` and `wrapping_*` calls are, by definition, not
    /// reported; nor is code under `#[allow(clippy::arithmetic_side_effects)]`.
    ///
    /// ### Why is this bad?
    /// A wrapped length or size is the classic road from an integer bug to
    /// memory corruption: a small allocation followed by a large copy, or a
    /// huge "remaining length" that lets a parser read past its buffer. Even
    /// in safe Rust, a wrapped value that reaches `unsafe` code or an FFI
    /// call is exploitable, and in safe code it turns into a panic or a
    /// logic error far from the cause.
    ///
    /// ### Example
    /// ```rust
    /// pub fn table(rows: usize, cols: usize) -> Vec<u64> {
    ///     Vec::with_capacity(rows * cols)
    /// }
    /// ```
    ///
    /// ### Use instead
    /// ```rust
    /// pub fn table(rows: usize, cols: usize) -> Option<Vec<u64>> {
    ///     Some(Vec::with_capacity(rows.checked_mul(cols)?))
    /// }
    /// ```
    ///
    /// ### References
    /// - CWE-190: Integer Overflow or Wraparound
    /// - CWE-191: Integer Underflow (Wrap or Wraparound)
    /// - CWE-680: Integer Overflow to Buffer Overflow
    /// - OWASP Top 10 2021 A04: Insecure Design
    /// - clippy: `arithmetic_side_effects`
    pub(crate) ArithmeticOverflow {
        id: "arithmetic-overflow",
        name: "UncheckedArithmeticOverflow",
        summary: "integer arithmetic on lengths and allocation sizes that wraps silently in release builds",
        severity: Low,
        precision: Medium,
        measured: [],
        cwe: [190, 191, 680],
        owasp: [A04],
        tags: ["panic", "memory-safety"],
        default_enabled: false,
        off_reason: "it flags arithmetic that can wrap, not arithmetic shown to wrap: a review aid for code that sizes buffers from input",
        clippy: ["clippy::arithmetic_side_effects", "clippy::integer_arithmetic"],
    }
}

impl Rule for ArithmeticOverflow {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn interests(&self) -> Interests {
        Interests {
            nodes: node::EXPR,
            calls: &["with_capacity", "from_size_align", "from_size_align_unchecked", "from_raw_parts", "from_raw_parts_mut", "alloc"],
            methods: &["reserve", "reserve_exact", "resize", "with_capacity"],
            macros: &["vec"],
            ..Default::default()
        }
    }

    fn check_expr<'ast>(&self, cx: &mut Cx<'_, 'ast>, e: &'ast Expr) {
        let Expr::Binary(b) = e else { return };
        if !matches!(b.op, BinOp::Sub(_) | BinOp::SubAssign(_)) || is_zero(&b.right) {
            return;
        }
        // A length minus anything, or a cast of a variable minus a variable:
        // `x as usize - 12` is usually guarded by a match range or a lookup table.
        let from_len = is_len_like(&b.left);
        let from_cast = is_unsigned(&b.left) && !is_constant(&b.left) && !is_constant(&b.right);
        if !(from_len || from_cast) {
            return;
        }
        let Some(f) = cx.enclosing_fn() else { return };
        let left = cx.file.snippet(b.left.span()).to_string();
        let right = cx.file.snippet(b.right.span()).to_string();
        if guarded(cx, f, &left, &right) {
            return;
        }
        cx.report(b.op.span(), format!("`{left} - {right}` wraps to a huge value in release builds if `{right}` is larger"))
            .help(format!("compare first, or use `{left}.checked_sub({right})` / `saturating_sub`"));
    }

    fn check_call<'ast>(&self, cx: &mut Cx<'_, 'ast>, call: &'ast ExprCall, callee: &'ast syn::Path) {
        let name = callee.segments.last().map(|s| s.ident.to_string()).unwrap_or_default();
        let sized: Vec<&Expr> = match name.as_str() {
            "with_capacity" | "alloc" => call.args.iter().collect(),
            "from_size_align" | "from_size_align_unchecked" => call.args.iter().take(1).collect(),
            "from_raw_parts" | "from_raw_parts_mut" => call.args.iter().skip(1).collect(),
            _ => return,
        };
        for a in sized {
            size_overflow(cx, a, &name);
        }
    }

    fn check_method_call<'ast>(&self, cx: &mut Cx<'_, 'ast>, m: &'ast ExprMethodCall) {
        let name = m.method.to_string();
        if let Some(a) = m.args.first() {
            size_overflow(cx, a, &name);
        }
    }

    fn check_macro<'ast>(&self, cx: &mut Cx<'_, 'ast>, mac: &'ast syn::Macro, args: Option<&[&syn::Expr]>) {
        // `vec![x; n]`: the length.
        if let Some(&[_, len]) = args
            && !mac.tokens.to_string().contains(',')
        {
            size_overflow(cx, len, "vec!");
        }
    }
}

const UNSIGNED: &[&str] = &["usize", "u8", "u16", "u32", "u64", "u128"];

/// Visibly an unsigned integer: a length, count or capacity, a cast to an
/// unsigned type, or an unsigned-suffixed literal.
fn is_unsigned(e: &Expr) -> bool {
    match strip_parens(e) {
        Expr::MethodCall(m) => m.args.is_empty() && matches!(m.method.to_string().as_str(), "len" | "count" | "capacity"),
        Expr::Cast(c) => matches!(&*c.ty, syn::Type::Path(p) if p.path.get_ident().is_some_and(|i| UNSIGNED.iter().any(|u| i == u))),
        Expr::Lit(syn::ExprLit { lit: syn::Lit::Int(i), .. }) => UNSIGNED.contains(&i.suffix()),
        _ => false,
    }
}

/// `x.len()`, `x.count()`, `x.capacity()`.
fn is_len_like(e: &Expr) -> bool {
    matches!(strip_parens(e), Expr::MethodCall(m) if m.args.is_empty() && matches!(m.method.to_string().as_str(), "len" | "count" | "capacity"))
}

/// `x.len()` (of an existing collection: bounded by memory).
fn is_len(e: &Expr) -> bool {
    matches!(strip_parens(e), Expr::MethodCall(m) if m.args.is_empty() && matches!(m.method.to_string().as_str(), "len" | "capacity"))
}

fn size_overflow(cx: &mut Cx<'_, '_>, arg: &Expr, api: &str) {
    let e = match strip_parens(arg) {
        Expr::Cast(c) => strip_parens(&c.expr),
        e => e,
    };
    let Expr::Binary(b) = e else { return };
    if !matches!(b.op, BinOp::Mul(_) | BinOp::Add(_) | BinOp::Shl(_)) {
        return;
    }
    let unknown = |x: &Expr| {
        !is_constant(x)
            && !is_len(x)
            && !matches!(strip_parens(x), Expr::Call(_) | Expr::Macro(_))
            && !matches!(strip_parens(x), Expr::Path(p) if p.path.get_ident().is_some_and(|i| i.to_string().ends_with("len")))
    };
    let grows_a_lot = match b.op {
        BinOp::Mul(_) | BinOp::Shl(_) => unknown(&b.left) || unknown(&b.right),
        // `n + 1` overflows only at `usize::MAX`: both sides must be unknown.
        _ => unknown(&b.left) && unknown(&b.right),
    };
    if !grows_a_lot {
        return;
    }
    if cx.enclosing_fn().is_none() {
        return;
    }
    let text = cx.file.snippet(b.span()).split_whitespace().collect::<Vec<_>>().join(" ");
    let checked = match b.op {
        BinOp::Mul(_) => "checked_mul",
        BinOp::Add(_) => "checked_add",
        _ => "checked_shl",
    };
    cx.report(b.op.span(), format!("`{text}` sizes `{api}` and can overflow: in release builds it wraps to a small size"))
        .help(format!("compute the size with `{checked}` and handle `None` (or bound the operands first)"))
        .severity(Severity::Medium);
}

/// The function compares `left` and `right` (either order), or, for
/// `x.len() - 1`, checks `x.is_empty()` / `x.len() > 0`.
fn guarded(cx: &Cx<'_, '_>, f: &FnLike<'_>, left: &str, right: &str) -> bool {
    struct Cmp<'c, 'a, 'ast> {
        cx: &'c Cx<'a, 'ast>,
        left: &'c str,
        right: &'c str,
        found: bool,
    }
    impl<'ast> Visit<'ast> for Cmp<'_, '_, 'ast> {
        fn visit_expr_binary(&mut self, b: &'ast syn::ExprBinary) {
            if matches!(b.op, BinOp::Lt(_) | BinOp::Le(_) | BinOp::Gt(_) | BinOp::Ge(_) | BinOp::Eq(_) | BinOp::Ne(_)) {
                let l = self.cx.file.snippet(b.left.span());
                let r = self.cx.file.snippet(b.right.span());
                let mentions = |s: &str, w: &str| s == w || s.contains(w);
                if (mentions(l, self.left) && mentions(r, self.right)) || (mentions(l, self.right) && mentions(r, self.left)) {
                    self.found = true;
                }
                if self.right == "1" && (l == self.left || r == self.left) {
                    self.found = true;
                }
            }
            syn::visit::visit_expr_binary(self, b);
        }
        fn visit_macro(&mut self, m: &'ast syn::Macro) {
            for a in crate::syntax::macros::parse_args_cached(m).iter() {
                let text = self.cx.file.snippet(a.expr.span()).to_string();
                if text.contains(self.left) && text.contains(self.right) {
                    self.found = true;
                }
            }
        }
        fn visit_item(&mut self, _: &'ast syn::Item) {}
    }
    if right == "1"
        && let Some(recv) = left.strip_suffix(".len()")
    {
        let body = cx.file.snippet(f.block.brace_token.span.join());
        if body.contains(&format!("{recv}.is_empty()")) {
            return true;
        }
    }
    let mut v = Cmp { cx, left, right, found: false };
    v.visit_block(f.block);
    v.found
}
