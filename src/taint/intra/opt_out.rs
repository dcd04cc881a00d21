//! A configured opt-out: one branch of an `if` uses a value unchecked, the
//! other branch checks the same value for the same rule before its sink,
//! and which branch runs is the program's configuration, not the input:
//!
//! ```text
//! if state.config.allow_local {
//!     client.get(url.as_str()).send().await?          // the operator's choice
//! } else {
//!     /* scheme check, every resolved address checked, return Err(..) */
//!     client.get(url.as_str()).send().await?
//! }
//! ```
//!
//! The unchecked sink is a deliberate, configured opt-out, not a missing
//! check: its hits on that value, for the rules the sibling branch checked
//! it for, are dropped. A condition that reads input (a source, a local or
//! parameter whose taint is unknown: a `bool` read off a request is not
//! tracked) keeps them.
//!
//! A `match` on the configuration (`match state.egress { Egress::Open =>
//! .., Egress::Checked => { /* checks */ .. } }`) is the same: an arm's
//! unchecked hits on a value a sibling arm checked for the rule are
//! dropped when the scrutinee and every arm guard are configuration.

use syn::Expr;
use syn::visit::Visit;

use super::{FnAnalysis, Label};
use crate::taint::Mask;
use crate::taint::mask;

use super::state::{Env, NO_PATH};

impl FnAnalysis<'_> {
    /// The condition is the program's configuration: nothing it reads is
    /// a source, and every local or parameter it reads holds known,
    /// non-source facts (an object such as the server's state) in `env`,
    /// the state before the `if`.
    pub(super) fn configured(&self, env: &Env, cond: &Expr, cond_taint: &[super::Fact]) -> bool {
        if cond_taint.iter().any(|f| self.is_source(f.label)) {
            return false;
        }
        let mut roots = Roots::default();
        roots.visit_expr(cond);
        if roots.opaque {
            return false;
        }
        roots.names.iter().all(|n| match env.get(n) {
            Some(t) if !t.is_empty() => !t.iter().any(|f| self.is_source(f.label)),
            // Untracked (a `bool` read off the request, a parameter of a
            // type that carries no text): unknown.
            Some(_) => false,
            None => !self.param_names.iter().any(|p| p == n),
        })
    }

    fn is_source(&self, label: u32) -> bool {
        matches!(self.labels.get(label as usize), Some(Label::Source { .. }))
    }

    /// Drops the hits of the branch whose hits are `hits` (from index
    /// `from` to `to`, final state `own`) on a value the sibling branch
    /// (final state `guarded`) checked for the hit's rule and the branch
    /// itself did not, the value as it was before the `if` (`start`).
    pub(super) fn drop_opt_out(&mut self, start: &Env, (own, guarded): (Option<&Env>, &Env), from: usize, to: usize) {
        // No hit in the branch: nothing to drop, and no pass over the
        // environment (a `match` asks this of every pair of its arms).
        if from >= to.min(self.hits.len()) {
            return;
        }
        let gained = |env: &Env, name: &str, had: Mask| {
            let after = env.get(name).filter(|a| !a.is_empty())?;
            Some(after.iter().fold(Mask::ALL, |m, f| m.intersection(f.sanitized)).without(had))
        };
        // Each local the sibling branch checked: its facts' paths before
        // the `if`, and the rules it was checked for there.
        let mut checked: Vec<(Vec<u32>, Mask)> = Vec::new();
        for (name, before) in start.iter() {
            if before.is_empty() {
                continue;
            }
            let had = before.iter().fold(Mask::EMPTY, |m, f| m.union(f.sanitized));
            let Some(mut bits) = gained(guarded, name, had) else { continue };
            // Both branches checked it (after their sinks, maybe: a read
            // that paid for a count): no branch opted out.
            if let Some(also) = own.and_then(|e| gained(e, name, had)) {
                bits = bits.without(also);
            }
            // A value that is its source as read (no step of its own) could
            // be any value made from that source: not told apart.
            let paths: Vec<u32> = before
                .iter()
                .filter(|f| self.label_paths.get(f.label as usize) != Some(&f.path))
                .map(|f| f.path)
                .collect();
            if bits != Mask::EMPTY && paths.len() == before.len() {
                checked.push((paths, bits));
            }
        }
        if checked.is_empty() {
            return;
        }
        for i in from..to.min(self.hits.len()) {
            let Some(bit) = self.sinks.get(self.hits[i].site).and_then(|s| mask::rule_bit(s.rule)) else { continue };
            let facts = std::mem::take(&mut self.hits[i].facts);
            let kept = facts
                .into_iter()
                .filter(|f| !checked.iter().any(|(paths, bits)| bits.contains(bit) && self.descends(f.path, paths)))
                .collect();
            self.hits[i].facts = kept;
        }
        self.hits.retain(|h| !h.facts.is_empty());
    }

    /// Path node `p` is one of `of` or comes after one of them.
    fn descends(&self, mut p: u32, of: &[u32]) -> bool {
        let mut n = 0;
        while p != NO_PATH && n < 4096 {
            if of.contains(&p) {
                return true;
            }
            p = self.paths.get(p as usize).map_or(NO_PATH, |node| node.parent);
            n += 1;
        }
        false
    }
}

/// The single-name locals and parameters a condition reads; `opaque` when
/// it holds a macro (whose arguments are not seen).
#[derive(Default)]
struct Roots {
    names: Vec<String>,
    opaque: bool,
}

impl<'ast> Visit<'ast> for Roots {
    fn visit_expr_path(&mut self, p: &'ast syn::ExprPath) {
        if let Some(i) = p.path.get_ident() {
            self.names.push(i.to_string());
        }
    }

    fn visit_expr_macro(&mut self, _: &'ast syn::ExprMacro) {
        self.opaque = true;
    }

    fn visit_expr_closure(&mut self, _: &'ast syn::ExprClosure) {
        self.opaque = true;
    }
}
