use md5::{Digest, Md5};

pub struct Request {
    pub api_key: String,
    pub headers: Vec<(String, String)>,
}

pub fn check_key(req: &Request, expected: &str) -> bool {
    req.api_key == expected //~ timing-unsafe-comparison
}

pub fn check_token(provided: &str, expected_token: &str) -> bool {
    provided != expected_token //~ timing-unsafe-comparison
}

pub fn check_mac(msg: &[u8], tag: &[u8], key: &[u8]) -> bool {
    let expected = compute_hmac(key, msg);
    tag == expected.as_slice() //~ timing-unsafe-comparison
}

pub fn check_signature(signature: &[u8], computed: &[u8]) -> bool {
    &signature[..] == computed //~ timing-unsafe-comparison
}

// A digest of the password, compared with the stored digest.
pub fn login(password: &str, stored: &str) -> bool {
    let digest = Md5::digest(password.as_bytes());
    format!("{digest:x}") == stored //~ timing-unsafe-comparison
}

// Plain-text password comparison.
pub fn plain(user_password: &str, db_password: &str) -> bool {
    user_password == db_password //~ timing-unsafe-comparison
}

// A bare `token` outside parser code.
pub fn bearer(token: &str, sessions: &[String]) -> bool {
    sessions.iter().any(|s| *s == token) //~ timing-unsafe-comparison
}

fn compute_hmac(_key: &[u8], _msg: &[u8]) -> Vec<u8> {
    Vec::new()
}
