//! Writing reports: files atomically (temp file + rename in the same
//! directory, so a killed run never leaves half a report), stdout tolerant
//! of a closed pipe.

use std::io::{self, Write};
use std::path::Path;

/// Write `bytes` to `path` atomically.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let mut tmp = tempfile::Builder::new().prefix(".cargo-sast-").suffix(".tmp").tempfile_in(dir)?;
    tmp.write_all(bytes)?;
    tmp.as_file().sync_all()?;
    tmp.persist(path).map_err(|e| e.error)?;
    Ok(())
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
