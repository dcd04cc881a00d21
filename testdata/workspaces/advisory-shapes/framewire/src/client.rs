//! A blocking client.

use std::io::Read;
use std::net::TcpStream;

use crate::codec::{self, Reply};
use crate::frame::{self, Kind, MAX_FRAME};
use crate::Error;

/// Largest snapshot [`Client::snapshot_limited`] accepts (256 MiB).
pub const MAX_SNAPSHOT: u64 = 256 << 20;

/// A connection to one server.
pub struct Client {
    stream: TcpStream,
}

impl Client {
    /// Connects to `addr` (`host:port`), the server the caller names.
    pub fn connect(addr: &str) -> Result<Client, Error> {
        let stream = TcpStream::connect(addr)?; // FIXED: ssrf
        Ok(Client { stream })
    }

    /// Wraps a connected stream.
    pub fn from_stream(stream: TcpStream) -> Client {
        Client { stream }
    }

    /// Looks a key up. A MOVED reply is returned as [`Error::Moved`].
    pub fn get(&mut self, key: &str) -> Result<Reply, Error> {
        frame::encode(&mut self.stream, Kind::Get, 0, key.as_bytes())?;
        let reply = frame::decode_bounded(&mut self.stream, MAX_FRAME)?;
        if reply.header.kind == Kind::Moved {
            let moved = codec::parse_moved_checked(&reply.payload)?;
            return Err(Error::Moved { host: moved.host, port: moved.port });
        }
        codec::parse_reply(reply.payload.as_slice())
    }

    /// Downloads a snapshot of the whole store: the server streams it and
    /// closes the connection.
    pub fn snapshot(mut self) -> Result<Vec<u8>, Error> {
        frame::encode(&mut self.stream, Kind::Snapshot, 0, &[])?;
        let mut out = Vec::new();
        self.stream.read_to_end(&mut out)?; // PLANTED: uncontrolled-allocation
        Ok(out)
    }

    /// Downloads a snapshot of at most [`MAX_SNAPSHOT`] bytes.
    pub fn snapshot_limited(mut self) -> Result<Vec<u8>, Error> {
        frame::encode(&mut self.stream, Kind::Snapshot, 0, &[])?;
        let mut out = Vec::new();
        (&mut self.stream).take(MAX_SNAPSHOT + 1).read_to_end(&mut out)?; // FIXED: uncontrolled-allocation
        if out.len() as u64 > MAX_SNAPSHOT {
            return Err(Error::TooLarge(out.len()));
        }
        Ok(out)
    }
}
