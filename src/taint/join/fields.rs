//! Fields of the own type across methods: what a type's methods store in
//! a field of `self`, read back where another method reads the field.

use rustc_hash::FxHashMap as HashMap;

use super::path::{extend, extend_flow, push_origin};
use super::{Callee, FnId, From, MAX_DEPTH, MAX_ORIGINS, Origin, Query};

impl Query<'_, '_> {
    /// `self.field` read in a method of `f`'s type: what the type's other
    /// methods (and associated fns building `Self { .. }`) store there.
    pub(super) fn self_field_origins(&mut self, f: FnId, field: &str, depth: usize) -> Vec<Origin> {
        if depth >= MAX_DEPTH {
            return Vec::new();
        }
        let func = &self.funcs[f];
        let Some(t) = func.s.impl_type.clone() else { return Vec::new() };
        let key = (self.units[func.unit].crate_key.clone(), t, field.to_string());
        let Some(writes) = self.self_writes.get(&key).cloned() else { return Vec::new() };
        match self.self_field_memo.get(&key) {
            Some(Some(done)) => return done.clone(),
            Some(None) => return Vec::new(),
            None => {}
        }
        self.self_field_memo.insert(key.clone(), None);
        let mut out = Vec::new();
        for (g, k, pushed) in writes {
            if out.len() >= MAX_ORIGINS {
                break;
            }
            let (s, body) = (self.funcs[g].s, self.body(g));
            let Some(fl) = body.flows.get(k) else { continue };
            for mut o in self.origins_of(g, fl.label, depth + 1) {
                // A parameter of `g` is not one of `f`'s: only what `g`
                // itself gets from a source is known here, and a reader or
                // bytes an API function of the type was given (a decoder
                // that keeps its input: `Parser::new(data)`, then
                // `self.data` read in `next`).
                match o.from {
                    From::Source { .. } | From::ApiParam(..) | From::ParamOf(..) => {}
                    From::Param(i, None)
                        if s.api
                            && body.lib_params.iter().any(|(p, w)| *p == i && (w == "a reader" || w == "bytes")) =>
                    {
                        o.from = From::ApiParam(g, i);
                    }
                    // A parameter of a method that adds it to a container
                    // (`self.queue.push(cmd)`): what its callers pass. (A
                    // field assigned whole is the object's: its callers'
                    // fields follow it. `self`'s fields are this question's.)
                    From::Param(i, ref field) if pushed && s.has_self && i > 0 => {
                        o.from = From::ParamOf(g, i, field.clone());
                    }
                    From::Param(..) => continue,
                }
                push_origin(&mut out, extend_flow(o, fl));
            }
        }
        if self.budget > 0 {
            self.self_field_memo.insert(key, Some(out.clone()));
        } else {
            self.self_field_memo.remove(&key);
        }
        out
    }

    /// What the callers of `h` pass as its parameter `index` that `h` stored
    /// in a field of `self` (`From::ParamOf`), continued along `o`'s path.
    /// Only calls on a value of `h`'s own type count (`r.submit(cmd)` with
    /// `r: Runner`, `Runner::submit(..)`, `self.submit(..)`): the field is
    /// the type's, and a call matched by its name alone may be another
    /// type's method (a std `Vec`'s `extend`).
    pub(super) fn stored_param_origins(
        &mut self,
        callers: &HashMap<FnId, Vec<(FnId, u32)>>,
        h: FnId,
        index: u16,
        field: Option<&str>,
        o: &Origin,
    ) -> Vec<(FnId, Origin)> {
        let mut out = Vec::new();
        // A crate type named like a std one (`locked::Vec`): a call on a
        // std `Vec` is recorded with the same name.
        let Some(ty) = self.funcs[h].s.impl_type.as_deref().filter(|t| crate::semantic::scope::prelude(t).is_none())
        else {
            return out;
        };
        for &(h2, c) in callers.get(&h).map(Vec::as_slice).unwrap_or_default() {
            let caller = self.funcs[h2].s;
            let own_type = match caller.calls.get(c as usize).map(|x| &x.callee) {
                Some(Callee::Method { recv_type, on_self, .. }) => {
                    let t = if *on_self { caller.impl_type.as_deref() } else { recv_type.as_deref() };
                    t == Some(ty)
                }
                Some(Callee::Path { segs, .. }) => {
                    segs.len() >= 2 && matches!(segs[segs.len() - 2].as_str(), s if s == ty || s == "Self")
                }
                None => false,
            };
            if !own_type {
                continue;
            }
            for o2 in self.caller_args(h2, c, h, index, field) {
                out.push((h2, extend(o2, &o.steps, o.end, None)));
            }
        }
        out
    }
}
