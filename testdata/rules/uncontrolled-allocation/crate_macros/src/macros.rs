// Error exits defined once for the crate, as decoders write them; the
// files that call them see only their names.

/// Every rule returns: a check before its call guards what follows.
macro_rules! invalid_data {
    ($e:expr) => {
        return Err(::std::io::Error::new(::std::io::ErrorKind::InvalidData, $e))
    };
    ($fmt:expr, $($arg:tt)+) => {
        return Err(::std::io::Error::new(::std::io::ErrorKind::InvalidData, format!($fmt, $($arg)+)))
    };
}

/// Only logs: the path goes on.
macro_rules! complain {
    ($e:expr) => {
        eprintln!("{}", $e)
    };
}

/// One rule returns, the other does not: not an exit.
macro_rules! maybe_fail {
    () => {
        return Err(::std::io::ErrorKind::InvalidData.into())
    };
    ($e:expr) => {
        $e
    };
}
