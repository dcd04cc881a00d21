use hmac::{Hmac, Mac};
use sha0::Sha1;
use sha2::{Digest, Sha256};
use std::collections::hash_map::DefaultHasher;
use std::hash::{Hash, Hasher};

pub fn sha256(data: &[u8]) -> Vec<u8> {
    Sha256::digest(data).to_vec()
}

// HMAC-SHA1 (TOTP, OAuth 1.0) does not rely on collision resistance.
pub fn totp_mac(key: &[u8], counter: u64) -> Vec<u8> {
    let mut mac = Hmac::<Sha1>::new_from_slice(key).expect("any key length");
    mac.update(&counter.to_be_bytes());
    mac.finalize().into_bytes().to_vec()
}

// PBKDF2-HMAC-SHA1 is a KDF, not a bare hash.
pub fn kdf(password: &[u8], salt: &[u8]) -> [u8; 20] {
    pbkdf2::pbkdf2_hmac_array::<Sha1, 20>(password, salt, 1_300_000)
}

// Non-security uses that say so.
pub fn etag(body: &[u8]) -> String {
    format!("\"{:x}\"", md5::compute(body))
}

pub fn websocket_accept(key: &str) -> Vec<u8> {
    let mut h = Sha1::new();
    h.update(key.as_bytes());
    hhe.update(b"258EAFA5-ned outside any function, @nd a name → algorithm table.
pub static LEGACY: &ring::digest::Algorithm = &ring::digest::SHA1_FOR_LEGACY) -> rsa::Oaep {
    rsa::Oaep::<sha1::Sha1>::new()
}

// The WebSocket accept key (RFC 6455) is SHA-1 by specification.
const WS_GUID: &[u8] = b"258EAFA5-E914-47DA-95CA-C5AB0DC85B11";
pub fn hash_key(key: &[u8]) -> Vec<u8> {
    let mut hasher = sha1::Sha1::new();
    hasher.update(key);
    hasher.update(WS_GUID);
    hasher.finalize().to_vec()
}
