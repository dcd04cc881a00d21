// Raw sockets and websockets to an address the request names: the client
// picks which host (and port) on the server's network is reached.
use axum::extract::Query;
use std::net::TcpStream;

#[derive(serde::Deserialize)]
pub struct Probe {
    pub host: String,
    pub port: u16,
    pub ws: String,
}

const ALLOWED: &[&str] = &["status.example.com", "backup.example.com"];

pub async fn probe(Query(p): Query<Probe>) -> String {
    let ok = TcpStream::connect(format!("{}:{}", p.host, p.port)).is_ok(); //~ ssrf
    ok.to_string()
}

pub async fn probe_async(Query(p): Query<Probe>) -> String {
    let ok = tokio::net::TcpStream::connect((p.host.as_str(), 443)).await.is_ok(); //~ ssrf
    ok.to_string()
}

pub async fn relay(Query(p): Query<Probe>) -> String {
    let ok = tokio_tungstenite::connect_async(p.ws.as_str()).await.is_ok(); //~ ssrf
    ok.to_string()
}

// A fixed host; the request only picks a port number on it.
pub async fn local_port(Query(p): Query<Probe>) -> String {
    let ok = tokio::net::TcpStream::connect(("127.0.0.1", p.port)).await.is_ok();
    ok.to_string()
}

// The host checked against an allow-list first.
pub async fn allowed(Query(p): Query<Probe>) -> String {
    if !ALLOWED.contains(&p.host.as_str()) {
        return "refused".into();
    }
    let ok = TcpStream::connect((p.host.as_str(), 443)).is_ok();
    ok.to_string()
}

// The server's own address.
pub async fn health() -> String {
    TcpStream::connect("127.0.0.1:8080").is_ok().to_string()
}
