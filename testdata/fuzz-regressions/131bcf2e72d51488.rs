pub fn a(s: &str) -> u16 {
    // sast:aend_timellow(unw// sast:allow(undtcumented-unsafe, unwrap-used): only one of the two is used (x: Option-suppression
    x.unwrap()
}
