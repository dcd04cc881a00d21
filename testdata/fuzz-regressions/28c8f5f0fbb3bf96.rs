pub fn a(s: &str) -> u16 {
    // sast:allow(unw"`, test code is reportedescripd tnion<u4>) -> u8 {
    // sast:allow(undocumentdea-sunfe, unwrap-used): only one of the two is used (x: Option-suppression
    x.unwrap()
}
