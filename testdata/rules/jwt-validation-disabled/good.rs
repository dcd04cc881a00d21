use jsonwebtoken::{decode, decode_header, Algorithm, DecodingKey, Validation};
use serde_json::Value;
use std::collections::HashMap;

pub fn verify(token: &str, key: &DecodingKey) -> jsonwebtoken::errors::Result<Value> {
    let mut validation = Validation::new(Algorithm::RS256);
    validation.validate_exp = true;
    validation.validate_nbf = true;
    validation.set_audience(&["api"]);
    Ok(decode::<Value>(token, key, &validation)?.claims)
}

// Reading the header to choose a key is fine; the algorithm stays fixed.
pub fn pick_key(token: &str, keys: &HashMap<String, DecodingKey>) -> jsonwebtoken::errors::Result<Value> {
    let header = decode_header(token)?;
    let kid = header.kid.unwrap_or_default();
    let key = keys.get(&kid).ok_or(jsonwebtoken::errors::ErrorKind::InvalidToken)?;
    Ok(decode::<Value>(token, key, &Validation::new(Algorithm::ES256))?.claims)
}

// Unrelated `clear` and an unrelated `Algorithm::None`.
pub enum Algorithm2 {
    None,
}
pub fn unrelated(v: &mut Vec<u8>) -> Option<compression::Algorithm> {
    v.clear();
    Some(compression::Algorithm::None)
}
