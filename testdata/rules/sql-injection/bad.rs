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

// Concatenation instead of format!.
pub async fn sorted(State(pool): State<PgPool>, Query(f): Query<Filter>) -> usize {
    let sql = "SELECT id FROM users ORDER BY ".to_string() + &f.order;
    sqlx::query_as::<_, (i64,)>(&sql).fetch_all(&pool).await.map(|r| r.len()).unwrap_or(0) //~ sql-injection
}

// push_str onto a query string.
pub async fn search(pool: State<PgPool>, Path(term): Path<String>) -> usize {
    let mut sql = String::from("SELECT id FROM docs WHERE title LIKE '%");
    sql.push_str(&term);
    sql.push_str("%'");
    sqlx::query(&sql).fetch_all(&*pool).await.map(|r| r.len()).unwrap_or(0) //~ sql-injection
}

// Executor method on a typed pool.
pub async fn delete(State(pool): State<PgPool>, Path(id): Path<String>) {
    let _ = sqlx::Executor::execute(&pool, format!("DELETE FROM t WHERE id = {id}").as_str()).await; //~ sql-injection
    let _ = pool.execute(format!("DELETE FROM t WHERE id = {id}").as_str()).await; //~ sql-injection
}

// rusqlite on a connection passed as a parameter.
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

// postgres client of unknown type: the argument visibly builds SQL.
pub async fn lookup(client: &Db, Query(f): Query<Filter>) {
    let _ = client.query(&format!("SELECT * FROM users WHERE name = '{}'", f.name), &[]).await; //~ sql-injection
}

pub struct Db;
