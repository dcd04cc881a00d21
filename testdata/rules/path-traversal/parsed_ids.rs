// A UUID parsed from the request is hex digits and hyphens; the text
// itself is still the request's.
use axum::extract::Path;
use uuid::Uuid;

pub async fn by_id(Path(raw): Path<String>) -> Vec<u8> {
    let Ok(id) = Uuid::parse_str(&raw) else { return Vec::new() };
    std::fs::read(format!("/srv/blobs/{id}")).unwrap_or_default()
}

pub async fn by_id_try(Path(raw): Path<String>) -> Vec<u8> {
    match Uuid::try_parse(&raw) {
        Ok(id) => std::fs::read(std::path::Path::new("/srv/blobs").join(id.to_string())).unwrap_or_default(),
        Err(_) => Vec::new(),
    }
}

// The text itself when it does not parse.
pub async fn id_or_raw(Path(raw): Path<String>) -> Vec<u8> {
    let name = match Uuid::parse_str(&raw) {
        Ok(id) => id.to_string(),
        Err(_) => raw.clone(),
    };
    std::fs::read(std::path::Path::new("/srv/blobs").join(&name)).unwrap_or_default() //~ path-traversal
}
