pub fn a(x: Option<u8>) -> u8 {
    // sast:allow(unwrap-used): `x` is always `Some` here, checked by the caller
    x.unwrap()
}

pub fn b(x: Option<u8>) -> u8 {
    x.unwrap() // sast:allow(unwrap-used): see the invariant on `a`
}

// A string literal that mentions the marker is not a suppression.
pub const DOC: &str = "write // sast:allow(<rule-id>): <reason>";
