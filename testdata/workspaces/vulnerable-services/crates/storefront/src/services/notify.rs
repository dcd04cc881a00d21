use serde_json::json;
use url::Url;

use crate::error::AppError;

/// Hosts a verified webhook may point at.
const WEBHOOK_HOSTS: &[&str] = &["hooks.slack.com", "discord.com", "events.pagerduty.com"];

pub struct Notifier {
    http: reqwest::Client,
}

impl Notifier {
    pub fn new(http: reqwest::Client) -> Notifier {
        Notifier { http }
    }

    pub async fn ping(&self, url: &str) -> Result<(), AppError> {
        self.http.post(url).json(&json!({ "event": "ping" })).send().await?; // PLANTED: ssrf
        Ok(())
    }

    pub async fn ping_verified(&self, url: &str) -> Result<(), AppError> {
        let target = Url::parse(url).map_err(|_| AppError::BadRequest)?;
        let allowed = target.scheme() == "https" && target.host_str().is_some_and(|h| WEBHOOK_HOSTS.contains(&h));
        if !allowed {
            return Err(AppError::BadRequest);
        }
        self.http.post(target).json(&json!({ "event": "ping" })).send().await?; // FIXED: ssrf
        Ok(())
    }
}
