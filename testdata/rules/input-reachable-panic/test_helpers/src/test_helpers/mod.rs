// The test client: reads what the library's own test server answered.
use std::io::Read;
use std::net::TcpStream;

pub fn read_text(mut s: TcpStream) -> String {
    let mut bytes = Vec::new();
    s.read_to_end(&mut bytes).ok();
    String::from_utf8(bytes).unwrap()
}
