use std::ptr::{self, NonNull};

pub fn empty() -> &'static [u8] {
    &[]
}

pub fn dangling() -> &'static [u32] {
    // SAFETY: a dangling, aligned pointer is valid for a zero-length slice.
    unsafe { std::slice::from_raw_parts(NonNull::dangling().as_ptr(), 0) }
}

pub fn checked(p: *const u8) -> Option<u8> {
    // SAFETY: `as_ref` checks for null.
    unsafe { p.as_ref().copied() }
}

pub fn null_is_fine_here() -> *const u8 {
    // Creating, comparing and passing null raw pointers is safe.
    let p = ptr::null();
    if p.is_null() { p } else { ptr::null_mut() }
}

extern "C" {
    fn time(t: *mut i64) -> i64;
}

pub fn ffi() -> i64 {
    // SAFETY: `time` accepts null.
    unsafe { time(ptr::null_mut()) }
}
