//! Reading files: bounded, and never blocking.
//!
//! Everything the tool reads — sources, text files, configs, manifests,
//! baselines, the lock file, advisories, the cache, git metadata — may come
//! from a hostile checkout, so every read goes through here: the file is
//! opened without blocking (`O_NONBLOCK`: a FIFO cannot hang the run) and
//! without becoming a controlling terminal, must be a regular file once
//! open (`fstat`: not `/dev/zero`, a FIFO, a socket or a directory, even
//! through a symbolic link), and at most `limit` bytes are read.

use std::fs::File;
use std::io::{self, Read};
use std::path::Path;

/// Size limits for the files the tool reads besides sources (whose limit
/// is `max-file-size`).
pub(crate) mod limit {
    /// `sast.toml`, `Cargo.toml` and other configuration.
    pub(crate) const CONFIG: u64 = 8 << 20;
    /// A baseline of accepted findings.
    pub(crate) const BASELINE: u64 = 64 << 20;
    /// `Cargo.lock`.
    pub(crate) const LOCKFILE: u64 = 64 << 20;
    /// One RustSec advisory (real ones are a few kilobytes).
    pub(crate) const ADVISORY: u64 = 1 << 20;
    /// Small git metadata files (`HEAD`, refs, `config`, `packed-refs`).
    pub(crate) const GIT_META: u64 = 8 << 20;
    /// A source file `--fix` rewrites (it was scanned, so it is within
    /// `--max-file-size`, at most this).
    pub(crate) const SOURCE: u64 = 1 << 30;
    /// The analysis cache of one rule set.
    pub(crate) const CACHE: u64 = 4 << 30;
}

/// Open `path` for reading without blocking; refuse anything but a
/// regular file.
pub(crate) fn open(path: &Path) -> io::Result<File> {
    let file = open_nonblocking(path)?;
    let meta = file.metadata()?;
    if !meta.is_file() {
        return Err(io::Error::new(
            io::ErrorKind::InvalidInput,
            format!("not a regular file ({})", kind_of(&meta.file_type())),
        ));
    }
    Ok(file)
}

#[cfg(unix)]
fn open_nonblocking(path: &Path) -> io::Result<File> {
    use rustix::fs::{Mode, OFlags};
    let fd =
        rustix::fs::open(path, OFlags::RDONLY | OFlags::NONBLOCK | OFlags::CLOEXEC | OFlags::NOCTTY, Mode::empty())?;
    Ok(File::from(fd))
}

#[cfg(not(unix))]
fn open_nonblocking(path: &Path) -> io::Result<File> {
    // No FIFOs to block on here; refuse non-files before opening.
    if !std::fs::metadata(path)?.is_file() {
        return Err(io::Error::new(io::ErrorKind::InvalidInput, "not a regular file"));
    }
    File::open(path)
}

/// What a non-regular file is, for messages.
pub(crate) fn kind_of(t: &std::fs::FileType) -> &'static str {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if t.is_fifo() {
            return "a FIFO";
        }
        if t.is_char_device() {
            return "a character device";
        }
        if t.is_block_device() {
            return "a block device";
        }
        if t.is_socket() {
            return "a socket";
        }
    }
    if t.is_dir() {
        "a directory"
    } else if t.is_symlink() {
        "a symbolic link"
    } else {
        "not a file"
    }
}

/// Up to `max` bytes of the file (the caller decides what more means).
pub(crate) fn read_at_most(path: &Path, max: u64) -> io::Result<Vec<u8>> {
    let file = open(path)?;
    let hint = file.metadata().map_or(0, |m| m.len()).min(max);
    let mut buf = Vec::with_capacity(usize::try_from(hint).unwrap_or(0));
    file.take(max).read_to_end(&mut buf)?;
    Ok(buf)
}

/// The whole file, or an error when it is over `limit` bytes.
pub(crate) fn read(path: &Path, limit: u64) -> io::Result<Vec<u8>> {
    let buf = read_at_most(path, limit.saturating_add(1))?;
    if buf.len() as u64 > limit {
        return Err(io::Error::new(io::ErrorKind::InvalidData, format!("larger than the {limit}-byte limit")));
    }
    Ok(buf)
}

/// The whole file as UTF-8 text, or an error when it is over `limit`
/// bytes or not UTF-8.
pub(crate) fn read_string(path: &Path, limit: u64) -> io::Result<String> {
    String::from_utf8(read(path, limit)?)
        .map_err(|_| io::Error::new(io::ErrorKind::InvalidData, "stream did not contain valid UTF-8"))
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;

    #[test]
    fn fifos_devices_and_directories_are_refused_without_blocking() {
        let dir = tempfile::tempdir().unwrap();
        let fifo = dir.path().join("pipe");
        if std::process::Command::new("mkfifo").arg(&fifo).status().is_ok_and(|s| s.success()) {
            let e = read(&fifo, 10).unwrap_err();
            assert!(e.to_string().contains("FIFO"), "{e}");
        }
        let link = dir.path().join("zero");
        std::os::unix::fs::symlink("/dev/zero", &link).unwrap();
        assert!(read(&link, 10).unwrap_err().to_string().contains("character device"));
        assert!(read(dir.path(), 10).unwrap_err().to_string().contains("directory"));
        let f = dir.path().join("f");
        std::fs::write(&f, "0123456789").unwrap();
        assert_eq!(read(&f, 10).unwrap(), b"0123456789");
        assert!(read(&f, 9).is_err());
        assert_eq!(read_at_most(&f, 4).unwrap(), b"0123");
    }
}
