// The safe counterparts: `zip-slip` reports nothing here.
use std::fs::{self, File};
use std::io::{self, Read, Seek};
use std::os::unix::fs::symlink;
use std::path::{Component, Path, PathBuf};

use tar::Archive;
use zip::ZipArchive;

/// Only `Component::Normal` parts: no absolute path, no `..`.
fn relative(name: &Path) -> Option<PathBuf> {
    let mut out = PathBuf::new();
    for c in name.components() {
        match c {
            Component::Normal(p) => out.push(p),
            Component::CurDir => {}
            _ => return None,
        }
    }
    Some(out)
}

// tar's own check: `unpack_in` refuses names that leave the root.
fn unpack_in<R: Read>(reader: R, dest: &Path) -> io::Result<()> {
    let mut archive = Archive::new(reader);
    for entry in archive.entries()? {
        let mut entry = entry?;
        entry.unpack_in(dest)?;
    }
    Ok(())
}

// Names through a `Component::Normal` filter.
fn unpack_checked<R: Read>(reader: R, dest: &Path) -> io::Result<()> {
    let mut archive = Archive::new(reader);
    for entry in archive.entries()? {
        let mut entry = entry?;
        let name = entry.path()?.into_owned();
        let Some(rel) = relative(&name) else { continue };
        let mut file = File::create(dest.join(rel))?;
        io::copy(&mut entry, &mut file)?;
    }
    Ok(())
}

// `enclosed_name()`, and no link is made.
fn unzip<R: Read + Seek>(reader: R, dest: &Path) -> zip::result::ZipResult<()> {
    let mut archive = ZipArchive::new(reader)?;
    for i in 0..archive.len() {
        let mut file = archive.by_index(i)?;
        let Some(rel) = file.enclosed_name() else { continue };
        let out = dest.join(rel);
        if file.is_dir() {
            fs::create_dir_all(&out)?;
            continue;
        }
        let mut w = File::create(&out)?;
        io::copy(&mut file, &mut w)?;
    }
    Ok(())
}

// Only the file name of an entry.
fn flat<R: Read + Seek>(reader: R, dest: &Path) -> zip::result::ZipResult<()> {
    let mut archive = ZipArchive::new(reader)?;
    for i in 0..archive.len() {
        let mut file = archive.by_index(i)?;
        let Some(base) = Path::new(file.name()).file_name().map(PathBuf::from) else { continue };
        let mut w = File::create(dest.join(base))?;
        io::copy(&mut file, &mut w)?;
    }
    Ok(())
}

// Links restored with a checked target; the real parent is checked
// (canonicalize + starts_with) before each write.
fn unzip_links<R: Read + Seek>(reader: R, dest: &Path) -> zip::result::ZipResult<()> {
    let root = dest.canonicalize()?;
    let mut archive = ZipArchive::new(reader)?;
    for i in 0..archive.len() {
        let mut file = archive.by_index(i)?;
        let Some(rel) = file.enclosed_name() else { continue };
        let out = root.join(rel);
        let parent = out.parent().unwrap_or(&root).canonicalize()?;
        if !parent.starts_with(&root) {
            continue;
        }
        if file.is_symlink() {
            let mut target = String::new();
            file.by_ref().take(4096).read_to_string(&mut target)?;
            let Some(target) = relative(Path::new(&target)) else { continue };
            symlink(&target, &out)?;
        } else {
            let mut w = File::create(&out)?;
            io::copy(&mut file, &mut w)?;
        }
    }
    Ok(())
}
