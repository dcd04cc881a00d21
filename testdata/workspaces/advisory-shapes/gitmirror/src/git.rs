//! git.

use std::path::Path;
use std::process::Command;

use crate::run::{config_get, output, run};
use crate::Error;

/// Clones `url` into a working copy at `dest`.
pub fn clone(url: &str, dest: &Path) -> Result<(), Error> {
    run(Command::new("git").arg("clone").arg(url).arg(dest)) // PLANTED: argument-injection
}

/// Clones `url` as a bare mirror at `dest`.
pub fn mirror(url: &str, dest: &Path) -> Result<(), Error> {
    run(Command::new("git").args(["clone", "--mirror", "--"]).arg(url).arg(dest)) // FIXED: argument-injection
}

/// Fetches `refspec` from `origin` (a branch, or a pull request's
/// `refs/pull/<n>/head`).
pub fn fetch_ref(repo: &Path, refspec: &str) -> Result<(), Error> {
    run(Command::new("git").current_dir(repo).args(["fetch", "origin", refspec])) // PLANTED: argument-injection
}

/// The contents of `path` at revision `rev`.
pub fn show_file(repo: &Path, rev: &str, path: &str) -> Result<Vec<u8>, Error> {
    if rev.starts_with('-') {
        return Err(Error::Refused(format!("revision {rev:?}")));
    }
    output(Command::new("git").current_dir(repo).arg("show").arg(format!("{rev}:{path}"))) // FIXED: argument-injection
}

/// The files that changed between `base` and `HEAD`.
pub fn changed_files(repo: &Path, base: &str) -> Result<Vec<String>, Error> {
    let out = output(Command::new("git").current_dir(repo).args(["diff", "--name-only", base, "HEAD"]))?; // PLANTED: argument-injection
    Ok(String::from_utf8_lossy(&out).lines().map(str::to_string).collect())
}

/// The commit id `rev` names.
pub fn resolve(repo: &Path, rev: &str) -> Result<String, Error> {
    let out = output(Command::new("git").current_dir(repo).args(["rev-parse", "--verify", "--end-of-options", rev]))?; // FIXED: argument-injection
    Ok(String::from_utf8_lossy(&out).trim().to_string())
}

/// The URL `repo` mirrors.
pub fn origin_url(repo: &Path) -> Result<String, Error> {
    config_get(repo, "remote.origin.url")
}
