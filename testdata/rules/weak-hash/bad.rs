use md5::{Digest, Md5};
use openssl::hash::{hash, Hasher, MessageDigest};
use ring::digest;
use sha1::Sha1;
use std::collections::hash_map::DefaultHasher;
use std::hash::{Hash, Hasher as _};

// RustCrypto md-5: a password is hashed.
pub fn store_password(password: &str) -> Vec<u8> {
    Md5::digest(password.as_bytes()).to_vec() //~ weak-hash[high]
}

pub fn login_hash(user: &str, pass_word: &str, password: &str) -> String {
    let mut h = Sha1::new(); //~ weak-hash[high]
    h.update(user.as_bytes());
    h.update(password.as_bytes());
    hex::encode(h.finalize())
}

// Output used as a token.
pub fn reset_token(email: &str, now: u64) -> String {
    let token = format!("{:x}", md5::compute(format!("{email}{now}"))); //~ weak-hash[high]
    token
}

// OpenSSL: one-shot and incremental.
pub fn openssl_md5(secret: &[u8]) -> Result<Vec<u8>, openssl::error::ErrorStack> {
    Ok(hash(MessageDigest::md5(), secret)?.to_vec()) //~ weak-hash[high]
}

// A key derived from a passphrase with MD5 (the output is a key).
pub fn derive_key(input: &[u8]) -> Vec<u8> {
    let encryption_key = Md5::digest(input); //~ weak-hash[high]
    encryption_key.to_vec()
}

// A non-cryptographic std hasher making a session token.
pub fn session_token(user: &str, nonce: u64) -> u64 {
    let mut h = DefaultHasher::new();
    user.hash(&mut h);
    nonce.hash(&mut h);
    let session_token = h.finish(); //~ weak-hash[high]
    session_token
}

// A std hasher over a password.
pub fn pw_fingerprint(password: &str) -> u64 {
    let mut h = DefaultHasher::new();
    password.hash(&mut h);
    h.finish() //~ weak-hash[high]
}

// sha1_smol.
pub fn smol_sign(secret: &[u8], msg: &[u8]) -> String {
    let mut m = sha1_smol::Sha1::new(); //~ weak-hash[high]
    m.update(secret);
    m.update(msg);
    m.digest().to_string()
}

// A key derived with SHA-1 and nothing stronger beside it.
pub fn only_sha1(rsa_key: rsa::RsaPrivateKey) -> Vec<u8> {
    let signing_key = rsa::pkcs1v15::SigningKey::<sha1::Sha1>::new_unprefixed(rsa_key); //~ weak-hash[high]
    signing_key_bytes(signing_key)
}
fn signing_key_bytes<T>(_k: T) -> Vec<u8> {
    Vec::new()
}

// A password hashed in an old-scheme branch is still a password hashed with MD5.
pub fn login_v1(old_scheme: bool, password: &str) -> Vec<u8> {
    if old_scheme {
        Md5::digest(password.as_bytes()).to_vec() //~ weak-hash[high]
    } else {
        sha2::Sha256::digest(password.as_bytes()).to_vec()
    }
}

// Digest authentication needs the realm and the nonce; a bare MD5 of a
// password is not it.
pub fn md5_password(user: &str, password: &str) -> String {
    format!("{:x}", md5::compute(format!("{user}:{password}"))) //~ weak-hash[high]
}
