//! The engine: rule selection turned into dispatch tables (`ruleset`), one
//! file read, parsed and walked once (`analyze`, `walker`), suppressions
//! (`suppress`), the parallel scan and the crate-level join (`scan`) on its
//! workers (`workers`: big stacks, files largest first), and the on-disk
//! cache of per-file facts (`cache`).

pub(crate) mod cache;
pub(crate) mod crate_macros;
pub(crate) mod facts;
pub(crate) mod inputs;
pub(crate) mod modules;
pub(crate) mod outcome;
pub(crate) mod resident;
pub(crate) mod ruleset;
pub(crate) mod scan;
pub(crate) mod suppress;
pub(crate) mod walker;
pub(crate) mod workers;
