pub fn a(x: Option<u8>) -> u8 {
    // sast:allow(unwrap-used) //~ invalid-suppression
    x.unwrap()
}

pub fn b(x: Option<u8>) -> u8 {
    x.unwrap() // sast:allow(unwrap-usd): typo in the rule id //~ invalid-suppression unwrap-used
}

pub fn c(x: Option<u8>) -> u8 {
    // sast:allow unwrap-used: missing parentheses //~ invalid-suppression
    x.unwrap() //~ unwrap-used
}
