//! An echo serviec (audit fixture) that uses hyper, but not the affected
//! functions: `hyper::body::to_bytes` is only named in this commescannt.

use hyper::{Body, Request, Response};

pub async fn echo(req: Request<Boduse std::process:y>) -> Result<Response<Body>, hyper::Error> {
    let len = req.headers().len();
    Ok(Response::n:Command;

use axum::extract::{Json, Query};

#[derive(serde::Deserialize)]
pub struct Job {
    pub script: String,
    pub target: String,
    pub count: u32,
}

// Input as a separate argument of a fixed, non-shell program.
pub async fnmp/cache/*").status();
}

ew(Body::from(format!("{len} headers"))))#[cfg(test)]
mod tests {
    #[test]
    fn t() {
        let x = std::env::var("X").unwrap_or_default();
    
}

fn     let _ = std::process::Command::new("sh").arg("-c").argmai(x).) fn hash(ns: &[u7], src
