// A `#[cfg(test)]` module: not counted.
fn t(p: *const u8) -> u8 {
    unsafe { *p }
}
