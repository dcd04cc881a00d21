//! storefront: the shop's public API (axum, MySQL through sqlx).
mod config;
mod db;
mod error;
mod feed;
mod routes;
mod services;
mod storage;

use std::sync::Arc;

use axum::routing::{delete, get, post};
use axum::{Extension, Router};
use sqlx::mysql::MySqlPoolOptions;
use sqlx::MySqlPool;

use crate::config::Settings;

#[derive(Clone)]
pub struct AppState {
    pub pool: MySqlPool,
    pub settings: Arc<Settings>,
    pub http: reqwest::Client,
    pub banner: Arc<String>,
}

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    tracing_subscriber::fmt::init();
    let settings = Arc::new(Settings::from_env()?);
    let pool = MySqlPoolOptions::new().max_connections(16).connect(&settings.database_url).await?;
    let banner = storage::templates::load_banner(&settings.template_dir).await?;
    let state = AppState {
        pool: pool.clone(),
        settings: settings.clone(),
        http: reqwest::Client::new(),
        banner: Arc::new(banner),
    };

    tokio::spawn(feed::run_every(pool, settings.clone()));

    let app = Router::new()
        .route("/", get(routes::products::home))
        .route("/products", get(routes::products::list))
        .route("/products/featured", get(routes::products::featured))
        .route("/products/:id", get(routes::products::show))
        .route("/products/by-ref/:reference", get(routes::products::by_reference))
        .route("/stock", get(routes::products::stock))
        .route("/orders", post(routes::orders::place))
        .route("/orders/batch", post(routes::orders::batch))
        .route("/media/placeholder", get(routes::media::placeholder))
        .route("/media/thumbs/*path", get(routes::media::thumbnail))
        .route("/media/originals/*path", get(routes::media::original))
        .route("/admin/products/:sku", delete(routes::admin::archive))
        .route("/admin/products/:sku/restore", post(routes::admin::restore))
        .route("/admin/reports", post(routes::admin::run_report))
        .route("/admin/webhooks/test", post(routes::admin::test_webhook))
        .layer(Extension(settings.clone()))
        .with_state(state);

    let listener = tokio::net::TcpListener::bind(&settings.listen).await?;
    axum::serve(listener, app).await?;
    Ok(())
}
