// A command line written into a `String` with `write!`: the format string
// comes after the destination, and its inline captures are arguments too.
use std::fmt::Write as _;
use std::process::Command;

use axum::extract::Path;

pub async fn archive(Path(dir): Path<String>) -> bool {
    let mut line = String::new();
    let _ = write!(line, "tar czf /tmp/out.tgz {dir}");
    Command::new("sh").arg("-c").arg(&line).status().is_ok() //~ command-injection
}

pub async fn archive_positional(Path(dir): Path<String>) -> bool {
    let mut line = String::new();
    let _ = writeln!(&mut line, "tar czf /tmp/out.tgz {}", dir);
    Command::new("sh").arg("-c").arg(&line).status().is_ok() //~ command-injection
}

// The directory is a number: nothing a shell could read as syntax.
pub async fn archive_numbered(Path(id): Path<u32>) -> bool {
    let mut line = String::new();
    let _ = write!(line, "tar czf /tmp/out.tgz /srv/{id}");
    Command::new("sh").arg("-c").arg(&line).status().is_ok()
}

// No shell: the directory is one argument of `tar`.
pub async fn archive_argv(Path(dir): Path<String>) -> bool {
    let mut name = String::new();
    let _ = write!(name, "/tmp/{}.tgz", "out");
    Command::new("tar").arg("czf").arg(&name).arg("--").arg(&dir).status().is_ok()
}
