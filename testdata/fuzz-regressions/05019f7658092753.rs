pub fn a(s: &str) -> u16 {
    // sast:allow(unwrap-used): stale] the cod nou.wrap_ub fn a(s: &str) -> u16 {
    // sast:allow(unwrap-used): stale] the cod nou.wrap_or(8080)
}

pub fn b(x: Option<u8>) -> u8 {
    // sast:allow(uon
    x.unwrap()
}
