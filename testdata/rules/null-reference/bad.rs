use std::ptr;
use std::slice;

pub fn empty() -> &'static [u8] {
    unsafe { slice::from_raw_parts(ptr::null(), 0) } //~ null-reference[high]
}

pub fn empty_mut() -> &'static mut [u32] {
    unsafe { std::slice::from_raw_parts_mut(std::ptr::null_mut(), 0) } //~ null-reference
}

pub fn deref() -> u8 {
    unsafe { *ptr::null::<u8>() } //~ null-reference
}

pub fn reference() -> &'static u32 {
    unsafe { &*(0 as *const u32) } //~ null-reference
}

pub fn boxed() -> Box<u8> {
    unsafe { Box::from_raw(ptr::null_mut()) } //~ null-reference
}

pub fn read() -> u64 {
    unsafe { ptr::read(ptr::null()) } //~ null-reference
}

pub fn method() {
    unsafe { ptr::null_mut::<u8>().write(1) } //~ null-reference
}

pub fn copy(dst: *mut u8) {
    unsafe { ptr::copy_nonoverlapping(ptr::null(), dst, 0) } //~ null-reference
}
