// Inline captures in a logging macro's format string (Rust 2021): `{name}`
// formats with Display and can carry a line break; `{name:?}` (and
// `{name:#?}`, `{name:>8?}`) formats with Debug, which escapes it.
use axum::extract::{Path, Query};

#[derive(serde::Deserialize)]
pub struct Search {
    pub q: String,
}

pub async fn listing(Path(dir): Path<String>) -> &'static str {
    let full = std::path::Path::new("/srv/files").join(&dir);
    log::info!("listing {full:?}");
    tracing::debug!("listing {dir:#?} as {full:?}");
    log::warn!("listing {dir}"); //~ log-injection
    "ok"
}

// Debug and Display of two different values: only the Display one counts.
pub async fn search(Query(s): Query<Search>) -> &'static str {
    let terms: Vec<&str> = s.q.split(' ').collect();
    log::debug!("terms {terms:?}");
    let first = terms.first().copied().unwrap_or_default();
    tracing::info!("search {terms:?} starting with {first}"); //~ log-injection
    "ok"
}

// A format string after structured fields: its captures are read too.
pub async fn fetch(Path(name): Path<String>) {
    tracing::info!(status = 200, "fetched {name:?}");
    tracing::info!(status = 200, "fetched {name}"); //~ log-injection
}
