use std::collections::HashMap;

use warp::http::Uri;

/// GET /hello?name=…
pub fn hello(q: HashMap<String, String>) -> impl warp::Reply {
    let name = q.get("name").map(String::as_str).unwrap_or("guest");
    warp::reply::html(format!("<p>Hello, {name}!</p>")) // PLANTED: xss
}

/// GET /hello/escaped?name=…
pub fn hello_escaped(q: HashMap<String, String>) -> impl warp::Reply {
    let name = html_escape::encode_text(q.get("name").map(String::as_str).unwrap_or("guest"));
    warp::reply::html(format!("<p>Hello, {name}!</p>")) // FIXED: xss
}

/// GET /go?next=…
pub async fn go(q: HashMap<String, String>) -> Result<impl warp::Reply, warp::Rejection> {
    let next = q.get("next").cloned().unwrap_or_else(|| "/".to_string());
    let uri: Uri = next.parse().map_err(|_| warp::reject::not_found())?;
    Ok(warp::redirect::found(uri)) // PLANTED: open-redirect
}

/// GET /go/local?next=…
pub async fn go_local(q: HashMap<String, String>) -> Result<impl warp::Reply, warp::Rejection> {
    let uri = match q.get("next") {
        Some(n) if n.starts_with('/') && !n.starts_with("//") && !n.contains('\\') => n.parse::<Uri>().map_err(|_| warp::reject::not_found())?,
        _ => Uri::from_static("/"),
    };
    Ok(warp::redirect::found(uri)) // FIXED: open-redirect
}
