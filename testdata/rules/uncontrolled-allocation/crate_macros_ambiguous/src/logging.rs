use std::io::{self, Read};

// This file's own `invalid_data!` only logs.
macro_rules! invalid_data {
    ($e:expr) => {
        eprintln!("{}", $e)
    };
}

/// The file's own macro decides: the path goes on.
pub fn read_logged_here<R: Read>(mut r: R) -> io::Result<Vec<u8>> {
    let mut b = [0u8; 4];
    r.read_exact(&mut b)?;
    let n = u32::from_le_bytes(b) as usize;
    if n > 65536 {
        invalid_data!("too many rows");
    }
    Ok(Vec::with_capacity(n)) //~ uncontrolled-allocation
}
