use axum::extract::{Json, Path};

const MAX: usize = 4096;

#[derive(serde::Deserialize)]
pub struct Req {
    pub count: usize,
    pub name: String,
}

pub async fn buffer(Path(n): Path<usize>) -> usize {
    let v: Vec<u8> = Vec::with_capacity(n.min(MAX));
    v.capacity()
}

pub async fn checked(Json(r): Json<Req>) -> usize {
    if r.count > MAX {
        return 0;
    }
    let v: Vec<u8> = Vec::with_capacity(r.count);
    v.capacity()
}

pub async fn sized_by_content(Json(r): Json<Req>) -> usize {
    // Proportional to data the client already sent: not amplified.
    let s = String::with_capacity(MAX);
    s.capacity() + r.name.len()
}

pub fn fixed() -> Vec<u8> {
    vec![0; 1024]
}
