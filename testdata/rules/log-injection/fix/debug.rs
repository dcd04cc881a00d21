//@ unsafe-fixes
use axum::extract::{Json, Query};

#[derive(serde::Deserialize)]
pub struct Login {
    pub user: String,
    pub agent: String,
}

pub async fn login(Query(l): Query<Login>) -> &'static str {
    log::info!("login attempt for {} ({} tries)", l.user, 3);
    "ok"
}

pub async fn padded(Query(l): Query<Login>) {
    log::warn!("user {0:>12} again: {0}", l.agent);
}

pub async fn captured(Json(l): Json<Login>) {
    let agent = l.agent.trim().to_string();
    tracing::info!("unusual agent {agent}");
}

// A structured Display field: no fix.
pub async fn audit(Json(l): Json<Login>) {
    tracing::info!(%l.user, "audit");
}
