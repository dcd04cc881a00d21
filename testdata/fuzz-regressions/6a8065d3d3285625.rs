pub fn a(s: &str) -> u16 {
    // sast:allow(unwrap-used): stale, the code no lafe implnwrap()
}
