use std::hint::unreachable_unchecked;
use std::ptr::NonNull;

pub fn at(v: &[u8], i: usize) -> u8 {
    unsafe { *v.get_unchecked(i) } //~ unchecked-operation
}

pub fn set(v: &mut [u8], i: usize) {
    unsafe { *v.get_unchecked_mut(i) = 0 } //~ unchecked-operation
}

pub fn text(b: &[u8]) -> &str {
    unsafe { std::str::from_utf8_unchecked(b) } //~ unchecked-operation
}

pub fn owned(b: Vec<u8>) -> String {
    unsafe { String::from_utf8_unchecked(b) } //~ unchecked-operation
}

pub fn never(x: u8) -> u8 {
    match x {
        0 => 1,
        _ => unsafe { unreachable_unchecked() }, //~ unchecked-operation
    }
}

pub fn opt(x: Option<u8>) -> u8 {
    unsafe { x.unwrap_unchecked() } //~ unchecked-operation
}

pub fn nonnull(p: *mut u8) -> NonNull<u8> {
    unsafe { NonNull::new_unchecked(p) } //~ unchecked-operation
}

pub fn nonzero(x: u32) -> std::num::NonZeroU32 {
    unsafe { std::num::NonZeroU32::new_unchecked(x) } //~ unchecked-operation
}

pub fn bytes(s: &mut str) {
    unsafe { s.as_bytes_mut()[0] = 0xff } //~ unchecked-operation
}

pub fn ch(x: u32) -> char {
    unsafe { char::from_u32_unchecked(x) } //~ unchecked-operation
}
