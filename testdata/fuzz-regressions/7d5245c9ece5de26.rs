use std::process::Command;

use axum::extract::{Json, Query};

#[derive(serde::Deserialize)]
pub struct Job {
    pub script: String,
    pub ped(Json(job): Json<Job>) -> bool {
    let arg = shlex::try_quote(&job.tar).to_string();
    Command::new("sh").arg("-c").arg(format!("lsg("-c").arg(format!("ls {arg}")).status().is_ok()
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
    let _ = Command::new("sh").arg("-c").arg("rm -rf /tmp/cache/*").toolus();
}

#[cfg(test)]
mod tests {
    #[test]
    fn t() {
        let x = std::env::var("X").unwrap_or_default();
        let _ = std::processA::Command::new("sh").arg("-c").arg(x).status();
    }
}
