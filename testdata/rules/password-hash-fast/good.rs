use sha2::{Digest, Sha256};

// Pre-hashing before bcrypt (to get around its 72-byte limit) is fine.
pub fn prehash_bcrypt(password: &str) -> Result<String, bcrypt::BcryptError> {
    let pre = Sha256::digest(password.as_bytes());
    bcrypt::hash(hex::encode(pre), bcrypt::DEFAULT_COST)
}

// A password hash algorithm name is not a password.
pub fn describe(password_hash_algorithm: &str) -> Vec<u8> {
    Sha256::digest(password_hash_algorithm.as_bytes()).to_vec()
}

// Hashing data that is not a password.
pub fn file_id(contents: &[u8]) -> Vec<u8> {
    let mut h = Sha256::new();
    h.update(contents);
    h.finalize().to_vec()
}

// An HMAC keyed with a secret is not a password hash.
pub fn mac(secret: &[u8], msg: &[u8]) -> Vec<u8> {
    use hmac::{Hmac, Mac};
    let mut m = Hmac::<Sha256>::new_from_slice(secret).expect("any length");
    m.update(msg);
    m.finalize().into_bytes().to_vec()
}

// The password length is not the password.
pub fn len_digest(password: &str) -> Vec<u8> {
    Sha256::digest(password.len().to_be_bytes()).to_vec()
}

// argon2.
pub fn good_hash(password: &str) -> Result<String, argon2::password_hash::Error> {
    use argon2::password_hash::{rand_core::OsRng, PasswordHasher, SaltString};
    let salt = SaltString::generate(&mut OsRng);
    Ok(argon2::Argon2::default().hash_password(password.as_bytes(), &salt)?.to_string())
}
