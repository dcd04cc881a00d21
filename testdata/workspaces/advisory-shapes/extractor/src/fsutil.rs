//! File-system helpers shared by the tar and zip extractors.

use std::fs::{self, File, OpenOptions};
use std::io;
use std::path::{Path, PathBuf};

/// The error for an entry that would be written outside the root.
pub(crate) fn refused(path: &Path) -> io::Error {
    io::Error::new(io::ErrorKind::InvalidData, format!("refusing to write outside the destination: {}", path.display()))
}

/// Where `out`'s parent directory really is, once links are resolved, if
/// that is inside `root`: an earlier entry may have made a parent directory a
/// symbolic link to somewhere else.
pub(crate) fn real_parent_inside(root: &Path, out: &Path) -> io::Result<PathBuf> {
    let root = root.canonicalize()?;
    let parent = out.parent().unwrap_or(&root).canonicalize()?;
    if parent.starts_with(&root) {
        Ok(parent)
    } else {
        Err(refused(out))
    }
}

/// Creates a new file; never follows or replaces an existing file or link.
pub(crate) fn create_new(path: &Path) -> io::Result<File> {
    OpenOptions::new().write(true).create_new(true).open(path)
}

/// Creates the directories of `rel` under `root` one level at a time,
/// refusing any level that already exists as a symbolic link.
pub(crate) fn create_dirs_inside(root: &Path, rel: &Path) -> io::Result<PathBuf> {
    let mut dir = root.to_path_buf();
    for part in rel.iter() {
        dir.push(part);
        match fs::symlink_metadata(&dir) {
            Ok(meta) if meta.file_type().is_symlink() => return Err(refused(&dir)),
            Ok(_) => {}
            Err(e) if e.kind() == io::ErrorKind::NotFound => fs::create_dir(&dir)?, // FIXED: zip-slip
            Err(e) => return Err(e),
        }
    }
    Ok(dir)
}
