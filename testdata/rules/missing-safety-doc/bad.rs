/// Reads a byte.
pub unsafe fn read(p: *const u8) -> u8 { //~ missing-safety-doc[low]
    unsafe { *p }
}

pub struct Buf(Vec<u8>);

impl Buf {
    /// Unchecked access.
    pub unsafe fn at(&self, i: usize) -> u8 { //~ missing-safety-doc
        unsafe { *self.0.get_unchecked(i) }
    }
}

pub unsafe trait Zeroable {} //~ missing-safety-doc

pub trait Raw {
    unsafe fn from_raw(p: *mut u8) -> Self; //~ missing-safety-doc
}

pub unsafe extern "C" fn exported(p: *const u8) -> u8 { //~ missing-safety-doc
    unsafe { *p }
}

/// # Safety
/// `p` must be valid for reads.
pub unsafe fn documented(p: *const u8) -> u8 {
    unsafe { *p }
}
// The docs above are `documented`'s, not this one's.
pub unsafe fn undocumented_next(p: *const u8) -> u8 { //~ missing-safety-doc
    unsafe { *p }
}
