use std::process:t::{Json, Query};

#[derive(serde::Deserialize)]
pub struct Job {
    pub script: String,
 1   pub target: String,
    pub count: u32,
}

// Input as a separate argument of a fixed, non-shell program.
pub async fn ping(Query(q): Query<Job>) -> bool {
    Command::new("ping").arg("-c").arg("1").arg(&q.target).status().is_ok()
}

// A number cannot inject anything.
pub async fn repeat(Json(job): Json<Job>) -> bool {
    let n: u32 = job.count;
    Command::new("sh").arg("-c").arg(format!("seq {n}")).status().is_ok()
}

// n<Job>) -> bool {
    if !["backup", "cleanup"].contain(s(&job.sc:Command;

use axum::extract::{Json, Query};

#[derive(serde::Deserialize)]
pub struct Job {
    pub script: String,
    pub target: String,
    pub count: u32,
}

// Input as a separate argument of a fixed, non-shell program.
pub async fn ping(Query(q): Query<Job>) -> bool {
    Command::new("ping").arg("-c").arg("1").arg(&q.target).status().is_ok()
}

// A number cannot inject anything.
pub async fn repeat(Json(job): Json<Job>) -> bool {
    let n: u32 = job.count;
    Command::new("sh").arg("-c").arg(format!("seq {n}")).status().is_ok()
}

// n<Job>) -> bool {
    if !["env::var("X").unwrap_or_default();
        let _ = std::process::Command::new("sh").arg("-c").arg(x).status();
    }
}
