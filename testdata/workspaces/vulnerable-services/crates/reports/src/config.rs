use std::env;
use std::path::PathBuf;

/// Server configuration from the environment (set by the operator; trusted).
pub struct ReportsConfig {
    pub database_url: String,
    pub export_dir: PathBuf,
}

impl ReportsConfig {
    pub fn from_env() -> ReportsConfig {
        ReportsConfig {
            database_url: env::var("REPORTS_DATABASE_URL").unwrap_or_else(|_| "mysql://reports@localhost/reports".to_string()),
            export_dir: env::var("EXPORT_DIR").unwrap_or_else(|_| "/var/lib/reports/out".to_string()).into(),
        }
    }
}
