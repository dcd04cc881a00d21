// Collections of std and of the ecosystem that reserve room up front.
use std::collections::{BinaryHeap, HashMap};
use std::io::{self, Read};
use std::net::TcpStream;

use byteorder::{BigEndian, ReadBytesExt};
use indexmap::{IndexMap, IndexSet};

pub fn bins(s: &mut TcpStream) -> io::Result<IndexMap<u32, u64>> {
    let n = s.read_u32::<BigEndian>()? as usize;
    let mut bins = IndexMap::with_capacity(n); //~ uncontrolled-allocation
    for _ in 0..n.min(16) {
        bins.insert(s.read_u32::<BigEndian>()?, s.read_u64::<BigEndian>()?);
    }
    Ok(bins)
}

pub fn queue(s: &mut TcpStream) -> io::Result<BinaryHeap<u32>> {
    let n = s.read_u32::<BigEndian>()? as usize;
    Ok(BinaryHeap::with_capacity(n)) //~ uncontrolled-allocation
}

pub fn table(s: &mut TcpStream) -> io::Result<HashMap<u32, u32>> {
    let n = s.read_u32::<BigEndian>()? as usize;
    Ok(HashMap::with_capacity_and_hasher(n, Default::default())) //~ uncontrolled-allocation
}

// Capped, or a `u16` count: quiet.
pub fn names(s: &mut TcpStream) -> io::Result<(IndexSet<u32>, IndexMap<u16, u8>)> {
    let n = s.read_u32::<BigEndian>()? as usize;
    let set = IndexSet::with_capacity(n.min(1024));
    let m = IndexMap::with_capacity(usize::from(s.read_u16::<BigEndian>()?));
    Ok((set, m))
}
