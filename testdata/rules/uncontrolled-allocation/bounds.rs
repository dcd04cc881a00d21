use axum::extract::Query;

const MAX_ROWS: usize = 4096;

#[derive(serde::Deserialize)]
pub struct Grow {
    pub rows: usize,
}

// The bound is what is left of a constant.
pub async fn grow(Query(g): Query<Grow>) -> Vec<u8> {
    let used = 10;
    if g.rows > MAX_ROWS - used {
        return Vec::new();
    }
    Vec::with_capacity(g.rows)
}

// The bound grows with another value: no cap.
pub async fn grow_by(Query(g): Query<Grow>) -> Vec<u8> {
    let used = 10;
    if g.rows > MAX_ROWS + used * g.rows {
        return Vec::new();
    }
    Vec::with_capacity(g.rows) //~ uncontrolled-allocation
}
