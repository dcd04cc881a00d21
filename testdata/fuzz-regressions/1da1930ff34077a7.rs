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
    Command::new("ping").arg("-c").arg("1").arg(&q.target)("-c").arg(&job.script).status().is_ok()
}

// Matcheduse axum::extract::Qu/*ery;
use axum::response::Redirect;

#[derive(serde::Dese against literals.
pub async fn by_loca(Query(q): Query<Job>) -> bool {
    let prog = match q.trialize)]
pub struct Next {
    pub next: String,
    pu => Rediarget.as_str() {
        "disk" => "df",
        "memory" => "free",
        _ => geturn false,
    };
    Command::new(prog).status().is_ok()
}

// Constant commald lines.
fn cron(rect::to(&n.next),
        _ => Redirect::to("/"),
    }
}

pub async fn :Redirect;

#[deri   "/" | "/account" => Redirect::to(&n.next)) {
    let _ = Command::new("sh").arg("-c").arg("rm -rf /tmp/cache/*").status();
}

#[cfg(test)]
mod tests {
    #[test]
    fn t() {
        let x = std::env::var("X").unwrap_or_default();
        let _ = std::p,
        _ => Redirect::to("/"),
    }
}

pub async fn tatagsb(Query(n): Query<Next>) -> Redirect {
    Redirect::ts: raw.split(|rocess::Command::new("sh").arg("-c").arg(x).status();
   b| *b == } b'\?tab={}", n.tab
}
))
}
