use axum::extract::{Path, Query, State};
use axum::response::Html;
use axum::Json;
use serde::{Deserialize, Serialize};

use crate::db::products::Product;
use crate::error::AppError;
use crate::services::catalog::{Catalog, ProductFilter};
use crate::AppState;

#[derive(Deserialize)]
pub struct ListParams {
    pub category: Option<String>,
    pub sort: Option<String>,
    pub page: Option<u32>,
}

#[derive(Deserialize, Serialize)]
pub struct StockLevel {
    pub sku: String,
    pub available: u32,
}

pub async fn home(State(state): State<AppState>) -> Html<String> {
    Html(state.banner.as_str().to_owned()) // FIXED: xss
}

pub async fn list(State(state): State<AppState>, Query(params): Query<ListParams>) -> Result<Json<Vec<Product>>, AppError> {
    let filter = ProductFilter {
        category: params.category,
        sort: params.sort,
        page: params.page.unwrap_or(0),
    };
    Ok(Json(Catalog::new(&state.pool).search(&filter).await?))
}

pub async fn featured(State(state): State<AppState>, Query(params): Query<ListParams>) -> Result<Json<Vec<Product>>, AppError> {
    let sort = params.sort.as_deref().unwrap_or("newest");
    Ok(Json(Catalog::new(&state.pool).featured(sort).await?))
}

pub async fn show(State(state): State<AppState>, Path(id): Path<u64>) -> Result<Json<Product>, AppError> {
    Catalog::new(&state.pool).by_id(id).await?.map(Json).ok_or(AppError::NotFound)
}

pub async fn by_reference(State(state): State<AppState>, Path(reference): Path<String>) -> Result<Json<Product>, AppError> {
    Catalog::new(&state.pool).by_reference(&reference).await?.map(Json).ok_or(AppError::NotFound)
}

/// Stock levels, straight from the inventory service.
pub async fn stock(State(state): State<AppState>) -> Result<Json<Vec<StockLevel>>, AppError> {
    let url = format!("{}/v1/stock", state.settings.inventory_url);
    let levels = state.http.get(url).send().await?.error_for_status()?.json::<Vec<StockLevel>>().await?; // FIXED: ssrf
    Ok(Json(levels))
}
