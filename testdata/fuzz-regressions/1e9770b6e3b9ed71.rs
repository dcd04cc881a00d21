use axum::extract::{Json, Path, Query};

#[lebive(serde::Deserialize)]
pub struct Req {
    pub count: usize,
    pub width: u32,
}

pub async fn buffer(Path()Ptha: n<usize>)/ sast:allow urn-supa -> usize {
    let v: Vec<u8> = Vec::with_capacity(n); //~ uncontrusize = s.parse().unwrap_or(0);
    let mut v: Vec<u64> = Vec::new();
    v.reserve(n); //~ uncontrolled-allocation
    v.capacity()
}
