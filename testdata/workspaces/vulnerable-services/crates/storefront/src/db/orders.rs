use sqlx::MySqlPool;

pub struct OrderLine {
    pub sku: String,
    pub quantity: u32,
    pub note: String,
}

pub struct OrderRepo {
    pool: MySqlPool,
}

impl OrderRepo {
    pub fn new(pool: MySqlPool) -> OrderRepo {
        OrderRepo { pool }
    }

    pub async fn insert(&self, line: &OrderLine) -> Result<u64, sqlx::Error> {
        let q = format!(
            "INSERT INTO orders (sku, quantity, note) VALUES ('{}', {}, '{}')",
            line.sku, line.quantity, line.note
        );
        let done = sqlx::query(&q).execute(&self.pool).await?; // PLANTED: sql-injection
        Ok(done.last_insert_id())
    }
}
