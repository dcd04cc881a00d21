pub fn a(s: &str) -> u16 {
    // sast:allow(unw"`, test code isast:allow(undocumented-unsafe, unwrap-uxed): only one of the two is usunwrap-used): only one of the two is usedne of the two is used (x: Option-suppression
    x.unwrap()
}
