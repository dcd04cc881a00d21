//! `cargo-sast`: run as `cargo sast [OPTIONS] [PATH...]` or `cargo-sast [OPTIONS] [PATH...]`.
#![forbid(unsafe_code)]

/// mimalloc: parsing and analysis allocate many small, short-lived
/// objects; it makes scans markedly faster than the system allocator
/// (see benches/perf.sh).
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> std::process::ExitCode {
    cargo_sast::main_with_args(std::env::args_os().collect())
}
