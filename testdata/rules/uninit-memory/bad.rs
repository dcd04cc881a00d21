use std::io::Read;
use std::mem::{self, MaybeUninit};

pub struct Header {
    pub len: u32,
}

pub fn deprecated() -> Header {
    // SAFETY: a comment does not make this sound.
    unsafe { mem::uninitialized() } //~ uninit-memory[high]
}

pub fn assumed() -> Header {
    unsafe { MaybeUninit::uninit().assume_init() } //~ uninit-memory[high]
}

pub fn assumed_turbofish() -> u64 {
    unsafe { MaybeUninit::<u64>::uninit().assume_init() } //~ uninit-memory[high]
}

pub fn zeroed_ref() -> &'static u8 {
    unsafe { mem::zeroed() } //~ uninit-memory[high]
}

pub fn zeroed_box() {
    let _b: Box<u8> = unsafe { std::mem::zeroed() }; //~ uninit-memory[high]
    let _f = unsafe { core::mem::zeroed::<fn()>() }; //~ uninit-memory[high]
    let _v: Vec<u8> = unsafe { MaybeUninit::zeroed().assume_init() }; //~ uninit-memory[high]
}

pub fn never_written() -> u32 {
    let x = MaybeUninit::<u32>::uninit();
    unsafe { x.assume_init() } //~ uninit-memory[medium]
}

pub fn exposed(n: usize) -> Vec<u8> {
    let mut v = Vec::with_capacity(n);
    unsafe { v.set_len(n) }; //~ uninit-memory[high]
    v
}

// Rudra: the uninitialized buffer goes to a user-provided `Read`.
pub fn read_into<R: Read>(r: &mut R, n: usize) -> std::io::Result<Vec<u8>> {
    let mut buf: Vec<u8> = Vec::with_capacity(n);
    unsafe {
        buf.set_len(n); //~ uninit-memory[high]
    }
    r.read_exact(&mut buf)?;
    Ok(buf)
}

pub struct Buffer {
    data: Vec<u8>,
}

impl Buffer {
    pub fn grow(&mut self, n: usize) {
        unsafe { self.data.set_len(n) } //~ uninit-memory[medium]
    }
}

pub fn annotated() -> u64 {
    let x: MaybeUninit<u64> = MaybeUninit::uninit();
    unsafe { x.assume_init() } //~ uninit-memory[medium]
}
