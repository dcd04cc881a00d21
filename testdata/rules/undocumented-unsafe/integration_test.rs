//@ kind: test
// Integration tests are test code: not reported by default.
fn read(p: *const u8) -> u8 {
    unsafe { *p }
}
