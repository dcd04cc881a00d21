//! fileserve: a static file server (hyper) with a small admin app (salvo).

mod admin;
mod assets;
mod files;
mod paths;
mod range;

use std::convert::Infallible;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::Arc;

use hyper::service::{make_service_fn, service_fn};

/// Where things live. Set by the operator through the environment: trusted.
pub struct Config {
    pub root: PathBuf,
    pub assets: PathBuf,
    pub uploads: PathBuf,
    pub avatars: PathBuf,
}

impl Config {
    fn from_env() -> Config {
        let dir = |var: &str, default: &str| PathBuf::from(std::env::var(var).unwrap_or_else(|_| default.to_string()));
        Config {
            root: dir("FILESERVE_ROOT", "/srv/fileserve/www"),
            assets: dir("FILESERVE_ASSETS", "/srv/fileserve/assets"),
            uploads: dir("FILESERVE_UPLOADS", "/srv/fileserve/uploads"),
            avatars: dir("FILESERVE_AVATARS", "/srv/fileserve/avatars"),
        }
    }
}

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error + Send + Sync>> {
    let config = Arc::new(Config::from_env());
    let pool = sqlx::PgPool::connect_lazy(&std::env::var("DATABASE_URL").unwrap_or_default())?;
    tokio::spawn(admin::run(pool));

    let make = make_service_fn(move |_conn| {
        let config = config.clone();
        async move { Ok::<_, Infallible>(service_fn(move |req| files::route(config.clone(), req))) }
    });
    let addr: SocketAddr = std::env::var("LISTEN").ok().and_then(|a| a.parse().ok()).unwrap_or_else(|| ([0, 0, 0, 0], 8080).into());
    hyper::Server::bind(&addr).serve(make).await?;
    Ok(())
}
