//@ config: [rule.command-injection]
//@ config: sources = ["remote", "network", "command-line", "environment", "stdin", "file"]
// With `environment` listed in the rule's sources, an environment variable
// reaching a program name or a shell command line is reported again (one
// level lower than request data).
use std::process::Command;

fn edit(path: &str) -> std::io::Result<std::process::ExitStatus> {
    let editor = std::env::var("EDITOR").unwrap_or_else(|_| "vi".into());
    Command::new(editor).arg(path).status() //~ command-injection[high]
}

fn post_deploy() {
    let hook = std::env::var("POST_DEPLOY_HOOK").unwrap_or_default();
    let _ = Command::new("sh").arg("-c").arg(hook).status(); //~ command-injection[high]
}

fn main() {
    let _ = edit("notes.txt");
    post_deploy();
}
