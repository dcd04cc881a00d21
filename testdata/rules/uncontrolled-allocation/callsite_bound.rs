//@ kind: lib
// A helper allocates what its parameter says; what bounds the argument at
// each call site travels into it: a `u16` read or field widened, a check
// before the call, a constant, a value no input reaches. The helper is
// reported only through a caller that passes an unbounded value.
use std::io::{self, Read};

use byteorder::{BigEndian, ReadBytesExt};

const MAX_LEN: u32 = 1 << 20;

struct Block {
    len: u16,
    total: u32,
}

fn read_block<R: Read>(r: &mut R) -> io::Result<Block> {
    let len = r.read_u16::<BigEndian>()?;
    let total = r.read_u32::<BigEndian>()?;
    Ok(Block { len, total })
}

/// Called only with bounded sizes: a `u16` read, a `u16` field, a `u32`
/// checked against a limit before the call.
fn buffer(len: usize) -> Vec<u8> {
    vec![0u8; len]
}

pub fn short_record<R: Read>(mut r: R) -> io::Result<Vec<u8>> {
    let n = r.read_u16::<BigEndian>()?;
    let mut b = buffer(usize::from(n));
    r.read_exact(&mut b)?;
    Ok(b)
}

pub fn block<R: Read>(mut r: R) -> io::Result<Vec<u8>> {
    let b = read_block(&mut r)?;
    Ok(buffer(b.len as usize))
}

pub fn checked<R: Read>(mut r: R) -> io::Result<Vec<u8>> {
    let n = r.read_u32::<BigEndian>()?;
    if n > MAX_LEN {
        return Err(io::ErrorKind::InvalidData.into());
    }
    Ok(buffer(n as usize))
}

/// One more hop, and a small constant added on the way: still at most
/// 2^17 bytes when the first caller passes a `u16`.
fn padded(len: usize) -> Vec<u8> {
    let cap = len + 16;
    Vec::with_capacity(cap)
}

fn frame(len: usize) -> Vec<u8> {
    padded(len)
}

pub fn short_frame<R: Read>(mut r: R) -> io::Result<Vec<u8>> {
    let n = r.read_u16::<BigEndian>()?;
    Ok(frame(n as usize))
}

/// Called with a `u16` and with a `u32` read off the input unchecked:
/// reported, through the second caller.
fn table(count: usize) -> Vec<u64> {
    Vec::with_capacity(count) //~ uncontrolled-allocation
}

pub fn small_table<R: Read>(mut r: R) -> io::Result<Vec<u64>> {
    let n = r.read_u16::<BigEndian>()?;
    Ok(table(n.into()))
}

pub fn big_table<R: Read>(mut r: R) -> io::Result<Vec<u64>> {
    let n = r.read_u32::<BigEndian>()?;
    Ok(table(n as usize))
}

/// A `u16` times 4 KiB: 2^28 bytes, no small size.
fn pages(count: usize) -> Vec<u8> {
    vec![0u8; count * 4096] //~ uncontrolled-allocation
}

pub fn page_table<R: Read>(mut r: R) -> io::Result<Vec<u8>> {
    let b = read_block(&mut r)?;
    Ok(pages(b.len.into()))
}

/// Two `u16` dimensions multiplied: 32 bits of the input.
fn grid(width: usize, height: usize) -> Vec<u8> {
    vec![0u8; width * height] //~ uncontrolled-allocation
}

pub fn image<R: Read>(mut r: R) -> io::Result<Vec<u8>> {
    let w = r.read_u16::<BigEndian>()?;
    let h = r.read_u16::<BigEndian>()?;
    Ok(grid(w.into(), h.into()))
}

/// What is left of a record of `size` bytes once its name is read: the
/// input decides the name's length, the caller's `size` bounds the rest.
fn rest<R: Read>(r: &mut R, size: u64) -> io::Result<Vec<u8>> {
    let name_len = u64::from(r.read_u32::<BigEndian>()?);
    let left = size - name_len;
    let mut v = Vec::with_capacity(left as usize);
    r.take(left).read_to_end(&mut v)?;
    Ok(v)
}

/// A record whose size was checked against the stream's before the call.
pub fn record<R: Read>(mut r: R, stream_len: u64) -> io::Result<Vec<u8>> {
    let size = r.read_u64::<BigEndian>()?;
    if size > stream_len {
        return Err(io::ErrorKind::InvalidData.into());
    }
    rest(&mut r, size)
}

/// A record of a size the program fixes.
pub fn fixed_record<R: Read>(mut r: R) -> io::Result<Vec<u8>> {
    rest2(&mut r, 4096)
}

fn rest2<R: Read>(r: &mut R, size: u64) -> io::Result<Vec<u8>> {
    let name_len = u64::from(r.read_u32::<BigEndian>()?);
    let left = size - name_len;
    let mut v = Vec::with_capacity(left as usize);
    r.take(left).read_to_end(&mut v)?;
    Ok(v)
}

/// The same shape with the record's size unchecked: reported.
pub fn any_record<R: Read>(mut r: R) -> io::Result<Vec<u8>> {
    let b = read_block(&mut r)?;
    rest3(&mut r, u64::from(b.total))
}

fn rest3<R: Read>(r: &mut R, size: u64) -> io::Result<Vec<u8>> {
    let name_len = u64::from(r.read_u32::<BigEndian>()?);
    let left = size - name_len;
    let mut v = Vec::with_capacity(left as usize); //~ uncontrolled-allocation
    r.take(left).read_to_end(&mut v)?;
    Ok(v)
}

/// A parameter assigned anew is no longer what the caller passed.
fn reread<R: Read>(r: &mut R, mut len: usize) -> io::Result<Vec<u8>> {
    if len == 0 {
        len = r.read_u32::<BigEndian>()? as usize;
    }
    Ok(vec![0u8; len]) //~ uncontrolled-allocation
}

pub fn reread_short<R: Read>(mut r: R) -> io::Result<Vec<u8>> {
    let n = r.read_u16::<BigEndian>()?;
    reread(&mut r, usize::from(n))
}

/// Public, and told by its caller how large the record is: the input
/// decides only how much of it the name takes.
pub fn tail<R: Read>(r: &mut R, size: u64) -> io::Result<Vec<u8>> {
    let name_len = u64::from(r.read_u32::<BigEndian>()?);
    let left = size - name_len;
    let mut v = Vec::with_capacity(left as usize);
    r.take(left).read_to_end(&mut v)?;
    Ok(v)
}
