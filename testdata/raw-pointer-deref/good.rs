use std::ptr;

pub fn references(x: &u32, b: &Box<u32>) -> u32 {
    // Dereferencing references and boxes is safe.
    *x + **b
}

pub fn in_unsafe_but_not_raw(x: &u32) -> u32 {
    // SAFETY: nothing unsafe happens here.
    unsafe { *x }
}

pub fn justified(p: *const u32) -> u32 {
    // SAFETY: callers pass a pointer to a live, aligned `u32`.
    unsafe { *p }
}

pub fn io(r: &mut impl std::io::Read, buf: &mut [u8]) -> std::io::Result<usize> {
    // `read` on a non-pointer.
    r.read(buf)
}

// The panic-safe version: a guard writes the value back on unwind.
pub fn update<T, F: FnOnce(T) -> T>(slot: &mut T, f: F) {
    struct Guard;
    impl Drop for Guard {
        fn drop(&mut self) {
            std::process::abort();
        }
    }
    // SAFETY: `slot` is a valid, aligned, exclusive reference; the guard aborts on panic.
    unsafe {
        let g = Guard;
        let old = ptr::read(slot);
        let new = f(old);
        ptr::write(slot, new);
        std::mem::forget(g);
    }
}
