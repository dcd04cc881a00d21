//! After the scan, before the reports: what the team accepted
//! (`baseline`), what a hostile repository may not weaken (`trust`:
//! `--untrusted-repo`), what changed (`diff`: `--diff`), and which fixes a
//! `--fix` run applies (`fix`).

pub(crate) mod baseline;
pub(crate) mod diff;
pub(crate) mod fix;
pub(crate) mod trust;
