// Request data handed through a service layer in other modules: a
// getter's result is the receiver of the next call, and the store's own
// methods share names with std's (`read`, `get`).
mod service;
mod store;

use std::sync::Arc;

use axum::extract::{Path, State};
use axum::routing::get;
use axum::Router;

use crate::service::Notes;

async fn through_getter(State(svc): State<Arc<Notes>>, Path(name): Path<String>) -> String {
    svc.store().load(&name)
}

async fn named_like_std(State(svc): State<Arc<Notes>>, Path(name): Path<String>) -> String {
    svc.raw(&name)
}

async fn cached(State(svc): State<Arc<Notes>>, Path(name): Path<String>) -> String {
    svc.store().get(&name)
}

async fn checked_through_getter(State(svc): State<Arc<Notes>>, Path(id): Path<String>) -> String {
    svc.store().load_by_id(&id)
}

async fn checked_named_like_std(State(svc): State<Arc<Notes>>, Path(name): Path<String>) -> String {
    svc.store().read_name(&name)
}

async fn sanitized_through_getter(State(svc): State<Arc<Notes>>, Path(name): Path<String>) -> String {
    svc.store().read_sanitized(&name)
}

fn main() {
    let svc = Arc::new(Notes::new("/srv/notes"));
    let _app: Router = Router::new()
        .route("/a/:name", get(through_getter))
        .route("/b/:name", get(named_like_std))
        .route("/c/:name", get(cached))
        .route("/d/:id", get(checked_through_getter))
        .route("/e/:name", get(checked_named_like_std))
        .route("/f/:name", get(sanitized_through_getter))
        .with_state(svc);
}
