// The name the certificate is checked against, taken from the peer.
use std::io::Read;
use std::net::TcpStream;

use native_tls::{TlsConnector, TlsStream};

fn greeting(tcp: &mut TcpStream) -> std::io::Result<String> {
    let mut name = String::new();
    tcp.take(255).read_to_string(&mut name)?;
    Ok(name)
}

pub fn starttls(c: &TlsConnector, mut tcp: TcpStream) -> Option<TlsStream<TcpStream>> {
    let mut buf = [0u8; 64];
    let n = tcp.read(&mut buf).ok()?;
    let name = String::from_utf8_lossy(&buf[..n.min(64)]).into_owned();
    c.connect(&name, tcp).ok() //~ tls-verification-disabled
}

pub fn starttls_to(c: &TlsConnector, host: &str, mut tcp: TcpStream) -> Option<TlsStream<TcpStream>> {
    let _announced = greeting(&mut tcp).ok()?;
    c.connect(host, tcp).ok()
}
