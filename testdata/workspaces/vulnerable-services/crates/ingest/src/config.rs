use std::env;
use std::net::SocketAddr;
use std::path::PathBuf;

/// Server configuration from the environment (set by the operator; trusted).
pub struct IngestConfig {
    pub listen: SocketAddr,
    pub database_url: String,
    pub spool_dir: PathBuf,
}

impl IngestConfig {
    pub fn from_env() -> IngestConfig {
        IngestConfig {
            listen: env::var("INGEST_LISTEN").ok().and_then(|v| v.parse().ok()).unwrap_or(([0, 0, 0, 0], 9000).into()),
            database_url: env::var("INGEST_DATABASE_URL").unwrap_or_else(|_| "sqlite:///var/lib/ingest/events.db".to_string()),
            spool_dir: env::var("SPOOL_DIR").unwrap_or_else(|_| "/var/spool/ingest".to_string()).into(),
        }
    }
}
