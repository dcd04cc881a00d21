//! Calls dispatched through a crate trait: a method called on a receiver
//! known only by the trait it implements (`s.put(k)` with `S: Store`,
//! `&dyn Store`, `impl Store`, a `Box<dyn Store>` field: the intra
//! analysis records the trait for the receiver's type), or on `self` in a
//! trait's default body, reaches every impl of that method in the
//! workspace and the trait's default body: what flows into the call
//! reaches each of them (the caller is a caller of each), and the path
//! names the impl taken. The receiver is not followed into the impls (see
//! [`Query::caller_args`]). What the call returns stays what the intra
//! analysis made of it (its arguments' taint, a lookup's receiver's): the
//! impls' returns are not joined, which kept the cost in bounds. A
//! trait method with more than [`MAX_IMPLS`] bodies is not followed: the
//! call stays a library call, as before.

use super::{Callee, FnId, Join, Origin, Query};

/// Bodies one dispatched call may reach.
pub(super) const MAX_IMPLS: usize = 16;

impl<'a> Join<'a> {
    /// Index the trait methods: (trait, method) → impls and default body.
    pub(super) fn index_trait_method(&mut self, id: FnId) {
        let s = self.funcs[id].s;
        if let Some(t) = &s.impl_trait {
            self.by_trait.entry((t.as_str(), s.name.as_str())).or_default().push(id);
        }
    }

    /// The bodies call `c` of `f` dispatches to, when its receiver is known
    /// by a crate trait (`None`: not such a call, or no body of the workspace).
    pub(super) fn dispatch_targets(&self, f: FnId, c: u32) -> Option<Box<[FnId]>> {
        let func = &self.funcs[f];
        let site = func.s.calls.get(c as usize)?;
        let Callee::Method { name, recv_type, on_self } = &site.callee else { return None };
        let (tr, defaults_only) = match (recv_type.as_deref(), *on_self) {
            (Some(t), false) => (t, false),
            // `self.m()` in a trait's default body: any impl's; in an
            // impl of the trait without `m` of its own: the default body.
            (_, true) => match (&func.s.impl_type, &func.s.impl_trait) {
                (None, Some(t)) => (t.as_str(), false),
                (Some(ty), Some(t)) if !self.by_type.contains_key(&(ty.as_str(), name.as_str())) => (t.as_str(), true),
                _ => return None,
            },
            _ => return None,
        };
        let all = self.by_trait.get(&(tr, name.as_str()))?;
        // A workspace type of that name with the method: not a trait.
        if !*on_self && self.by_type.contains_key(&(tr, name.as_str())) {
            return None;
        }
        if all.len() > MAX_IMPLS {
            return None;
        }
        let picked: Box<[FnId]> = all
            .iter()
            .copied()
            .filter(|&g| {
                let s = self.funcs[g].s;
                s.params.len() == site.arity as usize && (!defaults_only || s.impl_type.is_none())
            })
            .collect();
        (!picked.is_empty()).then_some(picked)
    }

    /// Resolve the dispatched calls of every function (after `resolve_all`:
    /// only calls it left unresolved).
    pub(super) fn resolve_dispatch(&mut self) {
        if self.by_trait.is_empty() {
            return;
        }
        for f in 0..self.funcs.len() {
            for c in 0..self.funcs[f].s.calls.len() as u32 {
                let at = self.call_base[f] + c as usize;
                let unresolved = self.resolved.get(at).is_some_and(Option::is_none);
                if unresolved && let Some(t) = self.dispatch_targets(f, c) {
                    self.dispatched.insert(at, t);
                }
            }
        }
    }

    /// The bodies call `c` of `f` was dispatched to.
    pub(super) fn dispatched(&self, f: FnId, c: u32) -> Option<&[FnId]> {
        if self.dispatched.is_empty() || c as usize >= self.funcs[f].s.calls.len() {
            return None;
        }
        self.dispatched.get(&(self.call_base[f] + c as usize)).map(|t| &**t)
    }

    /// A body a call was dispatched to, for the path: `` `put` of `impl
    /// Store for Disk` ``, `` `Store::put` (default body) ``.
    pub(super) fn impl_name(&self, g: FnId) -> String {
        let s = self.funcs[g].s;
        match (&s.impl_trait, &s.impl_type) {
            (Some(t), Some(ty)) => format!("`{}` of `impl {t} for {ty}`", s.name),
            (Some(t), None) => format!("`{t}::{}` (default body)", s.name),
            _ => format!("`{}`", s.name),
        }
    }
}

impl Query<'_, '_> {
    /// What caller `h` passes as argument `arg` of call `c` to `g`: the
    /// path names the impl when the call was dispatched.
    /// A dispatched call's receiver is not followed: an object whose type
    /// the caller does not know, tainted whole by what built it (a book
    /// loaded from a directory the command line named), is not what each
    /// impl's fields hold.
    pub(super) fn caller_args(&mut self, h: FnId, c: u32, g: FnId, arg: u16, field: Option<&str>) -> Vec<Origin> {
        let dispatched = self.dispatched(h, c).is_some();
        if dispatched && arg == 0 && self.funcs[g].s.has_self {
            return Vec::new();
        }
        let mut out = self.arg_origins(h, c, arg, field, 0);
        if dispatched
            && !out.is_empty()
            && let Some(site) = self.funcs[h].s.calls.get(c as usize)
        {
            let plain = format!("passed to `{}`", site.name);
            let named = format!("passed to {}", self.impl_name(g));
            for o in &mut out {
                if let Some(st) =
                    o.steps.iter_mut().rev().find(|st| st.msg == plain && Some(&st.loc) == site.loc.as_ref())
                {
                    st.msg.clone_from(&named);
                }
            }
        }
        out
    }
}
