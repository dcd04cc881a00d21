//! cargo-sast: a fast, precise static security analyser for Rust.
//!
//! The map of the code is in DESIGN.md (`../shared/DESIGN.md`): discovery
//! (`discover`), the parallel per-file pipeline (`scan`, `analyze`), the
//! single syntax walk and its helpers (`syntax`), the rules framework
//! (`rules`, `ruleset`) with the rule catalog in `lints/`, suppressions
//! (`suppress`), configuration (`config`), and reports (`report`).
#![forbid(unsafe_code)]

pub mod audit;
pub mod cli;
pub mod config;
pub mod engine;
pub mod filter;
pub mod finding;
pub mod inventory;
pub mod report;
pub mod rules;
pub mod secrets;
pub mod syntax;
pub mod taint;
pub mod util;
pub mod workspace;

#[path = "../lints/mod.rs"]
pub mod lints;
