//! `/assets/<path>`: static assets, with `Range` support for media.

use hyper::header::{LOCATION, RANGE};
use hyper::{Body, Request, Response, StatusCode};
use percent_encoding::percent_decode_str;

use crate::files::{partial, status};
use crate::paths::clean_path;
use crate::range::parse_range;
use crate::Config;

pub async fn serve_asset(config: &Config, req: &Request<Body>) -> Response<Body> {
    let raw = req.uri().path();
    let rel = raw.strip_prefix("/assets/").unwrap_or_default();
    let decoded = percent_decode_str(rel).decode_utf8_lossy().into_owned();
    let Some(clean) = clean_path(&decoded) else {
        return status(StatusCode::BAD_REQUEST);
    };
    let mut file = config.assets.join(&clean);
    if file.is_dir() {
        if !raw.ends_with('/') {
            let location = format!("/assets/{}/", clean.display());
            return Response::builder().status(StatusCode::MOVED_PERMANENTLY).header(LOCATION, location).body(Body::empty()).unwrap_or_default(); // FIXED: open-redirect
        }
        file.push("index.html");
    }
    let data = match tokio::fs::read(&file).await { // FIXED: path-traversal
        Ok(data) => data,
        Err(_) => return status(StatusCode::NOT_FOUND),
    };
    let total = data.len();
    let range = req.headers().get(RANGE).and_then(|v| v.to_str().ok()).and_then(parse_range);
    match range.and_then(|(first, last)| Some((first, last, data.get(first..=last)?))) { // FIXED: input-reachable-panic
        Some((first, last, part)) => partial(part.to_vec(), first, last, total),
        None => Response::new(Body::from(data)),
    }
}
