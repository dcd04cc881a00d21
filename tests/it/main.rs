//! The integration tests: one test binary (one link of the library) with a
//! module per concern.

mod advisory_shapes;
mod audit;
mod cache;
mod cli;
mod common;
mod deps;
mod docs;
mod editor_check;
mod fix_demo;
mod fixes;
mod fixtures;
mod fuzz_regressions;
mod hostile;
mod hostile_repository;
mod integration_docs;
mod inventory;
mod layers;
mod library_decoders;
mod lsp;
mod message_format;
mod new_rule;
mod no_execution;
mod parse;
mod precision;
mod reporting;
mod rule_snapshots;
mod secrets;
mod self_scan;
mod snapshots;
mod supply_chain;
mod taint_service;
mod taint_services;
mod untrusted_repo;
