// Receivers typed through constructors, `?`, `.await` and fields; trait
// methods in scope (`use sqlx::Executor`).
use axum::extract::{Json, Path};
use sqlx::{Executor, MySqlPool};

#[derive(serde::Deserialize)]
pub struct Label {
    pub label: String,
}

pub struct Repo {
    pub pool: MySqlPool,
}

// One step from the constructor: a pool connection's `execute`.
pub async fn record(Json(l): Json<Label>) -> Result<(), sqlx::Error> {
    let pool = MySqlPool::connect("mysql://localhost/db").await?;
    let mut conn = pool.acquire().await?;
    let q = format!("INSERT INTO runs (label) VALUES ('{}')", l.label);
    conn.execute(q.as_str()).await?; //~ sql-injection
    Ok(())
}

// A field's declared type.
impl Repo {
    pub async fn archive(&self, sku: &str) -> Result<(), sqlx::Error> {
        let q = format!("UPDATE products SET archived = 1 WHERE sku = '{sku}'");
        self.pool.execute(q.as_str()).await?; //~ sql-injection
        Ok(())
    }

    // A query object with a bound value is not SQL text.
    pub async fn archive_bound(&self, sku: &str) -> Result<(), sqlx::Error> {
        let mut conn = self.pool.acquire().await?;
        conn.execute(sqlx::query("UPDATE products SET archived = 1 WHERE sku = ?").bind(sku)).await?;
        Ok(())
    }
}

pub async fn archive(Path(sku): Path<String>) -> Result<(), sqlx::Error> {
    let repo = Repo { pool: MySqlPool::connect("mysql://localhost/db").await? };
    repo.archive(&sku).await?;
    repo.archive_bound(&sku).await
}
