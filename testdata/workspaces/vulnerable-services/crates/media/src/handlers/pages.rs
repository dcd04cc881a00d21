use actix_web::http::header::{self, ContentType};
use actix_web::{web, HttpResponse};
use serde::Deserialize;

#[derive(Deserialize)]
pub struct Caption {
    pub text: String,
}

#[derive(Deserialize)]
pub struct Next {
    pub next: Option<String>,
}

/// POST /preview/caption
pub async fn preview_caption(form: web::Form<Caption>) -> HttpResponse {
    HttpResponse::Ok().content_type(ContentType::html()).body(format!("<figure><figcaption>{}</figcaption></figure>", form.text)) // PLANTED: xss
}

/// POST /preview/caption/escaped
pub async fn preview_caption_escaped(form: web::Form<Caption>) -> HttpResponse {
    let text = html_escape::encode_text(&form.text);
    HttpResponse::Ok().content_type(ContentType::html()).body(format!("<figure><figcaption>{text}</figcaption></figure>")) // FIXED: xss
}

/// GET /login/done?next=…
pub async fn after_login(query: web::Query<Next>) -> HttpResponse {
    let next = query.next.clone().unwrap_or_else(|| "/".to_string());
    HttpResponse::Found().insert_header((header::LOCATION, next)).finish() // PLANTED: open-redirect
}

/// GET /logout/done?next=…
pub async fn after_logout(query: web::Query<Next>) -> HttpResponse {
    let next = match query.next.as_deref() {
        Some(n) if is_local(n) => n,
        _ => "/",
    };
    HttpResponse::Found().insert_header((header::LOCATION, next)).finish() // FIXED: open-redirect
}

/// A path on this site: not `//host` nor `/\host`, which browsers take for
/// another site.
fn is_local(target: &str) -> bool {
    target.starts_with('/') && !target.starts_with("//") && !target.contains('\\')
}
