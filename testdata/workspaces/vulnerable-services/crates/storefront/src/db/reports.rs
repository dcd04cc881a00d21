//! Report bookkeeping lives in its own database.
use sqlx::{Executor, MySqlPool};

pub async fn record_run(url: &str, label: &str) -> Result<(), sqlx::Error> {
    let pool = MySqlPool::connect(url).await?;
    let mut conn = pool.acquire().await?;
    let q = format!("INSERT INTO report_runs (label, started_at) VALUES ('{label}', NOW())");
    conn.execute(q.as_str()).await?; // PLANTED: sql-injection
    Ok(())
}

pub async fn mark_done(url: &str, label: &str) -> Result<(), sqlx::Error> {
    let pool = MySqlPool::connect(url).await?;
    let mut conn = pool.acquire().await?;
    conn.execute(sqlx::query("UPDATE report_runs SET finished_at = NOW() WHERE label = ?").bind(label)).await?; // FIXED: sql-injection
    Ok(())
}
