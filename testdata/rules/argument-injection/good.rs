// The safe counterparts: `argument-injection` reports nothing here.
use std::process::Command;

use axum::extract::Query;

#[derive(serde::Deserialize)]
pub struct Repo {
    pub url: String,
    pub rev: String,
    pub out: String,
}

// `--` ends the options.
pub async fn clone(Query(r): Query<Repo>) {
    let _ = Command::new("git").args(["clone", "--"]).arg(&r.url).arg("/srv/mirror").status();
}

// git's `--end-of-options` for revisions.
pub async fn resolve(Query(r): Query<Repo>) {
    let _ = Command::new("git").args(["rev-parse", "--verify", "--end-of-options", &r.rev]).output();
}

// Refused when it starts with `-`.
pub async fn show(Query(r): Query<Repo>) {
    if r.rev.starts_with('-') {
        return;
    }
    let _ = Command::new("git").arg("show").arg(&r.rev).output();
}

// Checked to start with a fixed prefix.
pub async fn fetch(Query(r): Query<Repo>) {
    let url = r.url;
    if !url.starts_with("https://") {
        return;
    }
    let _ = Command::new("curl").arg("-fsSL").arg(&url).output();
}

// The value of an option that takes one (`-o <out>`, the `f` of `-xzf`).
pub async fn download(Query(r): Query<Repo>) {
    let _ = Command::new("curl").args(["-fsSL", "-o"]).arg(&r.out).arg("https://example.com/x").status();
    let _ = Command::new("tar").arg("-xzf").arg(&r.out).status();
}

// Starts with text of its own.
pub async fn open(Query(r): Query<Repo>) {
    let _ = Command::new("git").arg("clone").arg(format!("ssh://{}/repo", r.url)).status();
    let _ = Command::new("git").arg(format!("--depth={}", r.rev)).status();
}

// A program that does not parse options the same way is not this rule's
// (a shell command line is command-injection's).
pub async fn echo(Query(r): Query<Repo>) {
    let _ = Command::new("/usr/local/bin/notify").arg(&r.url).status();
}

// A private helper of a library is not its API.
fn helper(member: &str) -> std::io::Result<std::process::ExitStatus> {
    Command::new("tar").arg("-xf").arg("a.tar").arg(member).status()
}

pub fn run() -> std::io::Result<std::process::ExitStatus> {
    helper("docs/")
}
