//! Request handlers.
use std::collections::HashMap;
use std::process::Command;

use axum::extract::{Path, Query, State};
use axum::response::Html;
use axum::Json;
use serde::Deserialize;
use sqlx::PgPool;

use crate::db;

#[derive(Deserialize)]
pub struct UserQuery {
    pub name: String,
}

/// GET /users?name=...
pub async fn find_user(State(pool): State<PgPool>, Query(q): Query<UserQuery>) -> Json<Vec<String>> {
    // PLANTED(sql-injection): the name is formatted into the SQL text.
    let sql = format!("SELECT email FROM users WHERE name = '{}'", q.name);
    let rows: Vec<(String,)> = sqlx::query_as(&sql).fetch_all(&pool).await.unwrap_or_default();
    Json(rows.into_iter().map(|r| r.0).collect())
}

/// GET /documents/:name
pub async fn read_document(Path(name): Path<String>) -> String {
    // PLANTED(path-traversal): `../../etc/passwd` escapes the documents directory.
    let path = format!("/srv/vault/documents/{name}");
    std::fs::read_to_string(path).unwrap_or_default()
}

#[derive(Deserialize)]
pub struct ReportRequest {
    pub format: String,
    pub title: String,
    pub rows: usize,
}

/// POST /reports
pub async fn render_report(State(pool): State<PgPool>, Json(req): Json<ReportRequest>) -> Vec<u8> {
    // PLANTED(command-injection): the format is passed to a shell.
    let out = Command::new("sh")
        .arg("-c")
        .arg(format!("render-report --format {} --title '{}'", req.format, req.title))
        .output();
    // PLANTED(uncontrolled-allocation): the client chooses the buffer size.
    let mut buf = Vec::with_capacity(req.rows * 1024);
    // PLANTED(sql-injection, cross-file): the title reaches SQL through a helper in db.rs.
    db::audit(&pool, &req.title).await;
    // PLANTED(panic): a client-controlled value is unwrapped in a handler.
    buf.extend_from_slice(&out.unwrap().stdout);
    buf
}

/// GET /preview?url=...
pub async fn fetch_preview(Query(params): Query<HashMap<String, String>>) -> String {
    let url = params.get("url").cloned().unwrap_or_default();
    // PLANTED(ssrf): the server fetches any URL the client names.
    let body = reqwest::get(&url).await.map(|r| r.text());
    match body {
        Ok(f) => f.await.unwrap_or_default(),
        Err(_) => String::new(),
    }
}

/// GET /greet?name=...
pub async fn greet(Query(q): Query<UserQuery>) -> Html<String> {
    // PLANTED(log-injection): newlines in `name` forge log lines.
    tracing::info!("greeting {}", q.name);
    // PLANTED(xss): user input is placed in HTML without escaping.
    Html(format!("<h1>Hello, {}!</h1>", q.name))
}

/// GET /health — fine: no input, no panics.
pub async fn health() -> &'static str {
    "ok"
}

/// A safe query with bind parameters: must not be reported.
pub async fn count_documents(pool: &PgPool, owner: &str) -> i64 {
    sqlx::query_scalar("SELECT count(*) FROM documents WHERE owner = $1")
        .bind(owner)
        .fetch_one(pool)
        .await
        .unwrap_or(0)
}
