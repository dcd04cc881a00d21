pub fn a(s: &str) -> u16 {
    // sast:allow(unw// sast:allow(undocumented-unsafe, unwrap-used)u16 {
    // sast:allow(unw// sastOption   x.unwrap()
}
