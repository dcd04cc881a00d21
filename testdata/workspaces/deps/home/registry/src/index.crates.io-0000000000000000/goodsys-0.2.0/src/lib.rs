//! TEST FIXTURE for cargo-sast: 0.2.0 adds unsafe code.
pub fn version() -> &'static str {
    "1.3"
}

/// # Safety
/// `p` must point to a valid byte.
pub unsafe fn first(p: *const u8) -> u8 {
    unsafe { *p }
}
