//! What an inference learns of a file's scopes that holds for all its fns.

use super::infer::{Infer, TraitCands};
use super::path::{Name, SymPath};
use super::scope::ScopeId;
use rustc_hash::FxHashMap as HashMap;

/// What an [`Infer`] learns of its file's scopes that holds for every fn
/// of the file (the traits in scope, and which have a method of a name):
/// handed from one body's inference to the next.
#[derive(Default)]
pub struct ScopeCaches {
    pub(super) scope_traits: HashMap<ScopeId, std::rc::Rc<[SymPath]>>,
    pub(super) trait_cache: HashMap<(ScopeId, Name), TraitCands>,
}

/// The questions the caches answer.
impl Infer<'_> {
    /// Traits in scope here (cached per scope).
    pub(super) fn traits(&mut self) -> std::rc::Rc<[SymPath]> {
        let (scope, models, id) = (self.scope, self.models, self.scope_id);
        let shared =
            self.caches.scope_traits.entry(id).or_insert_with(|| scope.traits_in_scope(id, models).into()).clone();
        if self.overlay_uses == 0 {
            return shared;
        }
        let mut v = shared.to_vec();
        for f in &self.frames {
            for (_, p) in &f.uses {
                if !v.contains(p) {
                    v.push(p.clone());
                }
            }
        }
        v.into()
    }

    /// The traits in scope with a method of this name, cached per scope
    /// (not while an inner block's `use`s are in effect).
    pub(super) fn cached_traits_with(&self, name: &Name) -> Option<TraitCands> {
        if self.overlay_uses > 0 {
            return None;
        }
        self.caches.trait_cache.get(&(self.scope_id, name.clone())).cloned()
    }

    pub(super) fn cache_traits_with(&mut self, name: &Name, r: TraitCands) {
        if self.overlay_uses == 0 {
            self.caches.trait_cache.insert((self.scope_id, name.clone()), r);
        }
    }
}

#[cfg(test)]
impl ScopeCaches {
    pub(super) fn is_empty(&self) -> bool {
        self.scope_traits.is_empty() && self.trait_cache.is_empty()
    }
}
