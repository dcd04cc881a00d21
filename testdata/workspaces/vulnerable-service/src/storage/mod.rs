use std::path::{Path, PathBuf};

pub const ROOT: &str = "/var/lib/notes/attachments";

/// Where an attachment lives (no checks: callers must validate).
pub fn attachment_path(name: &str) -> PathBuf {
    Path::new(ROOT).join(name)
}

/// Where an attachment lives, confined to the attachments directory.
pub fn safe_attachment_path(name: &str) -> Option<PathBuf> {
    let file = Path::new(name).file_name()?;
    Some(Path::new(ROOT).join(file))
}

pub fn read(path: &Path) -> Vec<u8> {
    std::fs::read(path).unwrap_or_default() // PLANTED: path-traversal
}
