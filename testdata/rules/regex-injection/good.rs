use axum::extract::Query;
use regex::Regex;

#[derive(serde::Deserialize)]
pub struct Search {
    pub term: String,
}

pub async fn search(Query(s): Query<Search>) -> bool {
    Regex::new(&regex::escape(&s.term)).is_ok()
}

pub async fn literal(Query(s): Query<Search>) -> bool {
    "some text".contains(&s.term)
}

pub fn constant() -> bool {
    Regex::new(r"^[a-z0-9_]+$").is_ok()
}
