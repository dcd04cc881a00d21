// Widths through branches and divisions, and a buffer grown by a bounded step.
use std::io::{self, Read};
use std::net::TcpStream;

use byteorder::{BigEndian, ReadBytesExt};

// `match` on a `u16` read whose other arm returns: at most 64 Ki bytes.
pub fn matched(s: &mut TcpStream) -> io::Result<Vec<u8>> {
    let len = match s.read_u16::<BigEndian>() {
        Ok(len) => len,
        Err(e) => return Err(e),
    };
    let mut buf = vec![0u8; len as usize];
    s.read_exact(&mut buf)?;
    Ok(buf)
}

// The same with a `u32` read: any size.
pub fn matched_wide(s: &mut TcpStream) -> io::Result<Vec<u8>> {
    let len = match s.read_u32::<BigEndian>() {
        Ok(len) => len,
        Err(e) => return Err(e),
    };
    let mut buf = vec![0u8; len as usize]; //~ uncontrolled-allocation
    s.read_exact(&mut buf)?;
    Ok(buf)
}

// An arm that gives its binding converted (`usize::from(v)`, `v as
// usize`): the read's width, through the conversion.
pub fn converted(s: &mut TcpStream) -> io::Result<(Vec<u8>, Vec<u8>)> {
    let a = match s.read_u16::<BigEndian>()? {
        0 => 512,
        v => usize::from(v),
    };
    let b = match s.read_u16::<BigEndian>()? {
        0 => 512,
        v => v as usize,
    };
    let c = match s.read_u32::<BigEndian>()? {
        0 => 512,
        v => v as usize,
    };
    let mut buf = vec![0u8; c]; //~ uncontrolled-allocation
    s.read_exact(&mut buf)?;
    Ok((vec![0u8; a], vec![0u8; b]))
}

// An arm that gives another value than the read's: its own width counts.
pub fn matched_other(s: &mut TcpStream, wide: u64) -> io::Result<Vec<u8>> {
    let len = match s.read_u16::<BigEndian>()? {
        0 => s.read_u64::<BigEndian>()?,
        n => u64::from(n) + wide,
    };
    Ok(Vec::with_capacity(len as usize)) //~ uncontrolled-allocation
}

// `if`/`else if` whose branches give `u16` sizes (a `let` of the branch
// itself named in its value) and whose last branch returns.
pub fn chunk(s: &mut TcpStream, control: u8) -> io::Result<Vec<u8>> {
    let size = if control >= 0x80 {
        let mut h = [0u8; 2];
        s.read_exact(&mut h)?;
        u16::from_be_bytes(h) as usize + 1
    } else if control == 1 {
        usize::from(s.read_u8()?)
    } else {
        return Err(io::ErrorKind::InvalidData.into());
    };
    let mut buf = vec![0u8; size];
    s.read_exact(&mut buf)?;
    Ok(buf)
}

// Two branches bind the same name, one wide: which binding the function
// last saw is not the one each branch names.
pub fn chunk_shadowed(s: &mut TcpStream, control: u8) -> io::Result<Vec<u8>> {
    let size = if control >= 0x80 {
        let n = s.read_u16::<BigEndian>()?;
        n as usize
    } else {
        let n = s.read_u32::<BigEndian>()?;
        n as usize
    };
    Ok(Vec::with_capacity(size)) //~ uncontrolled-allocation
}

// No `else`: no value to bound (and the size comes from elsewhere).
pub fn no_else(s: &mut TcpStream) -> io::Result<Vec<u8>> {
    let n = s.read_u32::<BigEndian>()? as usize;
    if n == 0 {
        s.read_u8()?;
    }
    Ok(Vec::with_capacity(n)) //~ uncontrolled-allocation
}

// What the buffer holds plus one bounded step: it grows by at most 64 KiB.
pub fn grow(s: &mut TcpStream, out: &mut Vec<u8>) -> io::Result<()> {
    let step = s.read_u16::<BigEndian>()? as usize + 1;
    let start = out.len();
    out.resize(start + step, 0);
    s.read_exact(&mut out[start..])?;
    out.reserve(out.len() + step);
    Ok(())
}

// Held plus a step of any size; a held length assigned again is not held.
pub fn grow_wide(s: &mut TcpStream, out: &mut Vec<u8>) -> io::Result<()> {
    let step = s.read_u32::<BigEndian>()? as usize;
    let start = out.len();
    out.resize(start + step, 0); //~ uncontrolled-allocation
    let mut at = out.len();
    at = s.read_u32::<BigEndian>()? as usize;
    out.resize(at + usize::from(s.read_u8()?), 0); //~ uncontrolled-allocation
    Ok(())
}

// A division or a shift by a literal or a constant takes bits off: a `u32`
// over 65,536 (`BLOCK`) or shifted right by 12 is at most 2^16 or 2^20;
// over 3, 2^31.
const BLOCK: u32 = 65536;

pub fn divided(s: &mut TcpStream) -> io::Result<(Vec<u64>, Vec<u8>, Vec<u8>)> {
    let n = s.read_u32::<BigEndian>()?;
    let words = Vec::with_capacity(n.div_ceil(BLOCK) as usize);
    let pages = vec![0u8; (n >> 12) as usize];
    let thirds = vec![0u8; (n / 3) as usize]; //~ uncontrolled-allocation
    Ok((words, pages, thirds))
}

// A `u16` decoded inside `map` and unwrapped: at most 64 Ki bytes; a
// `u32` so decoded: any size.
pub fn mapped(s: &mut TcpStream) -> io::Result<Vec<u8>> {
    let mut head = [0u8; 8];
    s.read_exact(&mut head)?;
    let short = head.first_chunk().map(|b| u16::from_le_bytes(*b)).unwrap();
    let mut buf = vec![0u8; usize::from(short) + 1];
    let long = head.last_chunk().map(|b| u32::from_le_bytes(*b)).expect("4 bytes");
    buf.resize(long as usize, 0); //~ uncontrolled-allocation
    Ok(buf)
}

// A `u16` less a header, checked: still at most 64 Ki bytes. Two `u32`
// offsets off the stream, their difference checked: any size.
pub fn field(s: &mut TcpStream) -> io::Result<(Vec<u8>, Vec<u8>)> {
    let len = s.read_u16::<BigEndian>()?;
    let content_len = (len as usize).checked_sub(5).ok_or(io::ErrorKind::InvalidData)?;
    let content = vec![0u8; content_len];
    let (start, end) = (s.read_u32::<BigEndian>()?, s.read_u32::<BigEndian>()?);
    let span = end.checked_sub(start).ok_or(io::ErrorKind::InvalidData)?;
    let chunk = vec![0u8; span as usize]; //~ uncontrolled-allocation
    Ok((content, chunk))
}

// A closure's parameter holds its receiver's value: `.map(|v| v / ENTRY)`
// of a `u16` is no wider; of a `u32`, it is.
const ENTRY: usize = 32;

pub fn entries(s: &mut TcpStream) -> io::Result<(Vec<u64>, Vec<u64>)> {
    let offset = s.read_u16::<BigEndian>()?;
    let n = usize::from(offset).checked_sub(33).map(|v| v / ENTRY).ok_or_else(|| io::Error::other("short"))?;
    let wide = s.read_u32::<BigEndian>()?;
    let m = (wide as usize).checked_sub(33).map(|v| v / ENTRY).ok_or_else(|| io::Error::other("short"))?;
    Ok((Vec::with_capacity(n), Vec::with_capacity(m))) //~ uncontrolled-allocation
}
