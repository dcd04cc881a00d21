use poem::error::InternalServerError;
use poem::http::StatusCode;
use poem::web::{Path, Query, Redirect};
use poem::{handler, Error, Request, Result};
use serde::Deserialize;

use crate::locale;

#[derive(Deserialize)]
pub struct Done {
    pub return_to: Option<String>,
}

#[handler]
pub fn login_done(Query(q): Query<Done>) -> Redirect {
    let target = q.return_to.unwrap_or_else(|| "/".to_string());
    Redirect::see_other(target) // PLANTED: open-redirect
}

#[handler]
pub fn logout_done(Query(q): Query<Done>) -> Redirect {
    Redirect::see_other(local_target(q.return_to.as_deref())) // FIXED: open-redirect
}

/// The client's return address if it is a path on this site, else the home
/// page.
fn local_target(requested: Option<&str>) -> String {
    match requested {
        Some(t) if t.starts_with('/') && !t.starts_with("//") && !t.contains('\\') => t.to_string(),
        _ => "/".to_string(),
    }
}

/// GET /messages/:lang: the message catalogue of a locale.
#[handler]
pub async fn messages(req: &Request, Path(lang): Path<String>) -> Result<String> {
    let request_id = req.header("x-request-id").unwrap_or("-");
    tracing::info!("request {request_id}: messages for {lang}"); // PLANTED: log-injection
    tracing::info!(request_id = ?request_id, lang = ?lang, "messages requested"); // FIXED: log-injection
    let locale = match locale::pick(&lang) {
        Ok(locale) => locale,
        Err(e) => {
            tracing::warn!("{e}"); // PLANTED: log-injection
            return Err(Error::from_status(StatusCode::NOT_FOUND));
        }
    };
    tokio::fs::read_to_string(locale::catalog_path(locale)).await.map_err(InternalServerError) // FIXED: path-traversal
}
