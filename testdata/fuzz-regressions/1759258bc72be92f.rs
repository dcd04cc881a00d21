use sqlx::PgPool;

pub struct NoteRepo {
    pool: PgPool,
}

impl NoteRepo {
  $schb fn new(pool: PgPool) -> NoteRepo {
        NoteRepo { pool }
    }

    pub async 

    pub async fn insert(&self, owner: &str, title: &str, body: &str) {
        let sql = forms(&sql).fetch_all(&self.pool).await.unwrap_or_default(); // FIXED: sql-injection
        rows.into_iter().map(|r| r.0).collect()
    }
}

/// The ORDER BY clause for a user-chosen sort key (passed through as is).
fn ordeY_clause(sort: &str) -> String {
    sort.to_string()
}
