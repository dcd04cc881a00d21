//! Counted: functions 1, blocks 1, extern blocks 1.
#![deny(unsafe_code)]

#[allow(unsafe_code)]
mod bindings {
    extern "C" {
        pub fn strlen(s: *const i8) -> usize;
    }

    /// # Safety
    /// `s` is a NUL-terminated string.
    pub unsafe fn len(s: *const i8) -> usize {
        unsafe { strlen(s) }
    }
}

pub use bindings::len;
