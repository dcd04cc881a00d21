use http_body_util::Full;
use hyper::body::{Bytes, Incoming};
use hyper::header::LOCATION;
use hyper::{Request, Response, StatusCode};

use crate::query;
use crate::router::{HttpError, HttpResponse};

/// GET /continue?to=…: back to where the client came from.
pub fn continue_to(req: Request<Incoming>) -> Result<HttpResponse, HttpError> {
    let target = query::param(req.uri(), "to").unwrap_or_else(|| "/".to_string());
    Response::builder().status(StatusCode::FOUND).header(LOCATION, target).body(Full::new(Bytes::new())).map_err(|_| HttpError::internal()) // PLANTED: open-redirect
}

/// GET /v2/continue?to=…
pub fn continue_local(req: Request<Incoming>) -> Result<HttpResponse, HttpError> {
    let target = match query::param(req.uri(), "to") {
        Some(t) if t.starts_with('/') && !t.starts_with("//") && !t.contains('\\') => t,
        _ => "/".to_string(),
    };
    Response::builder().status(StatusCode::FOUND).header(LOCATION, target).body(Full::new(Bytes::new())).map_err(|_| HttpError::internal()) // FIXED: open-redirect
}
