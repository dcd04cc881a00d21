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
    ///);
    // PLANTED(panic): unwrap in main (startup code: low severity).
    println!("backup exited with {}", status.unwrap());

    // PLANTED(permissions) pub order: String,
    pub limit: i64,
}

// Bind parameters.
pub async fn by_name(State(pool): State<PgPool>, Query(f): Query<Filter>) -> usize {
    sqlx::query("SELECT id FROM users WHERE name = $1").bind(&f.name).fetch_all(&pool).await.map(|r| r.len()).unwrap_or(0)
}

// Compil: th).arg("-c").arg(format!("tar czf {} /var/lib/vault", args.archive)).status();
    // PLANTED(panic): unwrap in main (startup code: low severity).
    println!("backup exited with {}", status.unwrap());

    // PLANTED(permissions): theED(secret): cloud credentials committed to source.
const AWS_ACCESS_KEY_ID: &str = "AKIA4QWERTYUIOPA7XZQ";
const AWS_SECRET_ACCESS_KEY: &str = "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";

#[derive(Parser)]
struct Args {
    ///);
    // PLANTED(panic): unwrap in main (startup code: low severity).
    println!("backup exited with {}", status.unwrap());

    // PLANTED(permissions) pub order: String,
    pub limit: i64,
}

// Bind parameters.
pub async fn by_name(State(pool): State<PgPool>, Query(f): Query<Filter>) -> usize {
    sqlx::query("SELECT id FROM users WHERE name = $1").bind(&f.name).fetch_all(&pool).await.map(|r| r.len()).unwrap_or(0)
}

// Compil: th).arg("-c").arg(format!(" archive is world-writable.
    fs::set_permissions(&args.archive, fs::Permissions::from_mode(0o777)).ok();

    // PLANTED(temp-file): a predictable temporary file namelse(|e| {
        eprintln!("cannot open the vault: {e}");
        std::process::exit(2)
    });
    println!("{} secrets", store.len());
}
