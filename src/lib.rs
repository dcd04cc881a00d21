//! cargo-sast: a fast, precise static security analyser for Rust.
//!
//! The map of the code is DESIGN.md at the repository root ("Where things
//! live"): the modules below are layers, bottom first, and a module imports
//! only from the layers below it (`tests/it/layers.rs` checks it):
//! `util` → `syntax` → `semantic` → `finding` → `workspace` → `secrets` →
//! `rules` → `lints` (the rule catalog) → `taint` → `config` → `engine` →
//! `audit`, `filter`, `inventory`, `report` → `deps` → `cli`.
//!
//! The modules are private; the public API below is what the binary, the
//! integration tests, the fuzzers and the examples use. `semantic` is
//! public as a whole while the `semantic_stats` example is its only user.
#![forbid(unsafe_code)]

mod audit;
mod cli;
mod config;
mod deps;
mod engine;
mod filter;
mod finding;
mod inventory;
mod report;
mod rules;
mod secrets;
pub mod semantic;
mod syntax;
mod taint;
mod util;
mod workspace;

#[path = "../lints/mod.rs"]
mod lints;

// The public API: what the binary, the integration tests, the fuzzers and
// the benchmarks use. Everything else is `pub(crate)`.
pub use cli::{main_with_args, rules_markdown};
pub use config::{Config, load_file, parse_config};
pub use engine::modules::module_candidates;
pub use engine::outcome::Outcome;
pub use engine::scan::{ScanOptions, WORKER_STACK, run, scan_dir, scan_source};
pub use engine::walker::ChildMod;
pub use filter::fix::fix_text;
pub use finding::{Applicability, Edit, Finding, FixKind, Location, Notification, Pos, Severity, Suggestion};
pub use lints::all as all_rules;
pub use report::{github, gitlab, human, json, sarif};
pub use rules::measure::{Bench, MIN_JUDGED, Measured, level_of, measured_level};
pub use rules::{Precision, Rule, RuleMeta, TestPolicy, doc_section, first_code_block};
pub use util::fspath::file_uri;
pub use util::time::Date;
pub use workspace::FileKind;
pub use workspace::discover::{DiscoverOptions, Discovery, discover};
