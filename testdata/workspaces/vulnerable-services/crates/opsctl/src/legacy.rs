//! The positional interface of opsctl 0.x, kept for cron jobs.
use rusqlite::Connection;

/// `opsctl purge <database> <table>...`: deletes expired rows.
pub fn purge(args: &[String]) -> anyhow::Result<()> {
    let Some((database, tables)) = args.split_first() else {
        anyhow::bail!("usage: opsctl purge <database> <table>...");
    };
    let conn = Connection::open(database)?;
    for table in tables.iter().filter(|t| !t.starts_with('-')) {
        let removed = conn.execute(&format!("DELETE FROM {table} WHERE expires_at < unixepoch()"), [])?; // PLANTED: sql-injection
        println!("{table}: {removed} rows removed");
    }
    Ok(())
}
