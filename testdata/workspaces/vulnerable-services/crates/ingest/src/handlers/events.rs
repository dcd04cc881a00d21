use std::sync::Arc;

use http_body_util::BodyExt;
use hyper::body::Incoming;
use hyper::{Request, StatusCode};
use serde::Deserialize;

use crate::body;
use crate::config::IngestConfig;
use crate::query;
use crate::router::{plain, HttpError, HttpResponse};
use crate::store::Store;

#[derive(Deserialize)]
pub struct Event {
    pub stream: String,
    pub kind: String,
    pub payload: serde_json::Value,
}

/// POST /events: one JSON event.
pub async fn ingest(req: Request<Incoming>, store: &Store) -> Result<HttpResponse, HttpError> {
    let bytes = body::read_limited(req.into_body()).await?;
    let event: Event = serde_json::from_slice(&bytes).map_err(|_| HttpError::bad_request())?;
    store.append(&event).await?;
    Ok(plain(StatusCode::ACCEPTED, "accepted"))
}

/// POST /events/bulk: a JSON array of events.
pub async fn ingest_bulk(req: Request<Incoming>, store: &Store) -> Result<HttpResponse, HttpError> {
    let bytes = req.into_body().collect().await.map_err(|_| HttpError::bad_request())?.to_bytes(); // PLANTED: uncontrolled-allocation
    let events: Vec<Event> = serde_json::from_slice(&bytes).map_err(|_| HttpError::bad_request())?;
    for event in events.iter().filter(|e| !e.kind.is_empty()) {
        store.append_bound(event).await?;
    }
    Ok(plain(StatusCode::ACCEPTED, "accepted"))
}

/// GET /events/tail?stream=…&limit=…
pub async fn tail(req: Request<Incoming>, store: &Store) -> Result<HttpResponse, HttpError> {
    let stream = query::param(req.uri(), "stream").ok_or_else(HttpError::bad_request)?;
    let limit = query::param(req.uri(), "limit").and_then(|v| v.parse::<u32>().ok()).unwrap_or(100);
    let rows = store.tail(&stream, limit).await?;
    Ok(plain(StatusCode::OK, rows.into_iter().map(|(_, payload)| payload + "\n").collect::<String>()))
}

/// GET /v2/events/tail?stream=…&limit=…
pub async fn tail_checked(req: Request<Incoming>, store: &Store) -> Result<HttpResponse, HttpError> {
    let stream = query::param(req.uri(), "stream").ok_or_else(HttpError::bad_request)?;
    let limit = query::param(req.uri(), "limit").and_then(|v| v.parse::<u32>().ok()).unwrap_or(100);
    let rows = store.tail_checked(&stream, limit).await?;
    Ok(plain(StatusCode::OK, rows.into_iter().map(|(_, payload)| payload + "\n").collect::<String>()))
}

/// GET /spool: how much is waiting in the spool file.
pub async fn spool_status(req: Request<Incoming>) -> Result<HttpResponse, HttpError> {
    let Some(config) = req.extensions().get::<Arc<IngestConfig>>().cloned() else {
        return Err(HttpError::internal());
    };
    let meta = tokio::fs::metadata(config.spool_dir.join("events.log")).await.map_err(|_| HttpError::internal())?; // FIXED: path-traversal
    Ok(plain(StatusCode::OK, format!("{} bytes spooled", meta.len())))
}
