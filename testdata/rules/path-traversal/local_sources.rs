//@ config: [rule.path-traversal]
//@ config: sources = ["remote", "command-line", "environment"]
// With local sources enabled (e.g. for a setuid tool or a service reading
// its environment), command-line and environment input are reported too.
use clap::Parser;

#[derive(Parser)]
struct Cli {
    input: String,
}

fn main() {
    let cli = Cli::parse();
    let _ = std::fs::read_to_string(&cli.input); //~ path-traversal[medium]
    let dir = std::env::var("CACHE_DIR").unwrap_or_default();
    let _ = std::fs::remove_dir_all(dir); //~ path-traversal[medium]
}
