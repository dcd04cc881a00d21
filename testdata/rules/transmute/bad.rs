use std::mem;
use std::mem::transmute as reinterpret;

pub fn words(bytes: &[u8]) -> &[u32] {
    unsafe { std::mem::transmute::<&[u8], &[u32]>(bytes) } //~ transmute[high]
}

pub fn extend<'a>(s: &'a str) -> &'static str {
    unsafe { mem::transmute(s) } //~ transmute[high]
}

pub fn to_mut(x: &u8) -> &mut u8 {
    unsafe { mem::transmute::<&u8, &mut u8>(x) } //~ transmute[high]
}

pub fn vecs(v: Vec<u32>) -> Vec<f32> {
    unsafe { mem::transmute(v) } //~ transmute[high]
}

pub fn from_ptr(p: *const u8) {
    let _r: &u8 = unsafe { mem::transmute(p) }; //~ transmute[high]
}

pub fn aliased(x: u64) -> f64 {
    unsafe { reinterpret(x) } //~ transmute[low]
}

pub fn bits(x: u32) -> f32 {
    unsafe { core::mem::transmute::<u32, f32>(x) } //~ transmute[low]
}

pub fn unknown<T, U>(t: T) -> U {
    unsafe { mem::transmute_copy(&t) } //~ transmute[medium]
}

#[repr(u8)]
pub enum E {
    A,
}

pub fn to_enum(b: u8) -> E {
    unsafe { mem::transmute(b as u8) } //~ transmute[medium]
}

pub fn documented(x: &[u8; 4]) -> &u32 {
    // SAFETY: `[u8; 4]` and `u32` have the same size; the caller guarantees alignment.
    unsafe { mem::transmute(x) } //~ transmute[medium]
}

pub fn elements(b: &[u8]) -> usize {
    let (_, mid, _) = unsafe { b.align_to::<u32>() }; //~ transmute[medium]
    mid.len()
}

pub fn in_macro(x: u32) {
    println!("{}", unsafe { std::mem::transmute::<u32, char>(x) }); //~ transmute[low]
}

pub struct Guard<'a>(&'a u8);
pub fn forever<'a>(g: Guard<'a>) -> Guard<'static> {
    unsafe { mem::transmute::<Guard<'a>, Guard<'static>>(g) } //~ transmute[high]
}

pub fn shadowed(guard: Guard<'_>) {
    let guard: Guard<'static> = unsafe { mem::transmute(guard) }; //~ transmute[high]
    drop(guard);
}

pub fn to_ptr(addr: usize) -> *mut u8 {
    unsafe { mem::transmute(addr) } //~ transmute[high]
}
