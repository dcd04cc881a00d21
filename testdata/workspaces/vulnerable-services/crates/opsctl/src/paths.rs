use std::path::{Component, Path, PathBuf};

/// `requested` as a relative path made only of plain names (no root, no
/// `.` or `..`), or `None` when nothing is left.
pub fn normal_components(requested: &str) -> Option<PathBuf> {
    let mut relative = PathBuf::new();
    for component in Path::new(requested).components() {
        if let Component::Normal(part) = component {
            relative.push(part);
        }
    }
    if relative.as_os_str().is_empty() {
        None
    } else {
        Some(relative)
    }
}
