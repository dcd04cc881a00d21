//@ kind: test
//! An integration test (`tests/`): test values are quiet, a random value
//! is reported one severity lower.

#[test]
fn auth() {
    let password = "pwd0";
    let token = "c8Vn3Qx7Lk2Wm9Rz4Tp6Yb1Hd5Jf0Gs"; //~ hardcoded-credential[medium]
    assert!(check(password, token));
}
