//! HTML for page previews.

/// A page around a title and an HTML body (both inserted as they are).
pub fn page_html(title: &str, body_html: &str) -> String {
    format!("<!doctype html><title>{title}</title><article><h1>{title}</h1>{body_html}</article>")
}

/// `text` with HTML's special characters escaped.
pub fn escaped(text: &str) -> String {
    html_escape::encode_text(text).into_owned()
}

/// Plain text as HTML paragraphs, one a blank-line-separated block.
pub fn paragraphs(text: &str) -> String {
    text.split("\n\n").map(|block| format!("<p>{}</p>", html_escape::encode_text(block.trim()))).collect()
}
