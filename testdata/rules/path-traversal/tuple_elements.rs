// Tuples carry their elements apart: a path the server built next to a
// value from the request (a content coding, a flag) is still the server's
// path once the pair is destructured — returned whole, inside a returned
// struct, or mapped out of an `Option`.
use axum::http::HeaderMap;
use std::path::{Path, PathBuf};

pub struct Variant {
    pub file_path: PathBuf,
    pub encoding: String,
}

pub struct Meta {
    pub file_path: PathBuf,
    pub variant: Option<(PathBuf, String)>,
}

fn variant_of(file_path: &Path, headers: &HeaderMap) -> Option<Variant> {
    let enc = headers.get("accept-encoding")?.to_str().ok()?.to_string();
    Some(Variant { file_path: file_path.with_extension("gz"), encoding: enc })
}

fn meta(file_path: &Path, headers: &HeaderMap, on: bool) -> Result<Meta, String> {
    let variant = on.then(|| variant_of(file_path, headers)).flatten().map(|p| (p.file_path, p.encoding));
    Ok(Meta { file_path: file_path.to_path_buf(), variant })
}

fn probe(headers: &HeaderMap) -> (PathBuf, String) {
    let wanted = headers.get("x-file").and_then(|v| v.to_str().ok()).unwrap_or_default().to_string();
    (PathBuf::from("/srv/www/index.html"), wanted)
}

pub async fn serve(headers: HeaderMap) -> Result<Vec<u8>, String> {
    let base = PathBuf::from("/srv/www/index.html");
    let Meta { file_path, variant } = meta(&base, &headers, true)?;
    let checked = match variant.as_ref() {
        Some((path, _)) => Some(path.canonicalize().map_err(|e| e.to_string())?),
        None => None,
    };
    if let Some((path, coding)) = variant {
        let open = checked.as_ref().map_or(path.as_path(), |c| c.as_path());
        let _ = std::fs::read(open);
        let _ = std::fs::read(coding); //~ path-traversal
    }
    std::fs::read(file_path).map_err(|e| e.to_string())
}

pub async fn serve_probed(headers: HeaderMap) -> Result<Vec<u8>, String> {
    let (index, wanted) = probe(&headers);
    let _ = std::fs::read(&index);
    let pair = probe(&headers);
    let _ = std::fs::read(&pair.0);
    let _ = std::fs::read(&pair.1); //~ path-traversal
    std::fs::read(wanted).map_err(|e| e.to_string()) //~ path-traversal
}
