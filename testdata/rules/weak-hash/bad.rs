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

// RustCrypto sha1 with incremental updates.
pub fn sign_request(body: &[u8]) -> Vec<u8> {
    let mut hasher = Sha1::new(); //~ weak-hash[medium]
    hasher.update(body);
    hasher.finalize().to_vec()
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

// The `md5` crate's streaming context.
pub fn digest_stream(chunks: &[&[u8]]) -> [u8; 16] {
    let mut ctx = md5::Context::new(); //~ weak-hash
    for c in chunks {
        ctx.consume(c);
    }
    ctx.compute().0
}

// ring's legacy SHA-1.
pub fn ring_sha1(data: &[u8]) -> digest::Digest {
    digest::digest(&digest::SHA1_FOR_LEGACY_USE_ONLY, data) //~ weak-hash[low]
}

// OpenSSL: one-shot and incremental.
pub fn openssl_md5(secret: &[u8]) -> Result<Vec<u8>, openssl::error::ErrorStack> {
    Ok(hash(MessageDigest::md5(), secret)?.to_vec()) //~ weak-hash[high]
}

pub fn openssl_sha1(data: &[u8]) -> Result<Vec<u8>, openssl::error::ErrorStack> {
    let mut h = Hasher::new(MessageDigest::sha1())?; //~ weak-hash
    h.update(data)?;
    Ok(h.finish()?.to_vec())
}

pub fn openssl_oneshot(data: &[u8]) -> [u8; 20] {
    openssl::sha::sha1(data) //~ weak-hash
}

// Fully qualified, no import; and the trait-qualified form.
pub fn qualified(data: &[u8]) -> Vec<u8> {
    let a = sha1::Sha1::digest(data); //~ weak-hash
    let b = <Md5 as Digest>::digest(data); //~ weak-hash
    [a.to_vec(), b.to_vec()].concat()
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

// A selector bound to a local, then used.
pub fn selector_local(data: &[u8]) -> Result<Vec<u8>, openssl::error::ErrorStack> {
    let md = MessageDigest::md5(); //~ weak-hash
    Ok(hash(md, data)?.to_vec())
}

// sha1_smol.
pub fn smol_sign(secret: &[u8], msg: &[u8]) -> String {
    let mut m = sha1_smol::Sha1::new(); //~ weak-hash[high]
    m.update(secret);
    m.update(msg);
    m.digest().to_string()
}
