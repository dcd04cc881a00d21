use sqlx::MySqlPool;
use uuid::Uuid;

use crate::db::products::{self, Product, ProductRepo};
use crate::error::AppError;

/// What a product listing is filtered and sorted by.
pub struct ProductFilter {
    pub category: Option<String>,
    /// The client's sort expression, e.g. `price_cents DESC`.
    pub sort: Option<String>,
    pub page: u32,
}

pub struct Catalog<'a> {
    pool: &'a MySqlPool,
}

impl<'a> Catalog<'a> {
    pub fn new(pool: &'a MySqlPool) -> Catalog<'a> {
        Catalog { pool }
    }

    pub async fn search(&self, filter: &ProductFilter) -> Result<Vec<Product>, AppError> {
        Ok(products::search(self.pool, filter).await?)
    }

    pub async fn featured(&self, sort: &str) -> Result<Vec<Product>, AppError> {
        Ok(products::featured(self.pool, sort).await?)
    }

    pub async fn by_id(&self, id: u64) -> Result<Option<Product>, AppError> {
        Ok(ProductRepo::new(self.pool.clone()).find(id).await?)
    }

    /// A product by its public reference (a UUID).
    pub async fn by_reference(&self, reference: &str) -> Result<Option<Product>, AppError> {
        let reference = Uuid::parse_str(reference).map_err(|_| AppError::BadRequest)?;
        Ok(ProductRepo::new(self.pool.clone()).find_by_reference(reference).await?)
    }
}
