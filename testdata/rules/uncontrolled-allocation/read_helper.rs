//@ kind: lib
// The crate's own read helper, handed the caller's reader and a fresh
// buffer, fills the buffer as `read_exact` would: a length decoded from
// it is the input's, also after the helper's `?`.
use std::io::{self, Read};

const MAX_RECORD: usize = 1 << 20;

fn read_exact_or_eof<R: Read>(reader: &mut R, mut buf: &mut [u8]) -> io::Result<()> {
    while !buf.is_empty() {
        match reader.read(buf) {
            Ok(0) => break,
            Ok(n) => buf = &mut buf[n..],
            Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
            Err(e) => return Err(e),
        }
    }
    Ok(())
}

fn block_size<R: Read>(reader: &mut R) -> io::Result<usize> {
    let mut buf = [0; 4];
    read_exact_or_eof(reader, &mut buf)?;
    Ok(u32::from_le_bytes(buf) as usize)
}

pub fn read_record<R: Read>(reader: &mut R, buf: &mut Vec<u8>) -> io::Result<usize> {
    let n = match block_size(reader)? {
        0 => return Ok(0),
        n => n,
    };
    buf.resize(n, 0); //~ uncontrolled-allocation
    reader.read_exact(buf)?;
    Ok(n)
}

// The fix a maintainer would write: the length capped before the buffer
// grows.
pub fn read_record_capped<R: Read>(reader: &mut R, buf: &mut Vec<u8>) -> io::Result<usize> {
    let n = block_size(reader)?;
    if n > MAX_RECORD {
        return Err(io::ErrorKind::InvalidData.into());
    }
    buf.resize(n, 0);
    reader.read_exact(buf)?;
    Ok(n)
}

// A helper not named for reading fills nothing: the header it is handed
// is the caller's own, not bytes off the reader.
fn apply_defaults<R: Read>(_reader: &mut R, header: &mut [u8; 4]) -> io::Result<()> {
    header.copy_from_slice(&1024u32.to_le_bytes());
    Ok(())
}

pub fn default_block<R: Read>(reader: &mut R) -> io::Result<Vec<u8>> {
    let mut header = [0; 4];
    apply_defaults(reader, &mut header)?;
    Ok(vec![0; u32::from_le_bytes(header) as usize])
}
