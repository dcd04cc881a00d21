pub struct Config {
    pub database_url: String,
    pub listen: String,
}

impl Config {
    /// Configuration from the environment (trusted: set by the operator).
    pub fn from_env() -> Config {
        Config {
            database_url: std::env::var("DATABASE_URL").unwrap_or_default(),
            listen: std::env::var("LISTEN").unwrap_or_else(|_| "0.0.0.0:8080".into()),
        }
    }
}
