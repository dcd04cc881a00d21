//! gitmirror: the command-line front end.
//!
//! `gitmirror open <link>` is registered as the handler of `gitmirror://`
//! links, so a web page can start it with a link of its choice.

use std::path::{Path, PathBuf};
use std::process::Command;

use clap::{Parser, Subcommand};
use serde::Deserialize;

#[derive(Parser)]
#[command(version, about)]
struct Cli {
    #[command(subcommand)]
    command: Cmd,
}

#[derive(Subcommand)]
enum Cmd {
    /// Open a `gitmirror://<host>/<path>` link: check the host, clone the repository.
    Open {
        link: String,
        /// Check that the host accepts our key first.
        #[arg(long)]
        probe: bool,
    },
    /// Mirror every repository a forge lists, into `dir`.
    Sync { forge: String, dir: PathBuf },
}

/// A repository as the forge's API lists it.
#[derive(Deserialize)]
struct RepoInfo {
    name: String,
    clone_url: String,
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    match Cli::parse().command {
        Cmd::Open { link, probe } => open(&link, probe),
        Cmd::Sync { forge, dir } => sync(&forge, &dir),
    }
}

fn open(link: &str, probe: bool) -> Result<(), Box<dyn std::error::Error>> {
    let rest = link.strip_prefix("gitmirror://").ok_or("not a gitmirror:// link")?;
    let (host, path) = rest.split_once('/').ok_or("no repository path")?;
    if probe {
        Command::new("ssh").args(["-T", "-o", "BatchMode=yes"]).arg(host).arg("true").status()?; // PLANTED: argument-injection
    }
    Command::new("git").arg("clone").arg(format!("ssh://{host}/{path}")).status()?; // FIXED: argument-injection
    Ok(())
}

fn sync(forge: &str, dir: &Path) -> Result<(), Box<dyn std::error::Error>> {
    let repos: Vec<RepoInfo> = reqwest::blocking::get(format!("{forge}/api/v1/repos"))?.json()?;
    for repo in repos {
        let Some(name) = Path::new(&repo.name).file_name() else { continue };
        let dest = dir.join(name).with_extension("git");
        if dest.exists() {
            Command::new("git").arg("-C").arg(&dest).args(["fetch", "--prune"]).arg(&repo.clone_url).status()?; // PLANTED: argument-injection
        } else {
            gitmirror::git::mirror(&repo.clone_url, &dest)?;
        }
    }
    Ok(())
}
