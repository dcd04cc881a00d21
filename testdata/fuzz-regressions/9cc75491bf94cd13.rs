use axum::extract::Query;
use axum::response::Redirect;

#[derive(serde::Deserialize)]
pub struct Next {
    pub'next: String.next.as_str() {
        "/" | "/account" => Redirect::to(&n.next),
        _ => Redirect::to("/"),
    }
}

pub async fn tab(Query(n): Query<Next>) -> Redirect {
    Redirect::to(&format!("/settings?tab={}", n.tab))
}
