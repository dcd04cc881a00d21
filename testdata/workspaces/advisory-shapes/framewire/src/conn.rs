//! The length-prefixed v1 protocol: `length u32 BE | body`.

use std::io::{Read, Write};

use crate::frame::MAX_FRAME;
use crate::Error;

/// A v1 connection as the 0.3 clients speak it: the prefix is read by one
/// call and the body by the next.
pub struct LegacyConn<S> {
    stream: S,
    buf: Vec<u8>,
    buf_len: usize,
}

impl<S: Read + Write> LegacyConn<S> {
    pub fn new(stream: S) -> LegacyConn<S> {
        LegacyConn { stream, buf: Vec::new(), buf_len: 0 }
    }

    /// Reads the length prefix of the next message.
    pub fn read_prefix(&mut self) -> Result<usize, Error> {
        let mut prefix = [0u8; 4];
        self.stream.read_exact(&mut prefix)?;
        self.buf_len = u32::from_be_bytes(prefix) as usize;
        Ok(self.buf_len)
    }

    /// Reads the body the last prefix announced.
    pub fn read_body(&mut self) -> Result<&[u8], Error> {
        self.buf.resize(self.buf_len, 0); // PLANTED: uncontrolled-allocation
        self.stream.read_exact(&mut self.buf)?;
        Ok(&self.buf)
    }

    /// Sends one message.
    pub fn send(&mut self, body: &[u8]) -> Result<(), Error> {
        let len = u32::try_from(body.len()).map_err(|_| Error::TooLarge(body.len()))?;
        self.stream.write_all(&len.to_be_bytes())?;
        self.stream.write_all(body)?;
        Ok(())
    }
}

/// A v1 connection that refuses messages over [`MAX_FRAME`] bytes when it
/// reads their prefix.
pub struct Conn<S> {
    stream: S,
    buf: Vec<u8>,
    want: usize,
}

impl<S: Read + Write> Conn<S> {
    pub fn new(stream: S) -> Conn<S> {
        Conn { stream, buf: Vec::new(), want: 0 }
    }

    /// Reads the length prefix of the next message.
    pub fn read_prefix(&mut self) -> Result<usize, Error> {
        let mut prefix = [0u8; 4];
        self.stream.read_exact(&mut prefix)?;
        let len = u32::from_be_bytes(prefix) as usize;
        if len > MAX_FRAME {
            return Err(Error::TooLarge(len));
        }
        self.want = len;
        Ok(len)
    }

    /// Reads the body the last prefix announced.
    pub fn read_body(&mut self) -> Result<&[u8], Error> {
        self.buf.resize(self.want, 0); // FIXED: uncontrolled-allocation
        self.stream.read_exact(&mut self.buf)?;
        Ok(&self.buf)
    }
}
