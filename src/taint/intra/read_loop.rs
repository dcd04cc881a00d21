//! A count the input paid for (issue 21): after
//!
//! ```text
//! for _ in 0..count { offsets.push(read_u32(&mut reader)?); }
//! ```
//!
//! ran to its end, `count` items came off the reader one by one — each
//! iteration's read either delivered its bytes or returned through `?` —
//! so `count` is no more than the data the input really held, and an
//! allocation of `count` elements made below the loop is proportional to
//! bytes received, like `read_to_end`'s (`Guard::ReadLoop`). The
//! allocation before the loop, sized by the bare count, is still
//! reported. Only a loop over `0..count` (`..count`, `0..=count`) whose body reads,
//! on every iteration, from a value that carries taint (the reader) with
//! a `?` outside any branch, and never `break`s.
//!
//! So is a count a read filled a vector of: after `let mut v = vec![0;
//! count * 2]; r.read_u32_into(&mut v)?;` (or `read_exact`) returned, the
//! input held `count * 2` values, so `Vec::with_capacity(count)` below is
//! proportional to bytes received (the `vec!` itself is still reported).

use syn::visit::Visit;
use syn::{Expr, ExprForLoop};

use super::state::with_shape;
use super::{FnAnalysis, strip_parens_refs_derefs, var_of};
use crate::rules::taint::Guard;
use crate::taint::Shape;
use crate::taint::mask;

impl FnAnalysis<'_> {
    /// After a `for` loop (see the module docs): its count is one the
    /// input paid for.
    pub(super) fn loop_read_count(&mut self, x: &ExprForLoop) {
        let Some(count) = range_end(&x.expr).and_then(var_of) else { return };
        if self.env.get(&count).is_none_or(|t| t.is_empty()) {
            return;
        }
        let mut body = Body::default();
        for s in &x.body.stmts {
            body.visit_stmt(s);
        }
        if body.breaks {
            return;
        }
        let reads = body.tried.iter().any(|call| {
            let mut seen = Idents::default();
            seen.visit_expr(call);
            seen.0.iter().any(|v| *v != count && self.env.get(v).is_some_and(|t| !t.is_empty()))
        });
        if reads {
            self.paid(&count);
        }
    }
}

impl FnAnalysis<'_> {
    /// After `r.read_exact(&mut v)?` or `r.read_u32_into(&mut v)?` from
    /// any reader, where `v` is a `vec![x; count]`: `count` is one the
    /// input paid for (see the module docs).
    pub(super) fn filled_read_count(&mut self, call: &Expr) {
        let Expr::MethodCall(m) = strip_parens_refs_derefs(call) else { return };
        let name = m.method.to_string();
        if name != "read_exact" && !(name.starts_with("read_") && name.ends_with("_into")) {
            return;
        }
        let Some(buf) = m.args.first().and_then(var_of) else { return };
        let Some(count) = self.hints.get(&buf).and_then(|h| h.filled_by.clone()) else { return };
        // Whatever the reader: it delivered `count` values or the `?`
        // returned (a reader wrapped in a struct whose field carries the
        // taint has none of its own).
        if self.env.get(&count).is_some_and(|t| !t.is_empty()) {
            self.paid(&count);
        }
    }

    /// `count` is a number the input paid for. It sized a `vec!` or ended
    /// a range, so it is a number even when it came from a call whose
    /// result's shape is unknown: as text, its cast to `usize` would drop
    /// the guard again (`with_shape`).
    fn paid(&mut self, count: &str) {
        if let Some(t) = self.env.get(count) {
            let t = with_shape(t, Shape::Number);
            self.env.insert(count, t);
        }
        self.sanitize_var(count, mask::guarded_by(Guard::ReadLoop));
    }
}

/// The count `vec![x; n]` is sized by when the size is `n`, `n as usize`,
/// `usize::from(n)` or such times a constant.
pub(super) fn zeroed_count(init: &Expr) -> Option<String> {
    let Expr::Macro(m) = strip_parens_refs_derefs(init) else { return None };
    if !m.mac.path.is_ident("vec") {
        return None;
    }
    let args = m.mac.parse_body_with(syn::punctuated::Punctuated::<Expr, syn::Token![;]>::parse_terminated).ok()?;
    (args.len() == 2).then(|| factor(&args[1])).flatten()
}

/// `n`, `n as usize`, `usize::from(n)`, `n * 2`, `n * SIZE`: `n` (a
/// factor that may be 0 would pay for nothing).
fn factor(e: &Expr) -> Option<String> {
    match strip_parens_refs_derefs(e) {
        Expr::Binary(b) if matches!(b.op, syn::BinOp::Mul(_)) => {
            if nonzero_constant(&b.right) {
                factor(&b.left)
            } else if nonzero_constant(&b.left) {
                factor(&b.right)
            } else {
                None
            }
        }
        Expr::Cast(c) => factor(&c.expr),
        Expr::Call(c) if c.args.len() == 1 && is_from(&c.func) => factor(&c.args[0]),
        Expr::Path(p) => p.path.get_ident().map(ToString::to_string),
        _ => None,
    }
}

/// A literal other than 0, or a constant's name (`SIZE`, `Rational::LEN`).
fn nonzero_constant(e: &Expr) -> bool {
    match strip_parens_refs_derefs(e) {
        Expr::Lit(syn::ExprLit { lit: syn::Lit::Int(i), .. }) => i.base10_parse::<u128>().is_ok_and(|v| v > 0),
        Expr::Path(p) => {
            p.path.segments.last().is_some_and(|s| crate::syntax::exprs::is_const_name(&s.ident.to_string()))
        }
        _ => false,
    }
}

/// `usize::from`, `u64::from`: a conversion of the same value.
fn is_from(func: &Expr) -> bool {
    matches!(strip_parens_refs_derefs(func), Expr::Path(p) if p.path.segments.last().is_some_and(|s| s.ident == "from"))
}

/// `0..n`, `..n`: `n`.
fn range_end(e: &Expr) -> Option<&Expr> {
    let Expr::Range(r) = strip_parens_refs_derefs(e) else { return None };
    let from_zero = match &r.start {
        None => true,
        Some(s) => {
            matches!(strip_parens_refs_derefs(s), Expr::Lit(syn::ExprLit { lit: syn::Lit::Int(i), .. }) if i.base10_digits() == "0")
        }
    };
    if !from_zero {
        return None;
    }
    r.end.as_deref()
}

/// What a loop body does on every iteration: the calls it `?`s outside
/// any branch, nested loop or closure, and whether it `break`s anywhere
/// but in a nested loop or closure.
#[derive(Default)]
struct Body<'a> {
    tried: Vec<&'a Expr>,
    breaks: bool,
    /// Inside a branch: a `?` there may not run.
    branch: u32,
}

impl<'a> Visit<'a> for Body<'a> {
    fn visit_expr_try(&mut self, t: &'a syn::ExprTry) {
        if self.branch == 0 && matches!(strip_parens_refs_derefs(&t.expr), Expr::Call(_) | Expr::MethodCall(_)) {
            self.tried.push(&t.expr);
        }
        syn::visit::visit_expr_try(self, t);
    }
    fn visit_expr_break(&mut self, _: &'a syn::ExprBreak) {
        self.breaks = true;
    }
    fn visit_expr_if(&mut self, i: &'a syn::ExprIf) {
        self.visit_expr(&i.cond);
        self.branch += 1;
        self.visit_block(&i.then_branch);
        if let Some((_, e)) = &i.else_branch {
            self.visit_expr(e);
        }
        self.branch -= 1;
    }
    fn visit_expr_match(&mut self, m: &'a syn::ExprMatch) {
        self.visit_expr(&m.expr);
        self.branch += 1;
        for arm in &m.arms {
            self.visit_arm(arm);
        }
        self.branch -= 1;
    }
    fn visit_expr_binary(&mut self, b: &'a syn::ExprBinary) {
        // `a && b()?`: the right side may not run.
        self.visit_expr(&b.left);
        let lazy = matches!(b.op, syn::BinOp::And(_) | syn::BinOp::Or(_));
        self.branch += u32::from(lazy);
        self.visit_expr(&b.right);
        self.branch -= u32::from(lazy);
    }
    // A nested loop's `break` ends that loop; its body may run no time.
    fn visit_expr_for_loop(&mut self, l: &'a syn::ExprForLoop) {
        self.visit_expr(&l.expr);
    }
    fn visit_expr_while(&mut self, w: &'a syn::ExprWhile) {
        self.visit_expr(&w.cond);
    }
    fn visit_expr_loop(&mut self, _: &'a syn::ExprLoop) {}
    fn visit_expr_closure(&mut self, _: &'a syn::ExprClosure) {}
    fn visit_expr_async(&mut self, _: &'a syn::ExprAsync) {}
    fn visit_item(&mut self, _: &'a syn::Item) {}
    // A macro's tokens are not expressions to visit; a `?` inside one is not seen.
}

/// The single-segment names an expression mentions.
#[derive(Default)]
struct Idents(Vec<String>);

impl<'a> Visit<'a> for Idents {
    fn visit_expr_path(&mut self, p: &'a syn::ExprPath) {
        if let Some(i) = p.path.get_ident() {
            self.0.push(i.to_string());
        }
    }
    fn visit_expr_field(&mut self, f: &'a syn::ExprField) {
        match var_of(&Expr::Field(f.clone())) {
            Some(v) => self.0.push(v),
            None => syn::visit::visit_expr_field(self, f),
        }
    }
    fn visit_expr_closure(&mut self, _: &'a syn::ExprClosure) {}
}

#[cfg(test)]
mod tests {
    use super::*;

    fn body(src: &str) -> (Vec<String>, bool) {
        let e: ExprForLoop = syn::parse_str(src).unwrap();
        let mut b = Body::default();
        for s in &e.body.stmts {
            b.visit_stmt(s);
        }
        (b.tried.iter().map(|e| quote::ToTokens::to_token_stream(*e).to_string()).collect(), b.breaks)
    }

    #[test]
    fn reads_every_iteration() {
        assert_eq!(body("for _ in 0..n { v.push(read(&mut r)?); }").0, ["read (& mut r)"]);
        // In a branch, a nested loop or a closure: not every iteration.
        assert!(body("for _ in 0..n { if a { read(&mut r)?; } }").0.is_empty());
        assert!(body("for _ in 0..n { ok && r.read()?; }").0.is_empty());
        assert!(body("for _ in 0..n { for _ in 0..m { r.read()?; } }").0.is_empty());
        assert!(body("for _ in 0..n { let f = || r.read()?; }").0.is_empty());
        // A `break` may end it early; a nested loop's ends that loop.
        assert!(body("for _ in 0..n { r.read()?; if x { break; } }").1);
        assert!(!body("for _ in 0..n { r.read()?; loop { break; } }").1);
        let e: ExprForLoop = syn::parse_str("for _ in 1..n {}").unwrap();
        assert!(range_end(&e.expr).is_none());
        let e: ExprForLoop = syn::parse_str("for _ in 0..=n {}").unwrap();
        assert!(range_end(&e.expr).is_some());
    }
}
