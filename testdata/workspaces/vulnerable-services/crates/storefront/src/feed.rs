//! The supplier's price and catalogue feeds, pulled every ten minutes.
use std::sync::Arc;
use std::time::Duration;

use serde::Deserialize;
use sqlx::{MySql, MySqlPool, QueryBuilder};

use crate::config::Settings;

#[derive(Deserialize)]
pub struct FeedItem {
    pub sku: String,
    pub price_cents: i64,
    pub in_stock: bool,
}

#[derive(Debug, thiserror::Error)]
pub enum FeedError {
    #[error("feed request failed")]
    Http(#[from] reqwest::Error),
    #[error("database error")]
    Database(#[from] sqlx::Error),
}

pub async fn run_every(pool: MySqlPool, settings: Arc<Settings>) {
    let mut tick = tokio::time::interval(Duration::from_secs(600));
    loop {
        tick.tick().await;
        if let Err(e) = sync_prices(&pool, &settings.supplier_feed_url).await {
            tracing::warn!(error = ?e, "price feed sync failed");
        }
        if let Err(e) = sync_discontinued(&pool, &settings.discontinued_feed_url).await {
            tracing::warn!(error = ?e, "catalogue feed sync failed");
        }
    }
}

pub async fn sync_prices(pool: &MySqlPool, feed_url: &str) -> Result<usize, FeedError> {
    let items: Vec<FeedItem> = reqwest::get(feed_url).await?.json().await?;
    let mut updated = 0;
    for item in items.iter().filter(|i| i.in_stock) {
        let q = format!("UPDATE products SET price_cents = {} WHERE sku = '{}'", item.price_cents, item.sku);
        sqlx::query(&q).execute(pool).await?; // PLANTED: sql-injection
        sqlx::query("UPDATE price_history SET current = 0 WHERE sku = ?").bind(&item.sku).execute(pool).await?; // FIXED: sql-injection
        updated += 1;
    }
    Ok(updated)
}

/// The feed is one SKU a line.
pub async fn sync_discontinued(pool: &MySqlPool, feed_url: &str) -> Result<(), FeedError> {
    let body = reqwest::get(feed_url).await?.text().await?;
    let skus: Vec<&str> = body.lines().map(str::trim).filter(|l| !l.is_empty()).collect();
    if skus.is_empty() {
        return Ok(());
    }

    let mut qb: QueryBuilder<MySql> = QueryBuilder::new("UPDATE products SET archived = 1 WHERE sku IN (");
    for (i, sku) in skus.iter().enumerate() {
        if i > 0 {
            qb.push(", ");
        }
        qb.push(format_args!("'{sku}'")); // PLANTED: sql-injection
    }
    qb.push(")");
    qb.build().execute(pool).await?;

    let mut listed: QueryBuilder<MySql> = QueryBuilder::new("UPDATE products SET listed = 0 WHERE sku IN (");
    let mut values = listed.separated(", ");
    for sku in &skus {
        values.push_bind(*sku);
    }
    values.push_unseparated(")");
    listed.build().execute(pool).await?; // FIXED: sql-injection
    Ok(())
}
