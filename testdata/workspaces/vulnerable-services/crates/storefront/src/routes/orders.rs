use axum::extract::State;
use axum::http::HeaderMap;
use axum::Json;
use serde::Deserialize;

use crate::error::AppError;
use crate::services::orders::{OrderReceipt, OrderService};
use crate::AppState;

/// Most lines a batch may hold.
const MAX_BATCH: usize = 200;

#[derive(Deserialize)]
pub struct NewOrder {
    pub sku: String,
    pub quantity: u32,
    pub coupon: Option<String>,
    pub note: String,
}

pub async fn place(State(state): State<AppState>, Json(order): Json<NewOrder>) -> Result<Json<OrderReceipt>, AppError> {
    if let Some(coupon) = &order.coupon {
        tracing::info!("order for {} uses coupon {}", order.sku, coupon); // PLANTED: log-injection
        tracing::info!(sku = ?order.sku, coupon = ?coupon, "coupon applied"); // FIXED: log-injection
    }
    let receipt = OrderService::new(state.pool.clone()).place(&order).await?;
    Ok(Json(receipt))
}

/// Several orders at once; `X-Batch-Size` announces how many lines follow.
pub async fn batch(State(state): State<AppState>, headers: HeaderMap, Json(lines): Json<Vec<NewOrder>>) -> Result<Json<Vec<OrderReceipt>>, AppError> {
    let announced = headers
        .get("x-batch-size")
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<usize>().ok())
        .unwrap_or(lines.len());
    let mut receipts = Vec::with_capacity(announced); // PLANTED: uncontrolled-allocation
    let mut skipped: Vec<String> = Vec::with_capacity(announced.min(MAX_BATCH)); // FIXED: uncontrolled-allocation
    let service = OrderService::new(state.pool.clone());
    for line in lines.iter().take(MAX_BATCH) {
        if line.quantity == 0 {
            skipped.push(line.sku.clone());
            continue;
        }
        receipts.push(service.place(line).await?);
    }
    Ok(Json(receipts))
}
