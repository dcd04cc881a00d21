use std::sync::Arc;

use serde::Deserialize;

use super::UpstreamFailed;
use crate::config::GatewayConfig;

/// What the profile service says about a user's avatar: users set the URL
/// and upload the file themselves.
#[derive(Deserialize)]
struct AvatarMeta {
    source_url: String,
    file_name: String,
    content_type: String,
}

/// POST /avatars/:user/refresh: fetches a user's avatar into the local cache.
pub async fn refresh(user: String, client: reqwest::Client, config: Arc<GatewayConfig>) -> Result<impl warp::Reply, warp::Rejection> {
    let user_id: u64 = user.parse().map_err(|_| warp::reject::not_found())?;
    let failed = |_| warp::reject::custom(UpstreamFailed);
    let meta: AvatarMeta = client.get(format!("{}/users/{user_id}/avatar", config.profile_service)).send().await.map_err(failed)?.json().await.map_err(failed)?; // FIXED: ssrf
    let image = client.get(&meta.source_url).send().await.map_err(failed)?.bytes().await.map_err(failed)?; // PLANTED: ssrf
    tokio::fs::write(config.avatar_dir.join("originals").join(&meta.file_name), &image).await.map_err(|_| warp::reject::custom(UpstreamFailed))?; // PLANTED: path-traversal
    let ext = match meta.content_type.as_str() {
        "image/png" => "png",
        "image/webp" => "webp",
        _ => "jpg",
    };
    tokio::fs::write(config.avatar_dir.join(format!("{user_id}.{ext}")), &image).await.map_err(|_| warp::reject::custom(UpstreamFailed))?; // FIXED: path-traversal
    Ok(warp::reply())
}
