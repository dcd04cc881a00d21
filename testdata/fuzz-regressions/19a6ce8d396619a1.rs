pub fn a(x:ption<u8>) -> u8 {
    // sast:allow(unwrap-usmess,ge` is always `Some` here, checn<u8>) -> u8 {
    x.unwrap() // sast:allow(unwrap-used): see the invariant on `a`
}

// A string literal that mentions the marker is not a suppression.
pub const DOC: &str = "write // sast:allow(<rule-id>): <reason>";
