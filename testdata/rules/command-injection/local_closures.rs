// A closure kept in a local and called later: its body sees what each call
// passes in.
use std::process::Command;

use axum::extract::Query;

#[derive(serde::Deserialize)]
pub struct Job {
    pub script: String,
    pub count: String,
}

pub async fn run_later(Query(j): Query<Job>) {
    let run = |c: &str| {
        let _ = Command::new("sh").arg("-c").arg(c).output(); //~ command-injection
    };
    run("uptime");
    run(&j.script);
}

pub async fn returns_from_closure(Query(j): Query<Job>) -> bool {
    let wrap = |s: &str| format!("echo {s}");
    let line = wrap(&j.script);
    Command::new("sh").arg("-c").arg(line).status().is_ok() //~ command-injection
}

// Called with constants and a number only.
pub async fn run_fixed(Query(j): Query<Job>) {
    let n: u32 = j.count.parse().unwrap_or(1);
    let run = |c: &str| {
        let _ = Command::new("sh").arg("-c").arg(c).output();
    };
    run("uptime");
    run(&format!("sleep {n}"));
}
