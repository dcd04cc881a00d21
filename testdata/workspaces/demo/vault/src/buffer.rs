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

    /// The byte at `i`, unchecked.
    pub fn at(&self, i: usize) -> u8 {
        assert!(i < self.data.len());
        // SAFETY: `i` is in bounds (asserted above).
        unsafe { *self.data.get_unchecked(i) }
    }

    /// Reinterpret the bytes as `u32`s.
    pub fn words(&self) -> &[u32] {
        // PLANTED(transmute): alignment and length are not checked.
        unsafe { std::mem::transmute::<&[u8], &[u32]>(&self.data) }
    }
}
