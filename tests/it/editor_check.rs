//! `cargo sast editor-check`: cargo's messages (a stub `$CARGO` here: no
//! real build in the tests) pass through unchanged, ours follow, one
//! `build-finished` ends the stream; refused on an untrusted repository.

use std::path::Path;

use cargo_metadata::Message;

use crate::common::{demo_copy, sast, stderr, stdout};

const CLIPPY_LINE: &str = r#"{"reason":"compiler-message","package_id":"path+file:///x#0.1.0","manifest_path":"/x/Cargo.toml","target":{"kind":["lib"],"crate_types":["lib"],"name":"x","src_path":"/x/src/lib.rs","edition":"2021","doc":true,"doctest":true,"test":true},"message":{"rendered":"warning: clippy says\n","$message_type":"diagnostic","children":[],"level":"warning","message":"clippy says","spans":[],"code":{"code":"clippy::len_zero","explanation":null}}}"#;
const ARTIFACT_LINE: &str = r#"{"reason":"build-script-executed","package_id":"path+file:///x#0.1.0","linked_libs":[],"linked_paths":[],"cfgs":[],"env":[],"out_dir":"/x/target/out"}"#;

/// A `cargo` that answers `metadata` with the real one and anything else
/// with two messages and `build-finished`, exiting `status`.
#[cfg(unix)]
fn stub(dir: &Path, status: i32) -> std::path::PathBuf {
    use std::os::unix::fs::PermissionsExt;
    let real =
        String::from_utf8(std::process::Command::new("sh").args(["-c", "command -v cargo"]).output().unwrap().stdout)
            .unwrap();
    let p = dir.join("stub-cargo");
    let script = format!(
        "#!/bin/sh\nif [ \"$1\" = metadata ]; then exec {} \"$@\"; fi\necho \"$@\" > \"{}\"\ncat <<'EOF'\n{CLIPPY_LINE}\n{ARTIFACT_LINE}\n{{\"reason\":\"build-finished\",\"success\":true}}\nEOF\nexit {status}\n",
        real.trim(),
        dir.join("args.txt").display()
    );
    std::fs::write(&p, script).unwrap();
    std::fs::set_permissions(&p, std::fs::Permissions::from_mode(0o755)).unwrap();
    p
}

#[cfg(unix)]
#[test]
fn cargo_messages_then_ours_then_one_build_finished() {
    let d = demo_copy();
    let tools = tempfile::tempdir().unwrap();
    let cargo = stub(tools.path(), 0);
    let o = sast()
        .current_dir(d.path())
        .env("CARGO", &cargo)
        .args(["editor-check", "--no-cache", "--", "--workspace", "--all-targets"])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let out = stdout(&o);
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(&lines[..2], [CLIPPY_LINE, ARTIFACT_LINE], "cargo's lines pass through unchanged");
    assert_eq!(lines.iter().filter(|l| l.contains("\"build-finished\"")).count(), 1);
    assert_eq!(*lines.last().unwrap(), r#"{"reason":"build-finished","success":false}"#);
    let msgs: Vec<Message> = Message::parse_stream(out.as_bytes()).map(Result::unwrap).collect();
    assert!(msgs.iter().all(|m| !matches!(m, Message::TextLine(_))));
    let ours = msgs.iter().filter(|m| matches!(m, Message::CompilerMessage(c) if c.message.code.as_ref().is_some_and(|c| c.code.starts_with("sast::")))).count();
    assert!(ours > 20, "{ours}");
    let args = std::fs::read_to_string(tools.path().join("args.txt")).unwrap();
    assert_eq!(args.trim(), "clippy --message-format=json --workspace --all-targets");

    // A failed build wins (cargo's 101) and fails the stream.
    let cargo = stub(tools.path(), 101);
    let o = sast()
        .current_dir(d.path())
        .env("CARGO", &cargo)
        .args(["editor-check", "--no-cache", "--check"])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(101));
    assert!(stdout(&o).ends_with("{\"reason\":\"build-finished\",\"success\":false}\n"));
    assert!(std::fs::read_to_string(tools.path().join("args.txt")).unwrap().starts_with("check "));
}

#[test]
fn editor_check_is_refused_on_an_untrusted_repository() {
    let d = demo_copy();
    let o = sast()
        .current_dir(d.path())
        .env("CARGO", "/nonexistent-cargo")
        .args(["editor-check", "--untrusted-repo"])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("builds the code"), "{}", stderr(&o));
    assert_eq!(stdout(&o), "");
}
