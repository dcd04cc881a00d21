//@ kind: lib
// The library threat model: a decoder's own cursor over the caller's
// bytes, a decoder that keeps the caller's bytes in a field, and a
// `std::io::Cursor` handed in. Numbers read off them size allocations.
use std::io::{Cursor, Read};

use byteorder::{BigEndian, ReadBytesExt};

const MAX_ITEMS: usize = 1 << 16;

/// The crate's cursor over a byte slice. Its `read_u32` is its own
/// method, not byteorder's (which the file also imports).
struct ByteCursor<'a> {
    buf: &'a [u8],
    pos: usize,
}

impl<'a> ByteCursor<'a> {
    fn new(buf: &'a [u8]) -> Self {
        ByteCursor { buf, pos: 0 }
    }

    fn read_u32(&mut self) -> u32 {
        let b = &self.buf[self.pos..self.pos + 4];
        self.pos += 4;
        u32::from_be_bytes(b.try_into().unwrap_or([0; 4]))
    }

    fn read_u16(&mut self) -> u16 {
        let b = &self.buf[self.pos..self.pos + 2];
        self.pos += 2;
        u16::from_be_bytes(b.try_into().unwrap_or([0; 2]))
    }

    fn word(&self) -> u32 {
        u32::from_le_bytes([self.buf[0], self.buf[1], self.buf[2], self.buf[3]])
    }

    fn remaining(&self) -> usize {
        self.buf.len() - self.pos
    }
}

/// Four bytes of the input ask for 4 Gi entries.
pub fn table(data: &[u8]) -> Vec<u64> {
    let mut c = ByteCursor::new(data);
    Vec::with_capacity(c.read_u32() as usize) //~ uncontrolled-allocation
}

/// The count bound by a `let`, then cast where it is used.
pub fn entries(data: &[u8]) -> Vec<u64> {
    let c = ByteCursor::new(data);
    let n = c.word();
    Vec::with_capacity(n as usize) //~ uncontrolled-allocation
}

/// The same count checked against the bytes the caller handed in.
pub fn entries_checked(data: &[u8]) -> Vec<u64> {
    let c = ByteCursor::new(data);
    let n = c.word() as usize;
    if n > data.len() {
        return Vec::new();
    }
    Vec::with_capacity(n)
}

/// Capped before it sizes anything.
pub fn table_capped(data: &[u8]) -> Vec<u64> {
    let mut c = ByteCursor::new(data);
    let n = c.read_u32() as usize;
    Vec::with_capacity(n.min(MAX_ITEMS))
}

/// A `u16` count: 64 Ki entries at most.
pub fn short_table(data: &[u8]) -> Vec<u64> {
    let mut c = ByteCursor::new(data);
    Vec::with_capacity(c.read_u16() as usize)
}

/// A count that only drives a loop: each entry is read before it is kept.
pub fn pushed(data: &[u8]) -> Vec<u32> {
    let mut c = ByteCursor::new(data);
    let n = c.read_u32();
    let mut out = Vec::new();
    for _ in 0..n {
        if c.remaining() < 4 {
            break;
        }
        out.push(c.read_u32());
    }
    out
}

/// A decoder that keeps the caller's bytes and decodes them later.
pub struct Records<'a> {
    data: &'a [u8],
}

impl<'a> Records<'a> {
    pub fn new(data: &'a [u8]) -> Self {
        Records { data }
    }

    pub fn names(&self) -> Vec<String> {
        let n = u32::from_le_bytes([self.data[0], self.data[1], self.data[2], self.data[3]]);
        Vec::with_capacity(n as usize) //~ uncontrolled-allocation
    }

    pub fn names_capped(&self) -> Vec<String> {
        let n = u32::from_le_bytes([self.data[0], self.data[1], self.data[2], self.data[3]]) as usize;
        if n > MAX_ITEMS {
            return Vec::new();
        }
        Vec::with_capacity(n)
    }
}

/// A `std::io::Cursor` over the caller's buffer is a reader.
pub fn from_cursor<T: AsRef<[u8]>>(cur: &mut Cursor<T>) -> std::io::Result<Vec<u8>> {
    let len = cur.read_u32::<BigEndian>()? as usize;
    let mut body = vec![0u8; len]; //~ uncontrolled-allocation
    cur.read_exact(&mut body)?;
    Ok(body)
}

/// Checked against what the cursor's buffer holds.
pub fn from_cursor_checked<T: AsRef<[u8]>>(cur: &mut Cursor<T>) -> std::io::Result<Vec<u8>> {
    let len = cur.read_u32::<BigEndian>()? as usize;
    if len > cur.get_ref().as_ref().len() {
        return Err(std::io::ErrorKind::InvalidData.into());
    }
    let mut body = vec![0u8; len];
    cur.read_exact(&mut body)?;
    Ok(body)
}

/// A word copied out of the caller's bytes into an array, then decoded
/// (`copy_from_slice` copies every element of its argument).
fn be_word(bytes: &[u8]) -> u32 {
    let mut array = [0u8; 4];
    array.copy_from_slice(&bytes[..4]);
    u32::from_be_bytes(array)
}

pub fn copied(data: &[u8]) -> Vec<u8> {
    let mut len = [0u8; 4];
    len.copy_from_slice(&data[4..8]);
    let n = u32::from_le_bytes(len) as usize;
    vec![0u8; n] //~ uncontrolled-allocation
}

pub fn copied_by_helper(data: &[u8]) -> Vec<u8> {
    let n = be_word(data);
    Vec::with_capacity(n as usize) //~ uncontrolled-allocation
}

pub fn copied_capped(data: &[u8]) -> Vec<u8> {
    let n = be_word(data) as usize;
    vec![0u8; n.min(MAX_ITEMS)]
}

/// The copy is the caller's bytes; their count is no decoded number.
pub fn copied_whole(data: &[u8]) -> Vec<u8> {
    let mut head = [0u8; 4];
    head.copy_from_slice(&data[..4]);
    Vec::with_capacity(head.len() * data.len())
}
