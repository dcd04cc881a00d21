//! `vault-cli`: administer a vault from the command line.
use std::fs;
use std::os::unix::fs::PermissionsExt;
use std::process::Command;

use clap::Parser;

// PLANTED(secret): cloud credentials committed to source.
const AWS_ACCESS_KEY_ID: &str = "AKIA4QWERTYUIOPA7XZQ";
const AWS_SECRET_ACCESS_KEY: &str = "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";

#[derive(Parser)]
struct Args {
    /// Backup archive name.
    #[arg(long)]
    archive: String,
    /// Server to notify.
    #[arg(long, default_value = "vault.example.com")]
    server: String,
}

fn main() {
    let args = Args::parse();
    // PLANTED(command-injection): the archive name reaches a shell.
    let status = Command::new("sh").arg("-c").arg(format!("tar czf {} /var/lib/vault", args.archive)).status();
    // PLANTED(panic): unwrap in main (startup code: low severity).
    println!("backup exited with {}", status.unwrap());

    // PLANTED(permissions): the archive is world-writable.
    fs::set_permissions(&args.archive, fs::Permissions::from_mode(0o777)).ok();

    // PLANTED(temp-file): a predictable temporary file name.
    let tmp = std::env::temp_dir().join("vault-backup.lock");
    fs::write(&tmp, b"locked").ok();

    // PLANTED(cleartext): credentials sent over plain HTTP.
    let url = format!("http://{}/notify", args.server);
    let _ = reqwest::blocking::Client::new()
        .post(url)
        .basic_auth(AWS_ACCESS_KEY_ID, Some(AWS_SECRET_ACCESS_KEY))
        .send();

    let store = vault::Store::open("/var/lib/vault").unwrap_or_else(|e| {
        eprintln!("cannot open the vault: {e}");
        std::process::exit(2)
    });
    println!("{} secrets", store.len());
}
