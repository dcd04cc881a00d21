use std::collections::HashMap;

use axum::extract::{Json, Query};

#[derive(serde::Deserialize)]
pub struct Hook {
    pub callback: String,
}

pub async fn preview(Query(p): Query<HashMap<String, String>>) -> String {
    let url = p.get("url").cloned().unwrap_or_default();
    reqwest::get(&url).await.map(|_| String::new()).unwrap_or_default() //~ ssrf[high]
}

// A typed client from a builder chain.
pub async fn register(Json(h): Json<Hook>) -> bool {
    let client = reqwest::Client::builder().timeout(std::time::Duration::from_secs(5)).build().unwrap_or_default();
    client.post(&h.callback).send().await.is_ok() //~ ssrf
}

// A blocking client held in a struct field... passed as a parameter.
pub fn fetch(client: &reqwest::blocking::Client, url: &str) -> bool {
    client.get(url).send().is_ok()
}

#[actix_web::post("/fetch")]
async fn fetch_handler(body: String) -> &'static str {
    let c = reqwest::blocking::Client::new();
    fetch(&c, &body); //~^^^^^^ ssrf
    "ok"
}

// ureq with a URL formatted from input.
pub async fn proxy(Query(p): Query<HashMap<String, String>>) -> bool {
    let host = p.get("host").cloned().unwrap_or_default();
    ureq::get(&format!("http://{host}/status")).call().is_ok() //~ ssrf
}
