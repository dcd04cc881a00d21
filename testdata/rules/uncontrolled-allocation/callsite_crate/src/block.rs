// A data block's header: its sizes are a `u16` and a `u32` of the input.
// The allocations are in codec.rs, sized by their parameters; lib.rs
// passes these fields.
use std::io::{self, Read};

pub struct DataBlock {
    pub uncompressed: u16,
    pub compressed: u32,
}

pub fn read_block<R: Read>(r: &mut R) -> io::Result<DataBlock> {
    let mut two = [0u8; 2];
    let mut four = [0u8; 4];
    r.read_exact(&mut two)?;
    r.read_exact(&mut four)?;
    Ok(DataBlock { uncompressed: u16::from_le_bytes(two), compressed: u32::from_le_bytes(four) })
}
