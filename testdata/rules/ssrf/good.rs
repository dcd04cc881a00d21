use std::collections::HashMap;

use axum::extract::Query;

// A fixed base URL with a numeric id.
pub async fn preview(Query(p): Query<HashMap<String, String>>) -> String {
    let id: u64 = p.get("id").and_then(|s| s.parse().ok()).unwrap_or(0);
    reqwest::get(format!("https://api.example.com/items/{id}")).await.map(|_| String::new()).unwrap_or_default()
}

// Host checked against an allow-list after parsing.
pub async fn fetch(Query(p): Query<HashMap<String, String>>) -> bool {
    let raw = p.get("url").cloned().unwrap_or_default();
    let Ok(url) = url::Url::parse(&raw) else { return false };
    if url.host_str() != Some("images.example.com") {
        return false;
    }
    reqwest::get(url).await.is_ok()
}

// The server's own configuration (environment sources are off for SSRF).
pub async fn health() -> bool {
    let upstream = std::env::var("UPSTREAM_URL").unwrap_or_default();
    reqwest::get(&upstream).await.is_ok()
}

// `get` on a map is not a request.
pub async fn lookup(Query(p): Query<HashMap<String, String>>) -> String {
    let cache: HashMap<String, String> = HashMap::new();
    let key = p.get("key").cloned().unwrap_or_default();
    cache.get(&key).cloned().unwrap_or_default()
}
