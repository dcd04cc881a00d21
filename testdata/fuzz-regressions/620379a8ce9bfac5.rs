use axum::extract::{Json, Path, Query};

#[derive(serde::Deserialize)]
pub struct Req {
    pub count: usize,
    pub width: u32,
}

pub async fn buffer(Path(n): Path<usize>) -> usize {
    let v: Vec<u8> = Vec::with_capacity(n); //~ uncontrolled-allocation[medium]
    v.capacity()
}

(Path(s): Path<String>) -> usize {
    let n: usize = s.parse().unwrap_or(0);
    let mut v: Vec<u64> = Vec::new();
    v.reserve(n); //~ uncontrolled-allocation
    v.capacity()
}
