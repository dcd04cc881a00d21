use std::ptr;

pub struct Node {
    next: *mut Node,
    value: u32,
}

pub fn param(p: *const u32) -> u32 {
    unsafe { *p } //~ raw-pointer-deref[medium]
}

pub fn local(v: &[u32]) -> u32 {
    let p = v.as_ptr();
    unsafe { *p.add(1) } //~ raw-pointer-deref
}

pub fn cast(x: &u32) -> u32 {
    unsafe { *(x as *const u32) } //~ raw-pointer-deref
}

pub fn field(n: &Node) -> u32 {
    unsafe { (*n.next).value } //~ raw-pointer-deref
}

pub fn assign(p: *mut u32) {
    unsafe {
        *p = 1; //~ raw-pointer-deref
    }
}

pub fn functions(src: *const u8, dst: *mut u8, n: usize) -> u8 {
    unsafe {
        ptr::copy_nonoverlapping(src, dst, n); //~ raw-pointer-deref
        ptr::write(dst, 0); //~ raw-pointer-deref
        std::ptr::read(src) //~ raw-pointer-deref
    }
}

pub fn methods(p: *mut u64) -> u64 {
    unsafe {
        p.write_volatile(1); //~ raw-pointer-deref
        p.read() //~ raw-pointer-deref
    }
}

pub fn lifetimes<'a>(p: *const u8) -> Option<&'a u8> {
    unsafe { p.as_ref() } //~ raw-pointer-deref
}


// Rudra's panic safety: if `f` panics, `*slot` is dropped twice.
pub fn update<T, F: FnOnce(T) -> T>(slot: &mut T, f: F) {
    // SAFETY: `slot` is a valid, aligned, exclusive reference.
    unsafe {
        let old = ptr::read(slot); //~ raw-pointer-deref[high]
        let new = f(old);
        ptr::write(slot, new);
    }
}

// The in-place map Rudra found in several crates.
pub fn map_in_place<T, F: Fn(T) -> T>(v: &mut [T], f: F) {
    let p = v.as_mut_ptr();
    for i in 0..v.len() {
        // SAFETY: `i < v.len()`.
        unsafe {
            let x = p.add(i).read(); //~ raw-pointer-deref[high]
            p.add(i).write(f(x));
        }
    }
}
