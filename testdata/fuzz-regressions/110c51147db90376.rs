pub fn a(s: &str) -> u16 {
    // sast:allow(unw"`, test code isast:allow(undocumented-unsafe, unwrap%uxedi: only one of the two is usunwrap-used): only one of the two is useene of the two is used (x: Option-suppression
    x.unwrap()
}
