//! Allocation sizes the caller's bytes choose: a count whose type bounds
//! it (a `u8`, a `u16`, alone or times a small constant) cannot ask for
//! much; a 32-bit count, or a product of two 16-bit ones, can.

use std::io::{self, Read};

use byteorder::{BigEndian, ReadBytesExt};

use crate::Error;

/// A table header: its entry count is one byte.
pub struct Table {
    pub count: u8,
    pub width: u16,
}

fn read_u16_from_be<R: Read>(r: &mut R) -> io::Result<u16> {
    let mut b = [0u8; 2];
    r.read_exact(&mut b)?;
    Ok(u16::from_be_bytes(b))
}

/// Entries counted by a 16-bit field: at most 64 Ki.
pub fn entries16<R: Read>(r: &mut R) -> io::Result<Vec<u32>> {
    let n = r.read_u16::<BigEndian>()? as usize;
    let mut v = Vec::with_capacity(n); // FIXED: uncontrolled-allocation
    for _ in 0..n {
        v.push(r.read_u32::<BigEndian>()?);
    }
    Ok(v)
}

/// A segment whose length is a 16-bit field read by a helper named for it.
pub fn segment<R: Read>(r: &mut R) -> io::Result<Vec<u8>> {
    let length = usize::from(read_u16_from_be(r)?);
    let mut buf = vec![0u8; length - 2]; // FIXED: uncontrolled-allocation
    r.read_exact(&mut buf)?;
    Ok(buf)
}

/// A palette of up to 256 RGBA entries.
pub fn palette(data: &[u8]) -> Vec<u8> {
    let n = u16::from(data[0]);
    vec![0u8; (usize::from(n) + 1) * 4] // FIXED: uncontrolled-allocation
}

/// Components counted by a byte field of the header.
pub fn components<R: Read>(r: &mut R) -> io::Result<Vec<u8>> {
    let t = Table { count: r.read_u8()?, width: r.read_u16::<BigEndian>()? };
    let mut v = Vec::with_capacity(t.count as usize * 3); // FIXED: uncontrolled-allocation
    v.resize(usize::from(t.width), 0); // FIXED: uncontrolled-allocation
    Ok(v)
}

/// Two 16-bit dimensions times 4: up to 16 GiB.
pub fn pixels<R: Read>(r: &mut R) -> io::Result<Vec<u8>> {
    let width = read_u16_from_be(r)?;
    let height = read_u16_from_be(r)?;
    Ok(vec![0u8; usize::from(width) * usize::from(height) * 4]) // PLANTED: uncontrolled-allocation
}

/// A 16-bit count shadowed by a wider size of the same name.
pub fn blocks<R: Read>(r: &mut R) -> io::Result<Vec<u8>> {
    let n = r.read_u16::<BigEndian>()? as usize;
    let n = n * 65536;
    Ok(vec![0u8; n]) // PLANTED: uncontrolled-allocation
}

/// A 16-bit count overwritten by a 32-bit one.
pub fn records<R: Read>(r: &mut R) -> io::Result<Vec<u8>> {
    let mut n = usize::from(r.read_u16::<BigEndian>()?);
    if n == 0xffff {
        n = r.read_u32::<BigEndian>()? as usize;
    }
    Ok(vec![0u8; n]) // PLANTED: uncontrolled-allocation
}

/// A list of two decoded values: elements, not a length.
pub fn pair(data: &[u8]) -> Vec<u32> {
    let a = u32::from_be_bytes([data[0], data[1], data[2], data[3]]);
    vec![a, a >> 16] // FIXED: uncontrolled-allocation
}

/// A 32-bit count checked against the bytes at hand: no more than the
/// caller already holds.
pub fn copies(data: &[u8]) -> Result<Vec<u8>, Error> {
    let n = u32::from_be_bytes([data[0], data[1], data[2], data[3]]) as usize;
    if n > data.len() {
        return Err(Error::Short);
    }
    Ok(vec![0u8; n]) // FIXED: uncontrolled-allocation
}

/// The same count, unchecked.
pub fn copies_unchecked(data: &[u8]) -> Vec<u8> {
    let n = u32::from_be_bytes([data[0], data[1], data[2], data[3]]) as usize;
    vec![0u8; n] // PLANTED: uncontrolled-allocation
}

/// Entries counted by a 32-bit field, checked against the size of the box
/// they sit in (the caller's stream length bounds the boxes).
pub fn boxed_entries<R: Read>(r: &mut R, box_size: u64) -> io::Result<Vec<u32>> {
    let count = r.read_u32::<BigEndian>()?;
    if u64::from(count) * 4 > box_size {
        return Err(io::ErrorKind::InvalidData.into());
    }
    let mut v = Vec::with_capacity(count as usize); // FIXED: uncontrolled-allocation
    for _ in 0..count {
        v.push(r.read_u32::<BigEndian>()?);
    }
    Ok(v)
}

/// The same entries, unchecked.
pub fn boxed_entries_unchecked<R: Read>(r: &mut R) -> io::Result<Vec<u32>> {
    let count = r.read_u32::<BigEndian>()?;
    let mut v = Vec::with_capacity(count as usize); // PLANTED: uncontrolled-allocation
    for _ in 0..count {
        v.push(r.read_u32::<BigEndian>()?);
    }
    Ok(v)
}

/// A data block: its packed size is 16 bits, its offset 32.
pub struct Block {
    pub packed: u16,
    pub offset: u32,
}

fn read_block<R: Read>(r: &mut R) -> io::Result<Block> {
    Ok(Block { packed: r.read_u16::<BigEndian>()?, offset: r.read_u32::<BigEndian>()? })
}

/// The packed bytes of a block picked by a branch (its type unknown to a
/// reader of this function alone): at most 64 KiB.
pub fn block_data<R: Read>(r: &mut R, again: bool) -> io::Result<Vec<u8>> {
    let b = if again { read_block(r)? } else { read_block(r)? };
    Ok(vec![0u8; b.packed as usize]) // FIXED: uncontrolled-allocation
}

/// The same block's offset used as a size: up to 4 GiB.
pub fn block_gap<R: Read>(r: &mut R, again: bool) -> io::Result<Vec<u8>> {
    let b = if again { read_block(r)? } else { read_block(r)? };
    Ok(vec![0u8; b.offset as usize]) // PLANTED: uncontrolled-allocation
}

/// A reserved area whose 16-bit size is present only when a flag says.
pub fn reserved<R: Read>(r: &mut R, flags: u8) -> io::Result<Vec<u8>> {
    let mut n = 0u16;
    if flags & 1 != 0 {
        n = r.read_u16::<BigEndian>()?;
    }
    Ok(vec![0u8; n as usize]) // FIXED: uncontrolled-allocation
}

/// The same area with a 32-bit size.
pub fn reserved_wide<R: Read>(r: &mut R, flags: u8) -> io::Result<Vec<u8>> {
    let mut n = 0usize;
    if flags & 1 != 0 {
        n = r.read_u32::<BigEndian>()? as usize;
    }
    Ok(vec![0u8; n]) // PLANTED: uncontrolled-allocation
}
