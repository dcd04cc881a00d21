use axum::extract::{Path, Query, State};
use sqlx::PgPool;

#[derive(serde::Deserialize)]
pub struct Filter {
    pub name: String,
    pub order: String,
    pub limit: i64,
}

// Bind parameters.
pub async fn by_name(State(pool): State<PgPool>, Query(f): Query<Filter>) -> usize {
    sqlx::query("SELECT id FROM users WHERE name = $1").bind(&f.name).fetch_all(&pool).await.map(|r| r.len()).unwrap_or(0)
}

// Compile-time checked macros.
pub async fn checked(State(pool): State<PgPool>, Query(f): Query<Filter>) -> usize {
    sqlx::query!("SELECT id FROM users WHERE name = $1", f.name).fetch_all(&pool).await.map(|r| r.len()).unwrap_or(0)
}

// An allow-listed identifier.
pub async fn sorted(State(pool): State<PgPool>, Query(f): Query<Filter>) -> usize {
    let column = match f.order.as_str() {
        "name" => "name",
        "created" => "created_at",
        _ => "id",
    };
    let sql = format!("SELECT id FROM users ORDER BY {column}");
    sqlx::query(&sql).fetch_all(&pool).await.map(|r| r.len()).unwrap_or(0)
}

// A number.
pub async fn page(State(pool): State<PgPool>, Query(f): Query<Filter>) -> usize {
    let sql = format!("SELECT id FROM users LIMIT {}", f.limit);
    sqlx::query(&sql).fetch_all(&pool).await.map(|r| r.len()).unwrap_or(0)
}

// Parsed to a number first.
pub async fn by_id(State(pool): State<PgPool>, Path(id): Path<String>) -> usize {
    let id: i64 = id.parse().unwrap_or(0);
    sqlx::query(&format!("SELECT * FROM t WHERE id = {id}")).fetch_all(&pool).await.map(|r| r.len()).unwrap_or(0)
}

// rusqlite with params.
pub fn rename(conn: &rusqlite::Connection, new_name: &str) {
    let _ = conn.execute("UPDATE users SET name = ?1", [new_name]);
}

// `execute` on something that is not a database, with no SQL in sight.
pub async fn notify(bus: &Bus, Query(f): Query<Filter>) {
    bus.execute(&f.name).await;
}

pub struct Bus;
impl Bus {
    pub async fn execute(&self, _job: &str) {}
}
