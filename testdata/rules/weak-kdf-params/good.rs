use argon2::Params;
use sha2::Sha256;

const ITERATIONS: u32 = 600_000;

pub fn pbkdf2_ok(pw: &[u8], salt: &[u8]) -> [u8; 32] {
    let mut key = [0u8; 32];
    pbkdf2::pbkdf2_hmac::<Sha256>(pw, salt, ITERATIONS, &mut key);
    key
}

pub fn pbkdf2_sha512_ok(pw: &[u8], salt: &[u8]) -> [u8; 64] {
    pbkdf2::pbkdf2_hmac_array::<sha2::Sha512, 64>(pw, salt, 210_000)
}

// Parameters from configuration are not judged.
pub fn from_config(pw: &[u8], salt: &[u8], rounds: u32) -> [u8; 32] {
    pbkdf2::pbkdf2_hmac_array::<Sha256, 32>(pw, salt, rounds)
}

pub fn bcrypt_ok(pw: &str) -> Result<String, bcrypt::BcryptError> {
    bcrypt::hash(pw, bcrypt::DEFAULT_COST)
}

pub fn bcrypt_12(pw: &str) -> Result<String, bcrypt::BcryptError> {
    bcrypt::hash(pw, 12)
}

pub fn argon2_ok() -> Result<Params, argon2::Error> {
    Params::new(19_456, 2, 1, None)
}

pub fn argon2_one_pass() -> Result<Params, argon2::Error> {
    Params::new(47_104, 1, 1, None)
}

pub fn scrypt_ok() -> Result<scrypt::Params, scrypt::errors::InvalidParams> {
    scrypt::Params::new(17, 8, 1, 32)
}

// Not a KDF: unrelated `hash` and `new` calls.
pub fn unrelated(v: &[u8]) -> u64 {
    let h = std::collections::hash_map::DefaultHasher::new();
    let _ = Vec::<u8>::with_capacity(4);
    let _ = v;
    std::hash::Hasher::finish(&h)
}

// PBKDF2 over a key, not a password: the master key was stretched already
// (Bitwarden's master password hash is one round over it).
pub fn master_password_hash(enc_key: &[u8], password: &[u8]) -> [u8; 32] {
    let mut hash = [0u8; 32];
    pbkdf2::pbkdf2::<hmac::Hmac<sha2::Sha256>>(enc_key, password, 1, &mut hash).unwrap();
    hash
}

pub fn expand(prk: &[u8], info: &[u8]) -> [u8; 32] {
    pbkdf2::pbkdf2_hmac_array::<sha2::Sha256, 32>(prk, info, 1)
}
