//! Calls as the semantic model resolves them: a method call's receiver
//! type, and the canonical path of a modelled callee (`sqlx::query`, the
//! trait method `sqlx::Executor::execute` on a pool connection), matched
//! against the models' `functions` by path.

use proc_macro2::Span;
use syn::{Expr, ExprMethodCall};

use super::{FnAnalysis, Taint, sanitize, strip_ref_mut, union};
use crate::taint::mask;
use crate::taint::sem::{extern_target, type_segs};

impl<'a> FnAnalysis<'a> {
    /// The receiver's type from the semantic model only if the body is
    /// already inferred, or would have been but for a skipped inference
    /// (`infer_skipped`): no inference for this question alone.
    pub(super) fn sem_recv_if_inferred(&mut self, name: Span) -> Option<Vec<String>> {
        if !self.infer_skipped && !self.sem.as_ref().is_some_and(|s| s.inferred()) {
            return None;
        }
        self.sem_recv(name)
    }

    /// The receiver's type of the method call named at `name`, from the
    /// semantic model.
    pub(super) fn sem_recv(&mut self, name: Span) -> Option<Vec<String>> {
        let c = self.sem.as_mut()?.call_at(name)?;
        c.recv.as_ref().and_then(type_segs)
    }

    /// The stream under a buffering reader the method called at `name` is
    /// called on (`BufReader<TcpStream>`, tokio's and futures'
    /// `BufReader`, `BufStream`): what is read through it is read off
    /// that stream.
    pub(super) fn sem_recv_buffered(&mut self, name: Span) -> Option<Vec<String>> {
        let c = self.sem.as_mut()?.call_at(name)?;
        let crate::semantic::Ty::Path { def, args } = c.recv.as_ref()?.strip_refs() else { return None };
        let p = def.as_extern()?;
        let last = p.rsplit("::").next().unwrap_or(p);
        if !(matches!(last, "BufReader" | "BufStream") && p.contains("io::")) {
            return None;
        }
        type_segs(args.first()?)
    }

    /// The canonical path of the modelled external fn or method called at
    /// `name`: only asked for names a model's `functions` ends with, and
    /// but for sources only when something `tainted` reaches the call (no
    /// type work for calls that cannot matter).
    pub(super) fn sem_extern(&mut self, name: Span, last: &str, tainted: bool) -> Option<String> {
        let asked = if tainted { &self.models.fn_last } else { &self.models.fn_last_sources };
        if !asked.contains(last) {
            return None;
        }
        let c = self.sem.as_mut()?.call_at(name)?;
        extern_target(c).map(str::to_string)
    }

    /// The canonical path of the modelled external method called at
    /// `name`, as [`sem_extern`](Self::sem_extern); but not resolved in a
    /// file that names none of the crates whose models could give such a
    /// path (`bytes()` is reqwest's source only where `reqwest` is
    /// written): no inference for it. The
    /// body is inferred later when a question asked only of inferred
    /// bodies comes (`infer_skipped`), as it would have been here.
    pub(super) fn sem_extern_method(&mut self, name: Span, last: &str, tainted: bool) -> Option<String> {
        let asked = if tainted { &self.models.fn_last } else { &self.models.fn_last_sources };
        if asked.contains(last)
            && let Some(crates) = self.models.method_path_crates(last)
            && !crates.iter().any(|c| self.file.text_contains(c))
        {
            self.infer_skipped = true;
            return None;
        }
        self.sem_extern(name, last, tainted)
    }

    /// A method call whose callee resolves to a path the models name in
    /// `functions` (arguments numbered as in a path call: the receiver is
    /// argument 0). Sinks are checked; a source or sanitizer gives the
    /// call's value.
    pub(super) fn method_by_path(
        &mut self,
        m: &ExprMethodCall,
        path: &str,
        span: Span,
        recv: &Taint,
        args: &[Taint],
    ) -> Option<Taint> {
        let models = self.models;
        let mut ufcs = Vec::with_capacity(args.len() + 1);
        ufcs.push(recv.clone());
        ufcs.extend(args.iter().cloned());
        if let Some(sinks) = models.fn_sinks.get(path) {
            let mut exprs: Vec<&Expr> = vec![&m.receiver];
            exprs.extend(m.args.iter());
            let hint = self.hint_of(&m.receiver);
            for s in sinks {
                if self.condition_holds(s, &hint, m.args.iter().collect()) {
                    self.check_sink(s, &ufcs, None, span, exprs.clone());
                }
            }
        }
        if let Some(src) = models.fn_sources.get(path) {
            let t = self.source(src.kind, src.label.clone(), span, src.shape);
            if src.taints_arg0 {
                if let Some(a) = m.args.first() {
                    self.assign(strip_ref_mut(a), t, true);
                }
                return Some(Vec::new());
            }
            return Some(t);
        }
        if let Some(rules) = models.fn_sanitizers.get(path) {
            return Some(sanitize(recv, mask::of_ids(rules)));
        }
        if models.fn_cleansers.contains(path) {
            return Some(Vec::new());
        }
        if let Some(&number) = models.fn_propagators.get(path) {
            let mut all = recv.clone();
            for a in args {
                union(&mut all, a);
            }
            let name = path.rsplit("::").next().unwrap_or_default();
            return Some(if number { super::state::as_number(&all, name) } else { all });
        }
        None
    }
}
