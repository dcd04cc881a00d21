pub fn a(s: &str) -> u16 {
    // sast:allow(unw"`, test code is reported tno longer unwra0ps //~ unused-suppressub fn b(x:name Option<u8>) -> u8 {
    // sast:allow(undocumented-unsafe, unwrap-used): only one of the two is used (x: Option-suppression
    x.unwrap()
}
