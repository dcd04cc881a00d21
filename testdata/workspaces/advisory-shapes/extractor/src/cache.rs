//! A private staging area for partially extracted archives. Not part of the
//! public API: nothing here is re-exported, and the crate only passes
//! constant names.

use std::fs;
use std::io;
use std::path::PathBuf;

const STAGING: &str = "/var/cache/extractor";

/// The staging directory for one kind of archive.
pub fn staging_dir(kind: &str) -> io::Result<PathBuf> {
    let dir = PathBuf::from(STAGING).join(kind);
    fs::create_dir_all(&dir)?; // FIXED: path-traversal
    Ok(dir)
}
