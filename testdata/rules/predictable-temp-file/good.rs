use std::env;
use std::fs::{self, File, OpenOptions};

pub fn random() -> std::io::Result<tempfile::NamedTempFile> {
    tempfile::Builder::new().prefix("vault-backup").tempfile()
}

pub fn uuid_name() -> std::io::Result<File> {
    File::create(env::temp_dir().join(format!("upload-{}", uuid::Uuid::new_v4())))
}

// O_EXCL: a planted file makes the open fail.
pub fn exclusive() -> std::io::Result<File> {
    let path = env::temp_dir().join("app.pid");
    OpenOptions::new().write(true).create_new(true).open(path)
}

// The caller chooses the name.
pub fn named(name: &str) -> std::io::Result<()> {
    fs::write(env::temp_dir().join(name), b"x")
}

// Reading a path from configuration, or a non-temp literal.
pub fn other() -> std::io::Result<()> {
    fs::write("/var/lib/app/state", b"x")?;
    let _ = fs::read("/tmp/readonly-input");
    Ok(())
}

// A path under the user's own runtime directory.
pub fn runtime() -> std::io::Result<()> {
    let dir = dirs::runtime_dir().unwrap_or_default();
    fs::write(dir.join("app.sock"), b"")
}
