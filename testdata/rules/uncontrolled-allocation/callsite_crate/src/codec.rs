// Allocations sized by a parameter: each caller's argument decides.
use std::io::{self, Read};

/// The output of one block: as large as its caller says.
pub(crate) fn inflate(data: &[u8], size: usize) -> io::Result<Vec<u8>> {
    let mut out = Vec::with_capacity(size);
    out.extend_from_slice(data);
    Ok(out)
}

/// The compressed bytes of one block, read off the reader.
pub(crate) fn read_payload<R: Read>(r: &mut R, size: usize) -> io::Result<Vec<u8>> {
    let mut buf = vec![0u8; size]; //~ uncontrolled-allocation
    r.read_exact(&mut buf)?;
    Ok(buf)
}

pub(crate) struct Decoder {
    pub(crate) window: u16,
}

impl Decoder {
    /// A method of the decoder, called with a size passed on from its
    /// caller's caller.
    pub(crate) fn output(&self, size: usize) -> Vec<u8> {
        Vec::with_capacity(size + usize::from(self.window))
    }
}
