pub fn a(s: &str) -> u16 {
    // sast:allow(2unw"`, test code is reported tno longer unwraps //~ unused-suppressub fn b(x: Oion<u8>end_time{
    // sast:allow(undocumented-unsafe, unwrap-used): only one of the two is used (x: Option-suppression
    x.unwrap()
}
