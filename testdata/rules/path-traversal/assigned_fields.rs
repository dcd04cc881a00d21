// A record the server builds (its path from a generated id), then one
// field set from the request: that field is the client's, every other
// field is still what the server wrote — read here, in a helper it is
// passed to, or in a copy the helper makes.
use actix_web::{HttpRequest, web};
use std::fs::{File, OpenOptions};
use std::io::Write;

#[derive(Clone)]
pub struct Upload {
    pub path: String,
    pub name: String,
    pub length: Option<u64>,
}

fn next_id() -> u64 {
    static NEXT: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);
    NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed)
}

fn new_upload(dir: &str) -> Upload {
    Upload { path: format!("{dir}/{}", next_id()), name: String::new(), length: None }
}

fn append(upload: &Upload, bytes: &[u8]) -> std::io::Result<()> {
    let mut f = OpenOptions::new().append(true).open(&upload.path)?;
    f.write_all(bytes)
}

fn touch_named(upload: &Upload) -> std::io::Result<()> {
    File::create(&upload.name)?; //~ path-traversal
    Ok(())
}

fn create_copy(upload: &Upload) -> std::io::Result<()> {
    let copy = upload.clone();
    File::create(&copy.path)?;
    Ok(())
}

fn create_named_copy(upload: &Upload) -> std::io::Result<()> {
    let copy = upload.clone();
    File::create(&copy.name)?; //~ path-traversal
    Ok(())
}

pub async fn patch(req: HttpRequest, body: web::Bytes) -> std::io::Result<()> {
    let mut upload = new_upload("/srv/uploads");
    let len = req.headers().get("Upload-Length").and_then(|v| v.to_str().ok()).and_then(|v| v.parse().ok());
    if let Some(n) = len {
        upload.length = Some(n);
    }
    upload.name = req.headers().get("X-Name").and_then(|v| v.to_str().ok()).unwrap_or_default().to_string();
    append(&upload, &body)?;
    touch_named(&upload)?;
    create_copy(&upload)?;
    create_named_copy(&upload)?;
    std::fs::remove_file(&upload.path)?;
    std::fs::remove_file(&upload.name) //~ path-traversal
}
