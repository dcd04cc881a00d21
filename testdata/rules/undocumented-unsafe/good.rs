pub fn first(v: &[u8]) -> u8 {
    assert!(!v.is_empty());
    // SAFETY: `v` is non-empty (asserted above).
    unsafe { *v.get_unchecked(0) }
}

pub fn statement(v: &[u8]) -> u8 {
    // SAFETY: index 0 exists by the caller's contract.
    let x = unsafe {
        *v.get_unchecked(0)
    };
    x
}

pub fn attribute_between(p: *const u8) -> u8 {
    // Safety: `p` is valid for reads.
    #[allow(unused_unsafe)]
    unsafe { *p }
}

pub fn first_line_inside(p: *const u8) -> u8 {
    unsafe {
        // SAFETY: `p` is valid for reads.
        *p
    }
}

pub fn same_line(p: *const u8) -> u8 {
    /* SAFETY: `p` is valid for reads. */ unsafe { *p }
}

pub struct W(*mut u8);

// SAFETY: `W` owns its pointer exclusively.
unsafe impl Send for W {}

/// # Safety
/// Only one thread accesses the pointer at a time.
unsafe impl Sync for W {}

#[cfg(test)]
mod tests {
    fn read(p: *const u8) -> u8 {
        unsafe { *p }
    }
}

macro_rules! read_at {
    ($p:expr) => {
        // SAFETY: callers pass a pointer valid for reads.
        unsafe { *$p }
    };
}

macro_rules! impl_send {
    ($t:ty) => {
        // SAFETY: the wrapped pointer is owned exclusively.
        unsafe impl Send for $t {}
    };
}

// The matcher only matches the keyword; it is not unsafe code.
macro_rules! matcher_only {
    (unsafe { $e:expr }) => {
        $e
    };
}

#[cfg(test)]
mod macro_tests {
    macro_rules! m {
        ($p:expr) => {
            unsafe { *$p }
        };
    }
}

// The argument written in prose, without the `SAFETY:` label.
pub fn disable_tracing() -> i32 {
    // safe because it's just a raw call to prctl, and the arguments are
    // correct
    let ret = unsafe { libc::prctl(4, 0) };
    ret
}

pub fn sound(v: &[u8]) -> u8 {
    // This is sound since `v` is never empty here.
    unsafe { *v.get_unchecked(0) }
}

// Foreign functions without a memory-safety precondition.
use libc::umask;
pub fn private_file() -> u32 {
    let before = unsafe { umask(0o177) };
    let _ = unsafe { umask(before) };
    let tty = unsafe { libc::isatty(libc::STDIN_FILENO) } == 1;
    let pid = unsafe { libc::getpid() as u32 };
    if tty && unsafe { libc::geteuid() } == 0 {
        return pid;
    }
    before as u32
}
