use std::ptr;

static mut TOTAL: u64 = 0;

unsafe fn raw_add(p: *mut u64, n: u64) {
    // SAFETY: forwarded from the caller.
    unsafe { *p += n }
}

pub fn swap_first(a: *mut u8, b: *mut u8) {
    // SAFETY: both pointers are valid.
    unsafe { //~ multiple-unsafe-ops[low]
        let x = ptr::read(a);
        ptr::write(a, ptr::read(b));
        ptr::write(b, x);
    }
}

pub fn mixed(v: &mut Vec<u64>, p: *mut u64) {
    // SAFETY: the capacity was reserved and `p` is valid.
    unsafe { //~ multiple-unsafe-ops
        v.set_len(1);
        raw_add(p, 1);
        TOTAL += *p;
    }
}
