use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

#[derive(Parser)]
#[command(name = "opsctl", version, about = "Operations tasks for the shop platform")]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Subcommand)]
pub enum Command {
    /// Archives a directory into /var/backups.
    Backup(BackupArgs),
    /// Database maintenance.
    Db(DbArgs),
    /// Copies feature flags from the flag service into a local database.
    SyncFlags(SyncFlagsArgs),
    /// Installs a release.
    Deploy(DeployArgs),
    /// Goes back to the previous release.
    Rollback(DeployArgs),
}

#[derive(Args)]
pub struct BackupArgs {
    /// Directory to archive.
    #[arg(long)]
    pub source: PathBuf,
    /// Label used in the archive's name.
    #[arg(long)]
    pub label: String,
    /// Also write the archive's checksum to this file.
    #[arg(long)]
    pub checksum_file: Option<PathBuf>,
}

#[derive(Args)]
pub struct DbArgs {
    #[command(subcommand)]
    pub action: DbAction,
}

#[derive(Subcommand)]
pub enum DbAction {
    /// Creates a tenant schema (PostgreSQL).
    CreateSchema {
        #[arg(long, env = "DATABASE_URL")]
        url: String,
        #[arg(long)]
        name: String,
    },
    /// Drops a tenant schema (PostgreSQL).
    DropSchema {
        #[arg(long, env = "DATABASE_URL")]
        url: String,
        #[arg(long)]
        name: String,
    },
    /// Gives a MySQL user read access to the shop database.
    GrantRead {
        #[arg(long, env = "MYSQL_URL")]
        url: String,
        #[arg(long)]
        user: String,
    },
    /// Deletes audit entries older than some days (MySQL).
    PruneAudit {
        #[arg(long, env = "MYSQL_URL")]
        url: String,
        #[arg(long, default_value_t = 90)]
        days: u32,
    },
    /// Deletes expired rows of a known table (SQLite).
    Purge {
        #[arg(long)]
        db: PathBuf,
        #[arg(long)]
        table: String,
    },
}

#[derive(Args)]
pub struct SyncFlagsArgs {
    /// URL of the flag service's export.
    #[arg(long, default_value = "https://flags.internal/export.json")]
    pub source: String,
    /// The local flags database.
    #[arg(long)]
    pub db: PathBuf,
}

#[derive(Args)]
pub struct DeployArgs {
    /// The release tag.
    #[arg(long)]
    pub release: String,
    /// Where the release is installed.
    #[arg(long, default_value = "/opt/shop")]
    pub install_dir: PathBuf,
}
