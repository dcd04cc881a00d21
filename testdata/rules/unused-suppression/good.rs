// sast:allow(unwrap-used): the whole function is covered (item suppression)
pub fn a(x: Option<u8>, y: Option<u8>) -> u8 {
    let a = x.unwrap();
    let b = y.unwrap();
    a + b
}

pub fn b(v: &[u8]) -> usize {
    // sast:allow(unwrap-used): statement suppression covers all its lines
    let n = v
        .first()
        .unwrap();
    *n as usize
}

// sast:allow(unwrap-used): attributes between comment and item are fine
#[inline]
pub fn c(x: Option<u8>) -> u8 {
    x.unwrap()
}
