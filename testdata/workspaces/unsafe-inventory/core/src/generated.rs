// Included by lib.rs: counted, blocks 1.
pub fn gen_read(p: *const u32) -> u32 {
    unsafe { *p }
}
