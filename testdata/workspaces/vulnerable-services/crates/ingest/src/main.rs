//! ingest: the event ingestion endpoint (hyper, SQLite through sqlx).
mod body;
mod codec;
mod config;
mod handlers;
mod query;
mod router;
mod store;

use std::sync::Arc;

use hyper::body::Incoming;
use hyper::server::conn::http1;
use hyper::service::service_fn;
use hyper::Request;
use hyper_util::rt::TokioIo;
use tokio::net::TcpListener;

use crate::config::IngestConfig;
use crate::store::Store;

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error + Send + Sync>> {
    tracing_subscriber::fmt::init();
    let config = Arc::new(IngestConfig::from_env());
    let store = Store::connect(&config.database_url).await?;
    let listener = TcpListener::bind(config.listen).await?;
    loop {
        let (stream, _) = listener.accept().await?;
        let io = TokioIo::new(stream);
        let config = config.clone();
        let store = store.clone();
        tokio::spawn(async move {
            let service = service_fn(move |mut req: Request<Incoming>| {
                req.extensions_mut().insert(config.clone());
                router::route(req, store.clone())
            });
            if let Err(e) = http1::Builder::new().serve_connection(io, service).await {
                tracing::debug!(error = ?e, "connection closed");
            }
        });
    }
}
