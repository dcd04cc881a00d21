use std::process::Command;
use std::sync::LazyLock;

use anyhow::{bail, ensure};
use axum::extract::Query;
use regex::Regex;

const KNOWN_HOOKS: &[&str] = &["systemctl restart shop", "shopctl migrate"];
static TAG: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"^[a-z0-9][a-z0-9_]{0,31}$").expect("tag"));
static FLAG: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"^[a-z0-9-]{1,32}$").expect("flag"));

#[derive(serde::Deserialize)]
pub struct Job {
    pub hook: String,
}

// `bail!` ends the path: only known hooks run.
pub async fn hook(Query(j): Query<Job>) -> anyhow::Result<()> {
    if !KNOWN_HOOKS.contains(&j.hook.as_str()) {
        bail!("unknown hook {}", j.hook);
    }
    Command::new("sh").arg("-c").arg(&j.hook).status()?;
    Ok(())
}

// `ensure!` makes its condition hold below it.
pub async fn ensured(Query(j): Query<Job>) -> anyhow::Result<()> {
    ensure!(KNOWN_HOOKS.contains(&j.hook.as_str()), "unknown hook {}", j.hook);
    Command::new("sh").arg("-c").arg(&j.hook).status()?;
    Ok(())
}

// No metacharacter, no space, no leading `-`.
pub async fn tagged(Query(j): Query<Job>) -> anyhow::Result<()> {
    if !TAG.is_match(&j.hook) {
        bail!("bad tag");
    }
    Command::new("sh").arg("-c").arg(format!("git tag {}", j.hook)).status()?;
    Ok(())
}

// `-` may come first: an option to the program.
pub async fn flagged(Query(j): Query<Job>) -> anyhow::Result<()> {
    if !FLAG.is_match(&j.hook) {
        bail!("bad flag");
    }
    Command::new("sh").arg("-c").arg(format!("git tag {}", j.hook)).status()?; //~ command-injection
    Ok(())
}
