use axum::extract::{Path, Query, State};
use sqlx::{PgPool, Row};

#[derive(serde::Deserialize)]
pub struct Filter {
    pub name: String,
    pub order: String,
}

pub async fn by_name(State(pool): State<PgPool>, Query(f): Query<Filter>) -> usize {
    let sql = format!("SELECT id FROM users WHERE name = '{}'", f.name);
    let rows = sqlx::query(&sql).fetch_all(&pool).await.unwrap_or_default(); //~ sql-injection[critical]
    rows.len()
}

// Concatenation / rusqlite on a connection passed as a parameter.
pub fn rename(conn: &rusqlite::Connection, new_name: &str) {
    let _ = conn.execute(&format!("UPDATE users SET name = '{new_name}'"), []);
}

#[actix_web::post("/rename/{name}")]
async fn rename_handler(path: actix_web::web::Path<String>) -> &'static str {
    let conn = rusqlite::Connection::open_in_memory().unwrap_or_else(|_| std::process::exit(1));
    rename(&conn, &path); //~^^^^^^ sql-injection
    "ok"
}

// diesel raw SQL from an environment variable (lowered: high).
fn report() {
    let table = std::env::var("REPORT_TABLE").unwrap_or_default();
    let _q = diesel::sql_query(format!("SELECT * FROM {table}")); //~ sql-injection[high]
}

// 