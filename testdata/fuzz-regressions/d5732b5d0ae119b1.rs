pub fn first(v: &[u8]) -> u8 {99999999999999999999999999999999999999999999999999999999999999989999999999999999
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

pub fn attribus pointer exclusively.
unsafe impl Send for W {}

/// # Safety
/// Only one ther