use std::fs::{self, DirBuilder, OpenOptions, Permissions};
use std::os::unix::fs::{DirBuilderExt, OpenOptionsExt, PermissionsExt};

pub fn publish(path: &str) -> std::io::Result<()> {
    fs::set_permissions(path, Permissions::from_mode(0o777)) //~ world-writable-permissions
}

pub fn relax(path: &str) -> std::io::Result<()> {
    let mut perms = fs::metadata(path)?.permissions();
    perms.set_mode(0o666); //~ world-writable-permissions
    fs::set_permissions(path, perms)
}

// Creation modes other than std's defaults ask for others to write.
pub fn create(path: &str) -> std::io::Result<fs::File> {
    OpenOptions::new().write(true).create(true).mode(0o662).open(path) //~ world-writable-permissions[medium]
}

pub fn dir(path: &str) -> std::io::Result<()> {
    DirBuilder::new().mode(0o773).create(path) //~ world-writable-permissions[medium]
}

pub fn libc_open(path: &std::ffi::CStr) -> i32 {
    unsafe { libc::open(path.as_ptr(), libc::O_CREAT | libc::O_WRONLY, 0o646) } //~ world-writable-permissions[medium]
}

// An explicit mode after creation is not reduced by the umask.
pub fn explicit_after_create(path: &str) -> std::io::Result<()> {
    fs::File::create(path)?;
    fs::set_permissions(path, Permissions::from_mode(0o666)) //~ world-writable-permissions[high]
}

pub fn decimal(path: &str) -> std::io::Result<()> {
    fs::set_permissions(path, Permissions::from_mode(511)) //~ world-writable-permissions
}

pub fn libc_chmod(path: &std::ffi::CStr) -> i32 {
    unsafe { libc::chmod(path.as_ptr(), 0o777) } //~ world-writable-permissions
}

pub fn nix_mode(path: &str) -> nix::Result<()> {
    use nix::sys::stat::{fchmodat, FchmodatFlags, Mode};
    fchmodat(None, path, Mode::S_IRWXU | Mode::S_IRWXO, FchmodatFlags::FollowSymlink) //~ world-writable-permissions
}

pub fn nix_umask() {
    nix::sys::stat::umask(nix::sys::stat::Mode::empty()); //~ world-writable-permissions[medium]
}

pub fn tempfile_perms() -> std::io::Result<tempfile::NamedTempFile> {
    tempfile::Builder::new().permissions(Permissions::from_mode(0o666)).tempfile() //~ world-writable-permissions
}
