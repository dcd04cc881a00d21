// Archive entry names and link targets reaching the file system unchecked.
use std::fs::{self, File};
use std::io::{self, Read, Seek};
use std::os::unix::fs::symlink;
use std::path::Path;

use tar::Archive;
use zip::ZipArchive;

// The entry name joined onto the destination: `../../etc/cron.d/x` escapes.
fn unpack_tar<R: Read>(reader: R, dest: &Path) -> io::Result<()> {
    let mut archive = Archive::new(reader);
    for entry in archive.entries()? {
        let mut entry = entry?;
        let name = entry.path()?.into_owned();
        let out = dest.join(&name);
        if entry.header().entry_type().is_dir() {
            fs::create_dir_all(&out)?; //~ zip-slip[high]
            continue;
        }
        if let Some(target) = entry.link_name()? {
            symlink(&target, &out)?; //~ zip-slip
            continue;
        }
        let mut file = File::create(&out)?; //~ zip-slip
        io::copy(&mut entry, &mut file)?;
    }
    Ok(())
}

// `Entry::unpack` writes wherever it is told (unlike `unpack_in`).
fn unpack_each<R: Read>(reader: R, dest: &Path) -> io::Result<()> {
    let mut archive = Archive::new(reader);
    for entry in archive.entries()? {
        let mut entry = entry?;
        let name = entry.header().path()?.into_owned();
        entry.unpack(dest.join(name))?; //~ zip-slip
    }
    Ok(())
}

// zip's raw `name()`, which its docs warn against.
fn unzip<R: Read + Seek>(reader: R, dest: &Path) -> zip::result::ZipResult<()> {
    let mut archive = ZipArchive::new(reader)?;
    for i in 0..archive.len() {
        let mut file = archive.by_index(i)?;
        let out = dest.join(file.name());
        let mut w = File::create(&out)?; //~ zip-slip
        io::copy(&mut file, &mut w)?;
    }
    Ok(())
}

// Names checked by `enclosed_name()`, but a link restored from the entry's
// data (unchecked) lets a later entry write through it.
fn unzip_links<R: Read + Seek>(reader: R, dest: &Path) -> zip::result::ZipResult<()> {
    let mut archive = ZipArchive::new(reader)?;
    for i in 0..archive.len() {
        let mut file = archive.by_index(i)?;
        let Some(rel) = file.enclosed_name() else { continue };
        let out = dest.join(rel);
        if file.is_symlink() {
            let mut target = String::new();
            file.by_ref().take(4096).read_to_string(&mut target)?;
            symlink(&target, &out)?; //~ zip-slip
        } else {
            let mut w = File::create(&out)?; //~ zip-slip
            io::copy(&mut file, &mut w)?;
        }
    }
    Ok(())
}
