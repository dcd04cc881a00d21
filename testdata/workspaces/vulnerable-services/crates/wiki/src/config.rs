use std::env;

/// Server configuration from the environment (set by the operator; trusted).
#[derive(Clone)]
pub struct WikiConfig {
    pub database_url: String,
    pub listen: String,
    /// Titles matching this pattern are hidden from search results.
    pub spam_pattern: String,
}

impl WikiConfig {
    pub fn from_env() -> WikiConfig {
        WikiConfig {
            database_url: env::var("WIKI_DATABASE_URL").unwrap_or_else(|_| "postgres://wiki@localhost/wiki".to_string()),
            listen: env::var("WIKI_LISTEN").unwrap_or_else(|_| "0.0.0.0:3000".to_string()),
            spam_pattern: env::var("WIKI_SPAM_PATTERN").unwrap_or_else(|_| r"(?i)\b(casino|viagra)\b".to_string()),
        }
    }
}
