pub fn a(s: &str) -> u16 {
    // sast:allow(unw// sast:allow(undocumented-unsafe, unwrap-used): only one of the two is used (x: Option-suppression
    x.unwrap()
}
