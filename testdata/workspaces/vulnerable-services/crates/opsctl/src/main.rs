//! opsctl: operations tasks for the shop platform.
mod cli;
mod commands;
mod legacy;
mod paths;
mod remote;
mod shell;

use clap::Parser;

use crate::cli::{Cli, Command};

fn main() -> anyhow::Result<()> {
    // Cron jobs still call the old positional interface:
    // `opsctl purge <database> <table>...`.
    if std::env::args().nth(1).as_deref() == Some("purge") {
        let rest: Vec<String> = std::env::args().skip(2).collect();
        return legacy::purge(&rest);
    }

    let cli = Cli::parse();
    match &cli.command {
        Command::Backup(args) => commands::backup::run(args),
        Command::Db(args) => commands::db::run(args),
        Command::SyncFlags(args) => commands::flags::sync(args),
        Command::Deploy(args) => commands::deploy::run(args),
        Command::Rollback(args) => commands::deploy::rollback(args),
    }
}
