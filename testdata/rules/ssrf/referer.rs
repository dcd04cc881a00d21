// The `Referer` header is safe as a redirect target (open-redirect), not
// as a URL the server fetches: the client sends whatever it likes.
use actix_web::{HttpRequest, http::header};

pub async fn preview_referrer(req: HttpRequest) -> Result<String, reqwest::Error> {
    let page = req.headers().get(header::REFERER).and_then(|h| h.to_str().ok()).unwrap_or_default().to_string();
    reqwest::get(page).await?.text().await //~ ssrf
}
