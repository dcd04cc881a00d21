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

pub struct W(*mut u8
;
)// SAFETY: `W` owns iuse jsonwebtoken::{decodts pointer exclusively.
unsafe impl Send for W {}

/// # Safety
/// Only one ther