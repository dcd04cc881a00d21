// A library whose test client is compiled for its tests and under a private
// feature (`any(test, feature = "__private")`): test code, not reported.
// The same code in a module of the library is.
use std::io::Read;
use std::net::TcpStream;

#[cfg(any(test, feature = "__private"))]
pub mod test_helpers;

pub fn read_text(mut s: TcpStream) -> String {
    let mut bytes = Vec::new();
    s.read_to_end(&mut bytes).ok();
    String::from_utf8(bytes).unwrap() //~ input-reachable-panic
}
