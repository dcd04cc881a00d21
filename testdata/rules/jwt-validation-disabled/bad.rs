use jsonwebtoken::{decode, decode_header, DecodingKey, Validation};
use serde_json::Value;
use std::collections::HashSet;

pub fn no_signature(token: &str) -> jsonwebtoken::errors::Result<Value> {
    let mut v = Validation::default();
    v.insecure_disable_signature_validation(); //~ jwt-validation-disabled[critical]
    Ok(decode::<Value>(token, &DecodingKey::from_secret(&[]), &v)?.claims)
}

pub fn no_expiry(token: &str, key: &DecodingKey) -> bool {
    let mut validation = Validation::default();
    validation.validate_exp = false; //~ jwt-validation-disabled[high]
    decode::<Value>(token, key, &validation).is_ok()
}

pub fn literal(token: &str, key: &DecodingKey) -> bool {
    let validation = Validation {
        validate_exp: false, //~ jwt-validation-disabled
        ..Validation::default()
    };
    decode::<Value>(token, key, &validation).is_ok()
}

pub fn nothing_required(token: &str, key: &DecodingKey) -> bool {
    let mut validation = Validation::default();
    validation.required_spec_claims = HashSet::new(); //~ jwt-validation-disabled[medium]
    decode::<Value>(token, key, &validation).is_ok()
}

pub fn nothing_required_2(token: &str, key: &DecodingKey) -> bool {
    let mut validation = Validation::default();
    validation.set_required_spec_claims::<&str>(&[]); //~ jwt-validation-disabled
    decode::<Value>(token, key, &validation).is_ok()
}

// The algorithm chosen by the attacker.
pub fn alg_from_header(token: &str, key: &DecodingKey) -> jsonwebtoken::errors::Result<Value> {
    let header = decode_header(token)?;
    let validation = Validation::new(header.alg); //~ jwt-validation-disabled
    Ok(decode::<Value>(token, key, &validation)?.claims)
}

// jsonwebtoken 7.
pub fn old_api(token: &str) -> Option<Value> {
    jsonwebtoken::dangerous_insecure_decode::<Value>(token).ok().map(|d| d.claims) //~ jwt-validation-disabled
}

// jsonwebtoken 10.
pub fn new_api(token: &str) -> Option<Value> {
    jsonwebtoken::dangerous::insecure_decode::<Value>(token).ok().map(|d| d.claims) //~ jwt-validation-disabled
}

// josekit and biscuit.
pub fn unsecured(token: &str) -> bool {
    josekit::jwt::decode_unsecured(token).is_ok() //~ jwt-validation-disabled
}

pub fn biscuit_none() -> biscuit::jwa::SignatureAlgorithm {
    biscuit::jwa::SignatureAlgorithm::None //~ jwt-validation-disabled
}
