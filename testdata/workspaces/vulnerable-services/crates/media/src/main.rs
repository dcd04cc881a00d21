//! media: the photo library service (actix-web, SQLite catalogue).
mod catalog;
mod config;
mod fsutil;
mod handlers;
mod imaging;
mod jobs;

use actix_web::{web, App, HttpServer};

use crate::catalog::sqlite::Catalog;
use crate::config::MediaConfig;

#[actix_web::main]
async fn main() -> std::io::Result<()> {
    env_logger::init();
    let config = MediaConfig::from_env();
    let listen = config.listen.clone();
    let catalog = web::Data::new(Catalog::open(config.catalog_path.clone()));
    let config = web::Data::new(config);

    HttpServer::new(move || {
        App::new()
            .app_data(config.clone())
            .app_data(catalog.clone())
            .route("/albums", web::post().to(handlers::albums::create_album))
            .route("/albums/count", web::get().to(handlers::albums::album_count))
            .route("/albums/{album}/photos", web::get().to(handlers::albums::list_photos))
            .route("/albums/{album}/tags", web::post().to(handlers::albums::add_tag))
            .route("/albums/{album}/tags/{tag}", web::delete().to(handlers::albums::remove_tag))
            .route("/originals/{album}/{file}", web::get().to(handlers::files::original))
            .route("/exports/{tail:.*}", web::get().to(handlers::files::export))
            .route("/library/manifest", web::get().to(handlers::files::manifest))
            .route("/frames/raw", web::post().to(handlers::images::upload_raw))
            .route("/frames/thumbnail", web::post().to(handlers::images::upload_thumbnail))
            .route("/frames/{id}/rows", web::post().to(handlers::images::extend))
            .route("/frames/{id}/rows/bounded", web::post().to(handlers::images::extend_bounded))
            .route("/transcode", web::post().to(handlers::transcode::transcode))
            .route("/transcode/v2", web::post().to(handlers::transcode::transcode_v2))
            .route("/preview/caption", web::post().to(handlers::pages::preview_caption))
            .route("/preview/caption/escaped", web::post().to(handlers::pages::preview_caption_escaped))
            .route("/login/done", web::get().to(handlers::pages::after_login))
            .route("/logout/done", web::get().to(handlers::pages::after_logout))
    })
    .bind(listen)?
    .run()
    .await
}
