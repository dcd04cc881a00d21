pub fn first(v: &[u8]) -> u8 {
    unsafe { *v.get_unchecked(0) } //~ undocumented-unsafe
}

pub fn second(v: &[u8]) -> u8 {
    let x = unsafe { *v.get_unchecked(1) }; //~ undocumented-unsafe
    // SAFETY: a comment below the block does not count
    x
}

pub struct Wrapper(*mut u8);
unsafe impl Send for Wrapper {} //~ undocumented-unsafe

pub fn third(p: *const u32) -> u32 {
    // read the value (not a safety justification)
    unsafe { p.read() } //~ undocumented-unsafe
}

pub fn in_macro_args(p: *const u8) {
    println!("{}", unsafe { *p }); //~ undocumented-unsafe
}

pub fn nested(p: *const u8) -> u8 {
    // SAFETY: p is valid.
    unsafe {
        let q = p.add(1);
        unsafe { *q } //~ undocumented-unsafe
    }
}

#[allow(clippy::undocumented_unsafe_blocks)]
pub fn allowed_by_clippy_attribute(p: *const u8) -> u8 {
    unsafe { *p }
}

macro_rules! read_at {
    ($p:expr) => {
        unsafe { *$p } //~ undocumented-unsafe
    };
}

macro_rules! impl_send {
    ($t:ty) => {
        unsafe impl Send for $t {} //~ undocumented-unsafe
    };
}

pub fn in_fn_macro(p: *const u8) -> u8 {
    macro_rules! get {
        () => {
            unsafe { *p } //~ undocumented-unsafe
        };
    }
    get!()
}
