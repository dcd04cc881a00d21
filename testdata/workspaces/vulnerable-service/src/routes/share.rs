use std::collections::HashMap;

use axum::extract::{Json, Query};
use axum::response::{Html, Redirect};
use serde::Deserialize;

#[derive(Deserialize)]
pub struct Share {
    pub webhook: String,
    pub title: String,
}

pub async fn share(Json(s): Json<Share>) -> &'static str {
    let client = reqwest::Client::new();
    let _ = client.post(&s.webhook).body(s.title.clone()).send().await; // PLANTED: ssrf
    if let Ok(u) = url::Url::parse(&s.webhook)
        && u.host_str() == Some("hooks.slack.com")
    {
        let _ = client.post(u).body(s.title).send().await; // FIXED: ssrf
    }
    "shared"
}

pub async fn render(Query(p): Query<HashMap<String, String>>) -> Html<String> {
    let title = p.get("title").cloned().unwrap_or_default();
    if p.contains_key("safe") {
        return Html(format!("<h1>{}</h1>", html_escape::encode_text(&title))); // FIXED: xss
    }
    Html(format!("<h1>{title}</h1>")) // PLANTED: xss
}

pub async fn login_redirect(Query(p): Query<HashMap<String, String>>) -> Redirect {
    let next = p.get("next").cloned().unwrap_or_else(|| "/".into());
    if p.contains_key("strict") {
        let target = if next.starts_with('/') && !next.starts_with("//") { next.as_str() } else { "/" };
        return Redirect::to("/notes"); // FIXED: open-redirect
    }
    Redirect::to(&next) // PLANTED: open-redirect
}
