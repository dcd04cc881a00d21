//! `cargo-sast`: run as `cargo sast [OPTIONS] [PATH...]` or `cargo-sast [OPTIONS] [PATH...]`.
#![forbid(unsafe_code)]

fn main() -> std::process::ExitCode {
    cargo_sast::cli::main_with_args(std::env::args_os().collect())
}
