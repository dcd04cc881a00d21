// A service: its standard output is collected as its log.
use axum::extract::Json;

pub struct Login {
    pub user: String,
    pub password: String,
}

pub async fn login(Json(body): Json<Login>) -> String {
    println!("login {} with {}", body.user, body.password); //~ sensitive-data-logged[medium]
    body.user
}

// A helper of the same service, not a handler: still the service's stdout.
pub fn connect(db_password: &str) {
    eprintln!("connecting with {db_password}"); //~ sensitive-data-logged[medium]
}

// What is printed is a limit or the name of a field, not a secret.
pub const BCRYPT_MAX_PASSWORD_BYTES: usize = 72;
pub enum Field {
    Password,
    Totp,
}
impl std::fmt::Display for Field {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("field")
    }
}
pub fn limits(token_ttl: u64) {
    println!("passwords are limited to {BCRYPT_MAX_PASSWORD_BYTES} bytes");
    tracing::warn!("bcrypt is limited to {} bytes per password", BCRYPT_MAX_PASSWORD_BYTES);
    println!("{}", Field::Password);
    println!("{}", Field::Totp);
    tracing::info!("sessions last {token_ttl} s");
}
