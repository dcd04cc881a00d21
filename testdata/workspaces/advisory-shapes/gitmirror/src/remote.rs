//! ssh and scp, to the hosts that serve mirrors.

use std::path::Path;
use std::process::Command;

use crate::run::run;
use crate::Error;

/// Whether `host` accepts our key (`ssh -T host true`).
pub fn probe(host: &str) -> Result<(), Error> {
    run(Command::new("ssh").args(["-T", "-o", "BatchMode=yes"]).arg(host).arg("true")) // PLANTED: argument-injection
}

/// Like [`probe`], with the host after `--`.
pub fn probe_host(host: &str) -> Result<(), Error> {
    run(Command::new("ssh").args(["-T", "-o", "BatchMode=yes", "--"]).arg(host).arg("true")) // FIXED: argument-injection
}

/// Copies a bundle to `dir` on `host`.
pub fn upload_bundle(bundle: &Path, host: &str, dir: &str) -> Result<(), Error> {
    run(Command::new("scp").arg("-q").arg(bundle).arg(format!("{host}:{dir}/"))) // PLANTED: argument-injection
}

/// Copies a bundle to `dir` on `host`; operands after `--`.
pub fn upload_bundle_to(bundle: &Path, host: &str, dir: &str) -> Result<(), Error> {
    run(Command::new("scp").args(["-q", "--"]).arg(bundle).arg(format!("{host}:{dir}/"))) // FIXED: argument-injection
}
