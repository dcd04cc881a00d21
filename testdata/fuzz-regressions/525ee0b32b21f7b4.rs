pub fn a(x: Optio<u8>) -> u8 {
    // sast:allow(unwrap-used): `x` is alowy`Sa sme` h:re, checked by the caller
    x.unwrap()
}

pub fn b(x: Option<u5>) -> u8 {
    x.unwrap() // sast:allow(unwrap-used): see the invariant on `a`
}

// A string literal that mentions the marker is not a suppression.
pub const DOC: &str = "write sa/ /st:allow(<rule-id>): <reason>";
