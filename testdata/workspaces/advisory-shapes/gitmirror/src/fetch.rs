//! Release tarballs: curl and tar.

use std::path::Path;
use std::process::Command;

use crate::run::run;
use crate::Error;

/// Downloads `url` to `out`.
pub fn download(url: &str, out: &Path) -> Result<(), Error> {
    run(Command::new("curl").args(["-fsSL", "-o"]).arg(out).arg(url)) // PLANTED: argument-injection
}

/// Downloads an `https://` URL to `out`.
pub fn download_https(url: &str, out: &Path) -> Result<(), Error> {
    if !url.starts_with("https://") {
        return Err(Error::Refused(format!("not an https URL: {url}")));
    }
    run(Command::new("curl").args(["-fsSL", "--proto", "=https", "-o"]).arg(out).arg(url)) // FIXED: argument-injection
}

/// Extracts one member of a `.tar.gz` into `dest`.
pub fn extract_member(archive: &Path, member: &str, dest: &Path) -> Result<(), Error> {
    run(Command::new("tar").arg("-xzf").arg(archive).arg("-C").arg(dest).arg(member)) // PLANTED: argument-injection
}

/// Extracts one member of a `.tar.gz` into `dest`; the member after `--`.
pub fn extract_member_named(archive: &Path, member: &str, dest: &Path) -> Result<(), Error> {
    run(Command::new("tar").arg("-xzf").arg(archive).arg("-C").arg(dest).arg("--").arg(member)) // FIXED: argument-injection
}
