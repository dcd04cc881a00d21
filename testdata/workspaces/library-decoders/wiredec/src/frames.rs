//! Framed chunks read from the caller's reader into fixed buffers. The
//! length check's error exit is a macro of this file that returns.

use std::io::{self, Read};

/// What the chunk reader refuses.
#[derive(Debug)]
pub struct TooLong;

impl From<TooLong> for io::Error {
    fn from(_: TooLong) -> io::Error {
        io::Error::new(io::ErrorKind::InvalidData, "chunk too long")
    }
}

/// Reads length-prefixed chunks into a buffer of 64 bytes.
pub struct Chunks<R> {
    r: R,
    buf: Vec<u8>,
}

impl<R: Read> Chunks<R> {
    pub fn new(r: R) -> Self {
        Chunks { r, buf: vec![0; 64] }
    }

    /// The next chunk: a length refused when longer than the buffer.
    pub fn next_chunk(&mut self) -> io::Result<&[u8]> {
        macro_rules! fail {
            ($err:expr) => {
                return Err(io::Error::from($err))
            };
        }
        let len = self.chunk_len()?;
        if len > self.buf.len() as u64 {
            fail!(TooLong);
        }
        let len = len as usize;
        self.r.read_exact(&mut self.buf[..len])?; // FIXED: input-reachable-panic
        Ok(&self.buf[..len]) // FIXED: input-reachable-panic
    }

    /// The next chunk: a long length is only logged.
    pub fn next_chunk_logged(&mut self) -> io::Result<&[u8]> {
        macro_rules! note {
            ($what:expr) => {
                eprintln!("chunk: {}", $what)
            };
        }
        let len = self.chunk_len()? as usize;
        if len > self.buf.len() {
            note!("too long");
        }
        self.r.read_exact(&mut self.buf[..len])?; // PLANTED: input-reachable-panic
        Ok(&self.buf[..len]) // PLANTED: input-reachable-panic
    }

    fn chunk_len(&mut self) -> io::Result<u64> {
        let mut h = [0u8; 4];
        self.r.read_exact(&mut h)?;
        Ok(u64::from(u32::from_le_bytes(h)))
    }
}

/// Entries counted by a 32-bit field.
pub fn entries32<R: Read>(r: &mut R) -> io::Result<Vec<u64>> {
    use byteorder::{LittleEndian, ReadBytesExt};
    let n = r.read_u32::<LittleEndian>()? as usize;
    let mut v = Vec::with_capacity(n); // PLANTED: uncontrolled-allocation
    for _ in 0..n {
        v.push(r.read_u64::<LittleEndian>()?);
    }
    Ok(v)
}
