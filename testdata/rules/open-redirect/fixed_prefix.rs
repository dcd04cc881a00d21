// A `Location` whose start the program fixes (a local path, or the
// configured base URL followed by a path) cannot send the user elsewhere;
// one that starts with input can (`/` + `/evil.example` is `//evil.example`).
use axum::extract::Query;
use axum::response::Redirect;
use http::header::LOCATION;
use http::{Response, StatusCode};

#[derive(serde::Deserialize)]
pub struct Params {
    pub id: String,
    pub next: Option<String>,
}

pub struct Settings {
    pub base_url: String,
}

pub async fn asset(Query(p): Query<Params>) -> Redirect {
    Redirect::permanent(&format!("/assets/{}/", p.id))
}

pub async fn image(Query(p): Query<Params>) -> Redirect {
    Redirect::to(&("/image/".to_string() + &p.id))
}

pub async fn on_site(Query(p): Query<Params>, settings: &Settings) -> Redirect {
    Redirect::to(&format!("{}/image/{}", settings.base_url, p.id))
}

pub async fn slash_then_input(Query(p): Query<Params>) -> Redirect {
    Redirect::to(&format!("/{}", p.id)) //~ open-redirect
}

pub async fn glued(Query(p): Query<Params>, settings: &Settings) -> Redirect {
    Redirect::to(&format!("{}{}", settings.base_url, p.id)) //~ open-redirect
}

/// A path on this site: one leading `/`, and not `//` or `/\`.
fn is_local_path(target: &str) -> bool {
    target.starts_with('/') && !target.starts_with("//") && !target.starts_with("/\\")
}

pub async fn back(Query(p): Query<Params>) -> Response<String> {
    let next = p.next.filter(|n| is_local_path(n)).unwrap_or_else(|| "/".into());
    Response::builder().status(StatusCode::SEE_OTHER).header(LOCATION, next).body(String::new()).unwrap_or_default()
}

pub async fn back_unchecked(Query(p): Query<Params>) -> Response<String> {
    let next = p.next.filter(|n| !n.is_empty()).unwrap_or_else(|| "/".into());
    Response::builder().status(StatusCode::SEE_OTHER).header(LOCATION, next).body(String::new()).unwrap_or_default() //~ open-redirect
}
