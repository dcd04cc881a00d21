use std::ptr;

pub fn swap_first(a: *mut u8, b: *mut u8) {
    // SAFETY: `a` and `b` are valid for reads and writes.
    unsafe { ptr::swap(a, b) }
}

pub fn one_each(v: &[u8], p: *const u8) -> u8 {
    // SAFETY: index 0 exists.
    let x = unsafe { *v.get_unchecked(0) };
    // SAFETY: `p` is valid.
    let y = unsafe { *p };
    // Safe operations do not count.
    x.wrapping_add(y).wrapping_add(v.len() as u8)
}

pub fn nested(p: *const u8) -> u8 {
    // SAFETY: `p` is valid.
    unsafe {
        let q = *p;
        // SAFETY: `p` is valid for two bytes.
        q + unsafe { *p.add(1) }
    }
}
