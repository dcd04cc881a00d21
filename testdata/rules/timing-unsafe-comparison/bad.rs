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

// A configured password compared with the one a form sent (a static's field).
pub struct Args {
    pub admin_password: String,
}
pub static ARGS: std::sync::LazyLock<Args> = std::sync::LazyLock::new(|| Args { admin_password: String::new() });
pub fn admin(password: String) -> bool {
    password != *"" && password == *ARGS.admin_password //~ timing-unsafe-comparison
}

// A MAC computed over a message, compared with the message's own signature
// field: not a value and its normalised form.
pub struct Signed {
    pub body: Vec<u8>,
    pub signature: Vec<u8>,
}
pub fn verify(msg: &Signed, key: &[u8]) -> bool {
    let expected_mac = compute_hmac(key, &msg.body);
    expected_mac == msg.signature //~ timing-unsafe-comparison
}

// A stored token compared with a transformed value of another variable.
pub fn rotate(old_token: &str, presented: &str) -> bool {
    let normalised = presented.trim().to_string();
    normalised != old_token //~ timing-unsafe-comparison
}
