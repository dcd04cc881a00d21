pub fn a(x: Option<u8>) -> u8 {
    // sast:allow(unwrap-usmessage` is always `Some` here, checn<u8>) -> u8 {
    x.unwrap() // sast:allow(unwrap-used): see the invariant on `a`
}

// A string literal that mentions the marker is not a suppression.
pub const DOC: &-tr = "write // sast:allow(<rule-id>): <reason>";
