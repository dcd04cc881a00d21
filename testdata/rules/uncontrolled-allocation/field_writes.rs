//@ kind: lib
// A private field declared wider than what its file ever writes into it:
// the width of what is written bounds the allocation it sizes.
use std::io::{self, Read};

use byteorder::{LittleEndian, ReadBytesExt};

struct MemoHeader {
    next_block: u32,
    block_size: u32,
}

impl MemoHeader {
    fn read_from<R: Read>(src: &mut R) -> io::Result<Self> {
        let next_block = src.read_u32::<LittleEndian>()?;
        let block_size = match src.read_u16::<LittleEndian>()? {
            0 => 512,
            v => u32::from(v),
        };
        Ok(Self { next_block, block_size })
    }
}

// Only a u16 (or 512) is ever written into `block_size`: at most 64 KiB.
// `next_block` is a u32 of the input.
pub fn memo<R: Read>(mut src: R) -> io::Result<(Vec<u8>, Vec<u32>)> {
    let header = MemoHeader::read_from(&mut src)?;
    let block = vec![0u8; header.block_size as usize];
    let index = vec![0u32; header.next_block as usize]; //~ uncontrolled-allocation
    Ok((block, index))
}

// A field others may write (`pub`), a field one write widens (`+=`), and
// a field a later assignment sets from a u32: all unknown.
pub struct Open {
    pub size: u32,
}

struct Grown {
    size: u32,
}

struct Reset {
    size: u32,
}

impl Reset {
    fn widen<R: Read>(&mut self, src: &mut R) -> io::Result<()> {
        self.size = src.read_u32::<LittleEndian>()?;
        Ok(())
    }
}

pub fn others<R: Read>(mut src: R) -> io::Result<Vec<Vec<u8>>> {
    let open = Open { size: u32::from(src.read_u16::<LittleEndian>()?) };
    let mut grown = Grown { size: u32::from(src.read_u16::<LittleEndian>()?) };
    grown.size += src.read_u32::<LittleEndian>()?;
    let mut reset = Reset { size: u32::from(src.read_u16::<LittleEndian>()?) };
    reset.widen(&mut src)?;
    Ok(vec![
        vec![0u8; open.size as usize],  //~ uncontrolled-allocation
        vec![0u8; grown.size as usize], //~ uncontrolled-allocation
        vec![0u8; reset.size as usize], //~ uncontrolled-allocation
    ])
}
