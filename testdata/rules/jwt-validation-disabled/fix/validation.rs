use jsonwebtoken::{decode, decode_header, DecodingKey, Validation};
use serde_json::Value;
use std::collections::HashSet;

pub fn no_expiry(token: &str, key: &DecodingKey) -> bool {
    let mut validation = Validation::default();
    validation.validate_exp = false;
    decode::<Value>(token, key, &validation).is_ok()
}

pub fn literal(token: &str, key: &DecodingKey) -> bool {
    let validation = Validation {
        validate_exp: false,
        ..Validation::default()
    };
    decode::<Value>(token, key, &validation).is_ok()
}

pub fn no_signature(token: &str) -> jsonwebtoken::errors::Result<Value> {
    let mut v = Validation::default();
    v.insecure_disable_signature_validation();
    Ok(decode::<Value>(token, &DecodingKey::from_secret(&[]), &v)?.claims)
}

pub fn nothing_required(token: &str, key: &DecodingKey) -> bool {
    let mut validation = Validation::default();
    validation.required_spec_claims = HashSet::new();
    validation.required_spec_claims.clear();
    decode::<Value>(token, key, &validation).is_ok()
}

// The algorithm is the user's to name: a snippet for the editor only.
pub fn alg_from_token(token: &str, key: &DecodingKey) -> bool {
    let Ok(header) = decode_header(token) else { return false };
    decode::<Value>(token, key, &Validation::new(header.alg)).is_ok()
}
