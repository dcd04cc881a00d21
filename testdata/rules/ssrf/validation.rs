use axum::extract::Query;
use url::Url;

const HOOK_HOSTS: &[&str] = &["hooks.example.com", "events.example.org"];

#[derive(serde::Deserialize)]
pub struct Hook {
    pub url: String,
}

// Parsed, then https on an allow-listed host (the condition kept in a local).
pub async fn verified(Query(h): Query<Hook>) -> Result<(), String> {
    let target = Url::parse(&h.url).map_err(|e| e.to_string())?;
    let allowed = target.scheme() == "https" && target.host_str().is_some_and(|host| HOOK_HOSTS.contains(&host));
    if !allowed {
        return Err(format!("host not allowed: {}", h.url));
    }
    reqwest::get(target).await.map_err(|e| e.to_string())?;
    Ok(())
}

// Only the scheme is checked.
pub async fn https_only(Query(h): Query<Hook>) -> Result<(), String> {
    let target = Url::parse(&h.url).map_err(|e| e.to_string())?;
    let allowed = target.scheme() == "https";
    if !allowed {
        return Err("https only".to_string());
    }
    reqwest::get(target).await.map_err(|e| e.to_string())?; //~ ssrf
    Ok(())
}

// The host taken out first, then checked against the allow-list.
pub async fn partner(Query(h): Query<Hook>) -> Option<String> {
    let url = Url::parse(&h.url).ok()?;
    let host = url.host_str()?;
    if !HOOK_HOSTS.contains(&host) {
        return None;
    }
    reqwest::get(url).await.ok()?.text().await.ok()
}

// A host taken out but never checked.
pub async fn unchecked(Query(h): Query<Hook>) -> Option<String> {
    let url = Url::parse(&h.url).ok()?;
    let host = url.host_str()?;
    if host.is_empty() {
        return None;
    }
    reqwest::get(url).await.ok()?.text().await.ok() //~ ssrf
}
