//! Writing reports: regular files atomically (temp file + rename in the same
//! directory, so a killed run never leaves half a report), anything else
//! (`/dev/null`, `/dev/stdout`, a FIFO, a symbolic link to one) in place,
//! and stdout tolerant of a closed pipe.

use std::fs::{self, File};
use std::io::{self, Write};
use std::path::Path;

/// Write `bytes` to `path`.
///
/// A path that does not exist yet, or names a regular file, is replaced
/// atomically, keeping the old file's permissions. A symbolic link is
/// followed and what it points at is written the same way, so the link
/// stays a link. Anything else — a character device such as `/dev/null`,
/// a FIFO — is opened and written in place: renaming over it would put a
/// regular file where the device was, and as root that breaks `/dev/null`
/// for every program on the machine. A directory fails to open
/// (`EISDIR`), as it should.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let target = match fs::symlink_metadata(path) {
        Ok(m) if m.file_type().is_symlink() => match fs::canonicalize(path) {
            Ok(resolved) => resolved,
            // A dangling link: create what it points at, through the link.
            Err(_) => return write_in_place(path, bytes),
        },
        _ => path.to_path_buf(),
    };
    match fs::metadata(&target) {
        Ok(m) if !m.is_file() => write_in_place(&target, bytes),
        Ok(m) => replace(&target, bytes, Some(m.permissions())),
        Err(e) if e.kind() == io::ErrorKind::NotFound => replace(&target, bytes, None),
        Err(e) => Err(e),
    }
}

fn write_in_place(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let mut f = File::create(path)?;
    f.write_all(bytes)?;
    f.flush()
}

fn replace(path: &Path, bytes: &[u8], permissions: Option<fs::Permissions>) -> io::Result<()> {
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let mut tmp = tempfile::Builder::new().prefix(".cargo-sast-").suffix(".tmp").tempfile_in(dir)?;
    tmp.write_all(bytes)?;
    if let Some(p) = permissions {
        tmp.as_file().set_permissions(p)?;
    }
    tmp.as_file().sync_all()?;
    tmp.persist(path).map_err(|e| e.error)?;
    Ok(())
}

/// Write a rendered report to `dest`, or to stdout when there is none.
/// `Err` is the message for the user.
pub fn deliver(dest: Option<&Path>, bytes: &[u8]) -> Result<StdoutWrite, String> {
    match dest {
        Some(path) => write_atomic(path, bytes)
            .map(|()| StdoutWrite::Ok)
            .map_err(|e| format!("cannot write {}: {e}", path.display())),
        None => write_stdout(bytes).map_err(|e| format!("cannot write to stdout: {e}")),
    }
}

/// `error: MSG` on stderr.
pub fn eprint_error(msg: &str) {
    let _ = writeln!(io::stderr(), "error: {msg}");
}

/// Outcome of writing to stdout.
pub enum StdoutWrite {
    Ok,
    /// The reader went away (`| head`): stop quietly.
    Closed,
}

pub fn write_stdout(bytes: &[u8]) -> io::Result<StdoutWrite> {
    let mut out = io::stdout().lock();
    match out.write_all(bytes).and_then(|()| out.flush()) {
        Ok(()) => Ok(StdoutWrite::Ok),
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => Ok(StdoutWrite::Closed),
        Err(e) => Err(e),
    }
}
