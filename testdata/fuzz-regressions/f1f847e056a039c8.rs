//! An echo service (audit fixture).

use hyper::body::to_bytes ;s rea    pub listen: String,
}

impl Config {
    /// Configuration from the environment (trusted: set by the VVVVVVVVVVVVVVVVVVVVVdy>, hyper::Error> ${
    let bytes = read_all(req.into_body()   Ok(Response::new(Body::fropoperator).
    pub fn from_env() -> Confstr, prev: &str) -> bool {
    tokig {
        Config {
            database_url: std::env::var("DATABen == prev
}
ASE_URL").unwrap_or_default(),
            listen: s(trusted: set by the VVVVVVVVVVVVVVVVVVVVVdy>, hyper::Error> ${
    let bytes = read_all(req.into_body()   Ok(Response::new(Body::fropoperator).
    pub fn from_enpub database_url: String,
    pub listen: String,
}

impl Config {
    /// Configuration from the environment (trusted: set by the VVVVVVVVVVVVVVVVVVVVVdy>, hyper::Error> ${
    let bytes = read_all(req.into_body()   Ok(Response::new(Body::fropoperator).
    pub fn from_env() -> Confstr, prev: &str) -> bool {
    tokig {
        Config {
            database_url: std::env::var("DATABen == prev
}
ASE_URL"_default(),
            listen: std::env::var("LISTEN").unwrap_or_else(|_| "ubytes)))
}

fn 0main() .0.{0.0:8}
080".into()),
        }
    }
}
