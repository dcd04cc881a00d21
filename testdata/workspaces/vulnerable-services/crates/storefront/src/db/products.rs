use serde::Serialize;
use sqlx::{Executor, MySql, MySqlPool, QueryBuilder};
use uuid::Uuid;

use crate::services::catalog::ProductFilter;

#[derive(Debug, Serialize, sqlx::FromRow)]
pub struct Product {
    pub id: u64,
    pub sku: String,
    pub name: String,
    pub price_cents: i64,
}

const PAGE_SIZE: u32 = 50;

pub async fn search(pool: &MySqlPool, filter: &ProductFilter) -> Result<Vec<Product>, sqlx::Error> {
    let mut qb: QueryBuilder<MySql> = QueryBuilder::new("SELECT id, sku, name, price_cents FROM products WHERE archived = 0");
    if let Some(category) = &filter.category {
        qb.push(" AND category = ").push_bind(category); // FIXED: sql-injection
    }
    if let Some(sort) = &filter.sort {
        qb.push(" ORDER BY ").push(sort); // PLANTED: sql-injection
    }
    qb.push(" LIMIT ").push(PAGE_SIZE).push(" OFFSET ").push(filter.page.saturating_mul(PAGE_SIZE)); // FIXED: sql-injection
    qb.build_query_as::<Product>().fetch_all(pool).await
}

pub async fn featured(pool: &MySqlPool, sort: &str) -> Result<Vec<Product>, sqlx::Error> {
    let mut qb: QueryBuilder<MySql> = QueryBuilder::new("SELECT id, sku, name, price_cents FROM products WHERE featured = 1");
    qb.push(" ORDER BY ").push(sort_column(sort)); // FIXED: sql-injection
    qb.build_query_as::<Product>().fetch_all(pool).await
}

/// The column a client's sort key stands for: only known columns.
fn sort_column(key: &str) -> &'static str {
    match key {
        "price" => "price_cents",
        "name" => "name",
        "newest" => "created_at DESC",
        _ => "id",
    }
}

pub struct ProductRepo {
    pool: MySqlPool,
}

impl ProductRepo {
    pub fn new(pool: MySqlPool) -> ProductRepo {
        ProductRepo { pool }
    }

    pub async fn find(&self, id: u64) -> Result<Option<Product>, sqlx::Error> {
        let q = format!("SELECT id, sku, name, price_cents FROM products WHERE id = {id}");
        sqlx::query_as::<_, Product>(&q).fetch_optional(&self.pool).await // FIXED: sql-injection
    }

    pub async fn find_by_reference(&self, reference: Uuid) -> Result<Option<Product>, sqlx::Error> {
        let q = format!("SELECT id, sku, name, price_cents FROM products WHERE reference = '{reference}'");
        sqlx::query_as::<_, Product>(&q).fetch_optional(&self.pool).await // FIXED: sql-injection
    }

    pub async fn archive(&self, sku: &str) -> Result<u64, sqlx::Error> {
        let mut conn = self.pool.acquire().await?;
        let q = format!("UPDATE products SET archived = 1 WHERE sku = '{sku}'");
        let done = conn.execute(q.as_str()).await?; // PLANTED: sql-injection
        Ok(done.rows_affected())
    }

    pub async fn restore(&self, sku: &str) -> Result<u64, sqlx::Error> {
        let mut conn = self.pool.acquire().await?;
        let done = conn.execute(sqlx::query("UPDATE products SET archived = 0 WHERE sku = ?").bind(sku)).await?; // FIXED: sql-injection
        Ok(done.rows_affected())
    }
}
