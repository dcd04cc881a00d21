pub mod templates;

use std::path::{Path, PathBuf};

#[derive(Debug, thiserror::Error)]
pub enum StorageError {
    #[error("path outside the media directory")]
    Outside,
    #[error("no such file")]
    Missing(#[from] std::io::Error),
}

/// The file for a media path under `root`.
pub fn media_path(root: &Path, requested: &str) -> Result<PathBuf, StorageError> {
    let candidate = root.join(requested);
    if !candidate.starts_with(root) {
        return Err(StorageError::Outside);
    }
    Ok(candidate)
}

/// The file for `requested` under `base`, once `..` and symbolic links are
/// resolved.
pub fn resolve_within(base: &Path, requested: &str) -> Result<PathBuf, StorageError> {
    let base = base.canonicalize()?;
    let resolved = base.join(requested).canonicalize()?;
    if !resolved.starts_with(&base) {
        return Err(StorageError::Outside);
    }
    Ok(resolved)
}
