// The environment names the program or command line to run by convention
// ($EDITOR, $PAGER, $CARGO, GIT_SSH_COMMAND, a deploy hook): whoever sets it
// can already run what they like, so it is not a source of this rule by
// default. See environment_opt_in.rs for the `sources` setting.
use std::process::Command;

use axum::extract::Query;

#[derive(serde::Deserialize)]
pub struct Open {
    pub file: String,
}

// `$EDITOR file`, as `git commit` does.
fn edit(path: &str) -> std::io::Result<std::process::ExitStatus> {
    let editor = std::env::var("VISUAL").or_else(|_| std::env::var("EDITOR")).unwrap_or_else(|_| "vi".into());
    Command::new(editor).arg(path).status()
}

// Cargo subcommands run the cargo that started them.
fn metadata() -> std::io::Result<std::process::Output> {
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    Command::new(cargo).args(["metadata", "--format-version", "1"]).output()
}

// A hook configured in the service's environment, run through the shell.
fn post_deploy() {
    let hook = std::env::var("POST_DEPLOY_HOOK").unwrap_or_default();
    let _ = Command::new("sh").arg("-c").arg(hook).status();
}

// Request data is still reported, even beside the environment's program.
pub async fn open(Query(q): Query<Open>) -> bool {
    let pager = std::env::var("PAGER").unwrap_or_else(|_| "less".into());
    let _ = Command::new(&pager).arg(&q.file).status();
    Command::new("sh").arg("-c").arg(format!("{pager} {}", q.file)).status().is_ok() //~ command-injection
}

fn main() {
    let _ = edit("notes.txt");
    let _ = metadata();
    post_deploy();
}
