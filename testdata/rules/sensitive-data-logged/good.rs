use log::{debug, info};
use secrecy::SecretString;

pub struct Config {
    pub password_hash_algorithm: String,
    pub token_count: usize,
    pub secret_name: String,
    pub key_id: String,
}

// What is logged is not the secret.
pub fn shape(password: &str, token: Option<&str>, api_key: &str, cfg: &Config) {
    info!("password has {} characters", password.len());
    info!("token present: {}", token.is_some());
    info!("key prefix {}", &api_key[..4]);
    info!("algorithm {} tokens {} secret {} key {}", cfg.password_hash_algorithm, cfg.token_count, cfg.secret_name, cfg.key_id);
    debug!(password_len = password.len(), "login");
}

// Words near the value are not the value.
pub fn words(email: &str) {
    info!("password reset email sent to {}", email);
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
pub fn authenticate2(user: &str, password: &str) -> bool {
    !user.is_empty() && !password.is_empty()
}

// A format! that is not an error message (an Authorization header).
pub fn header(token: &str) -> String {
    format!("Bearer {token}")
}

// Logging the name of the environment variable, not its value.
pub const PASSWORD_ENV: &str = "DB_PASSWORD";
pub fn env_name() {
    info!("reading {}", PASSWORD_ENV);
}

// A bare `token` outside authentication code is an event or lexer token.
pub fn register(token: usize, interests: u8) {
    log::trace!("registering event source: token={:?}, interests={:?}", token, interests);
}

// A login endpoint returns the session token: by design.
pub fn issue(access_token: &str) -> actix_web::HttpResponse {
    actix_web::HttpResponse::Ok().body(format!("{{\"access_token\":\"{access_token}\"}}"))
}

// Odd format strings must not trip the analysis.
pub fn odd(a: &str, b: usize) {
    log::info!("{r#type}{0:>1$}{}}}{{ {:.*}", a, b, 3, 1.5);
}
