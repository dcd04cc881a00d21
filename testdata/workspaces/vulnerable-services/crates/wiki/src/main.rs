//! wiki: the team wiki (poem, PostgreSQL).
mod api;
mod config;
mod help;
mod locale;
mod render;
mod store;

use std::sync::Arc;

use poem::listener::TcpListener;
use poem::{delete, get, post, EndpointExt, Route, Server};
use tokio_postgres::NoTls;

use crate::config::WikiConfig;
use crate::store::pages::PageStore;

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    tracing_subscriber::fmt::init();
    let config = WikiConfig::from_env();
    let (client, connection) = tokio_postgres::connect(&config.database_url, NoTls).await?;
    tokio::spawn(async move {
        if let Err(e) = connection.await {
            tracing::error!(error = ?e, "database connection closed");
        }
    });
    let listen = config.listen.clone();

    let app = Route::new()
        .at("/pages", get(api::pages::list))
        .at("/pages/:slug/rename", post(api::pages::rename))
        .at("/pages/:slug/title", post(api::pages::retitle))
        .at("/pages/:slug/attachments/:folder", delete(api::files::drop_folder))
        .at("/preview", post(api::pages::preview))
        .at("/preview/safe", post(api::pages::preview_safe))
        .at("/search", get(api::search::search))
        .at("/help/:topic", get(api::pages::help))
        .at("/messages/:lang", get(api::session::messages))
        .at("/login/done", get(api::session::login_done))
        .at("/logout/done", get(api::session::logout_done))
        .data(PageStore::new(Arc::new(client)))
        .data(config);

    Server::new(TcpListener::bind(listen)).run(app).await?;
    Ok(())
}
