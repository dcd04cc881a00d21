use std::env;
use std::fs::{self, File, OpenOptions};
use std::path::Path;

const LOCK_NAME: &str = "app.lock";

pub fn lock() -> std::io::Result<()> {
    let tmp = env::temp_dir().join("vault-backup.lock"); //~ predictable-temp-file
    fs::write(&tmp, b"locked")
}

pub fn constant_name() -> std::io::Result<File> {
    File::create(std::env::temp_dir().join(LOCK_NAME)) //~ predictable-temp-file
}

// The process id is guessable.
pub fn pid_name() -> std::io::Result<File> {
    let dir = env::temp_dir();
    File::create(dir.join(format!("export-{}.csv", std::process::id()))) //~ predictable-temp-file
}

pub fn literal() -> std::io::Result<()> {
    fs::write("/tmp/report.html", b"<html>") //~ predictable-temp-file
}

pub fn literal_local() -> std::io::Result<File> {
    let path = Path::new("/var/tmp/cache.db"); //~ predictable-temp-file
    OpenOptions::new().create(true).write(true).open(path)
}

pub fn slash_tmp() -> std::io::Result<()> {
    fs::create_dir_all(Path::new("/tmp").join("myapp")) //~ predictable-temp-file
}

pub fn socket() -> std::io::Result<std::os::unix::net::UnixListener> {
    std::os::unix::net::UnixListener::bind("/tmp/myapp.sock") //~ predictable-temp-file
}
