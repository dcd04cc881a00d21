use hmac::{Hmac, Mac};
use sha1::Sha1;
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
    h.update(b"258EAFA5-E914-47DA-95CA-C5AB0DC85B11");
    h.finalize().to_vec()
}

pub fn content_checksum(data: &[u8]) -> Vec<u8> {
    let checksum = md5::compute(data);
    checksum.to_vec()
}

// A std hasher for a hash map bucket: fine.
pub fn bucket_of(name: &str, n: u64) -> u64 {
    let mut h = DefaultHasher::new();
    name.hash(&mut h);
    h.finish() % n
}

// The password's length is not the password.
pub fn shard(password: &str) -> u64 {
    let mut h = DefaultHasher::new();
    password.len().hash(&mut h);
    h.finish()
}

// A local type that happens to be called `Md5`.
mod local {
    pub struct Md5;
    impl Md5 {
        pub fn new() -> Self {
            Md5
        }
    }
    pub fn make() -> Md5 {
        Md5::new()
    }
}

// An alias defined outside any function, and a name → algorithm table.
pub static LEGACY: &ring::digest::Algorithm = &ring::digest::SHA1_FOR_LEGACY_USE_ONLY;
pub fn by_name(name: &str) -> Option<&'static ring::digest::Algorithm> {
    match name {
        "SHA1" => Some(&ring::digest::SHA1_FOR_LEGACY_USE_ONLY),
        _ => None,
    }
}

// RSA-OAEP with SHA-1 does not rely on collision resistance.
pub fn oaep() -> rsa::Oaep {
    rsa::Oaep::new::<sha1::Sha1>()
}
pub fn oaep2() -> rsa::Oaep {
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

// By default only sensitive data counts: a request body, a file's blocks.
pub fn sign_request(body: &[u8]) -> Vec<u8> {
    let mut hasher = Sha1::new();
    hasher.update(body);
    hasher.finalize().to_vec()
}
pub fn digest_stream(chunks: &[&[u8]]) -> [u8; 16] {
    let mut ctx = md5::Context::new();
    for c in chunks {
        ctx.consume(c);
    }
    ctx.compute().0
}

// HTTP Digest authentication (RFC 2617): MD5 over `user:realm:password`
// and the server's nonce is what the protocol says.
const REALM: &str = "files";
pub fn digest_response(auth_user: &str, auth_pass: &str, nonce: &[u8], method: &[u8]) -> String {
    let mut h = md5::Context::new();
    h.consume(format!("{auth_user}:{REALM}:{auth_pass}").as_bytes());
    let auth_pass = format!("{:x}", h.compute());
    let mut c = md5::Context::new();
    c.consume(&auth_pass);
    c.consume(b":");
    c.consume(nonce);
    c.consume(method);
    format!("{:x}", c.compute())
}

// SHA-1 signatures only when the peer asks for them (SSH's `ssh-rsa`),
// SHA-2 otherwise.
pub fn agent_sign(flags: u32, rsa_key: rsa::RsaPrivateKey) -> Vec<u8> {
    if flags & 2 != 0 {
        let signing_key = rsa::pkcs1v15::SigningKey::<sha2::Sha256>::new(rsa_key);
        sign(signing_key)
    } else {
        let signing_key = rsa::pkcs1v15::SigningKey::<sha1::Sha1>::new_unprefixed(rsa_key);
        sign(signing_key)
    }
}
fn sign<T>(_k: T) -> Vec<u8> {
    Vec::new()
}
