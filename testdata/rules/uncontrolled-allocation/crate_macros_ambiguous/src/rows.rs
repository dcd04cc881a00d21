use std::io::{self, Read};

/// Which `invalid_data!` this is is not known: the check is not taken
/// for an exit.
pub fn read_rows<R: Read>(mut r: R) -> io::Result<Vec<u8>> {
    let mut b = [0u8; 4];
    r.read_exact(&mut b)?;
    let n = u32::from_le_bytes(b) as usize;
    if n > 65536 {
        invalid_data!("too many rows");
    }
    Ok(Vec::with_capacity(n)) //~ uncontrolled-allocation
}
