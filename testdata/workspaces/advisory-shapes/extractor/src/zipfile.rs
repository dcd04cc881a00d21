//! `.zip` extraction.

use std::fs::{self, File};
use std::io::{self, Read, Seek};
use std::os::unix::fs::{symlink, PermissionsExt};
use std::path::Path;

use zip::result::ZipResult;
use zip::ZipArchive;

use crate::{cache, fsutil, sanitize, Extractor};

/// Longest symbolic link target read from an entry.
const MAX_LINK_TARGET: u64 = 4096;

/// Whether Unix mode bits (from the entry's external attributes) say
/// "symbolic link".
fn is_symlink(mode: Option<u32>) -> bool {
    mode.is_some_and(|m| m & 0o170_000 == 0o120_000)
}

/// Extracts every entry of a zip archive into `dest`, with its permissions.
pub fn unzip<R: Read + Seek>(reader: R, dest: &Path) -> ZipResult<()> {
    let mut archive = ZipArchive::new(reader)?;
    for i in 0..archive.len() {
        let mut file = archive.by_index(i)?;
        let out = dest.join(file.name());
        if file.is_dir() {
            fs::create_dir_all(&out)?; // PLANTED: zip-slip
            continue;
        }
        let mut w = File::create(&out)?; // PLANTED: zip-slip
        io::copy(&mut file, &mut w)?;
        if let Some(mode) = file.unix_mode() {
            fs::set_permissions(&out, fs::Permissions::from_mode(mode))?; // PLANTED: zip-slip
        }
    }
    Ok(())
}

/// Extracts a zip archive into `dest` and restores the symbolic links it
/// holds, as Info-ZIP's `unzip` does. Entry names go through
/// `enclosed_name`.
pub fn unzip_with_links<R: Read + Seek>(reader: R, dest: &Path) -> ZipResult<usize> {
    let mut archive = ZipArchive::new(reader)?;
    let mut count = 0;
    for i in 0..archive.len() {
        let mut file = archive.by_index(i)?;
        let Some(rel) = file.enclosed_name() else { continue };
        let out = dest.join(rel);
        if file.is_dir() {
            fs::create_dir_all(&out)?; // PLANTED: zip-slip
        } else if is_symlink(file.unix_mode()) {
            let mut target = String::new();
            file.by_ref().take(MAX_LINK_TARGET).read_to_string(&mut target)?;
            symlink(&target, &out)?; // PLANTED: zip-slip
        } else {
            let mut w = File::create(&out)?; // PLANTED: zip-slip
            io::copy(&mut file, &mut w)?;
        }
        count += 1;
    }
    Ok(count)
}

/// Reads one entry into memory, at most `limit` bytes.
pub fn read_zip_entry<R: Read + Seek>(reader: R, name: &str, limit: u64) -> ZipResult<Vec<u8>> {
    let mut archive = ZipArchive::new(reader)?;
    let mut file = archive.by_name(name)?;
    let mut data = Vec::with_capacity(file.size() as usize); // PLANTED: uncontrolled-allocation
    file.by_ref().take(limit).read_to_end(&mut data)?; // FIXED: uncontrolled-allocation
    Ok(data)
}

impl Extractor {
    /// Extracts a zip archive; returns the number of entries written.
    pub fn extract_zip<R: Read + Seek>(&self, reader: R) -> ZipResult<usize> {
        let mut archive = ZipArchive::new(reader)?;
        let mut count = 0;
        for i in 0..archive.len() {
            let mut file = archive.by_index(i)?;
            let Some(rel) = file.enclosed_name() else {
                return Err(fsutil::refused(Path::new(file.name())).into());
            };
            let out = self.root.join(&rel);
            if file.is_dir() {
                fsutil::create_dirs_inside(&self.root, &rel)?;
            } else if is_symlink(file.unix_mode()) {
                if !self.options.restore_symlinks {
                    continue;
                }
                let mut target = String::new();
                file.by_ref().take(MAX_LINK_TARGET).read_to_string(&mut target)?;
                let Some(target) = sanitize::relative_path(Path::new(&target)) else {
                    return Err(fsutil::refused(&out).into());
                };
                fsutil::real_parent_inside(&self.root, &out)?;
                symlink(&target, &out)?; // FIXED: zip-slip
            } else {
                let parent = fsutil::real_parent_inside(&self.root, &out)?;
                let Some(file_name) = out.file_name() else { continue };
                let path = parent.join(file_name);
                let mut w = fsutil::create_new(&path)?; // FIXED: zip-slip
                io::copy(&mut file, &mut w)?;
                if let (true, Some(mode)) = (self.options.preserve_permissions, file.unix_mode()) {
                    fs::set_permissions(&path, fs::Permissions::from_mode(sanitize::safe_mode(mode)))?; // FIXED: zip-slip
                }
            }
            count += 1;
        }
        Ok(count)
    }

    /// Extracts a zip archive read from a stream (a download, a pipe): zip
    /// needs to seek, so the stream is spooled to a staging file first.
    pub fn extract_zip_stream<R: Read>(&self, mut reader: R) -> ZipResult<usize> {
        let spool_path = cache::staging_dir("zip")?.join(format!("spool-{}.zip", std::process::id()));
        let mut spool = File::options().read(true).write(true).create(true).truncate(true).open(&spool_path)?;
        io::copy(&mut reader, &mut spool)?;
        spool.rewind()?;
        let result = self.extract_zip(spool);
        fs::remove_file(&spool_path)?;
        result
    }

    /// Reads one entry into memory, at most `limit` bytes.
    pub fn read_entry<R: Read + Seek>(&self, reader: R, name: &str, limit: u64) -> ZipResult<Vec<u8>> {
        let mut archive = ZipArchive::new(reader)?;
        let mut file = archive.by_name(name)?;
        let mut data = Vec::with_capacity(file.size().min(limit) as usize); // FIXED: uncontrolled-allocation
        file.by_ref().take(limit).read_to_end(&mut data)?; // FIXED: uncontrolled-allocation
        Ok(data)
    }
}
