// Sources by resolved type, not by the last path segment.
use std::fs;
use std::path::Path;

use actix_web::{HttpRequest, web};

pub struct Config {
    pub root: String,
}

// `std::path::Path` is not axum's `Path` extractor: a configured directory.
pub async fn load(dir: &Path) -> String {
    fs::read_to_string(dir.join("index.html")).unwrap_or_default()
}

// Server configuration from the request object is not request data.
pub async fn config_file(req: HttpRequest) -> String {
    let root = req.app_data::<web::Data<Config>>().map(|c| c.root.clone()).unwrap_or_default();
    fs::read_to_string(Path::new(&root).join("banner.txt")).unwrap_or_default()
}

// What the request's accessors return is.
pub async fn by_segment(req: HttpRequest) -> String {
    let name = req.match_info().get("name").unwrap_or("").to_string();
    fs::read_to_string(Path::new("/srv").join(name)).unwrap_or_default() //~ path-traversal
}

// An extractor imported under another name.
pub async fn renamed(axum::extract::Path(p): axum::extract::Path<String>) -> String {
    fs::read_to_string(Path::new("/srv").join(p)).unwrap_or_default() //~ path-traversal
}
