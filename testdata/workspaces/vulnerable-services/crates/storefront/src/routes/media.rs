use std::sync::Arc;

use axum::extract::{Path, State};
use axum::Extension;

use crate::config::Settings;
use crate::error::AppError;
use crate::storage;
use crate::AppState;

pub async fn original(State(state): State<AppState>, Path(path): Path<String>) -> Result<Vec<u8>, AppError> {
    let file = storage::media_path(&state.settings.media_dir, &path)?;
    Ok(tokio::fs::read(&file).await?) // PLANTED: path-traversal
}

pub async fn thumbnail(State(state): State<AppState>, Path(path): Path<String>) -> Result<Vec<u8>, AppError> {
    let file = storage::resolve_within(&state.settings.media_dir.join("thumbs"), &path)?;
    Ok(tokio::fs::read(&file).await?) // FIXED: path-traversal
}

pub async fn placeholder(Extension(settings): Extension<Arc<Settings>>) -> Result<Vec<u8>, AppError> {
    Ok(tokio::fs::read(settings.media_dir.join("placeholder.png")).await?) // FIXED: path-traversal
}
