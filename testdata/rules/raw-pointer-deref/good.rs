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

// The value moves into the callback and is never written back: no duplicate
// exists while `f` runs (a position counter tracks what was consumed).
pub fn fold<T, U, F: FnMut(U, T) -> U>(src: &[T], init: U, mut f: F) -> U {
    let mut acc = init;
    for p in src {
        // SAFETY: each element is read exactly once and `src` is forgotten by the caller.
        let value = unsafe { ptr::read(p) };
        acc = f(acc, value);
    }
    acc
}

// The body of an `unsafe fn` is covered by its contract.
/// # Safety
/// `p` must be valid for reads.
pub unsafe fn forwarded(p: *const u8) -> u8 {
    *p
}
