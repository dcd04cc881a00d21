use std::mem::{self, MaybeUninit};

pub fn zeroable() -> (u64, [u8; 16], Option<&'static u8>) {
    unsafe { (mem::zeroed(), mem::zeroed(), mem::zeroed()) }
}

#[repr(C)]
pub struct Stat {
    pub size: u64,
}

pub fn ffi_struct() -> Stat {
    // Unknown type: all-zero may well be valid (C structs).
    unsafe { mem::zeroed() }
}

pub fn array_of_uninit() -> [MaybeUninit<u8>; 16] {
    // The documented pattern: an array of `MaybeUninit` needs no initialization.
    unsafe { MaybeUninit::uninit().assume_init() }
}

pub fn written() -> u32 {
    let mut x = MaybeUninit::<u32>::uninit();
    x.write(7);
    unsafe { x.assume_init() }
}

pub fn written_by_ffi() -> u32 {
    let mut x = MaybeUninit::<u32>::uninit();
    fill(x.as_mut_ptr());
    unsafe { x.assume_init() }
}

fn fill(p: *mut u32) {
    let _ = p;
}

pub fn filled(src: &[u8]) -> Vec<u8> {
    let mut v = Vec::with_capacity(src.len());
    unsafe {
        std::ptr::copy_nonoverlapping(src.as_ptr(), v.as_mut_ptr(), src.len());
        v.set_len(src.len());
    }
    v
}

pub fn shrink(v: &mut Vec<u8>) {
    unsafe {
        v.set_len(0);
        v.set_len(v.len() - 1);
    }
}

pub fn justified(v: &mut Vec<u8>, n: usize) {
    // SAFETY: the first `n` elements were written by `fill_spare` above.
    unsafe { v.set_len(n) }
}

// A safe method named `set_len` on a user type.
pub struct Counter {
    len: usize,
}
impl Counter {
    pub fn set_len(&mut self, n: usize) {
        self.len = n;
    }
}
pub fn counter(c: &mut Counter) {
    c.set_len(3);
}

// Another method of the impl writes the field: `set_len` restores a length.
pub struct Stack {
    items: Vec<u32>,
}
impl Stack {
    pub fn push(&mut self, x: u32) {
        self.items.push(x);
    }
    pub fn restore(&mut self, len: usize) {
        unsafe { self.items.set_len(len) }
    }
}

// The documented `MaybeUninit` array helper.
pub fn scratch() -> [MaybeUninit<u8>; 64] {
    let arr = MaybeUninit::<[MaybeUninit<u8>; 64]>::uninit();
    // SAFETY: an array of `MaybeUninit` needs no initialization.
    unsafe { arr.assume_init() }
}

// The target is a field whose type is made of `MaybeUninit`.
pub struct Inline {
    buf: [MaybeUninit<u8>; 16],
}
pub fn inline() -> Inline {
    Inline { buf: unsafe { MaybeUninit::uninit().assume_init() } }
}

// A guard restoring a saved length on drop.
pub struct SetLenOnDrop<'a> {
    v: &'a mut Vec<u8>,
    len: usize,
}
impl Drop for SetLenOnDrop<'_> {
    fn drop(&mut self) {
        unsafe { self.v.set_len(self.len) }
    }
}

pub struct Drain<'a> {
    v: &'a mut Vec<u8>,
}
impl Drain<'_> {
    pub fn cut(&mut self, range: std::ops::Range<usize>) {
        // The vector is cut at the start of the drained range.
        unsafe { self.v.set_len(range.start) }
    }
}
