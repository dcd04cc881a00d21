// Sizes from the caller's reader (the library threat model), bounded or not
// by what header.rs declares.
mod header;

use std::io::{self, Read};

use header::{Header, Kind, Other};

/// A `u8` field of a struct another file declares: at most 255 bytes.
pub fn read_name<R: Read>(mut r: R) -> io::Result<Vec<u8>> {
    let h = read_header(&mut r)?;
    let mut name = vec![0u8; h.name_len as usize];
    r.read_exact(&mut name)?;
    Ok(name)
}

/// A `u32` field: four bytes of the input ask for 4 GiB.
pub fn read_body<R: Read>(mut r: R) -> io::Result<Vec<u8>> {
    let h = read_header(&mut r)?;
    let mut body = vec![0u8; h.body_len as usize]; //~ uncontrolled-allocation
    r.read_exact(&mut body)?;
    Ok(body)
}

/// Two `u16` fields multiplied: up to 4 Gi elements.
pub fn read_pixels<R: Read>(mut r: R) -> io::Result<Vec<u8>> {
    let h = read_header(&mut r)?;
    let mut px = vec![0u8; h.width as usize * h.height as usize]; //~ uncontrolled-allocation
    r.read_exact(&mut px)?;
    Ok(px)
}

/// A block size the format picks among the program's constants.
pub fn block_buffer<R: Read>(mut r: R) -> io::Result<Vec<u8>> {
    let h = read_header(&mut r)?;
    let size = h.kind.block_size();
    let cap = if h.linked { size * 2 + header::WINDOW } else { size };
    let mut buf = Vec::with_capacity(cap);
    r.by_ref().take(size as u64).read_to_end(&mut buf)?;
    Ok(buf)
}

/// A function of another file declared to return a `u16`, times four.
pub fn table<R: Read>(mut r: R) -> io::Result<Vec<u32>> {
    let n = header::read_count(&mut r)?;
    Ok(Vec::with_capacity(usize::from(n) * 4))
}

/// A field whose name two structs of the crate declare with different
/// widths, read off a value of unknown type: not bounded.
pub fn levels<R: Read>(mut r: R) -> io::Result<Vec<u8>> {
    let o = read_level(&mut r)?;
    Ok(vec![0u8; o.level as usize]) //~ uncontrolled-allocation
}

fn read_header<R: Read>(r: &mut R) -> io::Result<Header> {
    let mut one = [0u8; 1];
    let mut four = [0u8; 4];
    r.read_exact(&mut four)?;
    let name_len = u32::from_le_bytes(four).try_into().map_err(|_| io::ErrorKind::InvalidData)?;
    r.read_exact(&mut four)?;
    let body_len = u32::from_le_bytes(four);
    let mut two = [0u8; 2];
    r.read_exact(&mut two)?;
    let width = u16::from_le_bytes(two);
    r.read_exact(&mut two)?;
    let height = u16::from_le_bytes(two);
    r.read_exact(&mut two)?;
    let kind = if two[0] == 0 { Kind::Small } else { Kind::Large };
    let linked = two[1] != 0;
    r.read_exact(&mut one)?;
    Ok(Header { name_len, body_len, width, height, kind, linked, level: one[0] })
}

fn read_level<R: Read>(r: &mut R) -> io::Result<Other> {
    let mut b = [0u8; 8];
    r.read_exact(&mut b)?;
    Ok(Other { level: u64::from_le_bytes(b) })
}

/// An `if` whose first branch checks before it yields, over a `u16` field
/// of another file's struct, less a header and divided by a closure: no
/// wider than the field. The same over the `u32` field is not bounded.
pub fn entries<R: Read>(mut r: R) -> io::Result<(Vec<u64>, Vec<u64>)> {
    let h = read_header(&mut r)?;
    let offset = if h.linked {
        if h.width < 4 {
            return Err(io::ErrorKind::InvalidData.into());
        }
        h.width - 4
    } else {
        h.width
    };
    let n = usize::from(offset).checked_sub(33).map(|v| v / 32).ok_or(io::ErrorKind::InvalidData)?;
    let wide = if h.linked {
        if h.body_len < 4 {
            return Err(io::ErrorKind::InvalidData.into());
        }
        h.body_len - 4
    } else {
        h.body_len
    };
    let m = (wide as usize).checked_sub(33).map(|v| v / 32).ok_or(io::ErrorKind::InvalidData)?;
    Ok((Vec::with_capacity(n), Vec::with_capacity(m))) //~ uncontrolled-allocation
}
