// Counted: functions 1, blocks 1.
pub(crate) unsafe fn zero(p: *mut u8) {
    unsafe { *p = 0 }
}
