//! framewire: a small binary key/value protocol.
//!
//! - [`frame`]: frames (8-byte header, payload) and [`decode`];
//! - [`codec`]: the payload layouts of requests and replies;
//! - [`conn`]: the length-prefixed v1 protocol;
//! - [`client`], [`tls`]: a blocking client, over TCP or TLS;
//! - [`server`]: an async (tokio) server for v1 clients.

pub mod client;
pub mod codec;
pub mod conn;
mod error;
pub mod frame;
mod selftest;
pub mod server;
pub mod tls;
mod varint;

pub use error::Error;
pub use frame::{decode, decode_bounded, Frame, Header, Kind};

/// Runs the decoder's known-answer test (used by `framewired --self-test`).
pub fn self_test() -> bool {
    selftest::check_vector(&selftest::VECTOR)
}
