//! What an inference learns of a file's scopes that holds for all its fns.

use super::infer::TraitCands;
use super::path::{Name, SymPath};
use super::scope::ScopeId;
use rustc_hash::FxHashMap as HashMap;

/// What an [`Infer`](super::Infer) learns of its file's scopes that holds for every fn
/// of the file (the traits in scope, and which have a method of a name):
/// handed from one body's inference to the next.
#[derive(Default)]
pub struct ScopeCaches {
    pub(super) scope_traits: HashMap<ScopeId, std::rc::Rc<[SymPath]>>,
    pub(super) trait_cache: HashMap<(ScopeId, Name), TraitCands>,
}

#[cfg(test)]
impl ScopeCaches {
    pub(super) fn is_empty(&self) -> bool {
        self.scope_traits.is_empty() && self.trait_cache.is_empty()
    }
}
