// A validator returning `Result<PathBuf, _>`: when it returns `Ok`, the
// argument it checked is safe below the `?` too.
use axum::extract::Path as UrlPath;
use std::io;
use std::path::{Path, PathBuf};

use path_clean::PathClean;

const UPLOADS: &str = "/srv/uploads";

/// `part` joined onto `base`, refused unless it stays under `base`.
pub fn safe_join<B: AsRef<Path>, P: AsRef<Path>>(base: B, part: P) -> io::Result<PathBuf> {
    let joined = base.as_ref().join(&part).clean();
    if !joined.starts_with(base.as_ref().clean()) {
        return Err(io::Error::new(io::ErrorKind::InvalidData, "outside of the base directory"));
    }
    Ok(joined)
}

/// Joins without checking anything.
pub fn plain_join(base: &Path, part: &str) -> io::Result<PathBuf> {
    if part.is_empty() {
        return Err(io::Error::new(io::ErrorKind::InvalidInput, "empty name"));
    }
    Ok(base.join(part))
}

pub async fn rotate(UrlPath(file): UrlPath<String>) -> io::Result<()> {
    let path = safe_join(Path::new(UPLOADS), &file)?;
    std::fs::rename(&path, path.with_file_name(format!("{file}.old")))
}

pub async fn rotate_unchecked(UrlPath(file): UrlPath<String>) -> io::Result<()> {
    let path = plain_join(Path::new(UPLOADS), &file)?;
    std::fs::rename(&path, path.with_file_name(format!("{file}.old"))) //~ path-traversal
}
