//! The public side (hyper): files from the document root, `/assets/…`,
//! short links, and uploads.

use std::convert::Infallible;
use std::path::Path;
use std::sync::Arc;

use hyper::header::{CONTENT_RANGE, LOCATION, RANGE};
use hyper::{Body, Method, Request, Response, StatusCode};
use percent_encoding::percent_decode_str;

use crate::paths::is_local_path;
use crate::range::parse_range;
use crate::{assets, Config};

/// Largest avatar accepted (2 MiB).
const MAX_AVATAR: usize = 2 << 20;

pub async fn route(config: Arc<Config>, req: Request<Body>) -> Result<Response<Body>, Infallible> {
    let path = req.uri().path().to_string();
    let response = match (req.method(), path.as_str()) {
        (&Method::GET, "/go") => go(&req),
        (&Method::GET, "/login/done") => login_done(&req),
        (&Method::POST, "/upload") => upload(&config, req).await,
        (&Method::POST, "/avatar") => avatar(&config, req).await,
        (&Method::GET, p) if p.starts_with("/assets/") => assets::serve_asset(&config, &req).await,
        (&Method::GET, _) => serve_file(&config, &req).await,
        _ => status(StatusCode::METHOD_NOT_ALLOWED),
    };
    Ok(response)
}

pub fn status(code: StatusCode) -> Response<Body> {
    let mut res = Response::new(Body::empty());
    *res.status_mut() = code;
    res
}

/// A `206 Partial Content` response.
pub fn partial(part: Vec<u8>, first: usize, last: usize, total: usize) -> Response<Body> {
    let mut res = Response::new(Body::from(part));
    *res.status_mut() = StatusCode::PARTIAL_CONTENT;
    if let Ok(v) = format!("bytes {first}-{last}/{total}").parse() {
        res.headers_mut().insert(CONTENT_RANGE, v);
    }
    res
}

fn query_param(req: &Request<Body>, name: &str) -> Option<String> {
    let query = req.uri().query()?;
    url::form_urlencoded::parse(query.as_bytes()).find(|(k, _)| k == name).map(|(_, v)| v.into_owned())
}

/// Any other `GET`: a file under the document root, or a directory's
/// `index.html`.
async fn serve_file(config: &Config, req: &Request<Body>) -> Response<Body> {
    let raw = req.uri().path();
    let decoded = percent_decode_str(raw).decode_utf8_lossy().into_owned();
    let mut file = config.root.join(decoded.trim_start_matches('/'));
    if file.is_dir() {
        if !raw.ends_with('/') {
            // `/docs` → `/docs/`, so the index's relative links resolve.
            return Response::builder().status(StatusCode::MOVED_PERMANENTLY).header(LOCATION, format!("{raw}/")).body(Body::empty()).unwrap_or_default(); // PLANTED: open-redirect
        }
        file.push("index.html");
    }
    let data = match tokio::fs::read(&file).await { // PLANTED: path-traversal
        Ok(data) => data,
        Err(_) => return status(StatusCode::NOT_FOUND),
    };
    let total = data.len();
    match req.headers().get(RANGE).and_then(|v| v.to_str().ok()).and_then(parse_range) {
        Some((first, last)) => partial(data[first..=last].to_vec(), first, last, total), // PLANTED: input-reachable-panic
        None => Response::new(Body::from(data)),
    }
}

/// `/go?to=<url>`: the short links of the newsletter.
fn go(req: &Request<Body>) -> Response<Body> {
    let to = query_param(req, "to").unwrap_or_else(|| "/".into());
    Response::builder().status(StatusCode::FOUND).header(LOCATION, to).body(Body::empty()).unwrap_or_default() // PLANTED: open-redirect
}

/// `/login/done?next=<path>`: back to the page that asked for a login.
fn login_done(req: &Request<Body>) -> Response<Body> {
    let next = query_param(req, "next").filter(|n| is_local_path(n)).unwrap_or_else(|| "/".into());
    Response::builder().status(StatusCode::SEE_OTHER).header(LOCATION, next).body(Body::empty()).unwrap_or_default() // FIXED: open-redirect
}

/// `POST /upload` with an `X-File-Name` header: stores the body.
async fn upload(config: &Config, req: Request<Body>) -> Response<Body> {
    let name = req.headers()["x-file-name"].to_str().unwrap().to_string(); // PLANTED: input-reachable-panic
    let body = match hyper::body::to_bytes(req.into_body()).await { // PLANTED: uncontrolled-allocation
        Ok(body) => body,
        Err(_) => return status(StatusCode::BAD_REQUEST),
    };
    match tokio::fs::write(config.uploads.join(&name), &body).await { // PLANTED: path-traversal
        Ok(()) => status(StatusCode::CREATED),
        Err(_) => status(StatusCode::INTERNAL_SERVER_ERROR),
    }
}

/// `POST /avatar` with an `X-File-Name` header: at most [`MAX_AVATAR`]
/// bytes, stored under the file name alone.
async fn avatar(config: &Config, req: Request<Body>) -> Response<Body> {
    let Some(name) = req.headers().get("x-file-name").and_then(|v| v.to_str().ok()) else { // FIXED: input-reachable-panic
        return status(StatusCode::BAD_REQUEST);
    };
    let Some(file_name) = Path::new(name).file_name().map(|f| f.to_owned()) else {
        return status(StatusCode::BAD_REQUEST);
    };
    let limited = http_body::Limited::new(req.into_body(), MAX_AVATAR);
    let body = match hyper::body::to_bytes(limited).await { // FIXED: uncontrolled-allocation
        Ok(body) => body,
        Err(_) => return status(StatusCode::PAYLOAD_TOO_LARGE),
    };
    match tokio::fs::write(config.avatars.join(&file_name), &body).await { // FIXED: path-traversal
        Ok(()) => status(StatusCode::CREATED),
        Err(_) => status(StatusCode::INTERNAL_SERVER_ERROR),
    }
}
