use poem::error::{BadRequest, InternalServerError};
use poem::web::{Data, Json, Query};
use poem::{handler, Result};
use regex::Regex;
use serde::Deserialize;

use crate::config::WikiConfig;
use crate::store::pages::{PageStore, PageSummary};

#[derive(Deserialize)]
pub struct SearchQuery {
    pub q: String,
    /// `regex` to match `q` as a regular expression.
    pub mode: Option<String>,
}

#[handler]
pub async fn search(Query(params): Query<SearchQuery>, store: Data<&PageStore>, cfg: Data<&WikiConfig>) -> Result<Json<Vec<PageSummary>>> {
    let pages = store.recent().await.map_err(InternalServerError)?;
    let matcher = if params.mode.as_deref() == Some("regex") {
        Regex::new(&format!("(?i){}", params.q)) // PLANTED: regex-injection
    } else {
        Regex::new(&format!("(?i){}", regex::escape(&params.q))) // FIXED: regex-injection
    };
    let matcher = matcher.map_err(BadRequest)?;
    let spam = Regex::new(&cfg.spam_pattern).map_err(InternalServerError)?; // FIXED: regex-injection
    Ok(Json(pages.into_iter().filter(|p| matcher.is_match(&p.title) && !spam.is_match(&p.title)).collect()))
}
