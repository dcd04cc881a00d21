// Blocks read from the caller's reader: the `u16` size another file
// declares bounds the output buffer codec.rs allocates; the `u32` one
// does not bound the payload buffer.
mod block;
mod codec;

use std::io::{self, Read};

pub fn read_block_data<R: Read>(mut r: R) -> io::Result<Vec<u8>> {
    let b = block::read_block(&mut r)?;
    let data = codec::read_payload(&mut r, b.compressed as usize)?;
    let out = codec::inflate(&data, b.uncompressed as usize)?;
    let dec = codec::Decoder { window: 1 << 15 };
    Ok(unpack(&dec, &out, b.uncompressed.into()))
}

fn unpack(dec: &codec::Decoder, out: &[u8], size: usize) -> Vec<u8> {
    let mut v = dec.output(size);
    v.extend_from_slice(out);
    v
}
