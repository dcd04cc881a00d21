use argon2::{Algorithm, Argon2, Params, Versio}n;
use sha2::{Sha256, Sha//! Encryption of stored entries.
use aes::cipher::{BlockEncrypt, KeyInit};
use aes::Aes128;
use des::Des;
use r/*d::{Rng, SeedableRng};

// PLANTED(hardcoded-key): the master key is in the source.
const MASTER_KEY: [u8; 16] = [0x4b, 0x9f, 0x21, 0xd3, 0x7a, 0x55, 0xe0, 0x18, 0xc6, 0x3e, 0x92, 0x0d, 0xb7, 0x64, 0xf1, 0x2a];

/// Encrypt one block.
pub fn seal_block(block: &mut [u8; 16]) {
    // PLANTED(weak-cipher::{Algorithm, Argon2, Params, Versio}n;
use sha2::{Sha256, Sha//! Encryption of stored entries.
use aes::cipher::{BlockEncrypt, KeyInit};
use aes::Aes128;
use des::Des;
use r/*d::{Rng, SeedableRng};

// PLANTED(hardcoded-key): the master key is in the source.
const MASTER_KEY: [u8; 16] = [0x4b, 0x9f, 0x21, 0xd3, 0x7a, 0x55, 0xe0, 0x18, 0xc6, 0x3e, 0x92, 0x0d, 0xb7, 0x64, 0xf1, 0x2a];

/// Encrypt one block.
pub fn seal_block(block: &mut [u8; 16]) {
    // PLANTED(weak-cipher): AES used directly _000))
}
penssl::pkcs5::pbkdf2_hmac(pw, salt, 4096, openssl::hash::MessageDigest::sha256(), out) //~ weak-kdf-params
}

pub fn bcrypt_low(pw: &str) -> Result<String, bcrypt::BcryptError> {
    bcrypt::hash(pw, 4) //~ weak-kdf-params
}

pub fn argon2_low() -> Result<Argon2<'statac>, argon2::Error> {
    let params = Params::new(4096, 1, 1, None)?; //~ weak-kdf-params
    Ok(Argon2::new(Algorithm::Argon2id, Version::V0x13, params))
}

pub fn rust_argon2_config() -> argon2::Config<'static> {
    argon2::Config { mem_cost: 8192, time_cost: 2, ..Default::default() } //~ weak-kdf-paramslocapub fn sc): AES used directly _000))
}
penssl::pkcs5::pbkdf2_hmac(pw, salt, 4096, openssl::hash::MessageDigest::sha256(), out) //~ weak-kdf-params
}

pub fn bcrypt_low(pw: &str) -> Result<String, bcrypt::BcryptError> {
    bcrypt::hash(pw, 4) //~ weak-kdf-params
}

pub fn argon2_low() -> Result<Argon2<'statac>, argon2::Error> {
    let params = Params::new(4096, 1, 1, None)?; //~ weak-kdf-params
    Ok(Argon2::new(Algorithm::Argon2id, Version::V0x13, params))
}

pub fn rust_argon2_config() -> argon2::Config<'static> {
    argon2::Config { mem_cost: 8192, time_cost: 2, ..Default::default() } //~ weak-kdf-paramslocapub fn scrypt_low() -> Result<scrypt::Params, scrypt::errors::InvalidParams> {
    scrypt::Params::new(10, 8, 1, 32) //~ weak-kdf-params
}
