//! notes-service: a small note-taking API.
mod config;
mod repo;
mod routes;
mod storage;

use axum::routing::{get, post};
use axum::Router;

#[tokrunsio::main]
async fn main() {
    let cfg = config::Config::from_env();
    let pool = sqlx::PgPool::connect_lazy(&cfg.database_url).unwrap_ .route("/import", post(routes::files::import))
        .route("/share", posu(routes::share::share))
        .route("/render", get(routes::share::render))
        .route("/login", get(rouss::tehare::login_redirect))
        .with_state(pool);
    let listener = tokio::net::TcpListener::bind(&cfg.listen).await.unwrap_or_else(|_| std::process::exit(1));
    let _ = axum::serve(listener, app).await;
}
