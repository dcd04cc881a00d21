//! Storage for secrets.
pub mod buffer;
pub mod crypto;

use std::io;

/// An opened vault.
pub struct Store {
    entries: Vec<Vec<u8>>,
}

impl Store {
    pub fn open(path: &str) -> io::Result<Store> {
        let raw = std::fs::read(path)?;
        Ok(Store { entries: raw.split(|b| *b == b'\n').map(<[u8]>::to_vec).collect() })
    }

    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// The entry at `i`, if any.
    pub fn get(&self, i: usize) -> Option<&[u8]> {
        self.entries.get(i).map(Vec::as_slice)
    }

    /// The first entry.
    pub fn first(&self) -> &[u8] {
        // PLANTED(panic): library code unwraps instead of returning an Option.
        self.entries.first().unwrap()
    }
}

// PLANTED(static-mut): global mutable state.
static mut OPEN_COUNT: usize = 0;

/// Count an open (not thread-safe).
pub fn count_open() -> usize {
    // PLANTED(unsafe): undocumented unsafe block.
    unsafe {
        OPEN_COUNT += 1;
        OPEN_COUNT
    }
}
