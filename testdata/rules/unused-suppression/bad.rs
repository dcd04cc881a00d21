pub fn a(s: &str) -> u16 {
    // sast:allow(unwrap-used): stale, the code no longer unwraps //~ unused-suppression
    s.parse().unwrap_or(8080)
}

pub fn b(x: Option<u8>) -> u8 {
    // sast:allow(undocumented-unsafe, unwrap-used): only one of the two is used //~ unused-suppression
    x.unwrap()
}
