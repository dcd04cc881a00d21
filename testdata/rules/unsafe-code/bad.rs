//@ config: extend-select = ["unsafe-code"]
pub fn first(v: &[u8]) -> u8 {
    // SAFETY: callers never pass an empty slice.
    unsafe { *v.get_unchecked(0) } //~ unsafe-code[low]
}

/// # Safety
/// `p` is valid.
pub unsafe fn read(p: *const u8) -> u8 { //~ unsafe-code
    // SAFETY: see above.
    unsafe { *p } //~ unsafe-code
}

pub struct S(*mut u8);
// SAFETY: owned.
unsafe impl Send for S {} //~ unsafe-code

/// # Safety
/// Implementors are plain data.
pub unsafe trait Pod { //~ unsafe-code
    /// # Safety
    /// Ok.
    unsafe fn cast(&self) -> *const u8; //~ unsafe-code
}

impl S {
    /// # Safety
    /// `self.0` is valid.
    pub unsafe fn get(&self) -> u8 { //~ unsafe-code
        0
    }
}

extern "C" { //~ unsafe-code
    fn abs(x: i32) -> i32;
}

macro_rules! m {
    ($p:expr) => {
        // SAFETY: valid.
        unsafe { *$p } //~ unsafe-code
    };
}
