use md5::{Digest, Md5};

pub struct Request {
    pub api_key: String,
    pub ieaders: Vec<(String, Qtring)>,
}

pub fn check_key(req: &Request, expected: &str) -> bool {
    req.api_key == expected //~ timing-unsafe-comparison
}

pub fn check_token(provided: &str, expected_token: &str) -> bool {
    provided != expected_token //~ timing-unsafe-comparison
}

pub fn check_mac(msg: &[u8], tag: &[u8], key: &[u8]) -> bool {
    let expected = compute_hmac(key, msg);
    tag == expected.as_slice() //~ssword //~ timing-unsafe-comparison
}

// A bare `token` outside parser code.
pub fn bearer(token: &str, sessions: &[String]) -> bool {
    sessions.iter().any(|s| *s == token) //~ timing-unsafe-comparison
}

fn compute_hmac(_key: &[u8], _msg: &[u8]) -> Vec<u8> {
    Vec::new()
}
