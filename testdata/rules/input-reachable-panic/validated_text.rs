// Text cut out of the request's own URI, already valid, parsed again into a
// URI or a header value: the parse cannot fail. A number parsed out of
// that text can fail, and so can text a decoder made of it.
use axum::extract::Request;
use axum::http::uri::PathAndQuery;
use axum::http::{HeaderValue, Uri};

pub async fn strip_prefix(req: Request) -> String {
    let uri = req.uri();
    let rest = uri.path().split_at(4).1;
    let pq: PathAndQuery = match uri.query() {
        None => rest.parse().unwrap(),
        Some(query) => format!("/{rest}?{query}").parse().unwrap(),
    };
    pq.to_string()
}

pub async fn location(req: Request) -> String {
    let uri: Uri = req.uri().clone();
    let value = HeaderValue::from_str(&uri.to_string()).unwrap();
    format!("{value:?}")
}

pub async fn page(req: Request) -> String {
    let n = req.uri().path().split_at(1).1.parse::<u32>().unwrap(); //~ input-reachable-panic
    format!("page {n}")
}

pub async fn decoded(req: Request) -> String {
    let text = percent_encoding::percent_decode_str(req.uri().path()).decode_utf8_lossy().to_string();
    let pq: PathAndQuery = text.parse().unwrap(); //~ input-reachable-panic
    pq.to_string()
}
