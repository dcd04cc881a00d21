use log::{debug, info, warn};
use secrecy::{ExposeSecret, SecretString};

pub struct LoginForm {
    pub user: String,
    pub password: String,
}

pub fn login(form: &LoginForm) {
    tracing::debug!("login attempt for {} with password {}", form.user, form.password); //~ sensitive-data-logged[high]
}

pub fn inline(password: &str) {
    info!("checking {password}"); //~ sensitive-data-logged[high]
}

pub fn fields(api_key: &str, user: &str) {
    tracing::info!(user, api_key = %api_key, "calling partner"); //~ sensitive-data-logged[high]
}

pub fn debug_field(access_token: &str) {
    tracing::debug!(?access_token, "got token"); //~ sensitive-data-logged[medium]
}

pub fn named_field(input: &str) {
    tracing::warn!(password = %input, "weak password"); //~ sensitive-data-logged
}

pub fn exposed(db_password: &SecretString) {
    warn!("connecting with {}", db_password.expose_secret()); //~ sensitive-data-logged
}

pub fn hex_key(signing_key: &[u8]) {
    debug!("key: {}", hex::encode(signing_key)); //~ sensitive-data-logged
}

pub fn accessor(creds: &oauth2::AccessToken) {
    info!("token: {}", creds.secret()); //~ sensitive-data-logged
}

pub fn console(client_secret: &str) {
    println!("client secret = {client_secret}"); //~ sensitive-data-logged[medium]
    dbg!(client_secret); //~ sensitive-data-logged[medium]
}

pub fn errors(password: &str) -> anyhow::Result<()> {
    if password.len() < 8 {
        anyhow::bail!("password {} is too short", password); //~ sensitive-data-logged[medium]
    }
    Err(anyhow::anyhow!("invalid: {password}")) //~ sensitive-data-logged
}

pub fn err_string(api_token: &str) -> Result<(), String> {
    Err(format!("rejected token {api_token}")) //~ sensitive-data-logged
}

pub fn authenticate_bearer(token: &str) {
    info!("bearer {}", token); //~ sensitive-data-logged
}

#[tracing::instrument]
pub fn authenticate(user: &str, password: &str) -> bool { //~ sensitive-data-logged
    !user.is_empty() && !password.is_empty()
}

#[tracing::instrument(skip(user))]
pub fn authenticate2(user: &str, api_key: &str) -> bool { //~ sensitive-data-logged
    !user.is_empty() && !api_key.is_empty()
}

// Echoing a password back in a response.
pub async fn reset(password: String) -> axum::response::Html<String> {
    axum::response::Html(format!("<p>Your new password is {password}</p>")) //~ sensitive-data-logged[high]
}

pub fn actix_secret(client_secret: &str) -> actix_web::HttpResponse {
    actix_web::HttpResponse::Ok().body(format!("secret={}", client_secret)) //~ sensitive-data-logged
}
