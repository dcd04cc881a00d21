// What this file declares bounds the sizes lib.rs allocates: a `u8` field, a
// method that returns only constants, a constant, a function declared to
// return a `u16`.
use std::io::{self, Read};

pub const WINDOW: usize = 64 * 1024;

pub struct Header {
    pub name_len: u8,
    pub body_len: u32,
    pub width: u16,
    pub height: u16,
    pub kind: Kind,
    pub linked: bool,
    pub level: u8,
}

pub struct Other {
    // The same name with another width: a `level` of unknown owner is not bounded.
    pub level: u64,
}

pub enum Kind {
    Small,
    Large,
}

impl Kind {
    pub fn block_size(&self) -> usize {
        match self {
            Kind::Small => 64 * 1024,
            Kind::Large => 4 << 20,
        }
    }

}

pub fn read_count<R: Read>(r: &mut R) -> io::Result<u16> {
    let mut b = [0u8; 2];
    r.read_exact(&mut b)?;
    Ok(u16::from_le_bytes(b))
}
