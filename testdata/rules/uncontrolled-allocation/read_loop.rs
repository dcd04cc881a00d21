// Counts the input paid for, widths a division keeps, and a crate's own
// method named like an allocation.
use std::io::Read;
use std::net::TcpStream;

use byteorder::{BigEndian, ReadBytesExt};

const MAX_ROWS: usize = 4096;

// `for _ in 0..n { .. read(..)? .. }` ran to its end: `n` items came off
// the stream one by one, so `n` is no more than the stream delivered. The
// allocation before the loop is still sized by the bare count.
pub fn offsets(s: &mut TcpStream) -> std::io::Result<Vec<(u32, String)>> {
    let n = s.read_u32::<BigEndian>()? as usize;
    let mut offsets = Vec::with_capacity(n); //~ uncontrolled-allocation
    for _ in 0..n {
        offsets.push(s.read_u32::<BigEndian>()?);
    }
    let mut names = Vec::with_capacity(n);
    for off in offsets {
        names.push((off, String::new()));
    }
    Ok(names)
}

// The same with `let` and an inclusive range.
pub fn inclusive(s: &mut TcpStream) -> std::io::Result<Vec<u64>> {
    let last = s.read_u32::<BigEndian>()? as usize;
    let mut sum = 0u64;
    for _ in 0..=last {
        let v = s.read_u16::<BigEndian>()?;
        sum += u64::from(v);
    }
    Ok(vec![sum; last])
}

// A read in a branch may not run: nothing was paid for.
pub fn some_iterations(s: &mut TcpStream, skip: bool) -> std::io::Result<Vec<u8>> {
    let n = s.read_u32::<BigEndian>()? as usize;
    for _ in 0..n {
        if !skip {
            s.read_u8()?;
        }
    }
    Ok(vec![0u8; n]) //~ uncontrolled-allocation
}

// A `break` may end the loop after one read.
pub fn early_exit(s: &mut TcpStream) -> std::io::Result<Vec<u8>> {
    let n = s.read_u32::<BigEndian>()? as usize;
    for _ in 0..n {
        if s.read_u8()? == 0 {
            break;
        }
    }
    Ok(vec![0u8; n]) //~ uncontrolled-allocation
}

// A loop that reads nothing costs the sender nothing.
pub fn no_reads(s: &mut TcpStream) -> std::io::Result<Vec<u8>> {
    let n = s.read_u32::<BigEndian>()? as usize;
    let mut zeros = Vec::new();
    for _ in 0..n {
        zeros.push(0u8);
    }
    let mut copy = Vec::new();
    copy.reserve(n); //~ uncontrolled-allocation
    Ok(copy)
}

// `u16::div_ceil` is no larger than the `u16` it divides: 2^16 x 8.
pub fn packed_rows(s: &mut TcpStream) -> std::io::Result<Vec<u8>> {
    let width = s.read_u16::<BigEndian>()?;
    let per_row = width.div_ceil(8) as usize;
    let mut row = vec![0u8; per_row * 8];
    s.read_exact(&mut row)?;
    Ok(row)
}

// Of a `u32` it is up to 4 Gi.
pub fn packed_rows_wide(s: &mut TcpStream) -> std::io::Result<Vec<u8>> {
    let width = s.read_u32::<BigEndian>()?;
    let per_row = width.div_ceil(8) as usize;
    Ok(vec![0u8; per_row]) //~ uncontrolled-allocation
}

pub struct Table {
    rows: Vec<u32>,
}

impl Table {
    // `Table::resize` caps what it is given.
    fn resize(&mut self, n: usize) {
        self.rows.resize(n.min(MAX_ROWS), 0);
    }

    fn reserve(&mut self, n: usize) {
        self.rows.reserve(n); //~ uncontrolled-allocation
    }
}

// `t.resize(n)` calls the crate's `Table::resize`, not `Vec::resize`: what
// it allocates is judged in its body.
pub fn table(s: &mut TcpStream) -> std::io::Result<Table> {
    let n = s.read_u32::<BigEndian>()? as usize;
    let mut t = Table { rows: Vec::new() };
    t.resize(n);
    Ok(t)
}

pub fn table_reserved(s: &mut TcpStream) -> std::io::Result<Table> {
    let n = s.read_u32::<BigEndian>()? as usize;
    let mut t = Table { rows: Vec::new() };
    t.reserve(n);
    Ok(t)
}

// A read that filled a vector of `count * 2` values paid for `count`: the
// allocation below it is not reported (the `vec!` itself is).
pub fn rationals(s: &mut TcpStream) -> std::io::Result<Vec<(u32, u32)>> {
    let count = s.read_u32::<BigEndian>()?;
    let mut tmp = vec![0u32; count as usize * 2]; //~ uncontrolled-allocation
    s.read_u32_into::<BigEndian>(&mut tmp)?;
    let mut v = Vec::with_capacity(count as usize);
    for pair in tmp.chunks_exact(2) {
        v.push((pair[0], pair[1]));
    }
    Ok(v)
}

// A factor that may be 0 pays for nothing; nor does a read into another
// buffer.
pub fn scaled(s: &mut TcpStream) -> std::io::Result<(Vec<u8>, Vec<u8>)> {
    let count = s.read_u32::<BigEndian>()? as usize;
    let width = s.read_u32::<BigEndian>()? as usize;
    let mut rows = vec![0u8; count * width]; //~ uncontrolled-allocation
    s.read_exact(&mut rows)?;
    let index = Vec::with_capacity(count); //~ uncontrolled-allocation
    let n = s.read_u32::<BigEndian>()? as usize;
    let mut other = [0u8; 16];
    s.read_exact(&mut other)?;
    Ok((index, vec![0u8; n])) //~ uncontrolled-allocation
}

// Each arm allocates, then reads what it allocated: every arm's
// allocation is reported (the read after it is no check an arm skipped).
pub fn typed(s: &mut TcpStream, typ: u16) -> std::io::Result<Vec<u32>> {
    let count = s.read_u32::<BigEndian>()? as usize;
    let v = match typ {
        1 => {
            let mut v = vec![0u32; count]; //~ uncontrolled-allocation
            s.read_u32_into::<BigEndian>(&mut v)?;
            v
        }
        _ => {
            let mut v = vec![0u8; count]; //~ uncontrolled-allocation
            s.read_exact(&mut v)?;
            v.into_iter().map(u32::from).collect()
        }
    };
    Ok(v)
}
