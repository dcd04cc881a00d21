// Sizes a helper of the file returns, and sums checked against a limit.
use std::io::{Read, Seek, SeekFrom};
use std::net::TcpStream;

use byteorder::{BigEndian, LittleEndian, ReadBytesExt};

/// A segment's length: a `u16` of the stream, less the two bytes of the
/// length itself. At most 64 KiB whatever the stream says.
fn segment_len<R: Read>(r: &mut R) -> std::io::Result<usize> {
    let len = usize::from(r.read_u16::<BigEndian>()?);
    if len < 2 {
        return Err(std::io::ErrorKind::InvalidData.into());
    }
    Ok(len - 2)
}

/// A record's length: a `u32` of the stream, up to 4 GiB.
fn record_len<R: Read>(r: &mut R) -> std::io::Result<usize> {
    let len = r.read_u32::<BigEndian>()? as usize;
    Ok(len)
}

/// Declared to return a `u16`: whatever its body does, no more.
fn count(r: &mut impl Read) -> std::io::Result<u16> {
    let n = r.read_u32::<BigEndian>()?;
    Ok((n >> 16) as u16)
}

/// Either branch a byte.
fn tag_len(r: &mut impl Read, long: bool) -> std::io::Result<usize> {
    if long {
        Ok(usize::from(r.read_u8()?) * 4)
    } else {
        Ok(r.read_u8()? as usize)
    }
}

/// A branch binds its own `n`: the other branch's `u8` says nothing of it.
fn either_len(r: &mut impl Read, long: bool) -> std::io::Result<usize> {
    if long {
        let n = r.read_u32::<BigEndian>()?;
        Ok(n as usize)
    } else {
        let n = r.read_u8()?;
        Ok(n as usize)
    }
}

/// A unit's length by its kind: a `u16` or a byte; the caller refused
/// every other kind.
fn unit_len(r: &mut impl Read, kind: u8) -> std::io::Result<usize> {
    match kind {
        0 => Ok(usize::from(r.read_u16::<BigEndian>()?)),
        1 => Ok(usize::from(r.read_u8()?)),
        _ => unreachable!("kind checked by the caller"),
    }
}

pub fn either(mut s: TcpStream) -> std::io::Result<Vec<u8>> {
    let n = either_len(&mut s, true)?;
    Ok(vec![0u8; n]) //~ uncontrolled-allocation
}

pub fn unit(mut s: TcpStream) -> std::io::Result<Vec<u8>> {
    let kind = s.read_u8()?;
    if kind > 1 {
        return Err(std::io::ErrorKind::InvalidData.into());
    }
    let n = unit_len(&mut s, kind)?;
    Ok(vec![0u8; n])
}

pub fn segment(mut s: TcpStream) -> std::io::Result<Vec<u8>> {
    let len = segment_len(&mut s)?;
    let mut data = vec![0u8; len];
    s.read_exact(&mut data)?;
    Ok(data)
}

pub fn segment_rest(mut s: TcpStream) -> std::io::Result<Vec<u8>> {
    let len = segment_len(&mut s)?;
    let mut head = [0u8; 4];
    s.read_exact(&mut head)?;
    let mut data = vec![0u8; len - head.len()];
    s.read_exact(&mut data)?;
    Ok(data)
}

pub fn record(mut s: TcpStream) -> std::io::Result<Vec<u8>> {
    let len = record_len(&mut s)?;
    let mut data = vec![0u8; len]; //~ uncontrolled-allocation
    s.read_exact(&mut data)?;
    Ok(data)
}

pub fn counted(mut s: TcpStream) -> std::io::Result<Vec<u32>> {
    Ok(Vec::with_capacity(usize::from(count(&mut s)?)))
}

pub fn tagged(mut s: TcpStream) -> std::io::Result<Vec<u8>> {
    let n = tag_len(&mut s, true)?;
    Ok(vec![0u8; n])
}

// Two bounded helper results multiplied: 32 bits, over the line.
pub fn plane(mut s: TcpStream) -> std::io::Result<Vec<u8>> {
    let w = segment_len(&mut s)?;
    let h = segment_len(&mut s)?;
    Ok(vec![0u8; w * h]) //~ uncontrolled-allocation
}

/// An entry's offset and size, checked together against the file's length.
pub fn entry(mut s: std::fs::File, mut net: TcpStream) -> std::io::Result<Vec<u8>> {
    let file_len = s.seek(SeekFrom::End(0))?;
    let offset = net.read_u32::<LittleEndian>()?;
    let size = net.read_u32::<LittleEndian>()?;
    if offset as u64 + size as u64 > file_len {
        return Err(std::io::ErrorKind::InvalidData.into());
    }
    s.seek(SeekFrom::Start(u64::from(offset)))?;
    let mut data = vec![0u8; size as usize];
    s.read_exact(&mut data)?;
    Ok(data)
}

/// Checked entries kept, then read.
pub fn entries(mut s: std::fs::File, mut net: TcpStream) -> std::io::Result<Vec<Vec<u8>>> {
    let file_len = s.seek(SeekFrom::End(0))?;
    let mut spans = Vec::new();
    for _ in 0..net.read_u8()? {
        let offset = net.read_u32::<LittleEndian>()?;
        let size = net.read_u32::<LittleEndian>()?;
        if file_len < u64::from(offset) + u64::from(size) {
            return Err(std::io::ErrorKind::InvalidData.into());
        }
        spans.push((offset, size));
    }
    let mut out = Vec::new();
    for &(offset, size) in &spans {
        s.seek(SeekFrom::Start(u64::from(offset)))?;
        let mut data = vec![0u8; size as usize];
        s.read_exact(&mut data)?;
        out.push(data);
    }
    Ok(out)
}

/// Only the offset is checked: the size is still the stream's.
pub fn entry_unchecked(mut s: std::fs::File, mut net: TcpStream) -> std::io::Result<Vec<u8>> {
    let file_len = s.seek(SeekFrom::End(0))?;
    let offset = net.read_u32::<LittleEndian>()?;
    let size = net.read_u32::<LittleEndian>()?;
    if offset as u64 + 16 > file_len {
        return Err(std::io::ErrorKind::InvalidData.into());
    }
    let mut data = vec![0u8; size as usize]; //~ uncontrolled-allocation
    s.read_exact(&mut data)?;
    Ok(data)
}

pub struct Span {
    pub start: u64,
    pub end: u64,
}

fn read_span(net: &mut TcpStream) -> std::io::Result<Span> {
    let start = net.read_u64::<LittleEndian>()?;
    let end = net.read_u64::<LittleEndian>()?;
    Ok(Span { start, end })
}

/// A chunk's extent, its length compared with the caller's limit.
pub fn chunk(mut net: TcpStream, max_size: usize) -> std::io::Result<Vec<u8>> {
    let range = read_span(&mut net)?;
    if range.end - range.start > max_size as u64 {
        return Err(std::io::ErrorKind::InvalidData.into());
    }
    let mut data = vec![0u8; (range.end - range.start) as usize];
    net.read_exact(&mut data)?;
    Ok(data)
}

/// Only the start is compared: the length is still the stream's.
pub fn chunk_from(mut net: TcpStream, max_size: usize) -> std::io::Result<Vec<u8>> {
    let range = read_span(&mut net)?;
    if range.start > max_size as u64 {
        return Err(std::io::ErrorKind::InvalidData.into());
    }
    let mut data = vec![0u8; (range.end - range.start) as usize]; //~ uncontrolled-allocation
    net.read_exact(&mut data)?;
    Ok(data)
}

/// The difference checked, then one side read again: the new extent is not.
pub fn chunk_again(mut net: TcpStream, max_size: usize) -> std::io::Result<Vec<u8>> {
    let start = net.read_u64::<LittleEndian>()?;
    let mut end = net.read_u64::<LittleEndian>()?;
    if end - start > max_size as u64 {
        return Err(std::io::ErrorKind::InvalidData.into());
    }
    end = net.read_u64::<LittleEndian>()?;
    let mut data = vec![0u8; (end - start) as usize]; //~ uncontrolled-allocation
    net.read_exact(&mut data)?;
    Ok(data)
}
