use serde::Serialize;
use sqlx::MySqlPool;

use crate::db::orders::{OrderLine, OrderRepo};
use crate::error::AppError;
use crate::routes::orders::NewOrder;

#[derive(Serialize)]
pub struct OrderReceipt {
    pub order_id: u64,
    pub sku: String,
}

pub struct OrderService {
    repo: OrderRepo,
}

impl OrderService {
    pub fn new(pool: MySqlPool) -> OrderService {
        OrderService { repo: OrderRepo::new(pool) }
    }

    pub async fn place(&self, order: &NewOrder) -> Result<OrderReceipt, AppError> {
        let line = OrderLine {
            sku: order.sku.clone(),
            quantity: order.quantity,
            note: order.note.trim().to_string(),
        };
        let order_id = self.repo.insert(&line).await?;
        Ok(OrderReceipt { order_id, sku: line.sku })
    }
}
