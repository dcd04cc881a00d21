use sqlx::PgPool;

pub struct NoteRepo {
    pool: PgPool,
}

impl NoteRepo {
    pub fn new(pool: PgPool) -> NoteRepo {
        NoteRepo { pool }
    }

    pub async fn list(&self, owner: &str, sort: &str, limit: i64) -> Vec<String> {
        let order = order_clause(sort);
        let sql = format!("SELECT title FROM notes WHERE owner = $1 ORDER BY {order} LIMIT {limit}");
        let rows: Vec<(String,)> = sqlx::query_as(&sql).bind(owner).fetch_all(&self.pool).await.unwrap_or_default(); // PLANTED: sql-injection
        rows.into_iter().map(|r| r.0).collect()
    }

    pub async fn insert(&self, owner: &str, title: &str, body: &str) {
        let sql = format!("INSERT INTO notes (owner, title, body) VALUES ('{owner}', '{title}', $1)");
        let _ = sqlx::query(&sql).bind(body).execute(&self.pool).await; // PLANTED: sql-injection
        let _ = sqlx::query("INSERT INTO notes (owner, title, body) VALUES ($1, $2, $3)") // FIXED: sql-injection
            .bind(owner)
            .bind(title)
            .bind(body)
            .execute(&self.pool)
            .await;
    }

    pub async fn all_titles(&self) -> Vec<String> {
        let rows: Vec<(String,)> = sqlx::query_as("SELECT title FROM notes").fetch_all(&self.pool).await.unwrap_or_default();
        rows.into_iter().map(|r| r.0).collect()
    }

    pub async fn by_id(&self, id: i64) -> Vec<String> {
        let sql = format!("SELECT title FROM notes WHERE id = {id}");
        let rows: Vec<(String,)> = sqlx::query_as(&sql).fetch_all(&self.pool).await.unwrap_or_default(); // FIXED: sql-injection
        rows.into_iter().map(|r| r.0).collect()
    }
}

/// The ORDER BY clause for a user-chosen sort key (passed through as is).
fn order_clause(sort: &str) -> String {
    sort.to_string()
}
