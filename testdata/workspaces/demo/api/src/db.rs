//! Database helpers.
use sqlx::PgPool;

/// Record an audit event.
pub async fn audit(pool: &PgPool, what: &str) {
    // The SQL text is built from the caller's argument (see handlers.rs).
    let sql = format!("INSERT INTO audit (event) VALUES ('{what}')");
    let _ = sqlx::query(&sql).execute(pool).await;
}

/// Connection string for local development.
// PLANTED(secret): a password embedded in a connection string.
pub const DEV_DATABASE_URL: &str = "postgres://vault_admin:Xk8#mQ2vLp9wRz@db.internal:5432/vault";
