//! The measure of the semantic model (issue 13): of the call expressions
//! (fn calls and method calls) in a crate's code, how many resolve — to a
//! fn, method or constructor of the crate's item index, or to a fn or
//! method of a type model — and how many method receivers have a known
//! type. Misses are counted by cause, and the most frequent unresolved
//! names kept, to say where the model is blind.

use rustc_hash::FxHashMap as HashMap;

use super::ops::Target;
use super::path::SymPath;
use super::ty::Ty;
use super::walk::CallFact;

#[derive(Clone, Debug, Default)]
pub struct CallStats {
    pub calls: u64,
    pub resolved: u64,
    pub fn_calls: u64,
    pub fn_resolved: u64,
    pub method_calls: u64,
    pub method_resolved: u64,
    /// Method calls whose receiver's type is known.
    pub recv_known: u64,
    /// Resolved to the crate's own fns and methods.
    pub to_crate: u64,
    /// Resolved to constructors (tuple structs, variants, `Some`, `Ok`).
    pub to_ctor: u64,
    /// Resolved to a type model.
    pub to_model: u64,
    /// Resolved through the one trait in scope (receiver type unknown).
    pub via_scope_trait: u64,
    /// Calls written in macro arguments, and how many of them resolve.
    pub in_macro: u64,
    pub in_macro_resolved: u64,
    /// Unresolved: calls of closures and fn pointers held by locals.
    pub miss_local: u64,
    /// Unresolved: method calls on a receiver of unknown type.
    pub miss_unknown_recv: u64,
    /// Unresolved: the receiver's type is known (an external type without a
    /// model, or a model without that method).
    pub miss_known_recv: u64,
    /// Unresolved: fn calls by path.
    pub miss_path: u64,
    /// Unresolved calls by what was called (`Type::method`, `?::method`,
    /// a path): the most frequent tell where models are missing.
    pub missing: HashMap<String, u64>,
}

impl CallStats {
    /// Count one call, resolved at the join to `target` (receiver `recv`,
    /// whose type is known or not: [`super::CrateIndex::type_known`]).
    pub fn add(&mut self, c: &CallFact, target: &Target, recv: Option<&Ty>, recv_known: bool) {
        let ok = target.is_resolved();
        self.calls += 1;
        self.resolved += ok as u64;
        if c.in_macro {
            self.in_macro += 1;
            self.in_macro_resolved += ok as u64;
        }
        match target {
            Target::Fn(_) => self.to_crate += 1,
            Target::Ctor(_) => self.to_ctor += 1,
            Target::Extern(_) => self.to_model += 1,
            _ => {}
        }
        if ok && c.via_scope_trait {
            self.via_scope_trait += 1;
        }
        if c.is_method {
            self.method_calls += 1;
            self.method_resolved += ok as u64;
            let known = recv_known;
            self.recv_known += known as u64;
            if !ok {
                let key = match recv.map(|r| r.strip_refs()) {
                    Some(Ty::Path { def, .. }) if known => format!("{}::{}", def_key(def), c.name),
                    Some(Ty::Slice(_)) => format!("[_]::{}", c.name),
                    Some(Ty::Bounds(b)) if known => {
                        format!("impl {}::{}", b.first().map(|t| def_key(&t.path)).unwrap_or_default(), c.name)
                    }
                    _ => format!("?::{}", c.name),
                };
                if known {
                    self.miss_known_recv += 1;
                } else {
                    self.miss_unknown_recv += 1;
                }
                *self.missing.entry(key).or_default() += 1;
            }
        } else {
            self.fn_calls += 1;
            self.fn_resolved += ok as u64;
            if !ok {
                if matches!(target, Target::Local(_)) {
                    self.miss_local += 1;
                    *self.missing.entry("(closure or fn pointer)".into()).or_default() += 1;
                } else {
                    self.miss_path += 1;
                    let key = match &c.recipe {
                        Some(super::infer::Recipe::Path(p)) => format!("path {}", def_key(p)),
                        _ => format!("path …::{}", c.name),
                    };
                    *self.missing.entry(key).or_default() += 1;
                }
            }
        }
    }

    pub fn merge(&mut self, o: &CallStats) {
        self.calls += o.calls;
        self.resolved += o.resolved;
        self.fn_calls += o.fn_calls;
        self.fn_resolved += o.fn_resolved;
        self.method_calls += o.method_calls;
        self.method_resolved += o.method_resolved;
        self.recv_known += o.recv_known;
        self.to_crate += o.to_crate;
        self.to_ctor += o.to_ctor;
        self.to_model += o.to_model;
        self.via_scope_trait += o.via_scope_trait;
        self.in_macro += o.in_macro;
        self.in_macro_resolved += o.in_macro_resolved;
        self.miss_local += o.miss_local;
        self.miss_unknown_recv += o.miss_unknown_recv;
        self.miss_known_recv += o.miss_known_recv;
        self.miss_path += o.miss_path;
        for (k, v) in &o.missing {
            *self.missing.entry(k.clone()).or_default() += v;
        }
    }

    /// `part / whole` in percent (0 when `whole` is 0).
    pub fn pct(part: u64, whole: u64) -> f64 {
        if whole == 0 { 0.0 } else { 100.0 * part as f64 / whole as f64 }
    }

    /// The most frequent unresolved names, most frequent first (ties by
    /// name, so the list is stable).
    pub fn top_missing(&self, n: usize) -> Vec<(&str, u64)> {
        let mut v: Vec<(&str, u64)> = self.missing.iter().map(|(k, v)| (k.as_str(), *v)).collect();
        v.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
        v.truncate(n);
        v
    }
}

/// A short key for a definition path.
fn def_key(p: &SymPath) -> String {
    match p {
        SymPath::Crate(s) => format!("crate::{}", s.iter().map(|x| &**x).collect::<Vec<_>>().join("::")),
        other => other.to_string(),
    }
}
