//! The engine: rule selection turned into dispatch tables (`ruleset`), one
//! file read, parsed and walked once (`analyze`, `walker`), suppressions
//! (`suppress`), the parallel scan and the crate-level join (`scan`), and
//! the on-disk cache of per-file facts (`cache`).

pub mod cache;
pub mod facts;
pub mod inputs;
pub mod outcome;
pub mod ruleset;
pub mod scan;
pub mod suppress;
pub mod walker;
