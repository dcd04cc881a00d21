//! Frames: an 8-byte header and a payload.
//!
//! ```text
//! magic u16 BE | kind u8 | flags u8 | len u32 BE | payload (len bytes)
//! ```

use std::io::{Read, Write};

use byteorder::{BigEndian, ReadBytesExt, WriteBytesExt};

use crate::Error;

pub const MAGIC: u16 = 0x4657;
pub const HEADER_LEN: usize = 8;
/// Largest payload a peer may send (1 MiB).
pub const MAX_FRAME: usize = 1 << 20;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    Hello,
    Get,
    Put,
    Delete,
    Value,
    Moved,
    Snapshot,
}

impl Kind {
    fn from_u8(b: u8) -> Result<Kind, Error> {
        Ok(match b {
            0 => Kind::Hello,
            1 => Kind::Get,
            2 => Kind::Put,
            3 => Kind::Delete,
            4 => Kind::Value,
            5 => Kind::Moved,
            6 => Kind::Snapshot,
            other => return Err(Error::UnknownKind(other)),
        })
    }

    fn to_u8(self) -> u8 {
        self as u8
    }
}

/// A decoded header. `len` is the payload length the peer announced.
#[derive(Clone, Copy, Debug)]
pub struct Header {
    pub kind: Kind,
    pub flags: u8,
    pub len: u32,
}

impl Header {
    /// Reads a header.
    pub fn read<R: Read>(r: &mut R) -> Result<Header, Error> {
        let magic = r.read_u16::<BigEndian>()?;
        if magic != MAGIC {
            return Err(Error::BadMagic(magic));
        }
        let kind = Kind::from_u8(r.read_u8()?)?;
        let flags = r.read_u8()?;
        let len = r.read_u32::<BigEndian>()?;
        Ok(Header { kind, flags, len })
    }

    /// Writes a header.
    pub fn write<W: Write>(&self, w: &mut W) -> Result<(), Error> {
        w.write_u16::<BigEndian>(MAGIC)?;
        w.write_u8(self.kind.to_u8())?;
        w.write_u8(self.flags)?;
        w.write_u32::<BigEndian>(self.len)?;
        Ok(())
    }
}

/// A frame: its header and payload.
#[derive(Clone, Debug)]
pub struct Frame {
    pub header: Header,
    pub payload: Vec<u8>,
}

/// Reads one frame.
pub fn decode<R: Read>(r: &mut R) -> Result<Frame, Error> {
    let header = Header::read(r)?;
    let mut payload = vec![0u8; header.len as usize]; // PLANTED: uncontrolled-allocation
    r.read_exact(&mut payload)?;
    Ok(Frame { header, payload })
}

/// Reads one frame whose payload is at most `max` bytes (and never more
/// than [`MAX_FRAME`]).
pub fn decode_bounded<R: Read>(r: &mut R, max: usize) -> Result<Frame, Error> {
    let header = Header::read(r)?;
    let len = header.len as usize;
    if len > max.min(MAX_FRAME) {
        return Err(Error::TooLarge(len));
    }
    let mut payload = vec![0u8; len]; // FIXED: uncontrolled-allocation
    r.read_exact(&mut payload)?;
    Ok(Frame { header, payload })
}

/// Writes one frame.
pub fn encode<W: Write>(w: &mut W, kind: Kind, flags: u8, payload: &[u8]) -> Result<(), Error> {
    let len = u32::try_from(payload.len()).map_err(|_| Error::TooLarge(payload.len()))?;
    Header { kind, flags, len }.write(w)?;
    w.write_all(payload)?;
    Ok(())
}

/// Frames queued in memory and written in one go.
pub struct Batch {
    buf: Vec<u8>,
}

impl Batch {
    /// A batch with room for `frames` frames of `payload` bytes each: sizes
    /// the caller picks, not data it received.
    pub fn with_capacity(frames: usize, payload: usize) -> Batch {
        Batch { buf: Vec::with_capacity(frames.saturating_mul(HEADER_LEN + payload)) } // FIXED: uncontrolled-allocation
    }

    /// Queues a frame.
    pub fn push(&mut self, kind: Kind, flags: u8, payload: &[u8]) -> Result<(), Error> {
        encode(&mut self.buf, kind, flags, payload)
    }

    /// Writes every queued frame.
    pub fn flush<W: Write>(&mut self, w: &mut W) -> Result<(), Error> {
        w.write_all(&self.buf)?;
        self.buf.clear();
        Ok(())
    }
}
