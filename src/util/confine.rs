//! The repository boundary: paths that come from inside the scanned tree
//! (its `sast.toml`, `Cargo.toml` metadata, default baseline) may only
//! name files inside it, after symbolic links are resolved. A path outside
//! it (an advisory database beside the checkout, a shared baseline) comes
//! from the command line or a `--config` file, which the user chose.

use std::io;
use std::path::{Path, PathBuf};

/// The boundary of a scanned root: its canonical path (links resolved).
pub(crate) fn boundary_of(root: &Path) -> Option<PathBuf> {
    std::fs::canonicalize(root).ok()
}

/// Resolve `path` as far as it exists (links followed) and check that it
/// stays inside `boundary`. The resolved path, or why not.
pub(crate) fn within(path: &Path, boundary: &Path) -> Result<PathBuf, String> {
    let cwd = std::env::current_dir().unwrap_or_else(|_| PathBuf::from("/"));
    let abs = crate::util::fspath::absolutize(&cwd, path);
    let mut rest = Vec::new();
    let mut cur = abs.as_path();
    let resolved = loop {
        match std::fs::canonicalize(cur) {
            Ok(p) => break Some(p),
            Err(_) => match (cur.parent(), cur.file_name()) {
                (Some(parent), Some(name)) => {
                    rest.push(name.to_os_string());
                    cur = parent;
                }
                _ => break None,
            },
        }
    };
    let mut resolved = resolved.unwrap_or_else(|| abs.clone());
    for name in rest.iter().rev() {
        resolved.push(name);
    }
    if resolved.starts_with(boundary) {
        Ok(resolved)
    } else {
        Err(format!(
            "`{}` leads outside the repository; a path outside it can only come from the command line or a `--config` file",
            path.display()
        ))
    }
}

/// Read a file from inside the repository: refused (without reading it)
/// when it leads outside the boundary; bounded and non-blocking.
pub(crate) fn read_string(path: &Path, boundary: Option<&Path>, limit: u64) -> io::Result<String> {
    let path = match boundary {
        Some(b) => within(path, b).map_err(|m| io::Error::new(io::ErrorKind::PermissionDenied, m))?,
        None => path.to_path_buf(),
    };
    crate::util::fsread::read_string(&path, limit)
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;

    #[test]
    fn links_and_dot_dots_out_of_the_repository_are_refused() {
        let repo = tempfile::tempdir().unwrap();
        let b = boundary_of(repo.path()).unwrap();
        std::fs::create_dir(b.join("sub")).unwrap();
        std::os::unix::fs::symlink("/proc/self/environ", b.join("env.toml")).unwrap();
        std::os::unix::fs::symlink("/tmp", b.join("tmp")).unwrap();
        assert!(within(&b.join("env.toml"), &b).is_err());
        assert!(within(&b.join("tmp/new.toml"), &b).is_err());
        assert!(within(&b.join("sub/../../x.toml"), &b).is_err());
        assert!(within(Path::new("/proc/self/environ"), &b).is_err());
        assert_eq!(within(&b.join("sub/new/x.toml"), &b).unwrap(), b.join("sub/new/x.toml"));
        let e = read_string(&b.join("env.toml"), Some(&b), 1000).unwrap_err();
        assert!(e.to_string().contains("leads outside the repository"), "{e}");
    }
}
