/// Reads a byte.
///
/// # Safety
/// `p` must be valid for reads.
pub unsafe fn read(p: *const u8) -> u8 {
    // SAFETY: guaranteed by the caller.
    unsafe { *p }
}

// Not public API.
unsafe fn private(p: *const u8) -> u8 {
    // SAFETY: callers in this module pass valid pointers.
    unsafe { *p }
}

pub(crate) unsafe fn crate_only(p: *const u8) -> u8 {
    // SAFETY: callers in this crate pass valid pointers.
    unsafe { *p }
}

#[doc(hidden)]
pub unsafe fn hidden() {}

/// # Safety
/// All-zero bytes must be a valid value.
pub unsafe trait Zeroable {}

pub trait Raw {
    /// # Safety
    /// `p` must come from `into_raw`.
    unsafe fn from_raw(p: *mut u8) -> Self;
}

pub struct Thing;
// Implementations are documented by the trait.
impl Raw for Thing {
    unsafe fn from_raw(_p: *mut u8) -> Self {
        Thing
    }
}

pub fn outer() {
    // A nested fn is not API.
    pub unsafe fn inner() {}
}

#[cfg(test)]
mod tests {
    pub unsafe fn helper() {}
}

/// Docs read from the source: an attribute and a plain comment between
/// them and the function, a block doc comment, a `#[doc]` attribute.
///
/// # Safety
/// `p` must be valid for reads.
#[inline]
// (a plain comment)
pub unsafe fn read_inline(p: *const u8) -> u8 {
    // SAFETY: guaranteed by the caller.
    unsafe { *p }
}

/** # Safety
 `p` must be valid for reads. */
pub unsafe fn read_block(p: *const u8) -> u8 {
    // SAFETY: guaranteed by the caller.
    unsafe { *p }
}

#[doc = "# Safety"]
#[doc = "`p` must be valid for reads."]
pub unsafe fn read_attr(p: *const u8) -> u8 {
    // SAFETY: guaranteed by the caller.
    unsafe { *p }
}

/// # Safety
/// `p` must be valid for reads.
pub unsafe fn with_inner_attr(p: *const u8) -> u8 {
    #![allow(unused_unsafe)]
    // SAFETY: guaranteed by the caller.
    unsafe { *p }
}

pub unsafe fn with_inner_docs(p: *const u8) -> u8 {
    //! # Safety
    //! `p` must be valid for reads.
    // SAFETY: guaranteed by the caller.
    unsafe { *p }
}
