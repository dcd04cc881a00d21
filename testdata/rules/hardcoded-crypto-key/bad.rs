//! Literal keys, IVs, nonces and salts passed to crypto APIs.
use aes_gcm::aead::{Aead, KeyInit};
use aes_gcm::{Aes256Gcm, Key, Nonce};
use chacha20poly1305::{ChaCha20Poly1305, XNonce};
use hmac::{Hmac, Mac};
use jsonwebtoken::EncodingKey;
use sha2::Sha256;

const MASTER_KEY: [u8; 32] = [ //~ hardcoded-crypto-key[high]
    0x4b, 0x9f, 0x21, 0xd3, 0x7a, 0x55, 0xe0, 0x18, 0xc6, 0x3e, 0x92, 0x0d, 0xb7, 0x64, 0xf1, 0x2a,
    0x19, 0x8c, 0x33, 0xe7, 0x50, 0xaa, 0x04, 0x6d, 0x9e, 0x21, 0xbf, 0x78, 0xc2, 0x5d, 0x13, 0xf6,
];
static JWT_SECRET: &[u8] = b"w8Ks2pQz7Lm4Xv9Rt1Yb6Nc3Hd5Fg0Je"; //~ hardcoded-crypto-key
const SALT: &[u8] = b"Na7-Sa1t-9x"; //~ hardcoded-crypto-key[medium]

pub fn seal(plain: &[u8]) -> Vec<u8> {
    let key = Key::<Aes256Gcm>::from_slice(b"0Q5v8Lr2Xk9Wm4Tz7Pb1Nc6Hd3Jf8Gs2"); //~ hardcoded-crypto-key
    let cipher = Aes256Gcm::new(key);
    let nonce = Nonce::from_slice(b"unique nonce"); //~ hardcoded-crypto-key[high]
    cipher.encrypt(nonce, plain).unwrap_or_default()
}

pub fn master() -> Aes256Gcm {
    Aes256Gcm::new_from_slice(&MASTER_KEY).expect("key")
}

pub fn chacha(plain: &[u8]) -> Vec<u8> {
    let key = [7u8; 32]; //~ hardcoded-crypto-key
    let cipher = ChaCha20Poly1305::new_from_slice(&key).expect("key");
    let nonce = XNonce::from_slice(&[0u8; 24]); //~ hardcoded-crypto-key
    let _ = nonce;
    cipher.encrypt(&Default::default(), plain).unwrap_or_default()
}

pub fn mac(msg: &[u8]) -> Vec<u8> {
    let mut m = Hmac::<Sha256>::new_from_slice(b"my-hmac-signing-key-2024").expect("any size"); //~ hardcoded-crypto-key
    m.update(msg);
    m.finalize().into_bytes().to_vec()
}

pub fn jwt() -> EncodingKey {
    EncodingKey::from_secret(JWT_SECRET)
}

pub fn ring_key() -> ring::aead::LessSafeKey {
    let k = ring::aead::UnboundKey::new(&ring::aead::AES_256_GCM, &hex_literal::hex!("000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f")).unwrap(); //~ hardcoded-crypto-key
    ring::aead::LessSafeKey::new(k)
}

pub fn ring_nonce() -> ring::aead::Nonce {
    ring::aead::Nonce::assume_unique_for_key([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]) //~ hardcoded-crypto-key
}

pub fn openssl_cbc(data: &[u8]) -> Vec<u8> {
    let cipher = openssl::symm::Cipher::aes_128_cbc();
    openssl::symm::encrypt(cipher, b"Kx9Lm2Qw7Rz4Tp8V", Some(b"Iv0123456789abcd"), data).unwrap_or_default()
    //~^ hardcoded-crypto-key hardcoded-crypto-key
}

pub fn derive(password: &[u8]) -> [u8; 32] {
    let mut out = [0u8; 32];
    pbkdf2::pbkdf2_hmac::<Sha256>(password, SALT, 600_000, &mut out);
    out
}

pub fn argon(password: &str) -> Result<String, argon2::password_hash::Error> {
    use argon2::password_hash::{PasswordHasher, SaltString};
    let salt = SaltString::from_b64("c29tZXNhbHRzb21lc2FsdA").unwrap(); //~ hardcoded-crypto-key
    Ok(argon2::Argon2::default().hash_password(password.as_bytes(), &salt)?.to_string())
}

pub fn argon_raw(password: &[u8], out: &mut [u8]) {
    let _ = argon2::Argon2::default().hash_password_into(password, b"fixed-salt-v1", out); //~ hardcoded-crypto-key
}

pub fn orion_key() -> orion::aead::SecretKey {
    orion::aead::SecretKey::from_slice(b"Rz4Tp8VKx9Lm2Qw7Rz4Tp8VKx9Lm2Qw7").unwrap() //~ hardcoded-crypto-key
}

pub fn cookie_key() -> cookie::Key {
    cookie::Key::from(&[0x5a; 64]) //~ hardcoded-crypto-key
}
