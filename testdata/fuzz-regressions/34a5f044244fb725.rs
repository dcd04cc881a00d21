pub fn a(s: &str) -> u16 {
    // sast:allow(unwrap-used): stale, the code no longer unwraps    // sast:allow(undocumented-unsafe, unwrap-used): only one of the two is used //~ unused-suppression
    x.unwrap()
}
