// Values that a program may read as options (`-…`), passed to it as arguments.
use std::process::Command;

use axum::extract::Query;

#[derive(serde::Deserialize)]
pub struct Repo {
    pub url: String,
    pub rev: String,
}

// A request's value as git's operand: `--upload-pack=touch /tmp/x` runs a command.
pub async fn clone(Query(r): Query<Repo>) {
    let _ = Command::new("git").arg("clone").arg(&r.url).arg("/srv/mirror").status(); //~ argument-injection[high]
}

// In an array: `git diff --name-only <rev> HEAD`.
pub async fn diff(Query(r): Query<Repo>) {
    let _ = Command::new("git").args(["diff", "--name-only", &r.rev, "HEAD"]).output(); //~ argument-injection
}

// The value after `-o BatchMode=yes` is an operand, not `-o`'s value.
pub async fn probe(Query(r): Query<Repo>) {
    let _ = Command::new("ssh").args(["-o", "BatchMode=yes"]).arg(&r.url).arg("true").status(); //~ argument-injection
}

// A command built step by step; `format!` that starts with the value.
pub async fn upload(Query(r): Query<Repo>) {
    let mut cmd = Command::new("scp");
    cmd.arg("-q");
    cmd.arg("/tmp/bundle");
    cmd.arg(format!("{}:/srv/", r.url)); //~ argument-injection
    let _ = cmd.status();
}

// A library's public function: the caller's string is the operand.
pub fn extract_member(archive: &std::path::Path, member: &str) -> std::io::Result<std::process::ExitStatus> {
    Command::new("tar").arg("-xzf").arg(archive).arg(member).status() //~ argument-injection
}
