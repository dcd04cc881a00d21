use axum::extract::Query;

use crate::shell;

#[derive(serde::Deserialize)]
pub struct Req {
    pub host: String,
}

// The source is here; the sink is in another file, two calls down.
pub async fn check(Query(r): Query<Req>) -> bool {
    let host = r.host.trim().to_string();
    shell::probe(&host)
}

// Passing a constant through the same helpers is fine.
pub async fn check_default() -> bool {
    shell::probe("localhost")
}
