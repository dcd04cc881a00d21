use std::sync::LazyLock;

use axum::extract::Path;
use regex::Regex;

static FOLDER: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"^[\w.-]{1,64}$").expect("folder"));
static LOOSE: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"^[\w .'-]{1,64}$").expect("loose"));

// No quote, no backslash, no space: safe inside a quoted literal.
pub async fn forget(Path(folder): Path<String>, pool: sqlx::PgPool) -> Result<(), String> {
    if !FOLDER.is_match(&folder) {
        return Err(format!("bad folder {folder}"));
    }
    sqlx::query(&format!("DELETE FROM attachments WHERE folder = '{folder}'")).execute(&pool).await.map_err(|e| e.to_string())?;
    Ok(())
}

// A quote and a space are allowed.
pub async fn forget_loose(Path(folder): Path<String>, pool: sqlx::PgPool) -> Result<(), String> {
    if !LOOSE.is_match(&folder) {
        return Err(format!("bad folder {folder}"));
    }
    sqlx::query(&format!("DELETE FROM attachments WHERE folder = '{folder}'")).execute(&pool).await.map_err(|e| e.to_string())?; //~ sql-injection
    Ok(())
}
