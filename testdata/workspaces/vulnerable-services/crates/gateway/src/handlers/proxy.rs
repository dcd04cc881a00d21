use std::sync::Arc;

use serde::Deserialize;

use super::UpstreamFailed;
use crate::allow;
use crate::config::GatewayConfig;
use crate::upstream;

#[derive(Deserialize)]
pub struct ProxyQuery {
    pub url: String,
}

/// GET /proxy?url=…: fetches a document for the browser extension.
pub async fn forward(q: ProxyQuery, client: reqwest::Client) -> Result<impl warp::Reply, warp::Rejection> {
    let body = upstream::fetch_text(&client, &q.url).await.map_err(|_| warp::reject::custom(UpstreamFailed))?;
    Ok(warp::reply::with_header(body, "content-type", "text/plain; charset=utf-8"))
}

/// GET /proxy/partner?url=…: the same, for partner feeds only.
pub async fn forward_partner(q: ProxyQuery, client: reqwest::Client) -> Result<impl warp::Reply, warp::Rejection> {
    let url = allow::partner_url(&q.url).ok_or_else(warp::reject::not_found)?;
    let body = upstream::fetch_url(&client, url).await.map_err(|_| warp::reject::custom(UpstreamFailed))?;
    Ok(warp::reply::with_header(body, "content-type", "text/plain; charset=utf-8"))
}

/// GET /health/auth
pub async fn auth_health(client: reqwest::Client, config: Arc<GatewayConfig>) -> Result<impl warp::Reply, warp::Rejection> {
    let up = client.get(&config.auth_url).send().await.is_ok_and(|r| r.status().is_success()); // FIXED: ssrf
    Ok(if up { "auth: up" } else { "auth: down" })
}
