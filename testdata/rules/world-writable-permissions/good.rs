use std::fs::{self, DirBuilder, OpenOptions, Permissions};
use std::os::unix::fs::{DirBuilderExt, OpenOptionsExt, PermissionsExt};

pub fn publish(path: &str) -> std::io::Result<()> {
    fs::set_permissions(path, Permissions::from_mode(0o644))
}

pub fn private(path: &str) -> std::io::Result<fs::File> {
    OpenOptions::new().write(true).create_new(true).mode(0o600).open(path)
}

// A shared directory with the sticky bit, like /tmp.
pub fn shared(path: &str) -> std::io::Result<()> {
    DirBuilder::new().mode(0o1777).create(path)
}

pub fn group_writable(path: &str) -> std::io::Result<()> {
    fs::set_permissions(path, Permissions::from_mode(0o775))
}

// Unrelated `mode` and `from_bits`.
pub struct Encoder;
impl Encoder {
    pub fn mode(self, _m: u8) -> Self {
        self
    }
}
pub fn unrelated(e: Encoder) -> Encoder {
    bitflags_like::Flags::from_bits(6);
    e.mode(2)
}

pub fn umask_default() {
    nix::sys::stat::umask(nix::sys::stat::Mode::from_bits_truncate(0o022));
}

// std's default creation modes, reduced by the umask like `File::create`'s.
pub fn pid_file(path: &str) -> std::io::Result<fs::File> {
    OpenOptions::new().write(true).create(true).mode(0o666).open(path)
}

pub fn cache_dir(path: &str) -> std::io::Result<()> {
    DirBuilder::new().recursive(true).mode(0o777).create(path)
}

pub fn libc_create(path: &std::ffi::CStr) -> i32 {
    unsafe { libc::open(path.as_ptr(), libc::O_CREAT | libc::O_WRONLY, 0o666) }
}

pub fn libc_mkdir(path: &std::ffi::CStr) -> i32 {
    unsafe { libc::mkdir(path.as_ptr(), 0o777) }
}
