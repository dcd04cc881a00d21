use sqlx::PgPool;

pub struct UserRepo {
    pub pool: PgPool,
}

impl UserRepo {
    // A method in another file: the query text is built from its argument.
    pub async fn by_email(&self, email: &str) -> usize {
        let sql = self.query_for(email);
        sqlx::query(&sql).fetch_all(&self.pool).await.map(|r| r.len()).unwrap_or(0) //~ sql-injection
    }

    fn query_for(&self, email: &str) -> String {
        format!("SELECT id FROM users WHERE email = '{email}'")
    }
}
