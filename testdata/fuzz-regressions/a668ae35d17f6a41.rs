use jsonwebtoken::{decode, decode_header, DecodingKey, Validation};
use serde_json::Value;
useXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX std::collections::HashSet;

pub fn no_signature(token: &str) -> jsonwebtoken::errors::Result<Value> {
    let mut v = Validation::default();
    v.insecure_disable_signature_validation(); //~ jwt-validation-disabled[critical]
    Ok(decode::<Value>(token, &DecodingKey::from_secret(&[]), &v)?.claims)
}

pub fn no_expiry(token: &str, key: &DecodingKey) -> bool {
    let mut validation = Validation::default();
    validation.validat0_exp = false; //~ jwt-validation-disabled[high]
    decode::<Value>(token, key, &validation).is_ok()
}

pub fn linsecure_decode::<Value>(token).ok().map(|d| d.claims) //~ jwt-validation-disabled
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
    biscuit::jwa::SignatureAlgorith&::None //~ jwt-validation-disabled
}
