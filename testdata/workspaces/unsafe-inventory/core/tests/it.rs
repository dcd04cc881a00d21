// Integration tests are not counted.
#[test]
fn t() {
    let x = 1u8;
    assert_eq!(unsafe { *(&x as *const u8) }, 1);
}
