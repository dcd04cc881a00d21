//! What a read writes into the buffer it is handed: a read from a
//! tainted reader (`reader.read_exact(&mut buf)`) and the crate's own read
//! helper (`read_exact_or_eof(reader, &mut buf)`) fill it with the
//! reader's taint.

use syn::{Expr, ExprMethodCall};

use super::call::is_crate_type;
use super::state::with_shape;
use super::{FnAnalysis, Taint, strip_ref_mut, union, var_of};
use crate::taint::Shape;

impl FnAnalysis<'_> {
    /// The crate's own read helper handed a reader and a fresh buffer
    /// (`read_exact_or_eof(reader, &mut buf)`, `fill(&mut r, &mut buf)`)
    /// fills the buffer from the reader, as `read_exact` would: the buffer
    /// gets what the other arguments carry. Only a function named for
    /// reading or filling, and only a `&mut` local that holds nothing yet.
    pub(super) fn fill_through_helper(
        &mut self,
        name: &str,
        exprs: &syn::punctuated::Punctuated<Expr, syn::Token![,]>,
        args: &[Taint],
    ) {
        if !is_read_helper(name) || exprs.len() != args.len() {
            return;
        }
        let mut from = Vec::new();
        let mut bufs = Vec::new();
        for (e, t) in exprs.iter().zip(args) {
            match e {
                Expr::Reference(r)
                    if r.mutability.is_some()
                        && var_of(&r.expr)
                            .is_some_and(|v| !v.contains('.') && self.env.get(&v).is_none_or(Vec::is_empty)) =>
                {
                    bufs.push(&*r.expr);
                }
                _ => union(&mut from, t),
            }
        }
        if from.is_empty() {
            return;
        }
        let t = with_shape(&from, Shape::Text);
        for b in bufs {
            self.assign(b, t.clone(), true);
        }
    }

    /// Reads from a tainted reader fill their buffer argument with its
    /// taint (`reader.read_exact(&mut buf)` on a `BufReader` of a socket,
    /// a generic `R: Read` parameter). Their result is a count of bytes
    /// that fit the buffer: `true` when this was such a read.
    pub(super) fn fill_from_reader(&mut self, m: &ExprMethodCall, name: &str, recv: &Taint) -> bool {
        if !recv.is_empty()
            && matches!(
                name,
                "read" | "read_exact" | "read_to_end" | "read_to_string" | "read_line" | "read_until" | "read_buf"
            )
            && let Some(a) = m.args.last()
        {
            // `store.read(id)` on the crate's own type is the crate's
            // method, unless it is handed a buffer (`conn.read(&mut buf)`).
            let buffer = matches!(a, Expr::Reference(r) if r.mutability.is_some());
            if !buffer && self.receiver_type(&m.receiver).as_deref().is_some_and(is_crate_type) {
                return false;
            }
            let t = with_shape(recv, Shape::Text);
            self.assign(strip_ref_mut(a), t, true);
            return true;
        }
        false
    }
}

/// A function named for reading or filling (`read_exact_or_eof`,
/// `fill_buf`): what it writes through a `&mut` buffer is what it read.
pub(super) fn is_read_helper(name: &str) -> bool {
    ["read", "fill"].iter().any(|p| name.strip_prefix(p).is_some_and(|rest| rest.is_empty() || rest.starts_with('_')))
}

#[cfg(test)]
mod tests {
    use super::is_read_helper;

    #[test]
    fn read_helpers_are_named_for_reading_or_filling() {
        for n in ["read", "read_exact_or_eof", "read_full", "fill", "fill_buf"] {
            assert!(is_read_helper(n), "{n}");
        }
        for n in ["ready", "readable", "reader", "filler", "spread", "do_read"] {
            assert!(!is_read_helper(n), "{n}");
        }
    }
}
