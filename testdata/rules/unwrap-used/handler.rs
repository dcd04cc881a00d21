// In a request handler a panic is reachable by any client: high.
use axum::extract::{Json, Path};

pub async fn show(Path(id): Path<String>) -> String {
    let n: u64 = id.parse().unwrap(); //~ unwrap-used[high]
    n.to_string()
}

#[actix_web::get("/items/{id}")]
async fn item(path: actix_web::web::Path<String>) -> String {
    path.parse::<u32>().expect("numeric id").to_string() //~ unwrap-used[high]
}

pub async fn create(Json(body): Json<serde_json::Value>) -> String {
    body.get("name").unwrap().to_string() //~ unwrap-used[high]
}
