// A file opened by a name from the request: its metadata (block size) is
// the file system's, not the request's.
use axum::extract::Query;
use std::fs::File;
use std::os::unix::fs::MetadataExt;

#[derive(serde::Deserialize)]
pub struct Params {
    pub name: String,
    pub size: usize,
}

pub async fn buffer_for(Query(p): Query<Params>) -> Vec<u8> {
    let Ok(file) = File::open(format!("/srv/files/{}", p.name)) else { return Vec::new() };
    let len = file.metadata().map(|m| m.blksize()).unwrap_or(4096) as usize;
    Vec::with_capacity(len)
}

pub async fn buffer_unbounded(Query(p): Query<Params>) -> Vec<u8> {
    let Ok(file) = File::open("/srv/files/index") else { return Vec::new() };
    let len = file.metadata().map(|m| m.len()).unwrap_or(0) as usize;
    let mut v = Vec::with_capacity(len);
    v.reserve(p.size); //~ uncontrolled-allocation
    v
}
