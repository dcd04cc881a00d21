//! `cargo sast editor-check`: the one command that builds. For the
//! user's own editor (rust-analyzer's `check.overrideCommand` replaces
//! `cargo check`, and runs one command): `cargo clippy` (or `check`) with
//! `--message-format=json`, its stdout lines passed through unchanged but
//! for its `build-finished`, its stderr let through; then the scan, in
//! process, and our findings in the same format; one `build-finished` at
//! the end. `cargo sast`, `cargo sast lsp` and the CI recipes never run it
//! (DESIGN.md, Invariants).

use std::io::{BufRead, Write};
use std::process::{Command, Stdio};

use super::cmd_scan::{filter_outcome, report_rustc_json, run_scan};
use super::exit;
use super::output::eprint_error;
use crate::cli::args::{EditorCheckArgs, MessageFormat};
use crate::report::rustc_json;
use crate::rules::Severity;

pub(super) fn cmd_editor_check(a: &EditorCheckArgs, ecolor: bool) -> u8 {
    if a.scan.untrusted_repo {
        eprint_error(
            "editor-check builds the code: it is for your own editor, never for a repository you do not trust",
        );
        return exit::ERROR;
    }
    let mut scan = a.scan.clone();
    scan.no_progress = true;
    let format = scan.message_format.unwrap_or(MessageFormat::Json);
    let cargo_ok = match run_cargo(a, format) {
        Ok(ok) => ok,
        Err(e) => {
            eprint_error(&e);
            false
        }
    };
    let code = match run_scan(&scan, ecolor, false) {
        Ok(mut s) => match filter_outcome(&scan, &mut s) {
            Ok(()) => {
                let fail_on: Severity = scan.fail_on.map(Into::into).or(s.config.fail_on).unwrap_or(Severity::Low);
                report_rustc_json(&scan, &s, format, fail_on, false)
            }
            Err(c) => c,
        },
        Err(c) => c,
    };
    let mut out = std::io::stdout().lock();
    let _ = rustc_json::build_finished(cargo_ok && code == exit::CLEAN, &mut out);
    let _ = out.flush();
    // cargo's failure (a build error) wins, as the `cargo check` it replaces.
    if cargo_ok { code } else { 101 }
}

/// Run `$CARGO clippy|check --message-format=json ARGS`; stream its
/// messages but its `build-finished`; whether it succeeded.
fn run_cargo(a: &EditorCheckArgs, format: MessageFormat) -> Result<bool, String> {
    // `$CARGO` (the cargo that ran us), else PATH's, as for `cargo metadata`.
    let cargo = crate::workspace::metadata::cargo_bin();
    let mut cmd = Command::new(&cargo);
    cmd.arg(if a.check { "check" } else { "clippy" });
    if !a.cargo_args.iter().any(|x| x.starts_with("--message-format")) {
        let spelled = match format {
            MessageFormat::Json => "json",
            MessageFormat::JsonDiagnosticShort => "json-diagnostic-short",
            MessageFormat::JsonDiagnosticRenderedAnsi => "json-diagnostic-rendered-ansi",
        };
        cmd.arg(format!("--message-format={spelled}"));
    }
    cmd.args(&a.cargo_args).stdin(Stdio::null()).stdout(Stdio::piped()).stderr(Stdio::inherit());
    let mut child = cmd.spawn().map_err(|e| format!("cannot run {}: {e}", cargo.display()))?;
    let mut out = std::io::stdout().lock();
    if let Some(stdout) = child.stdout.take() {
        for line in std::io::BufReader::new(stdout).split(b'\n').map_while(Result::ok) {
            let finished = serde_json::from_slice::<serde_json::Value>(&line)
                .is_ok_and(|v| v.get("reason").and_then(|r| r.as_str()) == Some("build-finished"));
            if !finished {
                let _ = out.write_all(&line);
                let _ = out.write_all(b"\n");
            }
        }
    }
    let _ = out.flush();
    let status = child.wait().map_err(|e| format!("cargo: {e}"))?;
    Ok(status.success())
}
