use std::process::Command;

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

// Quoted for the shell.
pub async fn quoted(Json(job): Json<Job>) -> bool {
    let arg = shlex::try_quote(&job.target).unwrap_or_default().to_string();
    Command::new("sh").arg("-c").arg(format!("ls {arg}")).status().is_ok()
}

// Checked against an allow-list first.
pub async fn allowed(Json(job): Json<Job>) -> bool {
    if !["backup", "cleanup"].contains(&job.script.as_str()) {
        return false;
    }
    Command::new("sh").arg("-c").arg(&job.script).status().is_ok()
}

// Matched against literals.
pub async fn by_name(Query(q): Query<Job>) -> bool {
    let prog = match q.target.as_str() {
        "disk" => "df",
        "memory" => "free",
        _ => return false,
    };
    Command::new(prog).status().is_ok()
}

// Constant command lines.
fn cron() {
    let _ = Command::new("sh").arg("-c").arg("rm -rf /tmp/cache/*").status();
}

#[cfg(test)]
mod tests {
    #[test]
    fn t() {
        let x = std::env::var("X").unwrap_or_default();
        let _ = std::process::Command::new("sh").arg("-c").arg(x).status();
    }
}
