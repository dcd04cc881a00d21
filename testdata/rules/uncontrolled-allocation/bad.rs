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

pub async fn grid(Json(r): Json<Req>) -> usize {
    let cells = vec![0u8; r.width as usize * 1024]; //~ uncontrolled-allocation
    cells.len()
}

pub async fn pad(Query(r): Query<Req>) -> String {
    " ".repeat(r.count) //~ uncontrolled-allocation
}

pub async fn parsed(Path(s): Path<String>) -> usize {
    let n: usize = s.parse().unwrap_or(0);
    let mut v: Vec<u64> = Vec::new();
    v.reserve(n); //~ uncontrolled-allocation
    v.capacity()
}
