//! Developer tasks: `cargo xtask <task>` (an alias in .cargo/config.toml).
//!
//! - `new-rule <family> <rule-id>`: scaffold a rule (see `new_rule.rs`).
#![forbid(unsafe_code)]

mod new_rule;

use std::process::ExitCode;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    match args.iter().map(String::as_str).collect::<Vec<_>>().as_slice() {
        ["new-rule", family, id] => match new_rule::scaffold(root, family, id) {
            Ok(c) => {
                println!("created {} and {}; registered in lints/mod.rs", c.rule_file, c.fixtures.join(", "));
                println!("next: write the docs and the check, mark the fixtures (`//~ {id}`),");
                println!("      then accept the snapshot: INSTA_UPDATE=always cargo test --test it rule_snapshots");
                println!("      and regenerate the reference: cargo run -- rules --markdown > lints/README.md");
                ExitCode::SUCCESS
            }
            Err(e) => {
                eprintln!("error: {e}");
                ExitCode::from(2)
            }
        },
        _ => {
            eprintln!("usage: cargo xtask new-rule <family> <rule-id>");
            ExitCode::from(2)
        }
    }
}
