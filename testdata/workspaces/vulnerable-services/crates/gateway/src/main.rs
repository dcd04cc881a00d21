//! gateway: the edge service (warp).
mod allow;
mod config;
mod filters;
mod handlers;
mod paths;
mod upstream;

use std::sync::Arc;

use crate::config::GatewayConfig;

#[tokio::main]
async fn main() {
    let config = Arc::new(GatewayConfig::from_env());
    let client = reqwest::Client::builder().user_agent("gateway/3").build().unwrap_or_default();
    let routes = filters::routes(client, config.clone());
    warp::serve(routes).run(config.listen).await;
}
