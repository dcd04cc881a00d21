//! Strings that must be `&'static str` (advisory ids, notification kinds
//! read back from the cache) but are only known at run time: one leaked
//! copy per distinct value, so memory stays bounded by the number of
//! distinct values, not by how often they occur.

use std::collections::HashSet;
use std::sync::{Mutex, OnceLock, PoisonError};

/// The static string equal to `s`.
pub(crate) fn intern(s: &str) -> &'static str {
    static SEEN: OnceLock<Mutex<HashSet<&'static str>>> = OnceLock::new();
    let mut seen = SEEN.get_or_init(Default::default).lock().unwrap_or_else(PoisonError::into_inner);
    if let Some(&hit) = seen.get(s) {
        return hit;
    }
    let leaked: &'static str = Box::leak(s.to_owned().into_boxed_str());
    seen.insert(leaked);
    leaked
}
