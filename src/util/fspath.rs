//! Lexical path helpers: absolute paths without following links, `/`-separated relative paths.

use std::path::{Component, Path, PathBuf};

/// Make a path absolute and lexically normalised (no `..` resolution
/// through symlinks; the scan never follows links by default anyway).
pub(crate) fn absolutize(cwd: &Path, p: &Path) -> PathBuf {
    let joined = if p.is_absolute() { p.to_path_buf() } else { cwd.join(p) };
    let mut out = PathBuf::new();
    for c in joined.components() {
        match c {
            Component::CurDir => {}
            Component::ParentDir => {
                out.pop();
            }
            other => out.push(other.as_os_str()),
        }
    }
    out
}

/// `/`-separated path of `abs` relative to `root` (or `abs` itself when it
/// is outside the root).
pub(crate) fn rel_path(root: &Path, abs: &Path) -> String {
    let p = abs.strip_prefix(root).unwrap_or(abs);
    let parts: Vec<String> = p.components().map(|c| c.as_os_str().to_string_lossy().into_owned()).collect();
    parts.join("/")
}

/// `/a/b c.rs` → `file:///a/b%20c.rs`: a path as a `file://` URL,
/// percent-encoded as cargo writes package ids and editors write URIs.
pub fn file_uri(p: &Path) -> String {
    let mut s = String::from("file://");
    for b in p.to_string_lossy().bytes() {
        if b.is_ascii_alphanumeric() || b"/-_.~".contains(&b) {
            s.push(b as char);
        } else {
            s.push_str(&format!("%{b:02X}"));
        }
    }
    s
}
