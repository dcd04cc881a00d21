//@ kind: lib
// A reader wrapped in the crate's own struct: the caller's reader is kept
// in a field, so the counts read through the wrapper carry its taint while
// the wrapper itself, handed from function to function, carries none.
use std::io::{self, Read};

use byteorder::{BigEndian, ReadBytesExt};

pub struct Wire<'a, R: Read> {
    inner: &'a mut R,
}

impl<'a, R: Read> Wire<'a, R> {
    pub fn new(inner: &'a mut R) -> Self {
        Wire { inner }
    }

    fn next_len(&mut self) -> io::Result<u32> {
        self.inner.read_u32::<BigEndian>()
    }

    fn load(&mut self, dst: &mut [u32]) -> io::Result<()> {
        self.inner.read_u32_into::<BigEndian>(dst)
    }

    fn read_u32_into(&mut self, dst: &mut [u32]) -> io::Result<()> {
        self.inner.read_u32_into::<BigEndian>(dst)
    }

    pub fn pairs(&mut self) -> io::Result<Vec<(u32, u32)>> {
        pairs(self)
    }

    pub fn unpaid(&mut self) -> io::Result<Vec<(u32, u32)>> {
        unpaid(self)
    }
}

// The wire filled `count * 2` values or the `?` returned: the list of
// pairs below is proportional to bytes received. The buffer itself is not.
fn pairs<R: Read>(w: &mut Wire<R>) -> io::Result<Vec<(u32, u32)>> {
    let count = w.next_len()?;
    let mut tmp = vec![0; count as usize * 2]; //~ uncontrolled-allocation
    w.read_u32_into(&mut tmp)?;
    let mut v = Vec::with_capacity(count as usize);
    for pair in tmp.chunks_exact(2) {
        v.push((pair[0], pair[1]));
    }
    Ok(v)
}

// A fill under another name is no read the analysis knows of: both stay.
fn unpaid<R: Read>(w: &mut Wire<R>) -> io::Result<Vec<(u32, u32)>> {
    let count = w.next_len()?;
    let mut tmp = vec![0; count as usize * 2]; //~ uncontrolled-allocation
    w.load(&mut tmp)?;
    let mut v = Vec::with_capacity(count as usize); //~ uncontrolled-allocation
    for pair in tmp.chunks_exact(2) {
        v.push((pair[0], pair[1]));
    }
    Ok(v)
}
