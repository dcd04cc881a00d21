pub fn remaining(buf: &[u8], pos: usize) -> usize {
    buf.len() - pos //~ arithmetic-overflow[low]
}

pub fn last(v: &[u8]) -> u8 {
    v[v.len() - 1] //~ arithmetic-overflow
}

pub fn table(rows: usize, cols: usize) -> Vec<u64> {
    Vec::with_capacity(rows * cols) //~ arithmetic-overflow[medium]
}

pub fn header(count: u32) -> Vec<u8> {
    vec![0u8; count as usize * 16] //~ arithmetic-overflow[medium]
}

pub fn grow(v: &mut Vec<u8>, n: usize, extra: usize) {
    v.reserve(n + extra); //~ arithmetic-overflow[medium]
}
