//! Decoders of a small length-prefixed format: the caller hands in bytes.

pub mod frames;
pub mod header;
pub mod tables;
pub mod sizes;
pub mod text;

/// What a decoder refuses.
#[derive(Debug)]
pub enum Error {
    Short,
    TooLarge,
}
