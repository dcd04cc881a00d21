//! gitmirror: keep mirrors of git repositories.
//!
//! The library drives the usual programs (`git`, `ssh`, `scp`, `curl`,
//! `tar`); the `gitmirror` binary is its command-line front end.

pub mod fetch;
pub mod git;
pub mod remote;
mod run;

pub use run::Error;
