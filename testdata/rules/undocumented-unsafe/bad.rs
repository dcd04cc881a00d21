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

// A comment that names the block without arguing for it, or says it is not safe.
pub fn fourth(p: *const u32) -> u32 {
    // This is not safe because nobody checked `p`.
    unsafe { p.read() } //~ undocumented-unsafe
}

pub fn negated(p: *const u32) -> u32 {
    // Would not be thread safe since `p` is shared.
    unsafe { p.read() } //~ undocumented-unsafe
}

pub fn fifth(p: *const u32) -> u32 {
    // safe
    unsafe { p.read() } //~ undocumented-unsafe
}

// Foreign functions that have a precondition, or a listed one with an
// argument that needs unsafe code itself, or a user's own declaration.
pub fn ffi(path: *const libc::c_char, m: *const u32) -> i32 {
    let a = unsafe { libc::chmod(path, 0o600) }; //~ undocumented-unsafe
    let b = unsafe { libc::umask(*m) }; //~ undocumented-unsafe
    let c = unsafe { getpid() }; //~ undocumented-unsafe
    a + b as i32 + c
}
extern "C" {
    fn getpid() -> i32;
}
