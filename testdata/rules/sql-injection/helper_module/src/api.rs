use axum::extract::{Query, State};
use sqlx::PgPool;

use crate::repo::UserRepo;

#[derive(serde::Deserialize)]
pub struct Q {
    pub email: String,
}

pub async fn find(State(pool): State<PgPool>, Query(q): Query<Q>) -> usize {
    let repo = UserRepo { pool };
    repo.by_email(&q.email).await
}

pub async fn count(State(pool): State<PgPool>) -> usize {
    let repo = UserRepo { pool };
    repo.by_email("admin@example.com").await
}
