//! A known-answer test of the frame layout. Private: `check_vector` is
//! `pub` for this crate only (the module is not exported) and is only given
//! the constant [`VECTOR`].

use byteorder::{BigEndian, ByteOrder};

/// A PUT frame for key `k`, value `v`.
pub const VECTOR: [u8; 12] = [0x46, 0x57, 2, 0, 0, 0, 0, 4, 0, 1, b'k', b'v'];

/// Whether `raw` decodes to the expected payload.
pub fn check_vector(raw: &[u8]) -> bool {
    let len = BigEndian::read_u32(&raw[4..8]) as usize; // FIXED: input-reachable-panic
    let payload = &raw[8..8 + len]; // FIXED: input-reachable-panic
    payload == b"\x00\x01kv"
}
