//! Counted: functions 1, methods 2, blocks 4 (3 documented), impls 1,
//! traits 1, extern blocks 1.
mod raw;
#[cfg_attr(unix, path = "sys_unix.rs")]
#[cfg_attr(windows, path = "sys_windows.rs")]
mod sys;
#[cfg(test)]
mod tests;

include!("generated.rs");

/// # Safety
/// `p` must be valid for reads.
pub unsafe fn read(p: *const u8) -> u8 {
    // SAFETY: guaranteed by the caller.
    unsafe { *p }
}

pub fn first(v: &[u8]) -> u8 {
    unsafe { *v.get_unchecked(0) }
}

pub struct Handle(*mut u8);

// SAFETY: the pointer is owned exclusively.
unsafe impl Send for Handle {}

/// # Safety
/// Implementors are plain data.
pub unsafe trait Pod {
    /// # Safety
    /// The pointer is valid while `self` lives.
    unsafe fn raw(&self) -> *const u8;
}

impl Handle {
    /// # Safety
    /// The handle must be live.
    pub unsafe fn get(&self) -> u8 {
        // SAFETY: the handle is live.
        unsafe { *self.0 }
    }
}

extern "C" {
    fn abs(x: i32) -> i32;
}

macro_rules! read_at {
    ($p:expr) => {
        // SAFETY: callers pass valid pointers.
        unsafe { *$p }
    };
}

#[cfg(test)]
mod inline_tests {
    fn t(p: *const u8) -> u8 {
        unsafe { *p }
    }
}
