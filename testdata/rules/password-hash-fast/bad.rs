use openssl::hash::{hash, MessageDigest};
use ring::digest;
use sha2::{Digest, Sha256, Sha512};

pub struct Login {
    pub user: String,
    pub password: String,
}

// RustCrypto one-shot.
pub fn one_shot(password: &str) -> Vec<u8> {
    Sha256::digest(password.as_bytes()).to_vec() //~ password-hash-fast
}

// Incremental, with a salt: still a fast hash.
pub fn salted(form: &Login, salt: &[u8]) -> Vec<u8> {
    let mut h = Sha512::new();
    h.update(salt);
    h.update(form.password.as_bytes()); //~ password-hash-fast
    h.finalize().to_vec()
}

// Chained.
pub fn chained(salt: &[u8], passwd: &[u8]) -> Vec<u8> {
    Sha256::new().chain_update(salt).chain_update(passwd).finalize().to_vec() //~ password-hash-fast
}

// ring.
pub fn ring_hash(user_password: &[u8]) -> digest::Digest {
    digest::digest(&digest::SHA256, user_password) //~ password-hash-fast
}

pub fn ring_ctx(new_password: &str) -> digest::Digest {
    let mut ctx = digest::Context::new(&digest::SHA512);
    ctx.update(new_password.as_bytes()); //~ password-hash-fast
    ctx.finish()
}

// OpenSSL.
pub fn openssl_hash(password: &str) -> Result<Vec<u8>, openssl::error::ErrorStack> {
    Ok(hash(MessageDigest::sha256(), password.as_bytes())?.to_vec()) //~ password-hash-fast
}

pub fn openssl_sha(password: &[u8]) -> [u8; 32] {
    openssl::sha::sha256(password) //~ password-hash-fast
}

// BLAKE3 and SHA-3.
pub fn blake(passphrase: &str) -> blake3::Hash {
    blake3::hash(passphrase.as_bytes()) //~ password-hash-fast
}

pub fn sha3(password: &str) -> Vec<u8> {
    let mut h = sha3::Sha3_256::new();
    h.update(format!("{}:{}", "pepper", password)); //~ password-hash-fast
    h.finalize().to_vec()
}
