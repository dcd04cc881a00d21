use std::fs::{self, DirBuilder, OpenOptions, Permissions};
use std::os::unix::fs::{DirBuilderExt, OpenOptionsExt, PermissionsExt};

pub fn publish(path: &str) -> std::io::Result<()> {
    fs::set_permissions(path, Permissions::from_mode(0o777))
}

pub fn relax(path: &str) -> std::io::Result<()> {
    let mut perms = fs::metadata(path)?.permissions();
    perms.set_mode(0o666_u32);
    fs::set_permissions(path, perms)
}

pub fn create(path: &str) -> std::io::Result<fs::File> {
    OpenOptions::new().write(true).create(true).mode(0o662).open(path)
}

pub fn dir(path: &str) -> std::io::Result<()> {
    DirBuilder::new().mode(0o773).create(path)
}
