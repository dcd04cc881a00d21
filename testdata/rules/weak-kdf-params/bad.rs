use argon2::{Algorithm, Argon2, Params, Version};
use sha2::{Sha256, Sha512};
use std::num::NonZeroU32;

const ROUNDS: u32 = 10_000;

pub fn pbkdf2_rustcrypto(pw: &[u8], salt: &[u8]) -> [u8; 32] {
    let mut key = [0u8; 32];
    pbkdf2::pbkdf2_hmac::<Sha256>(pw, salt, ROUNDS, &mut key); //~ weak-kdf-params
    key
}

pub fn pbkdf2_array(pw: &[u8], salt: &[u8]) -> [u8; 64] {
    pbkdf2::pbkdf2_hmac_array::<Sha512, 64>(pw, salt, 100_000) //~ weak-kdf-params
}

pub fn pbkdf2_sha1(pw: &[u8], salt: &[u8]) -> [u8; 20] {
    // 600,000 would do for SHA-256, not for SHA-1.
    pbkdf2::pbkdf2_hmac_array::<sha1::Sha1, 20>(pw, salt, 600_000) //~ weak-kdf-params
}

pub fn pbkdf2_params() -> pbkdf2::Params {
    pbkdf2::Params { rounds: 1_000, output_length: 32 } //~ weak-kdf-params
}

pub fn ring_pbkdf2(pw: &[u8], salt: &[u8], out: &mut [u8]) {
    ring::pbkdf2::derive(
        ring::pbkdf2::PBKDF2_HMAC_SHA256,
        NonZeroU32::new(100_000).unwrap(), //~ weak-kdf-params
        salt,
        pw,
        out,
    );
}

pub fn openssl_pbkdf2(pw: &[u8], salt: &[u8], out: &mut [u8]) -> Result<(), openssl::error::ErrorStack> {
    openssl::pkcs5::pbkdf2_hmac(pw, salt, 4096, openssl::hash::MessageDigest::sha256(), out) //~ weak-kdf-params
}

pub fn bcrypt_low(pw: &str) -> Result<String, bcrypt::BcryptError> {
    bcrypt::hash(pw, 4) //~ weak-kdf-params
}

pub fn argon2_low() -> Result<Argon2<'static>, argon2::Error> {
    let params = Params::new(4096, 1, 1, None)?; //~ weak-kdf-params
    Ok(Argon2::new(Algorithm::Argon2id, Version::V0x13, params))
}

pub fn rust_argon2_config() -> argon2::Config<'static> {
    argon2::Config { mem_cost: 8192, time_cost: 2, ..Default::default() } //~ weak-kdf-params
}

pub fn scrypt_low() -> Result<scrypt::Params, scrypt::errors::InvalidParams> {
    scrypt::Params::new(10, 8, 1, 32) //~ weak-kdf-params
}

// A password named as such, or a key of a password: still password hashing.
pub fn from_passkey(password_key: &[u8], salt: &[u8]) -> [u8; 32] {
    pbkdf2::pbkdf2_hmac_array::<Sha256, 32>(password_key, salt, 1) //~ weak-kdf-params
}

pub fn from_input(input: &str, salt: &[u8]) -> [u8; 32] {
    pbkdf2::pbkdf2_hmac_array::<Sha256, 32>(input.as_bytes(), salt, 1) //~ weak-kdf-params
}
