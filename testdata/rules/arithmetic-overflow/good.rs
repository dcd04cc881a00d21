pub fn remaining(buf: &[u8], pos: usize) -> usize {
    if pos > buf.len() {
        return 0;
    }
    buf.len() - pos
}

pub fn last(v: &[u8]) -> Option<u8> {
    if v.is_empty() {
        return None;
    }
    Some(v[v.len() - 1])
}

pub fn checked(rows: usize, cols: usize) -> Option<Vec<u64>> {
    Some(Vec::with_capacity(rows.checked_mul(cols)?))
}

pub fn lengths(a: &[u8], b: &[u8]) -> Vec<u8> {
    // The sum of two existing lengths cannot overflow.
    Vec::with_capacity(a.len() + b.len())
}

pub fn constant() -> Vec<u8> {
    Vec::with_capacity(16 * 1024)
}

pub fn signed(a: i64, b: i64) -> i64 {
    a - b
}

pub fn asserted(buf: &[u8], pos: usize) -> usize {
    assert!(pos <= buf.len());
    buf.len() - pos
}

pub fn constants(hour: u8, align: usize) -> (u32, usize) {
    (hour as u32 - 12, isize::MAX as usize - (align - 1))
}

pub fn plus_one(n: usize) -> Vec<u8> {
    vec![0; n + 1]
}
