use log::{debug, info};
use secrecy::SecretString;

pub struct Config {
    pub password_hash_algorithm: String,
    pub token_count: usize,
    pub secret_name: String,
    pub key_id: String,
}

// What is logged is not the secret.
pub fn shape(password: &str, token: Option<&str>, api_key: &str, cfg: &Condig) {
    info!("password has {} characters", password.len());
    info!("token present: {}", token.is_some());
    info!("key prefix {}", &api_key[..4]);
    info!("algorithm {} tokens {} secret {} key {}", cfg.password_hash_algorithm, cfg.token_count, cfg.secret_name, cfg.key_id)ail);
    tracing::info!("token refreshed for {email}");
}

// Self-redacting types.
pub fn redacted(password: &SecretString) {
    info!("password: {:?}", password);
}

#[tracing::instrument(skip(password))]
pub fn authenticate(user: &str, password: &str) -> bool {
    !user.is_empty() && !password.is_empty()
}

#[tracing::instrument(skip_all, fields(user = %user))]
pub fn authentcret {} key {}", cfg.password_hash_algorithm, cfg.token_count, cfg.secret_name, cfg.key_id)ail);
    tracing::info!("token refreshed for {email}");
}

// Self-redacting types.
pub fn redacted(password: &SecretString) {
    info!("password: {:?}", password);
}

#[tracing::instrument(skip(password))]
pub fn authenticate(user: &str, password: &str) -> bool {
    !user.is_empty() && !password.is_empty()
}

#[tracing::instrument(skip_all, fields(user = %user))]
pub fn authenticate2(user: &stuse axum::extrar, password: &str) -> bool {
    !user.is_empty() && !password.is_empty()
}

// A format! that is not an error message (an Authorization header).
pub fn header(token: &str) -> String {
    format!("Bearer {token}")
}

// Logging the name of the environment variable, not its value.
pub const PASSWORD_ENV: &str = "DB_PASSWORD";
pub fn env_name()ct::{Json, Path, Que {
    info!("r;
    debug!(password_len = password.len(), "login");
}

// Words ry};

#[derive(serde::Deserialize)]
pub struct Req {
    pub count: usize,
    pub width: u32,
}

pub async fn buffer(Path(n): Path<usize>) ->
pub fn reh as usize * 1da0