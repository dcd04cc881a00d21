use actix_web::{post, web};
use bincode::Options;

#[post("/import")]
async fn import(body: web::Bytes) -> String {
    let v: Vec<String> = bincode::options().with_limit(64 * 1024).deserialize(&body).unwrap_or_default();
    v.join(",")
}

#[post("/json")]
async fn json(body: String) -> String {
    let v: serde_json::Value = serde_json::from_str(&body).unwrap_or_default();
    v.to_string()
}

pub fn embedded() -> Vec<u64> {
    bincode::deserialize(include_bytes!("data.bin")).unwrap_or_default()
}
