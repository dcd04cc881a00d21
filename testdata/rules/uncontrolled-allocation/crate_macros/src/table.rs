use std::io::{self, Read};

fn read_len<R: Read>(r: &mut R) -> io::Result<usize> {
    let mut b = [0u8; 4];
    r.read_exact(&mut b)?;
    Ok(u32::from_le_bytes(b) as usize)
}

/// The crate's exit after the check: at most 65,536 rows.
pub fn read_rows<R: Read>(mut r: R) -> io::Result<Vec<u8>> {
    let n = read_len(&mut r)?;
    if n > 65536 {
        invalid_data!("too many rows");
    }
    let mut rows = vec![0u8; n];
    r.read_exact(&mut rows)?;
    Ok(rows)
}

/// The same exit through its second rule, with format arguments.
pub fn read_rows_fmt<R: Read>(mut r: R) -> io::Result<Vec<u8>> {
    let n = read_len(&mut r)?;
    if n > 65536 {
        invalid_data!("{} rows (at most 65536)", n);
    }
    Ok(Vec::with_capacity(n))
}

/// No check at all.
pub fn read_unchecked<R: Read>(mut r: R) -> io::Result<Vec<u8>> {
    let n = read_len(&mut r)?;
    Ok(Vec::with_capacity(n)) //~ uncontrolled-allocation
}

/// The check only logs: the allocation still takes any size.
pub fn read_logged<R: Read>(mut r: R) -> io::Result<Vec<u8>> {
    let n = read_len(&mut r)?;
    if n > 65536 {
        complain!("too many rows");
    }
    Ok(Vec::with_capacity(n)) //~ uncontrolled-allocation
}

/// A macro with one rule that does not return is not an exit.
pub fn read_maybe<R: Read>(mut r: R) -> io::Result<Vec<u8>> {
    let n = read_len(&mut r)?;
    if n > 65536 {
        maybe_fail!(());
    }
    Ok(Vec::with_capacity(n)) //~ uncontrolled-allocation
}
