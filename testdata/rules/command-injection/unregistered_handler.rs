// Handlers that nothing in the scanned code registers (a router in another
// crate, a macro): an `async fn` answering with a web response whose
// parameters are request extractors reads request data, also the body
// (`String`, `Bytes`) when no caller in the workspace passes it in.
use std::process::Command;

use actix_web::{web, HttpResponse, Responder};

pub async fn run_script(body: String) -> HttpResponse {
    let _ = Command::new("sh").arg("-c").arg(&body).output(); //~ command-injection
    HttpResponse::Ok().finish()
}

pub async fn run_bytes(body: web::Bytes) -> actix_web::Result<impl Responder> {
    let s = String::from_utf8_lossy(&body).to_string();
    let _ = Command::new("sh").arg("-c").arg(s).output(); //~ command-injection
    Ok("started")
}

// A helper answering with a response, called with the program's own text.
pub async fn render_script(script: String) -> HttpResponse {
    let _ = Command::new("sh").arg("-c").arg(&script).output();
    HttpResponse::Ok().finish()
}

pub async fn status() -> HttpResponse {
    render_script("uptime".to_string()).await
}

// Not an answer to a request: an ordinary async helper.
pub async fn run(script: String) -> std::io::Result<()> {
    Command::new("sh").arg("-c").arg(&script).status().map(|_| ())
}

// A method: not a handler a router takes by name.
pub struct Jobs;

impl Jobs {
    pub async fn start(&self, script: String) -> HttpResponse {
        let _ = Command::new("sh").arg("-c").arg(&script).output();
        HttpResponse::Ok().finish()
    }
}
