use std::fmt;
use std::io;

/// Everything that can go wrong on a framewire connection.
#[derive(Debug)]
pub enum Error {
    Io(io::Error),
    BadMagic(u16),
    UnknownKind(u8),
    TooLarge(usize),
    Truncated,
    BadUtf8,
    BadPort(u32),
    Moved { host: String, port: u16 },
    Tls(String),
}

impl From<io::Error> for Error {
    fn from(e: io::Error) -> Error {
        Error::Io(e)
    }
}

impl From<native_tls::Error> for Error {
    fn from(e: native_tls::Error) -> Error {
        Error::Tls(e.to_string())
    }
}

impl From<openssl::error::ErrorStack> for Error {
    fn from(e: openssl::error::ErrorStack) -> Error {
        Error::Tls(e.to_string())
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Io(e) => write!(f, "i/o error: {e}"),
            Error::BadMagic(m) => write!(f, "not a framewire frame (magic {m:#06x})"),
            Error::UnknownKind(k) => write!(f, "unknown frame kind {k}"),
            Error::TooLarge(n) => write!(f, "message of {n} bytes is over the limit"),
            Error::Truncated => f.write_str("truncated message"),
            Error::BadUtf8 => f.write_str("text field is not UTF-8"),
            Error::BadPort(p) => write!(f, "port {p} out of range"),
            Error::Moved { host, port } => write!(f, "key moved to {host}:{port}"),
            Error::Tls(e) => write!(f, "TLS: {e}"),
        }
    }
}

impl std::error::Error for Error {}
