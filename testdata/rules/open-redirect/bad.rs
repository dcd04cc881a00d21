use actix_web::{HttpResponse, get, web};
use axum::extract::Query;
use axum::response::Redirect;

#[derive(serde::Deserialize)]
pub struct Next {
    pub next: String,
}

pub async fn after_login(Query(n): Query<Next>) -> Redirect {
    Redirect::to(&n.next) //~ open-redirect[medium]
}

#[get("/out")]
async fn out(q: web::Query<Next>) -> HttpResponse {
    HttpResponse::Found().append_header(("Location", q.next.clone())).finish() //~ open-redirect
}
