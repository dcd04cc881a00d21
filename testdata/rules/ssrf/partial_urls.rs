// Input only in the path or query after a fixed `scheme://host/` cannot
// send the request to another host (a "partial" request forgery is the
// API's own concern); input that can reach the host still can.
use axum::extract::Query;

#[derive(serde::Deserialize)]
pub struct P {
    pub user: String,
    pub host: String,
}

const BASE: &str = "https://api.example.com";

pub async fn in_path(Query(p): Query<P>) -> bool {
    reqwest::get(format!("https://api.example.com/users/{}", p.user)).await.is_ok()
}

pub async fn in_query(Query(p): Query<P>) -> bool {
    let url = format!("https://api.example.com/search?q={}", p.user);
    reqwest::get(&url).await.is_ok()
}

pub async fn after_const_base(Query(p): Query<P>) -> bool {
    let client = reqwest::Client::new();
    client.get(format!("{BASE}/users/{}", p.user)).send().await.is_ok()
}

pub async fn concatenated(Query(p): Query<P>) -> bool {
    let url = "https://api.example.com/users/".to_string() + &p.user;
    reqwest::get(url).await.is_ok()
}

pub async fn in_host(Query(p): Query<P>) -> bool {
    reqwest::get(format!("https://{}/status", p.host)).await.is_ok() //~ ssrf
}

pub async fn subdomain(Query(p): Query<P>) -> bool {
    reqwest::get(format!("https://api.{}", p.host)).await.is_ok() //~ ssrf
}

// No `/` after the host: `https://api.example.com` + `.evil.net`.
pub async fn no_slash_after_host(Query(p): Query<P>) -> bool {
    reqwest::get(format!("https://api.example.com{}", p.user)).await.is_ok() //~ ssrf
}

pub async fn whole(Query(p): Query<P>) -> bool {
    reqwest::get(format!("{}", p.host)).await.is_ok() //~ ssrf
}

// The input is the base: it picks the host.
pub async fn input_base(Query(p): Query<P>) -> bool {
    reqwest::get(format!("{}/users/{}", p.host, p.user)).await.is_ok() //~ ssrf
}
