use axum::extract::{Json, Query};

#[derive(serde::Deserialize)]
pub struct Login {
    pub user: String,
    pub attempts: u32,
}

// Debug formatting escapes line breaks.
pub async fn login(Query(l): Query<Login>) -> &'static str {
    log::info!("login attempt for {:?}", l.user);
    "ok"
}

// Structured fields with Debug (`?`), and numbers.
pub async fn track(Json(l): Json<Login>) {
    tracing::warn!(user = ?l.user, attempts = l.attempts, "unusual login");
    log::warn!("{} attempts", l.attempts);
}

pub fn startup() {
    let version = env!("CARGO_PKG_VERSION");
    log::info!("starting version {version}");
}
