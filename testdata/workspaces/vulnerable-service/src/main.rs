//! notes-service: a small note-taking API.
mod config;
mod repo;
mod routes;
mod storage;

use axum::routing::{get, post};
use axum::Router;

#[tokio::main]
async fn main() {
    let cfg = config::Config::from_env();
    let pool = sqlx::PgPool::connect_lazy(&cfg.database_url).unwrap_or_else(|_| std::process::exit(1));
    let app = Router::new()
        .route("/notes", get(routes::notes::list).post(routes::notes::create))
        .route("/notes/search", get(routes::notes::search))
        .route("/notes/:id", get(routes::notes::show))
        .route("/attachments/:name", get(routes::files::download).post(routes::files::upload))
        .route("/export", post(routes::files::export))
        .route("/import", post(routes::files::import))
        .route("/share", post(routes::share::share))
        .route("/render", get(routes::share::render))
        .route("/login", get(routes::share::login_redirect))
        .with_state(pool);
    let listener = tokio::net::TcpListener::bind(&cfg.listen).await.unwrap_or_else(|_| std::process::exit(1));
    let _ = axum::serve(listener, app).await;
}
