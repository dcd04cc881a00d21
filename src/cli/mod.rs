//! Command line: arguments (clap derive) → settings → scan → reports →
//! exit code.

use std::io::IsTerminal;
use std::process::ExitCode;

use clap::Parser;

pub(crate) mod args;
mod cmd_baseline;
mod cmd_deps;
mod cmd_editor_check;
mod cmd_fix;
mod cmd_rules;
mod cmd_scan;
mod cmd_unsafe;
mod lsp;
pub(crate) mod output;

pub use cmd_rules::rules_markdown;

use self::args::{Cli, Cmd, ColorArg, ScanArgs};
use self::cmd_baseline::cmd_baseline;
use self::cmd_rules::{cmd_explain, cmd_rules};
use self::cmd_scan::cmd_scan;
use self::output::eprint_error;
use crate::config::ConfigError;
use crate::report::human;

/// Exit codes.
pub(crate) mod exit {
    /// No unsuppressed finding at or above the fail level.
    pub(crate) const CLEAN: u8 = 0;
    /// Findings at or above the fail level.
    pub(crate) const FINDINGS: u8 = 1;
    /// Usage, config or I/O error (or, with `--strict`, a file that could
    /// not be analysed).
    pub(crate) const ERROR: u8 = 2;
}

/// Entry point: `args` as from `std::env::args_os()`.
pub fn main_with_args(args: Vec<std::ffi::OsString>) -> ExitCode {
    let mut args = args;
    // `cargo sast ...` runs `cargo-sast sast ...`.
    if args.get(1).is_some_and(|a| a == "sast") {
        args.remove(1);
    }
    let cli = match Cli::try_parse_from(&args) {
        Ok(c) => c,
        Err(e) => {
            let code = if e.use_stderr() { exit::ERROR } else { exit::CLEAN };
            let _ = e.print();
            return ExitCode::from(code);
        }
    };
    let color = use_color(cli.color, std::io::stdout().is_terminal());
    let ecolor = use_color(cli.color, std::io::stderr().is_terminal());
    let code = match cli.command {
        Some(Cmd::Rules(a)) => cmd_rules(&a),
        Some(Cmd::Explain { id }) => cmd_explain(&id),
        Some(Cmd::Baseline(a)) => cmd_baseline(&a, ecolor),
        Some(Cmd::Audit(a)) => cmd_scan(&ScanArgs::from(&a), color, ecolor),
        Some(Cmd::Unsafe(a)) => cmd_unsafe::cmd_unsafe(&a),
        Some(Cmd::Deps(a)) => cmd_deps::cmd_deps(&a, color, ecolor),
        Some(Cmd::EditorCheck(a)) => cmd_editor_check::cmd_editor_check(&a, ecolor),
        Some(Cmd::Lsp(a)) => lsp::cmd_lsp(&a),
        None => cmd_scan(&cli.scan, color, ecolor),
    };
    ExitCode::from(code)
}

fn use_color(c: ColorArg, is_tty: bool) -> bool {
    match c {
        ColorArg::Always => true,
        ColorArg::Never => false,
        ColorArg::Auto => is_tty && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty()),
    }
}

fn report_config_error(e: &ConfigError, color: bool) -> u8 {
    let mut err = std::io::stderr();
    if human::config_error(e, color, &mut err).is_err() {
        eprint_error(&e.to_string());
    }
    exit::ERROR
}
