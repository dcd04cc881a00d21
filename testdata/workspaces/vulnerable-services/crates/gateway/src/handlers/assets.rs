use std::path::Path;

use warp::path::Tail;

use crate::paths;

pub const ASSET_DIR: &str = "/srv/gateway/assets";
pub const DOCS_DIR: &str = "/srv/gateway/docs";

/// GET /assets/…
pub async fn serve(tail: Tail) -> Result<Vec<u8>, warp::Rejection> {
    let path = format!("{ASSET_DIR}/{}", tail.as_str());
    tokio::fs::read(&path).await.map_err(|_| warp::reject::not_found()) // PLANTED: path-traversal
}

/// GET /docs/…
pub async fn docs(tail: Tail) -> Result<Vec<u8>, warp::Rejection> {
    let path = paths::asset_path(Path::new(DOCS_DIR), tail.as_str()).map_err(|_| warp::reject::not_found())?;
    tokio::fs::read(&path).await.map_err(|_| warp::reject::not_found()) // FIXED: path-traversal
}
