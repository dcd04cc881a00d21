use std::path::{Component, Path, PathBuf};

/// `requested` as a relative path made only of plain names (no root, no
/// `.` or `..`), or `None` when nothing is left.
pub fn normal_components(requested: &str) -> Option<PathBuf> {
    let relative: PathBuf = Path::new(requested)
        .components()
        .filter_map(|c| match c {
            Component::Normal(part) => Some(part),
            _ => None,
        })
        .collect();
    if relative.as_os_str().is_empty() {
        None
    } else {
        Some(relative)
    }
}
