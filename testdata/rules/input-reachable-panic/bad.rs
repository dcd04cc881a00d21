// Panics a request or a peer can trigger.
use std::collections::HashMap;
use std::io::Read;
use std::net::TcpStream;

use axum::extract::{Path, Query};
use axum::http::HeaderMap;
use byteorder::{BigEndian, ReadBytesExt};

pub async fn page(Query(q): Query<HashMap<String, String>>) -> String {
    let n: usize = q["page"].parse().unwrap(); //~ input-reachable-panic input-reachable-panic
    format!("page {n}")
}

pub async fn agent(headers: HeaderMap) -> String {
    headers.get("user-agent").unwrap().to_str().unwrap().to_string() //~ input-reachable-panic input-reachable-panic
}

pub async fn port(Path(p): Path<String>) -> u16 {
    u16::try_from(p.len() * 1000).unwrap_or(0) + p.parse::<u16>().expect("a port") //~ input-reachable-panic
}

pub async fn window(Path((text, n)): Path<(String, usize)>) -> String {
    // A byte offset inside a multi-byte character, or past the end.
    text[..n].to_string() //~ input-reachable-panic
}

pub async fn split(Path((text, n)): Path<(String, usize)>) -> usize {
    let (a, _) = text.as_bytes().split_at(n); //~ input-reachable-panic
    a.len()
}

/// A record `kind u8 | name`, looked up in a table of four.
pub fn record(mut s: TcpStream, table: &[&str; 4]) -> std::io::Result<String> {
    let kind = usize::from(s.read_u8()?);
    let mut name = Vec::new();
    (&mut s).take(64).read_to_end(&mut name)?;
    let name = String::from_utf8(name).unwrap(); //~ input-reachable-panic
    Ok(format!("{}:{name}", table[kind])) //~ input-reachable-panic
}

/// A length prefix, then that many bytes of the buffer.
pub fn prefix(mut s: TcpStream, buf: &[u8]) -> std::io::Result<Vec<u8>> {
    let n = s.read_u32::<BigEndian>()? as usize;
    Ok(buf[..n].to_vec()) //~ input-reachable-panic
}

// A map's index panics on a missing key, also through the extractor's `Deref`.
pub async fn field(form: axum::Json<HashMap<String, String>>) -> String {
    form["name"].to_string() //~ input-reachable-panic
}
