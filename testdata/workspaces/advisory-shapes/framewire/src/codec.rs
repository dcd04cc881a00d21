//! Payload layouts of requests and replies.

use std::io::Read;

use byteorder::{BigEndian, ByteOrder};
use bytes::{Buf, Bytes};

use crate::{varint, Error};

/// Most values a reply or a batch may announce before we believe it.
const MAX_VALUES: usize = 1024;
/// Longest client name kept for display, in bytes.
const NAME_WIDTH: usize = 32;

/// Splits a PUT payload: `key length u16 | key | value`.
pub fn split_put(payload: &[u8]) -> Result<(&str, &[u8]), Error> {
    if payload.len() < 2 {
        return Err(Error::Truncated);
    }
    let key_len = usize::from(BigEndian::read_u16(payload));
    let (key, value) = payload[2..].split_at(key_len); // PLANTED: input-reachable-panic
    let key = std::str::from_utf8(key).unwrap(); // PLANTED: input-reachable-panic
    Ok((key, value))
}

/// Splits a PUT payload, refusing a key length that runs past its end.
pub fn split_put_checked(payload: &[u8]) -> Result<(&str, &[u8]), Error> {
    let Some((len, rest)) = payload.split_first_chunk::<2>() else {
        return Err(Error::Truncated);
    };
    let key_len = usize::from(u16::from_be_bytes(*len));
    if rest.len() < key_len {
        return Err(Error::Truncated);
    }
    let (key, value) = rest.split_at(key_len); // FIXED: input-reachable-panic
    let key = std::str::from_utf8(key).map_err(|_| Error::BadUtf8)?; // FIXED: input-reachable-panic
    Ok((key, value))
}

/// Reads a batch: `count varint`, then `count` items of `length varint | bytes`.
pub fn decode_batch<R: Read>(r: &mut R) -> Result<Vec<Vec<u8>>, Error> {
    let count = varint::read(r)? as usize;
    let mut items = Vec::with_capacity(count); // PLANTED: uncontrolled-allocation
    for _ in 0..count {
        items.push(read_item(r)?);
    }
    Ok(items)
}

/// Reads a batch of at most [`MAX_VALUES`] items.
pub fn decode_batch_checked<R: Read>(r: &mut R) -> Result<Vec<Vec<u8>>, Error> {
    let count = varint::read(r)? as usize;
    if count > MAX_VALUES {
        return Err(Error::TooLarge(count));
    }
    let mut items = Vec::with_capacity(count); // FIXED: uncontrolled-allocation
    for _ in 0..count {
        items.push(read_item(r)?);
    }
    Ok(items)
}

/// One `length varint | bytes` item. Memory grows with the bytes that
/// really arrive, not with the length announced.
fn read_item<R: Read>(r: &mut R) -> Result<Vec<u8>, Error> {
    let len = varint::read(r)?;
    let mut item = Vec::new();
    r.by_ref().take(len).read_to_end(&mut item)?; // FIXED: uncontrolled-allocation
    if item.len() as u64 != len {
        return Err(Error::Truncated);
    }
    Ok(item)
}

/// A VALUE reply: `status u8 | count u32 | count × (length u32 | bytes)`.
#[derive(Debug)]
pub struct Reply {
    pub status: u8,
    pub values: Vec<Bytes>,
}

/// Parses a VALUE reply.
pub fn parse_reply<B: Buf>(mut buf: B) -> Result<Reply, Error> {
    if buf.remaining() < 5 {
        return Err(Error::Truncated);
    }
    let status = buf.get_u8();
    let count = buf.get_u32() as usize;
    let mut values = Vec::with_capacity(count); // PLANTED: uncontrolled-allocation
    for _ in 0..count {
        if buf.remaining() < 4 {
            return Err(Error::Truncated);
        }
        let len = buf.get_u32() as usize;
        values.push(buf.copy_to_bytes(len)); // PLANTED: input-reachable-panic
    }
    Ok(Reply { status, values })
}

/// Parses a VALUE reply, checking every length against what is left.
pub fn parse_reply_checked<B: Buf>(mut buf: B) -> Result<Reply, Error> {
    if buf.remaining() < 5 {
        return Err(Error::Truncated);
    }
    let status = buf.get_u8();
    let count = buf.get_u32() as usize;
    let mut values = Vec::with_capacity(count.min(MAX_VALUES)); // FIXED: uncontrolled-allocation
    for _ in 0..count {
        if buf.remaining() < 4 {
            return Err(Error::Truncated);
        }
        let len = buf.get_u32() as usize;
        if buf.remaining() < len {
            return Err(Error::Truncated);
        }
        values.push(buf.copy_to_bytes(len)); // FIXED: input-reachable-panic
    }
    Ok(Reply { status, values })
}

/// A MOVED reply: `port u32 | host (UTF-8)`: the key lives on another node.
#[derive(Debug)]
pub struct Moved {
    pub host: String,
    pub port: u16,
}

/// Parses a MOVED reply.
pub fn parse_moved(payload: &[u8]) -> Result<Moved, Error> {
    if payload.len() < 4 {
        return Err(Error::Truncated);
    }
    let port = u16::try_from(BigEndian::read_u32(payload)).unwrap(); // PLANTED: input-reachable-panic
    let host = String::from_utf8_lossy(&payload[4..]).into_owned(); // FIXED: input-reachable-panic
    Ok(Moved { host, port })
}

/// Parses a MOVED reply; a port over 65535 is an error.
pub fn parse_moved_checked(payload: &[u8]) -> Result<Moved, Error> {
    let Some((raw, host)) = payload.split_first_chunk::<4>() else {
        return Err(Error::Truncated);
    };
    let raw = u32::from_be_bytes(*raw);
    let port = match u16::try_from(raw) { // FIXED: input-reachable-panic
        Ok(port) => port,
        Err(_) => return Err(Error::BadPort(raw)),
    };
    let host = std::str::from_utf8(host).map_err(|_| Error::BadUtf8)?.to_string();
    Ok(Moved { host, port })
}

/// The first bytes of the name a client gave in its HELLO, for logs.
pub fn short_name(name: &str) -> &str {
    &name[..name.len().min(NAME_WIDTH)] // PLANTED: input-reachable-panic
}

/// The first bytes of a client's name, cut at a character boundary.
pub fn short_name_checked(name: &str) -> &str {
    let mut end = name.len().min(NAME_WIDTH);
    while !name.is_char_boundary(end) {
        end -= 1;
    }
    &name[..end] // FIXED: input-reachable-panic
}

/// The value at `offset` in a VALUE payload: `length u32 | bytes`.
pub fn value_at(payload: &[u8], offset: usize) -> Result<&[u8], Error> {
    let start = offset.checked_add(4).ok_or(Error::Truncated)?;
    let len_bytes = payload.get(offset..start).ok_or(Error::Truncated)?;
    let len = BigEndian::read_u32(len_bytes) as usize;
    let end = start.checked_add(len).ok_or(Error::Truncated)?;
    payload.get(start..end).ok_or(Error::Truncated) // FIXED: input-reachable-panic
}
