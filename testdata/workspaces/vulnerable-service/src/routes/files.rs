use axum::body::Bytes;
use axum::extract::{Json, Path};
use serde::Deserialize;

use crate::storage;

#[derive(Deserialize)]
pub struct Export {
    pub format: String,
    pub pages: usize,
}

pub async fn download(Path(name): Path<String>) -> Vec<u8> {
    let path = storage::attachment_path(&name);
    storage::read(&path)
}

pub async fn upload(Path(name): Path<String>, body: Bytes) -> &'static str {
    match storage::safe_attachment_path(&name) {
        Some(p) => {
            let _ = std::fs::write(p, &body); // FIXED: path-traversal
            "stored"
        }
        None => "bad name",
    }
}

pub async fn export(Json(e): Json<Export>) -> Vec<u8> {
    let mut out = Vec::with_capacity(e.pages * 4096); // PLANTED: uncontrolled-allocation
    let _scratch: Vec<u8> = Vec::with_capacity(e.pages.min(64) * 4096); // FIXED: uncontrolled-allocation
    let status = std::process::Command::new("sh")
        .arg("-c")
        .arg(format!("pandoc --to {} notes.md", e.format)) // PLANTED: command-injection
        .output();
    let to = match e.format.as_str() {
        "pdf" => "pdf",
        "html" => "html",
        _ => "plain",
    };
    let _ = std::process::Command::new("sh").arg("-c").arg(format!("pandoc --to {to} notes.md")).output(); // FIXED: command-injection
    out.extend_from_slice(&status.map(|o| o.stdout).unwrap_or_default());
    out
}

pub async fn import(body: Bytes) -> String {
    let notes: Vec<String> = bincode::deserialize(&body).unwrap_or_default(); // PLANTED: unsafe-deserialization
    notes.join("\n")
}
