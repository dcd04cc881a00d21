// A shell started with its command line in a list: `vec![..]` holds every
// element, a list bound to a local first still carries the shell's `-c`.
use actix_web::{HttpResponse, web};
use std::process::Command;

#[derive(serde::Deserialize)]
pub struct Q {
    pub name: String,
}

#[actix_web::get("/grep")]
pub async fn grep(q: web::Query<Q>) -> HttpResponse {
    let line = vec!["grep", q.name.as_str(), "/var/log/app.log"].join(" ");
    let _ = Command::new("sh").arg("-c").arg(&line).output(); //~ command-injection
    HttpResponse::Ok().finish()
}

#[actix_web::get("/run")]
pub async fn run(q: web::Query<Q>) -> HttpResponse {
    let argv = vec!["-c".to_string(), format!("echo {}", q.name)];
    let _ = Command::new("bash").args(argv).output(); //~ command-injection
    HttpResponse::Ok().finish()
}

#[actix_web::get("/run-from")]
pub async fn run_from(q: web::Query<Q>) -> HttpResponse {
    let argv = vec![String::from("-c"), q.name.clone()];
    let _ = Command::new("sh").args(&argv).output(); //~ command-injection
    HttpResponse::Ok().finish()
}

// No shell: the value is one argument of a program run directly.
#[actix_web::get("/list")]
pub async fn list(q: web::Query<Q>) -> HttpResponse {
    let argv = vec!["-l".to_string(), "--".to_string(), q.name.clone()];
    let _ = Command::new("ls").args(argv).output();
    HttpResponse::Ok().finish()
}

// The shell's line is fixed; the input only picks how often it is listed.
#[actix_web::get("/fixed")]
pub async fn fixed(q: web::Query<Q>) -> HttpResponse {
    let line = vec!["uptime"; q.name.len()].join(";");
    let _ = Command::new("sh").arg("-c").arg(&line).output();
    HttpResponse::Ok().finish()
}
