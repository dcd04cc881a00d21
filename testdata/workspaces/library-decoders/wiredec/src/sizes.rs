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
