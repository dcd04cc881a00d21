use axum::extract::{Json, Query};

#[derive(serde::Deserialize)]
pub struct Login {
    pub user: String,
    pub agent: String,
}

pub async fn login(Query(l): Query<Login>) -> &'static str {
    log::info!("login attempt for {}", l.user); //~ log-injection[low]
    "ok"
}

pub async fn track(Json(l): Json<Login>) {
    let agent = l.agent.trim().to_string();
    tracing::warn!(user = %l.user, "unusual agent {agent}"); //~ log-injection
}

pub async fn audit(Json(l): Json<Login>) {
    tracing::info!(%l.user, "audit"); //~ log-injection
}
