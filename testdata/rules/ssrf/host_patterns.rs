// Host allow-lists written as patterns: `matches!(u.host_str(), Some("a") |
// Some("b"))` and `Some("a" | "b")`; `Some(_)` accepts any host.
use axum::extract::Query;

#[derive(serde::Deserialize)]
pub struct P {
    pub url: String,
}

pub async fn two_hosts(Query(p): Query<P>) -> bool {
    let Ok(u) = url::Url::parse(&p.url) else { return false };
    if !matches!(u.host_str(), Some("api.example.com") | Some("cdn.example.com")) {
        return false;
    }
    reqwest::get(u).await.is_ok()
}

pub async fn inner_alternatives(Query(p): Query<P>) -> bool {
    let Ok(u) = url::Url::parse(&p.url) else { return false };
    match u.host_str() {
        Some("api.example.com" | "cdn.example.com") => reqwest::get(u).await.is_ok(),
        _ => false,
    }
}

pub async fn any_host(Query(p): Query<P>) -> bool {
    let Ok(u) = url::Url::parse(&p.url) else { return false };
    if !matches!(u.host_str(), Some(_)) {
        return false;
    }
    reqwest::get(u).await.is_ok() //~ ssrf
}
