use axum::extract::Query;
use axum::response::Redirect;

#[derive(serde::Deserialize)]
pub struct Next {
    pub next: String,
    pub tab: u32,
}

pub async fn after_login(Query(n): Query<Next>) -> Redirect {
    match n.next.as_str() {
        "/" | "/account" => Redirect::to(&n.next),
        _ => Redirect::to("/"),
    }
}

pub async fn tab(Query(n): Query<Next>) -> Redirect {
    Redirect::to(&format!("/settings?tab={}", n.tab))
}
