use std::process::Command;

use anyhow::{bail, Context};
use serde::Deserialize;

use crate::cli::DeployArgs;
use crate::paths;
use crate::remote;

/// Commands a manifest may ask for after installing.
const KNOWN_HOOKS: &[&str] = &["systemctl restart shop", "systemctl reload nginx", "shopctl migrate"];

#[derive(Deserialize)]
struct Manifest {
    version: String,
    config_files: Vec<ConfigFile>,
    post_install: Vec<String>,
}

#[derive(Deserialize)]
struct ConfigFile {
    path: String,
    contents: String,
}

pub fn run(args: &DeployArgs) -> anyhow::Result<()> {
    let manifest: Manifest = ureq::get(&remote::manifest_url(&args.release)).call()?.into_json()?; // FIXED: ssrf
    for file in &manifest.config_files {
        std::fs::write(args.install_dir.join(&file.path), &file.contents)?; // PLANTED: path-traversal
    }
    for hook in manifest.post_install.iter().map(|h| h.trim()).filter(|h| !h.is_empty()) {
        Command::new("sh").arg("-c").arg(hook).status().context("post-install hook")?; // PLANTED: command-injection
    }
    println!("installed {}", manifest.version);
    Ok(())
}

pub fn rollback(args: &DeployArgs) -> anyhow::Result<()> {
    let text = remote::fetch_text(&remote::manifest_url(&args.release))?;
    let manifest: Manifest = serde_json::from_str(&text)?;
    for file in &manifest.config_files {
        let Some(relative) = paths::normal_components(&file.path) else {
            continue;
        };
        std::fs::write(args.install_dir.join(relative), &file.contents)?; // FIXED: path-traversal
    }
    for hook in &manifest.post_install {
        if !KNOWN_HOOKS.contains(&hook.as_str()) {
            bail!("the manifest asks for an unknown post-install hook");
        }
        Command::new("sh").arg("-c").arg(hook).status().context("post-install hook")?; // FIXED: command-injection
    }
    println!("rolled back to {}", manifest.version);
    Ok(())
}
