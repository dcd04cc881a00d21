// Lengths read off sockets (std, tokio, Unix, TLS) and whole reads of a stream.
use std::io::{BufReader, Read};
use std::net::TcpStream;
use std::os::unix::net::UnixStream;

use byteorder::{BigEndian, ReadBytesExt};
use tokio::io::AsyncReadExt;

const MAX_FRAME: usize = 1 << 20;

pub fn frame(mut s: TcpStream) -> std::io::Result<Vec<u8>> {
    let n = s.read_u32::<BigEndian>()? as usize;
    let mut body = vec![0u8; n]; //~ uncontrolled-allocation
    s.read_exact(&mut body)?;
    Ok(body)
}

pub fn frame_capped(mut s: TcpStream) -> std::io::Result<Vec<u8>> {
    let n = s.read_u32::<BigEndian>()? as usize;
    if n > MAX_FRAME {
        return Err(std::io::ErrorKind::InvalidData.into());
    }
    let mut body = vec![0u8; n];
    s.read_exact(&mut body)?;
    Ok(body)
}

pub fn admin(mut s: UnixStream) -> std::io::Result<Vec<u8>> {
    let mut prefix = [0u8; 4];
    s.read_exact(&mut prefix)?;
    let n = u32::from_be_bytes(prefix) as usize;
    let mut v = Vec::with_capacity(n); //~ uncontrolled-allocation
    v.resize(n.min(MAX_FRAME), 0);
    Ok(v)
}

pub fn short(mut s: TcpStream) -> std::io::Result<Vec<u8>> {
    // One byte: at most 255.
    let n = usize::from(s.read_u8()?);
    Ok(vec![0u8; n])
}

pub async fn session(mut s: tokio::net::TcpStream) -> std::io::Result<Vec<u8>> {
    let n = s.read_u32().await? as usize;
    let mut buf = Vec::new();
    buf.resize(n, 0); //~ uncontrolled-allocation
    Ok(buf)
}

pub fn whole(mut s: TcpStream) -> std::io::Result<Vec<u8>> {
    let mut out = Vec::new();
    s.read_to_end(&mut out)?; //~ uncontrolled-allocation
    Ok(out)
}

pub fn whole_limited(s: TcpStream) -> std::io::Result<Vec<u8>> {
    let mut out = Vec::new();
    s.take(MAX_FRAME as u64).read_to_end(&mut out)?;
    Ok(out)
}

/// Through a reader built on the socket and a generic decoder.
pub fn buffered(s: TcpStream) -> std::io::Result<Vec<u8>> {
    let mut r = BufReader::new(s);
    let n = read_len(&mut r)?;
    Ok(Vec::with_capacity(n)) //~ uncontrolled-allocation
}

fn read_len<R: Read>(r: &mut R) -> std::io::Result<usize> {
    let mut b = [0u8; 8];
    r.read_exact(&mut b)?;
    Ok(u64::from_le_bytes(b) as usize)
}
