use std::ffi::{CStr, CString};
use std::os::raw::c_char;
use std::slice;

pub fn view(p: *const u8, n: usize) -> &'static [u8] {
    unsafe { slice::from_raw_parts(p, n) } //~ raw-parts[medium]
}

pub fn view_mut(p: *mut u8, n: usize) -> &'static mut [u8] {
    unsafe { std::slice::from_raw_parts_mut(p, n) } //~ raw-parts
}

pub fn rebuild(p: *mut u32, len: usize, cap: usize) -> Vec<u32> {
    unsafe { Vec::from_raw_parts(p, len, cap) } //~ raw-parts
}

pub fn rebuild_string(p: *mut u8, len: usize) -> String {
    unsafe { String::from_raw_parts(p, len, len) } //~ raw-parts
}

pub fn boxed(p: *mut u64) -> Box<u64> {
    unsafe { Box::from_raw(p) } //~ raw-parts
}

pub fn c_string(p: *mut c_char) -> CString {
    unsafe { CString::from_raw(p) } //~ raw-parts
}

pub fn c_str<'a>(p: *const c_char) -> &'a CStr {
    unsafe { CStr::from_ptr(p) } //~ raw-parts
}

// Not from `into_raw`: freed by the wrong allocator, whatever the comment says.
pub fn wrong_owner(x: &mut u64) -> Box<u64> {
    // SAFETY: x is live.
    unsafe { Box::from_raw(x as *mut u64) } //~ raw-parts[high]
}

pub fn wrong_c_string(s: &CStr) -> CString {
    let p = s.as_ptr() as *mut c_char;
    unsafe { CString::from_raw(p) } //~ raw-parts[high]
}

pub fn stack_box() -> Box<u8> {
    let mut x = 0u8;
    unsafe { Box::from_raw(&mut x as *mut u8) } //~ raw-parts[high]
}


// A justification of something else, a paragraph earlier, does not carry.
pub fn far(p: *const u8, n: usize) -> &'static [u8] {
    // SAFETY: `n` was checked by the caller.
    let n = n.min(64);

    unsafe { slice::from_raw_parts(p, n) } //~ raw-parts
}
