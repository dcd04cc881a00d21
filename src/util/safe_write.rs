//! Writing files without following links planted in the scanned tree.
//!
//! A checkout can hold symbolic links where we write: a committed
//! `cargo-sast.sarif -> ~/.ssh/authorized_keys`, or `target -> ../outside`
//! for the cache. Below the boundary (the scanned repository, resolved),
//! directories are opened one component at a time with `O_NOFOLLOW`
//! (`openat`), files are created with `O_EXCL | O_NOFOLLOW` and renamed
//! into place (`renameat`), so a link there is never followed — a link in
//! a directory component is refused, a link in the file's place is
//! replaced — and no check can be raced. Outside the boundary the path came
//! from the command line and is honoured as given: links are followed and
//! devices (`/dev/null`) and FIFOs are written in place.
//!
//! New files get the usual mode (`0666` less the umask, `0644` typically);
//! a replaced file keeps its mode. Temporary files are named
//! `.cargo-sast-<pid>-<n>.tmp`; ones left by a killed run (owner gone, or
//! older than a day) are removed the next time we write beside them.

use std::ffi::OsStr;
use std::io;
use std::path::{Path, PathBuf};

/// A directory opened for writing, and whether it lies inside the
/// boundary (then nothing in it is followed).
pub(crate) struct Dir {
    #[cfg(unix)]
    fd: std::os::fd::OwnedFd,
    path: PathBuf,
    confined: bool,
}

/// How long a temporary file of ours may sit before it counts as left over
/// whoever owns it (process ids are reused).
const STALE_AFTER: std::time::Duration = std::time::Duration::from_secs(24 * 3600);
/// Temporary files from older versions carry no process id.
const STALE_UNOWNED_AFTER: std::time::Duration = std::time::Duration::from_secs(3600);

/// Write `bytes` to `path` (absolute or relative to the current
/// directory), atomically when it is (or becomes) a regular file.
pub(crate) fn write_file(path: &Path, bytes: &[u8], boundary: Option<&Path>) -> io::Result<()> {
    let (dir, name) = open_parent(path, boundary, false)?;
    dir.replace(&name, true, &mut |w| w.write_all(bytes))
}

/// The directory holding `path` and the file name, opened as above.
pub(crate) fn open_parent(path: &Path, boundary: Option<&Path>, create: bool) -> io::Result<(Dir, std::ffi::OsString)> {
    let abs = absolute(path)?;
    let name = abs
        .file_name()
        .map(OsStr::to_os_string)
        .ok_or_else(|| io::Error::new(io::ErrorKind::InvalidInput, "not a file name"))?;
    let parent = abs.parent().map_or_else(|| PathBuf::from("/"), Path::to_path_buf);
    Ok((imp::open_dir(&parent, boundary, create)?, name))
}

fn absolute(path: &Path) -> io::Result<PathBuf> {
    let cwd = std::env::current_dir()?;
    Ok(crate::util::fspath::absolutize(&cwd, path))
}

fn symlink_refused(path: &Path) -> io::Error {
    io::Error::new(
        io::ErrorKind::PermissionDenied,
        format!(
            "{} is a symbolic link inside the scanned repository; cargo-sast never writes through one",
            path.display()
        ),
    )
}

fn temp_name() -> String {
    use std::sync::atomic::{AtomicU64, Ordering};
    static N: AtomicU64 = AtomicU64::new(0);
    let nanos = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.subsec_nanos());
    format!(".cargo-sast-{}-{:x}{:08x}.tmp", std::process::id(), N.fetch_add(1, Ordering::Relaxed), nanos)
}

/// Is this one of our temporary files, and whose: `Some(Some(pid))`,
/// `Some(None)` for an older name without an owner, `None` if not ours.
fn temp_owner(name: &str) -> Option<Option<u32>> {
    if let Some(mid) = name.strip_prefix(".facts-").and_then(|r| r.strip_suffix(".tmp")) {
        return mid.parse().ok().map(Some);
    }
    let mid = name.strip_prefix(".cargo-sast-")?.strip_suffix(".tmp")?;
    match mid.split_once('-') {
        Some((pid, _)) => pid.parse().ok().map(Some),
        // tempfile's `.cargo-sast-XXXXXX.tmp` (older versions).
        None if mid.len() == 6 && mid.bytes().all(|b| b.is_ascii_alphanumeric()) => Some(None),
        None => None,
    }
}

#[cfg(unix)]
mod imp {
    use std::fs::File;
    use std::io::{self, BufWriter, Write};
    use std::os::fd::OwnedFd;
    use std::path::{Component, Path, PathBuf};

    use rustix::fs::{AtFlags, FileType, Mode, OFlags};

    use super::{Dir, symlink_refused, temp_name};

    fn dir_flags() -> OFlags {
        OFlags::RDONLY | OFlags::DIRECTORY | OFlags::CLOEXEC
    }

    /// Open `path` (absolute), never following a link at or below `boundary`.
    pub(super) fn open_dir(path: &Path, boundary: Option<&Path>, create: bool) -> io::Result<Dir> {
        let inside = |p: &Path| boundary.is_some_and(|b| p.starts_with(b));
        let mut cur = PathBuf::from("/");
        let mut fd: OwnedFd = rustix::fs::open("/", dir_flags(), Mode::empty())?;
        for c in path.components() {
            let Component::Normal(name) = c else { continue };
            let next = cur.join(name);
            let st = match rustix::fs::statat(&fd, name, AtFlags::SYMLINK_NOFOLLOW) {
                Ok(st) => Some(st),
                Err(rustix::io::Errno::NOENT) if create => None,
                Err(e) => return Err(io::Error::new(io::Error::from(e).kind(), format!("{}: {e}", next.display()))),
            };
            match st.map(|s| FileType::from_raw_mode(s.st_mode)) {
                None => {
                    match rustix::fs::mkdirat(&fd, name, Mode::from_raw_mode(0o777)) {
                        Ok(()) | Err(rustix::io::Errno::EXIST) => {}
                        Err(e) => {
                            return Err(io::Error::new(io::Error::from(e).kind(), format!("{}: {e}", next.display())));
                        }
                    }
                    fd = rustix::fs::openat(&fd, name, dir_flags() | OFlags::NOFOLLOW, Mode::empty())
                        .map_err(|e| if e == rustix::io::Errno::LOOP { symlink_refused(&next) } else { e.into() })?;
                    cur = next;
                }
                Some(FileType::Symlink) => {
                    if inside(&cur) {
                        return Err(symlink_refused(&next));
                    }
                    // Outside the scanned tree the path is the user's: follow it.
                    let target = std::fs::canonicalize(&next)?;
                    fd = rustix::fs::open(&target, dir_flags(), Mode::empty())?;
                    cur = target;
                }
                Some(_) => {
                    fd = rustix::fs::openat(&fd, name, dir_flags() | OFlags::NOFOLLOW, Mode::empty())
                        .map_err(|e| if e == rustix::io::Errno::LOOP { symlink_refused(&next) } else { e.into() })?;
                    cur = next;
                }
            }
        }
        let confined = inside(&cur);
        Ok(Dir { fd, path: cur, confined })
    }

    impl Dir {
        /// Replace (or create) `name` with what `write` produces. `sync`:
        /// flush it to disk before the rename (reports; the cache checks
        /// itself instead).
        pub(crate) fn replace(
            &self,
            name: &std::ffi::OsStr,
            sync: bool,
            write: &mut dyn FnMut(&mut dyn Write) -> io::Result<()>,
        ) -> io::Result<()> {
            let here = self.path.join(name);
            let existing = match rustix::fs::statat(&self.fd, name, AtFlags::SYMLINK_NOFOLLOW) {
                Ok(st) => Some(st),
                Err(rustix::io::Errno::NOENT) => None,
                Err(e) => return Err(e.into()),
            };
            let mut mode = None;
            if let Some(st) = &existing {
                match FileType::from_raw_mode(st.st_mode) {
                    FileType::RegularFile => mode = Some(Mode::from_raw_mode(st.st_mode & 0o7777)),
                    FileType::Directory => {
                        return Err(io::Error::new(
                            io::ErrorKind::IsADirectory,
                            format!("{} is a directory", here.display()),
                        ));
                    }
                    // Inside the tree a link is replaced, never followed.
                    FileType::Symlink if self.confined => {}
                    FileType::Symlink => return follow_link(&here, sync, write),
                    _ => return self.write_in_place(name, write),
                }
            }
            let (tmp, fd) = self.create_temp()?;
            let result = (|| {
                if let Some(m) = mode {
                    rustix::fs::fchmod(&fd, m)?;
                }
                let file = File::from(fd);
                let mut w = BufWriter::new(file);
                write(&mut w)?;
                let file = w.into_inner().map_err(|e| e.into_error())?;
                if sync {
                    file.sync_all()?;
                }
                drop(file);
                rustix::fs::renameat(&self.fd, tmp.as_str(), &self.fd, name)?;
                Ok(())
            })();
            if result.is_err() {
                let _ = rustix::fs::unlinkat(&self.fd, tmp.as_str(), AtFlags::empty());
            }
            self.clean_stale();
            result
        }

        /// Create `name` unless something is there already (nothing is
        /// followed or overwritten).
        pub(crate) fn create_new(&self, name: &str, bytes: &[u8]) -> io::Result<()> {
            let flags = OFlags::WRONLY | OFlags::CREATE | OFlags::EXCL | OFlags::NOFOLLOW | OFlags::CLOEXEC;
            match rustix::fs::openat(&self.fd, name, flags, Mode::from_raw_mode(0o666)) {
                Ok(fd) => File::from(fd).write_all(bytes),
                Err(rustix::io::Errno::EXIST) => Ok(()),
                Err(e) => Err(e.into()),
            }
        }

        /// Read `name` in this directory (not through a link), at most `limit` bytes.
        pub(crate) fn read_file(&self, name: &str, limit: u64) -> io::Result<Vec<u8>> {
            use std::io::Read;
            let flags = OFlags::RDONLY | OFlags::NOFOLLOW | OFlags::NONBLOCK | OFlags::CLOEXEC | OFlags::NOCTTY;
            let fd = rustix::fs::openat(&self.fd, name, flags, Mode::empty())?;
            let file = File::from(fd);
            let meta = file.metadata()?;
            if !meta.is_file() {
                return Err(io::Error::new(io::ErrorKind::InvalidInput, "not a regular file"));
            }
            // Room for the whole file at once: read through `take`, the
            // buffer would grow by doubling (a 95 MB cache in a 128 MB
            // block, after copies through the smaller ones).
            let mut buf = Vec::with_capacity(meta.len().min(limit) as usize);
            file.take(limit.saturating_add(1)).read_to_end(&mut buf)?;
            if buf.len() as u64 > limit {
                return Err(io::Error::new(io::ErrorKind::InvalidData, format!("larger than the {limit}-byte limit")));
            }
            Ok(buf)
        }

        /// Entries of the directory: (name, is a regular file, age).
        pub(crate) fn entries(&self) -> Vec<(String, bool, Option<std::time::Duration>)> {
            let Ok(dir) = rustix::fs::Dir::read_from(&self.fd) else { return Vec::new() };
            let mut out = Vec::new();
            for e in dir.flatten() {
                let name = String::from_utf8_lossy(e.file_name().to_bytes()).into_owned();
                if name == "." || name == ".." {
                    continue;
                }
                let Ok(st) = rustix::fs::statat(&self.fd, name.as_str(), AtFlags::SYMLINK_NOFOLLOW) else { continue };
                let is_file = FileType::from_raw_mode(st.st_mode) == FileType::RegularFile;
                let mtime = std::time::UNIX_EPOCH + std::time::Duration::from_secs(st.st_mtime.max(0) as u64);
                out.push((name, is_file, mtime.elapsed().ok()));
            }
            out
        }

        /// Remove `name` from this directory (a link is removed, not followed).
        pub(crate) fn remove(&self, name: &str) -> io::Result<()> {
            Ok(rustix::fs::unlinkat(&self.fd, name, AtFlags::empty())?)
        }

        fn create_temp(&self) -> io::Result<(String, OwnedFd)> {
            let flags = OFlags::WRONLY | OFlags::CREATE | OFlags::EXCL | OFlags::NOFOLLOW | OFlags::CLOEXEC;
            let mut last = None;
            for _ in 0..64 {
                let name = temp_name();
                match rustix::fs::openat(&self.fd, name.as_str(), flags, Mode::from_raw_mode(0o666)) {
                    Ok(fd) => return Ok((name, fd)),
                    Err(rustix::io::Errno::EXIST) => last = Some(rustix::io::Errno::EXIST),
                    Err(e) => return Err(e.into()),
                }
            }
            Err(last.map_or_else(|| io::Error::other("cannot create a temporary file"), Into::into))
        }

        /// A device or FIFO: written where it is (never renamed over). In
        /// the scanned tree it is opened without blocking, so a FIFO there
        /// with no reader is an error, not a hang.
        fn write_in_place(
            &self,
            name: &std::ffi::OsStr,
            write: &mut dyn FnMut(&mut dyn Write) -> io::Result<()>,
        ) -> io::Result<()> {
            let mut flags = OFlags::WRONLY | OFlags::NOFOLLOW | OFlags::CLOEXEC | OFlags::NOCTTY;
            if self.confined {
                flags |= OFlags::NONBLOCK;
            }
            let fd = rustix::fs::openat(&self.fd, name, flags, Mode::empty())?;
            if self.confined {
                // Open, it may block on writes like any pipe.
                rustix::fs::fcntl_setfl(&fd, rustix::fs::fcntl_getfl(&fd)? - OFlags::NONBLOCK)?;
            }
            let mut f = File::from(fd);
            write(&mut f)?;
            f.flush()
        }

        pub(super) fn is_alive(pid: u32) -> bool {
            let Some(pid) = i32::try_from(pid).ok().and_then(rustix::process::Pid::from_raw) else { return false };
            !matches!(rustix::process::test_kill_process(pid), Err(rustix::io::Errno::SRCH))
        }
    }

    /// Outside the scanned tree a link given by the user is followed: the
    /// file it points at is written as if named directly; a dangling link
    /// creates its target through the link.
    fn follow_link(link: &Path, sync: bool, write: &mut dyn FnMut(&mut dyn Write) -> io::Result<()>) -> io::Result<()> {
        match std::fs::canonicalize(link) {
            Ok(target) => {
                let parent = target.parent().unwrap_or(Path::new("/"));
                let name = target.file_name().unwrap_or_default();
                open_dir(parent, None, false)?.replace(name, sync, write)
            }
            Err(_) => {
                let mut f = File::create(link)?;
                write(&mut f)?;
                f.flush()
            }
        }
    }
}

#[cfg(not(unix))]
mod imp {
    use std::io::{self, Write};
    use std::path::{Path, PathBuf};

    use super::Dir;

    pub fn open_dir(path: &Path, boundary: Option<&Path>, create: bool) -> io::Result<Dir> {
        if create {
            std::fs::create_dir_all(path)?;
        }
        let meta = std::fs::symlink_metadata(path)?;
        let confined = boundary.is_some_and(|b| path.starts_with(b));
        if confined && meta.file_type().is_symlink() {
            return Err(super::symlink_refused(path));
        }
        Ok(Dir { path: path.to_path_buf(), confined })
    }

    impl Dir {
        pub fn replace(
            &self,
            name: &std::ffi::OsStr,
            sync: bool,
            write: &mut dyn FnMut(&mut dyn Write) -> io::Result<()>,
        ) -> io::Result<()> {
            let target: PathBuf = self.path.join(name);
            let mut tmp = tempfile::Builder::new().prefix(".cargo-sast-").suffix(".tmp").tempfile_in(&self.path)?;
            write(&mut tmp)?;
            if sync {
                tmp.as_file().sync_all()?;
            }
            tmp.persist(&target).map_err(|e| e.error)?;
            Ok(())
        }

        pub fn create_new(&self, name: &str, bytes: &[u8]) -> io::Result<()> {
            match std::fs::OpenOptions::new().write(true).create_new(true).open(self.path.join(name)) {
                Ok(mut f) => f.write_all(bytes),
                Err(e) if e.kind() == io::ErrorKind::AlreadyExists => Ok(()),
                Err(e) => Err(e),
            }
        }

        pub fn read_file(&self, name: &str, limit: u64) -> io::Result<Vec<u8>> {
            crate::util::fsread::read(&self.path.join(name), limit)
        }

        pub fn entries(&self) -> Vec<(String, bool, Option<std::time::Duration>)> {
            let Ok(rd) = std::fs::read_dir(&self.path) else { return Vec::new() };
            rd.filter_map(Result::ok)
                .map(|e| {
                    let meta = e.metadata().ok();
                    let age = meta.as_ref().and_then(|m| m.modified().ok()).and_then(|t| t.elapsed().ok());
                    (e.file_name().to_string_lossy().into_owned(), meta.is_some_and(|m| m.is_file()), age)
                })
                .collect()
        }

        pub fn remove(&self, name: &str) -> io::Result<()> {
            std::fs::remove_file(self.path.join(name))
        }

        pub(super) fn is_alive(_pid: u32) -> bool {
            true
        }
    }
}

/// Open directory `path` for writing (relative: to the current directory).
/// Components at or below `boundary` (a canonical path) are never
/// followed when they are symbolic links; `create`: make missing ones.
pub(crate) fn open_dir(path: &Path, boundary: Option<&Path>, create: bool) -> io::Result<Dir> {
    imp::open_dir(&absolute(path)?, boundary, create)
}

impl Dir {
    /// Remove temporary files of ours that a killed run left here: only
    /// our own names, and only when their owner is gone or they are old.
    pub(crate) fn clean_stale(&self) {
        let me = std::process::id();
        for (name, _, age) in self.entries() {
            let Some(owner) = temp_owner(&name) else { continue };
            let old = age.is_some_and(|a| a > STALE_AFTER);
            let stale = match owner {
                Some(pid) if pid == me => false,
                Some(pid) => old || !Dir::is_alive(pid),
                None => old || age.is_some_and(|a| a > STALE_UNOWNED_AFTER),
            };
            if stale {
                let _ = self.remove(&name);
            }
        }
    }
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;
    use std::os::unix::fs::{PermissionsExt, symlink};

    #[test]
    fn temp_names_are_recognised() {
        assert_eq!(temp_owner(&temp_name()), Some(Some(std::process::id())));
        assert_eq!(temp_owner(".facts-42.tmp"), Some(Some(42)));
        assert_eq!(temp_owner(".cargo-sast-a1B2c3.tmp"), Some(None));
        assert_eq!(temp_owner(".cargo-sast-notes.txt"), None);
        assert_eq!(temp_owner("report.tmp"), None);
    }

    #[test]
    fn links_inside_the_boundary_are_never_followed() {
        let root = tempfile::tempdir().unwrap();
        let outside = tempfile::tempdir().unwrap();
        let r = std::fs::canonicalize(root.path()).unwrap();
        let victim = outside.path().join("victim");
        std::fs::write(&victim, "keep").unwrap();
        symlink(&victim, r.join("report.sarif")).unwrap();
        symlink(outside.path(), r.join("out")).unwrap();
        // The link in the file's place is replaced by the report.
        write_file(&r.join("report.sarif"), b"report", Some(&r)).unwrap();
        assert_eq!(std::fs::read_to_string(&victim).unwrap(), "keep");
        assert!(!std::fs::symlink_metadata(r.join("report.sarif")).unwrap().file_type().is_symlink());
        // A link in a directory component is refused.
        let e = write_file(&r.join("out/x"), b"report", Some(&r)).unwrap_err();
        assert!(e.to_string().contains("symbolic link inside the scanned repository"), "{e}");
        assert!(!outside.path().join("x").exists());
        let e = open_dir(&r.join("out/cache"), Some(&r), true).err().unwrap();
        assert!(e.to_string().contains("symbolic link"), "{e}");
        // Without a boundary (a path outside the tree) the link is followed.
        write_file(&r.join("report.sarif"), b"again", None).unwrap();
        symlink(&victim, r.join("user-link")).unwrap();
        write_file(&r.join("user-link"), b"through", None).unwrap();
        assert_eq!(std::fs::read_to_string(&victim).unwrap(), "through");
    }

    #[test]
    fn new_files_get_the_umask_mode_and_replaced_files_keep_theirs() {
        let root = tempfile::tempdir().unwrap();
        let f = root.path().join("new.txt");
        write_file(&f, b"x", None).unwrap();
        let mode = std::fs::metadata(&f).unwrap().permissions().mode() & 0o777;
        // What the umask allows for an ordinary new file.
        let probe = root.path().join("probe");
        std::fs::write(&probe, "").unwrap();
        assert_eq!(mode, std::fs::metadata(&probe).unwrap().permissions().mode() & 0o777);
        assert_ne!(mode, 0o600, "the umask of this test run would hide the check");
        std::fs::set_permissions(&f, std::fs::Permissions::from_mode(0o640)).unwrap();
        write_file(&f, b"y", None).unwrap();
        assert_eq!(std::fs::metadata(&f).unwrap().permissions().mode() & 0o777, 0o640);
    }

    #[test]
    fn stale_temporary_files_are_removed_and_live_ones_kept() {
        let root = tempfile::tempdir().unwrap();
        let d = root.path();
        // A process that has exited: its id is free (until reused).
        let mut child = std::process::Command::new("true").spawn().unwrap();
        let dead = child.id();
        child.wait().unwrap();
        let alive = std::process::id();
        let parent = std::os::unix::process::parent_id();
        for n in [
            format!(".cargo-sast-{dead}-1.tmp"),
            format!(".facts-{dead}.tmp"),
            format!(".cargo-sast-{parent}-1.tmp"),
            format!(".cargo-sast-{alive}-9.tmp"),
            "keep.tmp".into(),
        ] {
            std::fs::write(d.join(n), "").unwrap();
        }
        write_file(&d.join("report.json"), b"{}", None).unwrap();
        let mut left: Vec<String> =
            std::fs::read_dir(d).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
        left.sort();
        let mut want =
            vec![format!(".cargo-sast-{parent}-1.tmp"), format!(".cargo-sast-{alive}-9.tmp"), "keep.tmp".into()];
        want.push("report.json".into());
        want.sort();
        assert_eq!(left, want);
    }
}
