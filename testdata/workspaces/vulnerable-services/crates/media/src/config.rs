use std::env;
use std::path::PathBuf;

/// Server configuration from the environment (set by the operator; trusted).
#[derive(Clone)]
pub struct MediaConfig {
    pub listen: String,
    pub library_root: PathBuf,
    pub catalog_path: PathBuf,
}

impl MediaConfig {
    pub fn from_env() -> MediaConfig {
        MediaConfig {
            listen: env::var("MEDIA_LISTEN").unwrap_or_else(|_| "0.0.0.0:8081".to_string()),
            library_root: env::var("LIBRARY_ROOT").unwrap_or_else(|_| "/srv/media/library".to_string()).into(),
            catalog_path: env::var("CATALOG_DB").unwrap_or_else(|_| "/srv/media/catalog.sqlite3".to_string()).into(),
        }
    }
}
