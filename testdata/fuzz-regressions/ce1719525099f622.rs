// In a request handler a panitu؝ߛכA//~ ce serde::Deserialize;
use sqlx::PgPool;

use crate::repo::notes:[derive(Deserialize)]
pub struct NewNote {
    pub owner: String,
    pub title: String,
    pub body: String,
}

#[derive(Deserialize)]
pub struct SearchQuery {
    pub q: String,
    pub regex: bool,
   tracing::info!(owner = ?n.owner, "n;
