// A fetch-by-URL feature that resolves the URL's host first and refuses
// the request when a resolved address is internal: the check of every
// resolved address is what keeps the server off its own network.
use axum::extract::Query;
use std::net::{IpAddr, ToSocketAddrs};
use url::Url;

#[derive(serde::Deserialize)]
pub struct Fetch {
    pub url: String,
}

fn is_internal(ip: IpAddr) -> bool {
    match ip {
        IpAddr::V4(v4) => v4.is_loopback() || v4.is_private() || v4.is_link_local() || v4.is_unspecified(),
        IpAddr::V6(v6) => v6.is_loopback() || v6.is_unspecified(),
    }
}

// Every address checked in a loop that refuses.
pub async fn fetch_checked(Query(f): Query<Fetch>) -> Result<String, String> {
    let url = Url::parse(&f.url).map_err(|e| e.to_string())?;
    let host = url.host_str().ok_or("no host")?;
    let port = url.port_or_known_default().unwrap_or(443);
    let addrs = tokio::net::lookup_host((host, port)).await.map_err(|e| e.to_string())?;
    for addr in addrs {
        if is_internal(addr.ip()) {
            return Err("internal address".into());
        }
    }
    reqwest::get(url.as_str()).await.map_err(|e| e.to_string())?.text().await.map_err(|e| e.to_string())
}

// The same with `any` over the blocking resolver's addresses.
pub async fn fetch_checked_any(Query(f): Query<Fetch>) -> Result<String, String> {
    let url = Url::parse(&f.url).map_err(|e| e.to_string())?;
    let host = url.host_str().unwrap_or_default().to_string();
    let addrs: Vec<_> = (host.as_str(), 80).to_socket_addrs().map_err(|e| e.to_string())?.collect();
    if addrs.iter().any(|a| a.ip().is_loopback() || is_internal(a.ip())) {
        return Err("internal address".into());
    }
    reqwest::get(url).await.map_err(|e| e.to_string())?.text().await.map_err(|e| e.to_string())
}

// Resolved, but the addresses are only logged: nothing refuses.
pub async fn fetch_logged(Query(f): Query<Fetch>) -> Result<String, String> {
    let url = Url::parse(&f.url).map_err(|e| e.to_string())?;
    let host = url.host_str().ok_or("no host")?;
    let addrs = tokio::net::lookup_host((host, 443)).await.map_err(|e| e.to_string())?;
    for addr in addrs {
        tracing::info!("{host} resolves to {addr}");
    }
    reqwest::get(url.as_str()).await.map_err(|e| e.to_string())?.text().await.map_err(|e| e.to_string()) //~ ssrf
}

// Another URL's host checked: the one fetched is not.
pub async fn fetch_other(Query(f): Query<Fetch>) -> Result<String, String> {
    let url = Url::parse(&f.url).map_err(|e| e.to_string())?;
    let base = Url::parse("https://cdn.example.com/").map_err(|e| e.to_string())?;
    let host = base.host_str().ok_or("no host")?;
    let addrs = tokio::net::lookup_host((host, 443)).await.map_err(|e| e.to_string())?;
    for addr in addrs {
        if is_internal(addr.ip()) {
            return Err("internal address".into());
        }
    }
    reqwest::get(url.as_str()).await.map_err(|e| e.to_string())?.text().await.map_err(|e| e.to_string()) //~ ssrf
}

// The check in a validator returning `Result<(), E>`: `validate(&url)?`
// covers the URL below it.
fn validate_remote(url: &Url) -> Result<(), String> {
    if url.scheme() != "https" {
        return Err("https only".into());
    }
    let host = url.host_str().ok_or_else(|| "no host".to_string())?;
    let addrs = (host, 443).to_socket_addrs().map_err(|e| e.to_string())?;
    for addr in addrs {
        if is_internal(addr.ip()) {
            return Err("internal address".into());
        }
    }
    Ok(())
}

// Only the scheme: the host may be anything.
fn validate_scheme(url: &Url) -> Result<(), String> {
    if url.scheme() != "https" {
        return Err("https only".into());
    }
    Ok(())
}

pub async fn fetch_validated(Query(f): Query<Fetch>) -> Result<String, String> {
    let url = Url::parse(&f.url).map_err(|e| e.to_string())?;
    validate_remote(&url)?;
    reqwest::get(url.as_str()).await.map_err(|e| e.to_string())?.text().await.map_err(|e| e.to_string())
}

pub async fn fetch_scheme_checked(Query(f): Query<Fetch>) -> Result<String, String> {
    let url = Url::parse(&f.url).map_err(|e| e.to_string())?;
    validate_scheme(&url)?;
    reqwest::get(url.as_str()).await.map_err(|e| e.to_string())?.text().await.map_err(|e| e.to_string()) //~ ssrf
}
