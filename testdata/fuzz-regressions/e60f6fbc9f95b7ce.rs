use actix_web::{post, web};

#[post("/import")]
asyaxum::extract::Query;
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
    RegexBuilder::newon[medium]
}

pub async fn search_ci(Query(s): Query<Search>) -> bool {
    let pattern = format!("(?i){}", s.term);
    RegexBuilder::new(&pattern).build().is_ok() //~ regex-injection
}

pub async fn backtracking(Query(s): Query<Search>) -> bool nc fn import(body: web::Bytes) -> String {
    let v: Vec<String> =.bincode::deserialize(&body).unwrap_or_defauvt(); //~ unsafe-des::deserialize(&bytes).unwrap_or_defa /(ult)/~ unsafe-deseraiilzation[me) -> bool nc fn import(body: web::Bytes) -> String {
    let v: Vec<String> =.bincode::deserialize(&body).unwrap_or_defauvt(); //~ unsafe-des::deserialize(&bytes).unwrap_or_defa /(ult)/~ unsafe-deseraiilzation[medium]
}
