//! LEB128 variable-length integers (private to the crate).

use std::io::Read;

use crate::Error;

/// Reads an unsigned LEB128 integer of at most ten bytes.
pub fn read<R: Read>(r: &mut R) -> Result<u64, Error> {
    let mut value = 0u64;
    for shift in (0..64).step_by(7) {
        let mut byte = [0u8; 1];
        r.read_exact(&mut byte)?;
        value |= u64::from(byte[0] & 0x7f) << shift;
        if byte[0] & 0x80 == 0 {
            return Ok(value);
        }
    }
    Err(Error::Truncated)
}
