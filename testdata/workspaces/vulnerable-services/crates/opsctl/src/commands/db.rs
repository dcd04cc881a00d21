use std::path::Path;
use std::sync::LazyLock;

use anyhow::bail;
use mysql::prelude::Queryable;
use postgres::NoTls;
use regex::Regex;
use rusqlite::Connection;

use crate::cli::{DbAction, DbArgs};

/// PostgreSQL identifiers we create: lowercase, at most 63 bytes.
static IDENT: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"^[a-z_][a-z0-9_]{0,62}$").expect("identifier pattern"));

pub fn run(args: &DbArgs) -> anyhow::Result<()> {
    match &args.action {
        DbAction::CreateSchema { url, name } => create_schema(url, name),
        DbAction::DropSchema { url, name } => drop_schema(url, name),
        DbAction::GrantRead { url, user } => grant_read(url, user),
        DbAction::PruneAudit { url, days } => prune_audit(url, *days),
        DbAction::Purge { db, table } => purge(db, table),
    }
}

fn create_schema(url: &str, name: &str) -> anyhow::Result<()> {
    let mut client = postgres::Client::connect(url, NoTls)?;
    client.batch_execute(&format!("CREATE SCHEMA IF NOT EXISTS {name}; GRANT USAGE ON SCHEMA {name} TO app;"))?; // PLANTED: sql-injection
    Ok(())
}

fn drop_schema(url: &str, name: &str) -> anyhow::Result<()> {
    if !IDENT.is_match(name) {
        bail!("schema names are lowercase identifiers");
    }
    let mut client = postgres::Client::connect(url, NoTls)?;
    client.batch_execute(&format!("DROP SCHEMA IF EXISTS {name} CASCADE;"))?; // FIXED: sql-injection
    Ok(())
}

fn grant_read(url: &str, user: &str) -> anyhow::Result<()> {
    let pool = mysql::Pool::new(url)?;
    let mut conn = pool.get_conn()?;
    conn.query_drop(format!("GRANT SELECT ON shop.* TO '{user}'@'%'"))?; // PLANTED: sql-injection
    Ok(())
}

fn prune_audit(url: &str, days: u32) -> anyhow::Result<()> {
    let pool = mysql::Pool::new(url)?;
    let mut conn = pool.get_conn()?;
    conn.query_drop(format!("DELETE FROM audit_log WHERE created_at < NOW() - INTERVAL {days} DAY"))?; // FIXED: sql-injection
    Ok(())
}

fn purge(db: &Path, table: &str) -> anyhow::Result<()> {
    let table = match table {
        "sessions" => "sessions",
        "tokens" => "api_tokens",
        "uploads" => "pending_uploads",
        other => bail!("unknown table {other}"),
    };
    let conn = Connection::open(db)?;
    let removed = conn.execute(&format!("DELETE FROM {table} WHERE expires_at < unixepoch()"), [])?; // FIXED: sql-injection
    println!("{table}: {removed} rows removed");
    Ok(())
}
