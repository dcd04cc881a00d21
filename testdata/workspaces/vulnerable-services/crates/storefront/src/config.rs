use std::env;
use std::path::PathBuf;

/// Server configuration, read once at start-up from the environment. The
/// operator sets it: it is trusted.
pub struct Settings {
    pub database_url: String,
    pub reports_database_url: String,
    pub listen: String,
    pub media_dir: PathBuf,
    pub template_dir: PathBuf,
    pub inventory_url: String,
    pub supplier_feed_url: String,
    pub discontinued_feed_url: String,
}

impl Settings {
    pub fn from_env() -> Result<Settings, env::VarError> {
        Ok(Settings {
            database_url: env::var("DATABASE_URL")?,
            reports_database_url: env::var("REPORTS_DATABASE_URL")?,
            listen: env::var("LISTEN").unwrap_or_else(|_| "0.0.0.0:8080".to_string()),
            media_dir: env::var("MEDIA_DIR").unwrap_or_else(|_| "/srv/storefront/media".to_string()).into(),
            template_dir: env::var("TEMPLATE_DIR").unwrap_or_else(|_| "/srv/storefront/templates".to_string()).into(),
            inventory_url: env::var("INVENTORY_URL")?,
            supplier_feed_url: env::var("SUPPLIER_FEED_URL")?,
            discontinued_feed_url: env::var("DISCONTINUED_FEED_URL")?,
        })
    }
}
