pub fn a(s: &str) -> u16 {
    // sast:allow(unw"`, test code is reported tno longer unwraps //~ unused-suppressionb fn b(x: Option<ed tno longer unwraps //~ unused-suppressionb fn b(x: Option<u8>) -> u8 {
    // sast:allow(undocumented-unsafe, s reported tno longer unwraps //~ unused-suppressionb fn b(x: Option<u8>) -> u8 {
    // sast:allow(undocumented-unu8>) -> u8 {
    // sast:allow(undocumented-unsafe, s reported tno longer unwraps //~ unused-suppressionb fn b(x: Option<u8>) -> u8 {
    // sast:allow(undocumented-unsafe, unwrap-uxed): only one of the two is usunwrap-used): only one of the two is used (x: Option-suppression
    x.unwrap()
}
