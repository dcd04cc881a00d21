//! Writes into a method's receiver: `s.push_str(x)`, `v.push(x)`,
//! `map.insert(k, x)`, `map.entry(k).or_insert(x)`, a channel's `send`, also through a view of a local
//! (a lock guard, a `RefCell` borrow, a map's entry:
//! `jobs.lock().unwrap().push(cmd)`), which writes into the local.

use syn::{Expr, ExprMethodCall};

use super::{FnAnalysis, Taint, strip_parens_refs_derefs, union, var_of};

impl FnAnalysis<'_> {
    /// Mutation of the receiver: `s.push_str(x)`, `v.push(x)`, `map.insert(k, x)`.
    pub(super) fn mutate_receiver(&mut self, m: &ExprMethodCall, name: &str, args: &[Taint]) {
        if (matches!(
            name,
            "push"
                | "push_str"
                | "insert"
                | "extend"
                | "extend_from_slice"
                // `buf.copy_from_slice(&data[4..8])`: every element of the
                // argument copied into the receiver.
                | "copy_from_slice"
                | "clone_from_slice"
                | "append"
                | "push_back"
                | "push_front"
                | "write_str"
                | "write_all"
                | "write"
                | "set"
                | "or_insert"
        ) || super::channels::is_send(name))
            && args.iter().any(|a| !a.is_empty())
        {
            let mut t = Vec::new();
            for a in args {
                union(&mut t, a);
            }
            // The data path shows where it went through shared state
            // (`jobs.lock().unwrap().push(cmd)`, `tx.send(cmd)`).
            if let Some(root) = view_root(&m.receiver) {
                t = self.step(&t, m.method.span(), &format!("written into `{root}`"));
            } else if super::channels::is_send(name)
                && let Some(end) = var_of(&m.receiver).filter(|v| self.peer_of(v).is_some())
            {
                t = self.step(&t, m.method.span(), &format!("sent on `{end}`"));
            }
            self.pushing = true;
            self.assign(&m.receiver, t, true);
            self.pushing = false;
        }
    }
}

/// A method whose result is a view of its receiver that a write goes
/// through: lock guards, `RefCell` borrows, `Option`/`Result` unwrapping,
/// a map's entry or element by key.
pub(super) fn is_view_of_receiver(m: &syn::ExprMethodCall) -> bool {
    let name = m.method.to_string();
    let no_args = matches!(
        name.as_str(),
        "borrow_mut"
            | "lock"
            | "try_lock"
            | "blocking_lock"
            | "write"
            | "try_write"
            | "blocking_write"
            | "get_mut"
            | "as_mut"
            | "deref_mut"
            | "unwrap"
            | "as_mut_vec"
            | "as_mut_str"
            | "last_mut"
            | "first_mut"
            | "or_default"
    );
    let keyed =
        matches!(name.as_str(), "expect" | "entry" | "get_mut" | "or_insert" | "or_insert_with" | "get_or_insert_with");
    (no_args && m.args.is_empty()) || (keyed && m.args.len() == 1)
}

/// The local a write through a view reaches (`jobs` in
/// `jobs.lock().unwrap().push(x)`), when the receiver is such a view, or
/// the field of `self` written (`self.queue.push(x)`).
fn view_root(recv: &Expr) -> Option<String> {
    let mut e = strip_parens_refs_derefs(recv);
    let mut through_view = false;
    loop {
        e = match e {
            Expr::MethodCall(mc) if is_view_of_receiver(mc) => {
                through_view = true;
                strip_parens_refs_derefs(&mc.receiver)
            }
            Expr::Try(t) => strip_parens_refs_derefs(&t.expr),
            Expr::Await(a) => strip_parens_refs_derefs(&a.base),
            Expr::Path(p) if through_view => return p.path.get_ident().map(|i| i.to_string()),
            // A field of `self` (`self.queue.push(cmd)`): other methods read it.
            Expr::Field(f) if matches!(&*f.base, Expr::Path(p) if p.path.is_ident("self")) => {
                return match &f.member {
                    syn::Member::Named(n) => Some(format!("self.{n}")),
                    syn::Member::Unnamed(i) => Some(format!("self.{}", i.index)),
                };
            }
            _ => return None,
        };
    }
}
