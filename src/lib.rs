//! cargo-sast: a fast, precise static security analyser for Rust.
//!
//! The map of the code is in DESIGN.md (`../shared/DESIGN.md`): discovery
//! (`discover`), the parallel per-file pipeline (`scan`, `analyze`), the
//! single syntax walk and its helpers (`syntax`), the rules framework
//! (`rules`, `ruleset`) with the rule catalog in `lints/`, suppressions
//! (`suppress`), configuration (`config`), and reports (`report`).
#![forbid(unsafe_code)]

pub mod analyze;
pub mod audit;
pub mod baseline;
pub mod cache;
pub mod cli;
pub mod config;
pub mod confine;
pub mod deps;
pub mod diff;
pub mod discover;
pub mod finding;
pub mod fsread;
pub mod intern;
pub mod inventory;
pub mod output;
pub mod report;
pub mod rules;
pub mod ruleset;
pub mod safe_write;
pub mod scan;
pub mod secrets;
pub mod semantic;
pub mod suppress;
pub mod syntax;
pub mod taint;
pub mod time;
pub mod trust;
pub mod vcs;

#[path = "../lints/mod.rs"]
pub mod lints;
