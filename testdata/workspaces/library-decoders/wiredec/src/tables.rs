//! Byte-indexed lookup tables: a byte is at most 255.

use std::io::Read;

use byteorder::ReadBytesExt;

use crate::Error;

const CLASS_LEN: usize = 1 << 8;

/// The class of every byte value.
static CLASSES: [u8; CLASS_LEN] = [0; CLASS_LEN];

/// The class of the first 16 byte values only.
static SHORT_CLASSES: [u8; 16] = [0; 16];

/// A header whose name length is one byte.
pub struct Header {
    pub name_len: u8,
    pub kind: u16,
}

/// The class of the record's first byte.
pub fn class_of<R: Read>(r: &mut R) -> Result<u8, Error> {
    let b = r.read_u8().map_err(|_| Error::Short)?;
    Ok(CLASSES[b as usize]) // FIXED: input-reachable-panic
}

/// The class of the record's first byte, in a table too short for it.
pub fn short_class_of<R: Read>(r: &mut R) -> Result<u8, Error> {
    let b = r.read_u8().map_err(|_| Error::Short)?;
    Ok(SHORT_CLASSES[b as usize]) // PLANTED: input-reachable-panic
}

/// The record's name: at most 255 bytes, read into a buffer of 256.
pub fn name<R: Read>(r: &mut R) -> Result<Vec<u8>, Error> {
    let header = Header { name_len: r.read_u8().map_err(|_| Error::Short)?, kind: 0 };
    let mut tmp = [0u8; 256];
    r.read_exact(&mut tmp[..header.name_len as usize]).map_err(|_| Error::Short)?; // FIXED: input-reachable-panic
    Ok(tmp[..header.name_len as usize].to_vec()) // FIXED: input-reachable-panic
}

/// The record's name, read into a buffer of 64.
pub fn short_name<R: Read>(r: &mut R) -> Result<Vec<u8>, Error> {
    let header = Header { name_len: r.read_u8().map_err(|_| Error::Short)?, kind: 0 };
    let mut small = [0u8; 64];
    r.read_exact(&mut small[..header.name_len as usize]).map_err(|_| Error::Short)?; // PLANTED: input-reachable-panic
    Ok(small.to_vec())
}

/// A two-byte kind indexes the byte table: too large for it.
pub fn kind_class<R: Read>(r: &mut R) -> Result<u8, Error> {
    let kind = r.read_u16::<byteorder::BigEndian>().map_err(|_| Error::Short)?;
    let header = Header { name_len: 0, kind };
    Ok(CLASSES[header.kind as usize]) // PLANTED: input-reachable-panic
}

/// Rows of a table of byte values (two levels deep).
static ROWS: [[u16; 256]; 4] = [[0; 256]; 4];

/// The value of the record's first byte in row `row`.
pub fn row_value<R: Read>(r: &mut R, row: usize) -> Result<u16, Error> {
    let b = r.read_u32::<byteorder::LittleEndian>().map_err(|_| Error::Short)?;
    Ok(ROWS[row & 3][(b >> 24) as u8 as usize]) // FIXED: input-reachable-panic
}

/// The bytes of a word before its first zero byte (`leading_zeros` counts bits).
pub fn before_zero(word: &[u8; 8], out: &[u8; 8]) -> Vec<u8> {
    let w = u64::from_be_bytes(*word);
    let skip = w.leading_zeros() / 8;
    out[..8 - skip as usize].to_vec() // FIXED: input-reachable-panic
}

/// Slicing-by-4 of a CRC: the top byte of a `u32` word indexes a row.
pub fn fold_word(crc: u32, block: &[u8; 4]) -> u16 {
    let w0 = u32::from_le_bytes(*block) ^ crc;
    ROWS[0][(w0 >> 24) as usize] // FIXED: input-reachable-panic
}

/// The top 16 bits of a word are not a byte: too large for a row.
pub fn fold_half<R: Read>(r: &mut R) -> Result<u16, Error> {
    let w = r.read_u32::<byteorder::LittleEndian>().map_err(|_| Error::Short)?;
    Ok(ROWS[0][(w >> 16) as usize]) // PLANTED: input-reachable-panic
}

/// A signed word shifted right keeps its sign: `as usize` of a negative value.
pub fn fold_signed<R: Read>(r: &mut R) -> Result<u16, Error> {
    let w = r.read_i32::<byteorder::LittleEndian>().map_err(|_| Error::Short)?;
    Ok(ROWS[0][(w >> 24) as usize]) // PLANTED: input-reachable-panic
}

/// The classes of the caller's bytes, through helpers that index the table.
pub fn classes(head: &[u8; 2], src: &[u8], units: &[u16]) -> [u8; 3] {
    [pair_class(head, src), unit_pair_class(head, units), unit_class(head)]
}

/// The class of the second byte of the pair at the offset the header gives:
/// a byte read unchecked from a byte slice is at most 255.
fn pair_class(head: &[u8; 2], src: &[u8]) -> u8 {
    let read = usize::from(u16::from_le_bytes(*head));
    match src.get(read..read + 2) {
        // SAFETY: `read + 1` is inside the pair `get` returned.
        Some(_) => CLASSES[usize::from(unsafe { *src.get_unchecked(read + 1) })], // FIXED: input-reachable-panic
        None => 0,
    }
}

/// The same read from a slice of 16-bit units: too large for the table.
fn unit_pair_class(head: &[u8; 2], units: &[u16]) -> u8 {
    let read = usize::from(u16::from_le_bytes(*head));
    match units.get(read..read + 2) {
        // SAFETY: `read + 1` is inside the pair `get` returned.
        Some(_) => CLASSES[usize::from(unsafe { *units.get_unchecked(read + 1) })], // PLANTED: input-reachable-panic
        None => 0,
    }
}

/// A 16-bit unit decoded from the caller's bytes: too large for the table.
fn unit_class(src: &[u8; 2]) -> u8 {
    let unit = u16::from_le_bytes(*src);
    CLASSES[usize::from(unit)] // PLANTED: input-reachable-panic
}

/// A 16-bit unit widened to a `u32`, shifted up then down: 16 bits are
/// left, not a byte.
pub fn widened_class(head: &[u8; 2]) -> u16 {
    let unit = u16::from_le_bytes(*head);
    ROWS[0][((u32::from(unit) << 16) >> 8) as usize] // PLANTED: input-reachable-panic
}

/// A name bound to bytes, then again to decoded words: its elements are
/// no longer bytes.
pub fn rebound_class(src: &[u8; 4]) -> u8 {
    let b: &[u8] = src;
    let first = CLASSES[b[0] as usize]; // FIXED: input-reachable-panic
    let b = [u32::from_le_bytes(*src), 0];
    first ^ CLASSES[b[0] as usize] // PLANTED: input-reachable-panic
}
