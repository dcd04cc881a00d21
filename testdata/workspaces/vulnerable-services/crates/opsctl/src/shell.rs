use std::process::{Command, Output};

use anyhow::{bail, Context};

/// Runs a command line with `sh -c`; fails on a non-zero exit.
pub fn run(cmdline: &str) -> anyhow::Result<Output> {
    let out = Command::new("sh").arg("-c").arg(cmdline).output().context("cannot start sh")?; // PLANTED: command-injection
    if !out.status.success() {
        bail!("command failed with {}", out.status);
    }
    Ok(out)
}

/// Runs `program` with `args`, no shell; fails on a non-zero exit.
pub fn run_program(program: &str, args: &[&str]) -> anyhow::Result<Output> {
    let out = Command::new(program).args(args).output().with_context(|| format!("cannot start {program}"))?; // FIXED: command-injection
    if !out.status.success() {
        bail!("{program} failed with {}", out.status);
    }
    Ok(out)
}
