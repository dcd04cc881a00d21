// A length read off the socket in one method, stored in a field, used in another.
use std::io::Read;
use std::net::TcpStream;

const MAX_FRAME: usize = 1 << 20;

pub struct Conn {
    stream: TcpStream,
    buf: Vec<u8>,
    len: usize,
}

impl Conn {
    pub fn read_prefix(&mut self) -> std::io::Result<usize> {
        let mut prefix = [0u8; 4];
        self.stream.read_exact(&mut prefix)?;
        self.len = u32::from_be_bytes(prefix) as usize;
        Ok(self.len)
    }

    pub fn read_body(&mut self) -> std::io::Result<&[u8]> {
        self.buf.resize(self.len, 0); //~ uncontrolled-allocation
        self.stream.read_exact(&mut self.buf)?;
        Ok(&self.buf)
    }
}

/// The same, with the length checked before it is stored.
pub struct Checked {
    stream: TcpStream,
    buf: Vec<u8>,
    want: usize,
}

impl Checked {
    pub fn read_prefix(&mut self) -> std::io::Result<usize> {
        let mut prefix = [0u8; 4];
        self.stream.read_exact(&mut prefix)?;
        let len = u32::from_be_bytes(prefix) as usize;
        if len > MAX_FRAME {
            return Err(std::io::ErrorKind::InvalidData.into());
        }
        self.want = len;
        Ok(len)
    }

    pub fn read_body(&mut self) -> std::io::Result<&[u8]> {
        self.buf.resize(self.want, 0);
        self.stream.read_exact(&mut self.buf)?;
        Ok(&self.buf)
    }
}
