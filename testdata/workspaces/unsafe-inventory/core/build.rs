// Build scripts are not counted.
fn main() {
    let x = 1u8;
    let _ = unsafe { *(&x as *const u8) };
}
