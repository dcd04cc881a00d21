// The same inputs, handled: no panic.
use std::collections::HashMap;
use std::net::TcpStream;

use axum::extract::{Path, Query};
use axum::http::HeaderMap;
use byteorder::{BigEndian, ReadBytesExt};

pub async fn page(Query(q): Query<HashMap<String, String>>) -> String {
    match q.get("page").map(|p| p.parse::<usize>()) {
        Some(Ok(n)) => format!("page {n}"),
        _ => "bad page".to_string(),
    }
}

pub async fn agent(headers: HeaderMap) -> Option<String> {
    Some(headers.get("user-agent")?.to_str().ok()?.to_string())
}

pub async fn port(Path(p): Path<String>) -> Result<u16, std::num::ParseIntError> {
    p.parse::<u16>()
}

pub async fn window(Path((text, n)): Path<(String, usize)>) -> String {
    if !text.is_char_boundary(n) {
        return String::new();
    }
    text[..n].to_string()
}

pub async fn first_word(Path(text): Path<String>) -> String {
    // An offset `find` returned on the same string: a char boundary in it.
    let end = text.find(' ').unwrap_or(text.len());
    text[..end].to_string()
}

pub async fn checked(Path((text, n)): Path<(String, usize)>) -> String {
    text.get(..n).unwrap_or_default().to_string()
}

pub fn constants() -> std::net::SocketAddr {
    "127.0.0.1:80".parse().unwrap()
}

pub fn record(mut s: TcpStream, table: &[&str; 4]) -> std::io::Result<String> {
    let kind = usize::from(s.read_u8()?);
    if kind >= table.len() {
        return Err(std::io::ErrorKind::InvalidData.into());
    }
    Ok(table[kind].to_string())
}

pub fn prefix(mut s: TcpStream, buf: &[u8]) -> std::io::Result<Vec<u8>> {
    let n = s.read_u32::<BigEndian>()? as usize;
    if buf.len() < n {
        return Err(std::io::ErrorKind::UnexpectedEof.into());
    }
    Ok(buf[..n].to_vec())
}

// `serde_json::Value` indexing gives `Null` for a missing key, also
// through the extractor's `Deref`.
pub async fn command(body: axum::Json<serde_json::Value>) -> String {
    body["cmd"].to_string()
}

pub async fn command_destructured(axum::Json(body): axum::Json<serde_json::Value>) -> String {
    body["cmd"].to_string()
}
