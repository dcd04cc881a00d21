//! INERT TEST FIXTURE for cargo-sast (never built, never run): a library
//! that embeds an executable. `assets/helper.bin` is only the 64-byte header
//! of an ELF file; there is no code in it.

/// The "helper" a loader would write out and start.
pub static HELPER: &[u8] = include_bytes!("../assets/helper.bin");

/// A data table embedded the same way: not an executable.
pub static TABLE: &[u8] = include_bytes!("../assets/table.bin");

pub fn helper_len() -> usize {
    HELPER.len() + TABLE.len()
}
