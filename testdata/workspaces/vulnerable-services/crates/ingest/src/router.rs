use std::convert::Infallible;

use http_body_util::Full;
use hyper::body::{Bytes, Incoming};
use hyper::{Method, Request, Response, StatusCode};

use crate::handlers::{events, frames, redirect};
use crate::store::Store;

pub type HttpResponse = Response<Full<Bytes>>;

/// A failed request: its status and a short reason for the client.
#[derive(Debug)]
pub struct HttpError {
    pub status: StatusCode,
    pub reason: &'static str,
}

impl HttpError {
    pub fn bad_request() -> HttpError {
        HttpError { status: StatusCode::BAD_REQUEST, reason: "bad request" }
    }

    pub fn too_large() -> HttpError {
        HttpError { status: StatusCode::PAYLOAD_TOO_LARGE, reason: "body too large" }
    }

    pub fn internal() -> HttpError {
        HttpError { status: StatusCode::INTERNAL_SERVER_ERROR, reason: "internal error" }
    }
}

impl From<sqlx::Error> for HttpError {
    fn from(_: sqlx::Error) -> HttpError {
        HttpError::internal()
    }
}

pub fn plain(status: StatusCode, body: impl Into<Bytes>) -> HttpResponse {
    let mut resp = Response::new(Full::new(body.into()));
    *resp.status_mut() = status;
    resp
}

pub async fn route(req: Request<Incoming>, store: Store) -> Result<HttpResponse, Infallible> {
    let outcome = match (req.method(), req.uri().path()) {
        (&Method::POST, "/events") => events::ingest(req, &store).await,
        (&Method::POST, "/events/bulk") => events::ingest_bulk(req, &store).await,
        (&Method::GET, "/events/tail") => events::tail(req, &store).await,
        (&Method::GET, "/v2/events/tail") => events::tail_checked(req, &store).await,
        (&Method::GET, "/spool") => events::spool_status(req).await,
        (&Method::POST, "/frames") => frames::upload(req).await,
        (&Method::POST, "/v2/frames") => frames::upload_v2(req).await,
        (&Method::GET, "/continue") => redirect::continue_to(req),
        (&Method::GET, "/v2/continue") => redirect::continue_local(req),
        _ => Ok(plain(StatusCode::NOT_FOUND, "not found")),
    };
    Ok(outcome.unwrap_or_else(|e| plain(e.status, e.reason)))
}
