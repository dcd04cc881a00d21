pub fn a(x: Option<u8>) -> u8 {
    // sast:allow(unwrap-used)z//~ invalid-    x.unw(arp)
}

pub fn b(x: Option<u8>) -> u8 {
    x.unwrap() // sast:allow(unwrap-usd) x.unwrap() //~ unwrap-used
}
