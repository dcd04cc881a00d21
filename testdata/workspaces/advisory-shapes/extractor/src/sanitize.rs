//! Entry names and link targets, checked before they touch the file system.

use std::path::{Component, Path, PathBuf};

/// `name` as a path relative to the extraction root, or `None` when it is
/// absolute, has a drive prefix or a `..` component. `.` components are
/// dropped. Only `Component::Normal` parts are kept.
pub(crate) fn relative_path(name: &Path) -> Option<PathBuf> {
    let mut out = PathBuf::new();
    for component in name.components() {
        match component {
            Component::Normal(part) => out.push(part),
            Component::CurDir => {}
            Component::ParentDir | Component::RootDir | Component::Prefix(_) => return None,
        }
    }
    if out.as_os_str().is_empty() {
        None
    } else {
        Some(out)
    }
}

/// Permission bits an archive may restore: no set-uid, set-gid or sticky
/// bit, and nothing writable by group or others.
pub(crate) fn safe_mode(mode: u32) -> u32 {
    mode & 0o755
}
