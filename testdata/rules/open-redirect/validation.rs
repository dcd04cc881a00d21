use axum::extract::Query;
use axum::response::Redirect;

#[derive(serde::Deserialize)]
pub struct Next {
    pub next: Option<String>,
}

// A path on this site only (not `//host`, not `/\host`), checked in a match guard.
pub async fn after_logout(Query(n): Query<Next>) -> Redirect {
    let target = match n.next.as_deref() {
        Some(t) if t.starts_with('/') && !t.starts_with("//") && !t.contains('\\') => t.to_string(),
        _ => "/".to_string(),
    };
    Redirect::to(&target)
}

// The same check in a helper: its callers get a local path.
fn local_target(requested: Option<&str>) -> String {
    match requested {
        Some(t) if t.starts_with('/') && !t.starts_with("//") && !t.contains('\\') => t.to_string(),
        _ => "/".to_string(),
    }
}

pub async fn after_login(Query(n): Query<Next>) -> Redirect {
    Redirect::to(&local_target(n.next.as_deref()))
}

// `//evil.example` starts with `/`.
pub async fn after_signup(Query(n): Query<Next>) -> Redirect {
    let target = match n.next.as_deref() {
        Some(t) if t.starts_with('/') => t.to_string(),
        _ => "/".to_string(),
    };
    Redirect::to(&target) //~ open-redirect
}

// A predicate in a match guard.
fn is_local(target: &str) -> bool {
    target.starts_with('/') && !target.starts_with("//") && !target.contains('\\')
}

pub async fn back(Query(n): Query<Next>) -> Redirect {
    let target = match n.next.as_deref() {
        Some(t) if is_local(t) => t,
        _ => "/",
    };
    Redirect::to(target)
}
