// Back to the page the form was posted from: the browser sets `Referer`
// to that page, so an attacker can only send the victim back to the
// attacker's own page. Another header, or the query, is the client's
// choice of target.
use actix_web::{HttpRequest, HttpResponse, http::header};

pub async fn upload_done(req: HttpRequest) -> HttpResponse {
    let back = req.headers().get(header::REFERER).and_then(|h| h.to_str().ok()).unwrap_or("/");
    HttpResponse::SeeOther().append_header((header::LOCATION, back)).finish()
}

pub async fn delete_done(req: HttpRequest) -> HttpResponse {
    let back = req.headers().get("referer").and_then(|h| h.to_str().ok()).unwrap_or("/").to_string();
    HttpResponse::SeeOther().insert_header((header::LOCATION, back)).finish()
}

pub async fn forward(req: HttpRequest) -> HttpResponse {
    let next = req.headers().get("X-Next").and_then(|h| h.to_str().ok()).unwrap_or("/");
    HttpResponse::SeeOther().append_header((header::LOCATION, next)).finish() //~ open-redirect
}

pub async fn forward_host(req: HttpRequest) -> HttpResponse {
    let host = req.headers().get(header::HOST).and_then(|h| h.to_str().ok()).unwrap_or("/");
    HttpResponse::SeeOther().append_header((header::LOCATION, host)).finish() //~ open-redirect
}
