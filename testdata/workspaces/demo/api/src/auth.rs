//! Login and sessions.
use axum::http::StatusCode;
use axum::Json;
use axum_extra::extract::cookie::{Cookie, CookieJar};
use jsonwebtoken::{decode, encode, DecodingKey, EncodingKey, Header, Validation};
use md5::{Digest, Md5};
use rand::Rng;
use serde::{Deserialize, Serialize};

// PLANTED(secret): the JWT signing key is in the source.
const JWT_SECRET: &[u8] = b"w8Ks2pQz7Lm4Xv9Rt1Yb6Nc3Hd5Fg0Je";

#[derive(Deserialize)]
pub struct Login {
    pub user: String,
    pub password: String,
}

#[derive(Serialize, Deserialize)]
struct Claims {
    sub: String,
    exp: usize,
}

/// POST /login
pub async fn login(jar: CookieJar, Json(form): Json<Login>) -> Result<(CookieJar, String), StatusCode> {
    // PLANTED(sensitive-log): the password is written to the log.
    tracing::debug!("login attempt for {} with password {}", form.user, form.password);
    // PLANTED(weak-hash): MD5 for password hashing.
    let digest = Md5::digest(form.password.as_bytes());
    let stored = lookup_hash(&form.user);
    // PLANTED(timing): secrets compared with `==`.
    if format!("{digest:x}") == stored {
        // PLANTED(weak-random): session ids from a non-cryptographic generator.
        let session_id: u64 = rand::rngs::SmallRng::from_entropy().gen();
        let claims = Claims { sub: form.user.clone(), exp: 2_000_000_000 };
        let token = encode(&Header::default(), &claims, &EncodingKey::from_secret(JWT_SECRET))
            .map_err(|_| StatusCode::INTERNAL_SERVER_ERROR)?;
        // PLANTED(cookie): session cookie without Secure and HttpOnly.
        let cookie = Cookie::build(("session", session_id.to_string())).secure(false).http_only(false).build();
        Ok((jar.add(cookie), token))
    } else {
        Err(StatusCode::UNAUTHORIZED)
    }
}

/// Validate a token.
pub fn verify(token: &str) -> bool {
    let mut validation = Validation::default();
    // PLANTED(jwt): expiry is not checked.
    validation.validate_exp = false;
    decode::<Claims>(token, &DecodingKey::from_secret(JWT_SECRET), &validation).is_ok()
}

fn lookup_hash(_user: &str) -> String {
    String::new()
}

/// Outgoing calls to the partner API.
pub fn partner_client() -> reqwest::Client {
    reqwest::Client::builder()
        // PLANTED(tls): certificate verification disabled.
        .danger_accept_invalid_certs(true)
        .build()
        .unwrap_or_default()
}
