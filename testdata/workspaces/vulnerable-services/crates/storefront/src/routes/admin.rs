use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::Json;
use serde::Deserialize;

use crate::db::products::ProductRepo;
use crate::db::reports;
use crate::error::AppError;
use crate::services::notify::Notifier;
use crate::AppState;

#[derive(Deserialize)]
pub struct ReportRequest {
    pub label: String,
}

#[derive(Deserialize)]
pub struct WebhookTest {
    pub url: String,
    pub verified: bool,
}

pub async fn archive(State(state): State<AppState>, Path(sku): Path<String>) -> Result<StatusCode, AppError> {
    let changed = ProductRepo::new(state.pool.clone()).archive(&sku).await?;
    Ok(if changed == 0 { StatusCode::NOT_FOUND } else { StatusCode::NO_CONTENT })
}

pub async fn restore(State(state): State<AppState>, Path(sku): Path<String>) -> Result<StatusCode, AppError> {
    let changed = ProductRepo::new(state.pool.clone()).restore(&sku).await?;
    Ok(if changed == 0 { StatusCode::NOT_FOUND } else { StatusCode::NO_CONTENT })
}

pub async fn run_report(State(state): State<AppState>, Json(req): Json<ReportRequest>) -> Result<StatusCode, AppError> {
    let url = &state.settings.reports_database_url;
    reports::record_run(url, &req.label).await?;
    reports::mark_done(url, &req.label).await?;
    Ok(StatusCode::ACCEPTED)
}

pub async fn test_webhook(State(state): State<AppState>, Json(req): Json<WebhookTest>) -> Result<StatusCode, AppError> {
    let notifier = Notifier::new(state.http.clone());
    if req.verified {
        notifier.ping_verified(&req.url).await?;
    } else {
        notifier.ping(&req.url).await?;
    }
    Ok(StatusCode::NO_CONTENT)
}
