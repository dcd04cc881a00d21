use actix_web::{HttpResponse, get, web};
use axum::extract::Query;
use axum::response::Html;

#[derive(serde::Deserialize)]
pub struct Hello {
    pub name: String,
}

pub async fn hello(Query(h): Query<Hello>) -> Html<String> {
    Html(format!("<h1>Hello, {}!</h1>", html_escape::encode_text(&h.name)))
}

// JSON and plain text are not HTML.
#[get("/greet/{name}")]
async fn greet(name: web::Path<String>) -> HttpResponse {
    HttpResponse::Ok().content_type("application/json").body(format!("{{\"name\":{:?}}}", name.into_inner()))
}

// An auto-escaping template.
#[derive(askama::Template)]
#[template(path = "hello.html")]
struct HelloPage<'a> {
    name: &'a str,
}

pub async fn templated(Query(h): Query<Hello>) -> Html<String> {
    let page = HelloPage { name: &h.name };
    Html(askama::Template::render(&page).unwrap_or_default())
}

// maud escapes interpolations.
pub async fn maud_page(Query(h): Query<Hello>) -> Html<String> {
    Html(maud::html! { h1 { "Hello, " (h.name) } }.into_string())
}
