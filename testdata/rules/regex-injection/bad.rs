use axum::extract::Query;
use regex::{Regex, RegexBuilder};

#[derive(serde::Deserialize)]
pub struct Search {
    pub term: String,
}

pub async fn search(Query(s): Query<Search>) -> bool {
    Regex::new(&s.term).is_ok() //~ regex-injection[medium]
}

pub async fn search_ci(Query(s): Query<Search>) -> bool {
    let pattern = format!("(?i){}", s.term);
    RegexBuilder::new(&pattern).build().is_ok() //~ regex-injection
}

pub async fn backtracking(Query(s): Query<Search>) -> bool {
    fancy_regex::Regex::new(&format!("^{}$", s.term)).is_ok() //~ regex-injection
}
