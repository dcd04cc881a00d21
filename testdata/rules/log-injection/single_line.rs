// Values that cannot hold a line break: the `http` crate refuses CR and LF
// in a URI and in header values, and addresses and methods print none.
// Decoding (percent, base64) makes text able to hold one again.
use axum::extract::{Json, Path, Query};
use axum::http::{HeaderMap, Method, Request, Uri};
use percent_encoding::percent_decode_str;

#[derive(serde::Deserialize)]
pub struct Search {
    pub q: String,
}

pub async fn uri_parts(req: Request<axum::body::Body>) -> &'static str {
    let uri = req.uri();
    tracing::debug!("request {} {}", req.method(), uri);
    log::info!("path {} query {}", uri.path(), uri.query().unwrap_or_default());
    let agent = req.headers().get("user-agent").and_then(|v| v.to_str().ok()).unwrap_or("-");
    log::info!("agent {agent}");
    "ok"
}

// A helper whose parameters' types cannot hold a line break.
fn describe(method: &Method, uri: &Uri, headers: &HeaderMap) {
    let host = headers.get("host").and_then(|h| h.to_str().ok()).unwrap_or_default();
    log::info!("{method} {uri} on {host}");
}

pub async fn described(req: Request<axum::body::Body>) -> &'static str {
    describe(req.method(), req.uri(), req.headers());
    "ok"
}

// Percent-decoding the path gives text that can hold a line break again.
pub async fn decoded(req: Request<axum::body::Body>) -> &'static str {
    let path = req.uri().path();
    let decoded = percent_decode_str(path).decode_utf8_lossy();
    log::info!("serving {}", decoded); //~ log-injection
    let name = urlencoding::decode(req.uri().query().unwrap_or_default()).unwrap_or_default();
    log::warn!("name {name}"); //~ log-injection
    "ok"
}

// A header's value after base64 decoding.
pub async fn basic(req: Request<axum::body::Body>) -> &'static str {
    let raw = req.headers().get("authorization").and_then(|v| v.to_str().ok()).unwrap_or_default();
    let creds = base64::decode(raw.trim_start_matches("Basic ")).unwrap_or_default();
    let text = String::from_utf8_lossy(&creds);
    log::info!("login {}", text); //~ log-injection
    "ok"
}

// Extractors still carry text: the query value is decoded.
pub async fn search(Query(s): Query<Search>, Path(id): Path<String>) -> &'static str {
    log::info!("search {} in {}", s.q, id); //~ log-injection
    "ok"
}

// Each line of the text logged on its own cannot pose as a second record;
// lines joined again with a line break can.
pub async fn lines(Json(body): Json<String>) -> &'static str {
    for line in body.lines() {
        log::info!("{line}");
    }
    let first = body.lines().next().unwrap_or_default();
    log::info!("first {}", first);
    let again = body.lines().collect::<Vec<_>>().join("\n");
    log::info!("all {}", again); //~ log-injection
    "ok"
}

// Decoding in a helper: the caller's URI path can hold a line break after it.
fn decode_path(path: &str) -> String {
    percent_decode_str(path).decode_utf8_lossy().into_owned()
}

fn trimmed(path: &str) -> &str {
    path.trim_matches('/')
}

pub async fn helper_decoded(req: Request<axum::body::Body>) -> &'static str {
    let plain = trimmed(req.uri().path());
    log::info!("serving {}", plain);
    let path = decode_path(req.uri().path());
    log::info!("serving {}", path); //~ log-injection
    "ok"
}

// A typed header decoded from base64 can hold a line break; a date cannot.
pub async fn typed(headers: HeaderMap) -> &'static str {
    use headers::{Authorization, HeaderMapExt, IfModifiedSince, authorization::Basic};
    if let Some(since) = headers.typed_get::<IfModifiedSince>() {
        log::info!("since {:?}", since);
    }
    if let Some(auth) = headers.typed_get::<Authorization<Basic>>() {
        log::info!("login {}", auth.username()); //~ log-injection
    }
    "ok"
}

pub fn routes() -> axum::Router {
    axum::Router::new().route("/typed", axum::routing::get(typed))
}

// A value of a literal default's type (`bool`, a number) holds no line break.
pub async fn flags(Json(s): Json<Search>) -> &'static str {
    let long = s.q.split(',').next().map(|w| w.len() > 8).unwrap_or(false);
    log::info!("long query: {}", long);
    let first = s.q.split(',').next().map(|w| w.to_string()).unwrap_or(String::new());
    log::info!("first word: {}", first); //~ log-injection
    "ok"
}
