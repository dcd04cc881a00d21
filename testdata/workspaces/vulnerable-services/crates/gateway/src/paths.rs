use std::path::{Component, Path, PathBuf};

/// `p` under `root`, for relative paths made of plain names only.
pub fn asset_path(root: &Path, p: &str) -> Result<PathBuf, String> {
    let rel = Path::new(p);
    if rel.components().any(|c| !matches!(c, Component::Normal(_))) {
        return Err(format!("bad path {p}"));
    }
    Ok(root.join(rel))
}
