// No `mod` declaration reaches this file: not compiled, not counted.
pub fn orphan(p: *const u8) -> u8 {
    unsafe { *p }
}
