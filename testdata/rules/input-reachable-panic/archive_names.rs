// An archive's entry names are the archive author's: a name that is not
// UTF-8 panics whoever unwraps its decoding.
use std::fs::File;
use std::io;

use tar::Archive;

pub fn list(path: &str) -> io::Result<Vec<String>> {
    let mut archive = Archive::new(File::open(path)?);
    let mut names = Vec::new();
    for entry in archive.entries()? {
        let entry = entry?;
        let bytes = entry.path_bytes();
        let name = std::str::from_utf8(&bytes).unwrap(); //~ input-reachable-panic
        let path = entry.path()?;
        let shown = path.to_str().unwrap(); //~ input-reachable-panic
        names.push(format!("{name} {shown}"));
    }
    Ok(names)
}

// The fix: a name that is not UTF-8 is shown lossily, or refused.
pub fn list_lossy(path: &str) -> io::Result<Vec<String>> {
    let mut archive = Archive::new(File::open(path)?);
    let mut names = Vec::new();
    for entry in archive.entries()? {
        let entry = entry?;
        let bytes = entry.path_bytes();
        names.push(String::from_utf8_lossy(&bytes).into_owned());
        let path = entry.path()?;
        let Some(shown) = path.to_str() else {
            return Err(io::ErrorKind::InvalidData.into());
        };
        names.push(shown.to_string());
    }
    Ok(names)
}
