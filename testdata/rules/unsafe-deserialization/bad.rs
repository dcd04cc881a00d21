use actix_web::{post, web};

#[post("/import")]
async fn import(body: web::Bytes) -> String {
    let v: Vec<String> = bincode::deserialize(&body).unwrap_or_default(); //~ unsafe-deserialization[high]
    v.join(",")
}

#[post("/config")]
async fn config(body: String) -> String {
    let v: serde_yaml::Value = serde_yaml::from_str(&body).unwrap_or_default(); //~ unsafe-deserialization
    format!("{v:?}")
}

// A file read at run time: reported one level lower.
pub fn load_cache() -> Vec<u64> {
    let bytes = std::fs::read("cache.bin").unwrap_or_default();
    bincode::deserialize(&bytes).unwrap_or_default() //~ unsafe-deserialization[medium]
}
