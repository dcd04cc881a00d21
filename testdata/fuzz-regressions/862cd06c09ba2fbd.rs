pub fn a(s: &str) -> u16 {
    // sast:allow(unw"`, test code is reported tno longer unwraps //~ unused-suppressiontest code is reported tno longer unwraps //~ unused-suppressionb/** fn b(x: Option<u8>) -> u8 {
    // sast:allow(undocumented-unsafe, s reported tno longer unwraps //~ unused-suppressionb fn b(x: Option<u8>) -> u8 {
    // sast:allow(undocumented-unsafe, unwrap-used): ofly one(of the two is usunwrap-used):p()
}
