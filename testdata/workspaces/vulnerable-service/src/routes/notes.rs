use axum::extract::{Json, Path, Query, State};
use serde::Deserialize;
use sqlx::PgPool;

use crate::repo::notes::NoteRepo;

#[derive(Deserialize)]
pub struct ListQuery {
    pub owner: String,
    pub sort: String,
    pub limit: i64,
}

#[derive(Deserialize)]
pub struct NewNote {
    pub owner: String,
    pub title: String,
    pub body: String,
}

#[derive(Deserialize)]
pub struct SearchQuery {
    pub q: String,
    pub regex: bool,
}

pub async fn list(State(pool): State<PgPool>, Query(q): Query<ListQuery>) -> Json<Vec<String>> {
    let repo = NoteRepo::new(pool);
    Json(repo.list(&q.owner, &q.sort, q.limit).await)
}

pub async fn create(State(pool): State<PgPool>, Json(n): Json<NewNote>) -> &'static str {
    tracing::info!("creating note {} for {}", n.title, n.owner); // PLANTED: log-injection
    tracing::info!(owner = ?n.owner, "note created"); // FIXED: log-injection
    let repo = NoteRepo::new(pool);
    repo.insert(&n.owner, &n.title, &n.body).await;
    "created"
}

pub async fn search(State(pool): State<PgPool>, Query(s): Query<SearchQuery>) -> Json<Vec<String>> {
    let titles = NoteRepo::new(pool).all_titles().await;
    if s.regex {
        let re = regex::Regex::new(&s.q); // PLANTED: regex-injection
        return Json(titles.into_iter().filter(|t| re.as_ref().is_ok_and(|r| r.is_match(t))).collect());
    }
    let re = regex::Regex::new(&regex::escape(&s.q)); // FIXED: regex-injection
    Json(titles.into_iter().filter(|t| re.as_ref().is_ok_and(|r| r.is_match(t))).collect())
}

pub async fn show(State(pool): State<PgPool>, Path(id): Path<i64>) -> Json<Vec<String>> {
    // A numeric path parameter cannot inject SQL.
    Json(NoteRepo::new(pool).by_id(id).await)
}
