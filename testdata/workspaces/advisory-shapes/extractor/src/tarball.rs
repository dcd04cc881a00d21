//! `.tar` and `.tar.gz` extraction.

use std::fs::{self, File};
use std::io::{self, Read};
use std::os::unix::fs::{symlink, PermissionsExt};
use std::path::{Path, PathBuf};

use flate2::read::GzDecoder;
use tar::{Archive, Entry, EntryType};

use crate::{fsutil, sanitize, Extractor};

/// Unpacks a gzip-compressed tar stream into `dest`, like `tar -xzf`.
pub fn unpack_tar_gz<R: Read>(reader: R, dest: &Path) -> io::Result<()> {
    unpack_tar(GzDecoder::new(reader), dest)
}

/// Unpacks a tar stream into `dest`, like `tar -xf`: directories, files,
/// symbolic and hard links, with the permissions stored in the archive.
pub fn unpack_tar<R: Read>(reader: R, dest: &Path) -> io::Result<()> {
    let mut archive = Archive::new(reader);
    for entry in archive.entries()? {
        let mut entry = entry?;
        let name = entry.path()?.into_owned();
        let out = dest.join(&name);
        let kind = entry.header().entry_type();
        if kind.is_dir() {
            fs::create_dir_all(&out)?; // PLANTED: zip-slip
            continue;
        }
        if kind.is_symlink() {
            if let Some(target) = entry.link_name()? {
                symlink(&target, &out)?; // PLANTED: zip-slip
            }
            continue;
        }
        if kind.is_hard_link() {
            if let Some(target) = entry.link_name()? {
                let existing = dest.join(&target);
                fs::hard_link(&existing, &out)?; // PLANTED: zip-slip
            }
            continue;
        }
        let mut file = File::create(&out)?; // PLANTED: zip-slip
        io::copy(&mut entry, &mut file)?;
        let mode = entry.header().mode()?;
        fs::set_permissions(&out, fs::Permissions::from_mode(mode))?; // PLANTED: zip-slip
    }
    Ok(())
}

/// Unpacks only the entries under one of the `wanted` prefixes (for example
/// `["bin/", "share/man/"]`).
pub fn unpack_selected<R: Read>(reader: R, dest: &Path, wanted: &[&str]) -> io::Result<usize> {
    let mut archive = Archive::new(reader);
    let mut count = 0;
    for entry in archive.entries()? {
        let mut entry = entry?;
        let name = entry.path()?.to_string_lossy().into_owned();
        if !wanted.iter().any(|w| name.starts_with(w)) {
            continue;
        }
        entry.unpack(dest.join(&name))?; // PLANTED: zip-slip
        count += 1;
    }
    Ok(count)
}

/// The top-level names of a tar stream, for a quick listing.
pub fn list_tar<R: Read>(reader: R) -> io::Result<Vec<String>> {
    let mut archive = Archive::new(reader);
    let mut names = Vec::new();
    for entry in archive.entries()? {
        let entry = entry?;
        let bytes = entry.path_bytes();
        let name = std::str::from_utf8(&bytes).unwrap(); // PLANTED: input-reachable-panic
        let top = name.split('/').next().unwrap_or(name);
        if !names.iter().any(|n| n == top) {
            names.push(top.to_string());
        }
    }
    Ok(names)
}

/// The top-level names of a tar stream; names that are not UTF-8 are skipped.
pub fn list_tar_utf8<R: Read>(reader: R) -> io::Result<Vec<String>> {
    let mut archive = Archive::new(reader);
    let mut names = Vec::new();
    for entry in archive.entries()? {
        let entry = entry?;
        let bytes = entry.path_bytes();
        let name = match std::str::from_utf8(&bytes) { // FIXED: input-reachable-panic
            Ok(name) => name,
            Err(_) => continue,
        };
        let end = name.find('/').unwrap_or(name.len());
        let top = &name[..end]; // FIXED: input-reachable-panic
        if !names.iter().any(|n| n == top) {
            names.push(top.to_string());
        }
    }
    Ok(names)
}

impl Extractor {
    /// Extracts a gzip-compressed tar stream.
    pub fn extract_tar_gz<R: Read>(&self, reader: R) -> io::Result<usize> {
        self.extract_tar(GzDecoder::new(reader))
    }

    /// Extracts a tar stream; returns the number of entries written.
    pub fn extract_tar<R: Read>(&self, reader: R) -> io::Result<usize> {
        fs::create_dir_all(&self.root)?; // FIXED: path-traversal
        let mut archive = Archive::new(reader);
        let mut count = 0;
        for entry in archive.entries()? {
            let mut entry = entry?;
            let name = entry.path()?.into_owned();
            let Some(rel) = sanitize::relative_path(&name) else {
                return Err(fsutil::refused(&name));
            };
            match entry.header().entry_type() {
                EntryType::Directory => {
                    fsutil::create_dirs_inside(&self.root, &rel)?;
                }
                EntryType::Symlink if self.options.restore_symlinks => self.restore_link(&entry, &rel)?,
                EntryType::Regular | EntryType::Continuous => self.write_entry(&mut entry, &rel)?,
                _ => continue,
            }
            count += 1;
        }
        Ok(count)
    }

    /// A symbolic link whose target stays inside the tree: relative, no `..`.
    fn restore_link<R: Read>(&self, entry: &Entry<'_, R>, rel: &Path) -> io::Result<()> {
        let Some(target) = entry.link_name()? else { return Ok(()) };
        let Some(target) = sanitize::relative_path(&target) else {
            return Err(fsutil::refused(rel));
        };
        let out = self.root.join(rel);
        fsutil::real_parent_inside(&self.root, &out)?;
        symlink(&target, &out) // FIXED: zip-slip
    }

    /// A regular file, created new inside the real (link-resolved) parent.
    fn write_entry<R: Read>(&self, entry: &mut Entry<'_, R>, rel: &Path) -> io::Result<()> {
        let out = self.root.join(rel);
        let parent = fsutil::real_parent_inside(&self.root, &out)?;
        let Some(file_name) = out.file_name() else { return Err(fsutil::refused(&out)) };
        let path: PathBuf = parent.join(file_name);
        let mut file = fsutil::create_new(&path)?; // FIXED: zip-slip
        io::copy(entry, &mut file)?;
        if self.options.preserve_permissions {
            let mode = sanitize::safe_mode(entry.header().mode()?);
            fs::set_permissions(&path, fs::Permissions::from_mode(mode))?; // FIXED: zip-slip
        }
        Ok(())
    }

    /// Extracts only the entries under one of the `wanted` prefixes, with
    /// tar's own checks (`unpack_in` refuses names that leave `root`).
    pub fn extract_selected<R: Read>(&self, reader: R, wanted: &[&str]) -> io::Result<usize> {
        let mut archive = Archive::new(reader);
        let mut count = 0;
        for entry in archive.entries()? {
            let mut entry = entry?;
            let name = entry.path()?.to_string_lossy().into_owned();
            if wanted.iter().any(|w| name.starts_with(w)) && entry.unpack_in(&self.root)? { // FIXED: zip-slip
                count += 1;
            }
        }
        Ok(count)
    }
}
