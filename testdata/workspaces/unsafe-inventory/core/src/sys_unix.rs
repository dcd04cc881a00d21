// Counted (a platform alternative): blocks 1, extern blocks 1.
pub fn pid() -> i32 {
    unsafe { getpid() }
}

extern "C" {
    fn getpid() -> i32;
}
