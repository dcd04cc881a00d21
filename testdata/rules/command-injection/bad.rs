use std::process::Command;

use axum::extract::{Json, Query};
use clap::Parser;

#[derive(serde::Deserialize)]
pub struct Job {
    pub script: String,
    pub target: String,
}

// A web handler: the request body reaches a shell.
pub async fn run_job(Json(job): Json<Job>) -> String {
    let out = Command::new("sh").arg("-c").arg(&job.script).output(); //~ command-injection[critical]
    format!("{:?}", out.map(|o| o.status))
}

// Builder state across statements: `cmd` is a shell once `-c` is added.
pub async fn ping(Query(q): Query<Job>) -> bool {
    let mut cmd = Command::new("/bin/bash");
    cmd.arg("-c");
    cmd.arg(format!("ping -c 1 {}", q.target)); //~ command-injection
    cmd.status().is_ok()
}

// The program itself comes from input.
pub async fn exec(Query(q): Query<Job>) -> bool {
    Command::new(&q.target).status().is_ok() //~ command-injection
}

// `args([...])` with `-c` in the same call.
pub async fn grep(Query(q): Query<Job>) -> bool {
    let pattern = q.target.trim().to_string();
    Command::new("sh").args(["-c", &format!("grep {pattern} /var/log/app.log")]).status().is_ok() //~ command-injection
}

#[derive(Parser)]
struct Cli {
    #[arg(long)]
    archive: String,
}

// A command-line argument: reported one level lower (high).
fn backup() {
    let cli = Cli::parse();
    let _ = Command::new("sh").arg("-c").arg(format!("tar czf {} /data", cli.archive)).status(); //~ command-injection[high]
}

// std::env::args directly.
fn main() {
    let name = std::env::args().nth(1).unwrap_or_default();
    let _ = tokio::process::Command::new("bash").arg("-c").arg(format!("echo {name}")).spawn(); //~ command-injection
    backup();
}
