//! The vault HTTP API.
mod auth;
mod db;
mod handlers;

use axum::routing::{get, post};
use axum::Router;
use tower_http::cors::CorsLayer;

#[tokio::main]
async fn main() {
    let db_url = std::env::var("DATABASE_URL").unwrap_or_else(|_| "postgres://localhost/vault".to_string());
    let pool = sqlx::PgPool::connect(&db_url).await.expect("database reachable at startup");

    let app = Router::new()
        .route("/users", get(handlers::find_user))
        .route("/documents/:name", get(handlers::read_document))
        .route("/reports", post(handlers::render_report))
        .route("/preview", get(handlers::fetch_preview))
        .route("/greet", get(handlers::greet))
        .route("/login", post(auth::login))
        .route("/health", get(handlers::health))
        // PLANTED(cors): any origin may call the API with credentials.
        .layer(CorsLayer::very_permissive())
        .with_state(pool);

    let listener = tokio::net::TcpListener::bind("0.0.0.0:8080").await.expect("port 8080 free");
    axum::serve(listener, app).await.expect("server runs");
}
