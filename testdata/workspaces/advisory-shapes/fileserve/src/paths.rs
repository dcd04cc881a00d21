//! Checks on paths and redirect targets taken from requests.

use std::path::{Component, Path, PathBuf};

/// `rel` as a relative path of plain components, or `None` when it is
/// absolute or has a `..` component.
pub fn clean_path(rel: &str) -> Option<PathBuf> {
    let mut out = PathBuf::new();
    for component in Path::new(rel).components() {
        match component {
            Component::Normal(part) => out.push(part),
            Component::CurDir => {}
            Component::ParentDir | Component::RootDir | Component::Prefix(_) => return None,
        }
    }
    Some(out)
}

/// A path on this site: one leading `/`, and not `//` or `/\`, which
/// browsers read as another host.
pub fn is_local_path(target: &str) -> bool {
    target.starts_with('/') && !target.starts_with("//") && !target.starts_with("/\\")
}
