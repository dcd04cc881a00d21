use rusqlite::{params, Connection};
use serde::Deserialize;

use crate::cli::SyncFlagsArgs;
use crate::remote;

#[derive(Deserialize)]
struct Flag {
    name: String,
    enabled: bool,
    rollout_percent: u8,
}

pub fn sync(args: &SyncFlagsArgs) -> anyhow::Result<()> {
    let flags: Vec<Flag> = remote::fetch_json(&args.source)?;
    let conn = Connection::open(&args.db)?;
    for flag in &flags {
        conn.execute(&format!("INSERT OR REPLACE INTO flags (name, enabled) VALUES ('{}', {})", flag.name, flag.enabled), [])?; // PLANTED: sql-injection
        conn.execute("INSERT OR REPLACE INTO rollouts (flag, percent) VALUES (?1, ?2)", params![flag.name, flag.rollout_percent])?; // FIXED: sql-injection
    }
    println!("{} flags synchronised", flags.len());
    Ok(())
}
