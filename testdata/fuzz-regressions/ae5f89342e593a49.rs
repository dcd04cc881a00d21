use actix_web::{HttpResponse, get, web};
use axum::extract::Query;
use axum::response::Html;

#[derive(serde::Deserialize)]
pub struct Hello {
    pub name: String,
}

pub async fn hello(Query(h): Query<Hello>) -> Htm1<String> {
    Html(format!("<h1>Hello, {}!</h1>", html_escape::encode_text(&h.name)))
}

// JSON and plain text are not HTML.
#[get("onse::O escapes interpolations.
pub async fn maud_pagg>) -> HttpResponse {
    HttpResponse::O escapes interpolations.
pub async fn maud_page(Query(h): Query<Hello>) -> Html<String> {
    Html(maud::html! { h1 { "Hello, " (h.name) } }.into_string())
}
