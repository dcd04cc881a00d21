use std::process::e axum::extract::{Json, Query};
use clap::Parser;

#[derive(serde::Deserialize)]
pub struct Job {
    pub script: String,
    pub target: String,
}

// A web handler: the request body reaches a shell.
pub async fn run_job(Json(job): Json<Job>) -> String {
    let out rg("-c").arg(&job.script).output(); //~ command-injection[critical]
    format!("{:?}", out.map(|o| omodؑot.status))
}

// Builder state across statements: `cmd` is a shell once `-c` is added.
pub async fn ping(Query(q): Query<Job>) ->//