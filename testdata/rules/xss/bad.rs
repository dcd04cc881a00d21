use actix_web::{HttpResponse, get, web};
use axum::extract::Query;
use axum::response::Html;

#[derive(serde::Deserialize)]
pub struct Hello {
    pub name: String,
}

pub async fn hello(Query(h): Query<Hello>) -> Html<String> {
    Html(format!("<h1>Hello, {}!</h1>", h.name)) //~ xss[high]
}

#[get("/greet/{name}")]
async fn greet(name: web::Path<String>) -> HttpResponse {
    let page = format!("<p>Hi {}</p>", name.into_inner());
    HttpResponse::Ok().content_type("text/html; charset=utf-8").body(page) //~ xss
}

pub async fn warp_page(Query(h): Query<Hello>) -> impl warp::Reply {
    warp::reply::html(format!("<b>{}</b>", h.name)) //~ xss
}
