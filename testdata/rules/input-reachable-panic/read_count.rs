// The count a read into a buffer returns is at most that buffer's length:
// advancing by it cannot panic. A length read off the socket can.
use std::io::Read;

use bytes::{Buf, BytesMut};

pub struct Conn {
    io: mio::net::TcpStream,
}

impl Conn {
    pub fn new(stream: std::net::TcpStream) -> Conn {
        Conn { io: mio::net::TcpStream::from_std(stream) }
    }

    pub fn peek_into(&self, buf: &mut BytesMut) -> std::io::Result<usize> {
        match self.io.peek(&mut buf[..]) {
            Ok(n) => {
                buf.advance(n);
                Ok(n)
            }
            Err(e) => Err(e),
        }
    }

    pub fn skip_record(&mut self, buf: &mut BytesMut) -> std::io::Result<()> {
        let mut len = [0u8; 4];
        self.io.read_exact(&mut len)?;
        buf.advance(u32::from_be_bytes(len) as usize); //~ input-reachable-panic
        Ok(())
    }
}
