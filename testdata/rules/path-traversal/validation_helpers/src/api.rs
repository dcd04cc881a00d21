use std::path::Path as FsPath;

use axum::extract::Path;

use crate::checks;

pub async fn canonical(Path(p): Path<String>) -> Vec<u8> {
    let Ok(file) = checks::resolve_within(FsPath::new("/srv/media"), &p) else { return Vec::new() };
    std::fs::read(file).unwrap_or_default()
}

pub async fn lexical(Path(p): Path<String>) -> Vec<u8> {
    let Ok(file) = checks::lexical_within(FsPath::new("/srv/media"), &p) else { return Vec::new() };
    std::fs::read(file).unwrap_or_default() //~ path-traversal
}

pub async fn filtered(Path(p): Path<String>) -> Vec<u8> {
    std::fs::read(FsPath::new("/srv/media").join(checks::plain_parts(&p))).unwrap_or_default()
}

pub async fn rebuilt(Path(p): Path<String>) -> Result<Vec<u8>, String> {
    let rel = checks::rebuilt(&p)?;
    Ok(std::fs::read(FsPath::new("/srv/media").join(rel)).unwrap_or_default())
}

pub async fn checked(Path(p): Path<String>) -> Result<Vec<u8>, String> {
    let file = checks::checked(FsPath::new("/srv/media"), &p)?;
    Ok(std::fs::read(file).unwrap_or_default())
}

pub async fn checked_unwrapped(Path(p): Path<String>) -> Vec<u8> {
    match checks::checked(FsPath::new("/srv/media"), &p) {
        Ok(file) => std::fs::read(file).unwrap_or_default(),
        Err(e) => e.into_bytes(),
    }
}

pub async fn no_root(Path(p): Path<String>) -> Result<Vec<u8>, String> {
    let file = checks::no_root(FsPath::new("/srv/media"), &p)?;
    Ok(std::fs::read(file).unwrap_or_default()) //~ path-traversal
}

pub async fn slug(Path(p): Path<String>) -> Vec<u8> {
    let Some(s) = checks::slug(&p) else { return Vec::new() };
    std::fs::read(FsPath::new("/srv/albums").join(s)).unwrap_or_default()
}

pub async fn folder(Path(p): Path<String>) -> Vec<u8> {
    let Some(s) = checks::folder(&p) else { return Vec::new() };
    std::fs::read(FsPath::new("/srv/albums").join(s)).unwrap_or_default() //~ path-traversal
}

pub async fn name(Path(p): Path<String>) -> Vec<u8> {
    let Some(s) = checks::name(&p) else { return Vec::new() };
    std::fs::read(FsPath::new("/srv/albums").join(s)).unwrap_or_default() //~ path-traversal
}

pub async fn topic(Path(t): Path<String>) -> Vec<u8> {
    let file = checks::topic(&t).unwrap_or_default();
    std::fs::read(file).unwrap_or_default()
}

pub async fn plain(Path(p): Path<String>) -> Vec<u8> {
    if !checks::is_plain(&p) {
        return Vec::new();
    }
    std::fs::read(FsPath::new("/srv/albums").join(&p)).unwrap_or_default()
}

pub async fn short(Path(p): Path<String>) -> Vec<u8> {
    if !checks::is_short(&p) {
        return Vec::new();
    }
    std::fs::read(FsPath::new("/srv/albums").join(&p)).unwrap_or_default() //~ path-traversal
}
