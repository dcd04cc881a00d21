//! After the scan, before the reports: what the team accepted
//! (`baseline`), what a hostile repository may not weaken (`trust`:
//! `--untrusted-repo`), and what changed (`diff`: `--diff`).

pub(crate) mod baseline;
pub(crate) mod diff;
pub(crate) mod trust;
