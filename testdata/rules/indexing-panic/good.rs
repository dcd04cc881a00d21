pub fn payload(msg: &[u8]) -> Option<&[u8]> {
    let len = *msg.first()? as usize;
    msg.get(1..1 + len)
}

pub fn checked(v: &[u8]) -> u8 {
    if v.is_empty() {
        return 0;
    }
    v[0]
}

pub fn sum(v: &[u32]) -> u32 {
    let mut s = 0;
    for i in 0..v.len() {
        s += v[i];
    }
    s
}

pub fn full(v: &[u8]) -> &[u8] {
    &v[..]
}

pub const FIRST: u8 = [1u8, 2][0];

#[allow(clippy::indexing_slicing)]
pub fn allowed(v: &[u8]) -> u8 {
    v[3]
}

const TABLE: [u8; 4] = [1, 2, 3, 4];
pub fn table() -> u8 {
    TABLE[2]
}
