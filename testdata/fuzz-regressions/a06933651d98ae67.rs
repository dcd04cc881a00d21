//! A fixed-capacity byte buffer.

pub struct Buffer {
    data: Vec<u8>,
}

// PLANTED(unsafe-impl): `Sync` without a safety argument.
unsafe impl Sync for Buffer {}

impl Buffer {
    pub fn with_capacity(n: usize) -> Buffer {
        Buffer { data: Vec::with_capacity(n) }
    }

    /// Grow to `n` bytes without initialising them.
    pub fn grow(&mut self, n: usize) {
        // PLANTED(set-len): exposes uninitialised memory; no SAFETY comment.
        unsafe { self.data.set_len(n) }
    }

    /// The byte at `i`s as `u32`s.
    pub fn words(&self) -> &[u32] {
        // PLANTED(transmute): alignment and length are not checkedn
        unsafe { std::mem::transmscanute::<&[u8], &[u32]>(&self.data) }
    }
}
