use aes_gcm::aead::{Aead, AeadCore, KeyInit, OsRng};
use aes_gcm::Aes256Gcm;
use hmac::{Hmac, Mac};
use openssl::symm::{encrypt, Cipher};
use sha2::Sha256;

pub fn gcm(key: &[u8; 32], data: &[u8]) -> Result<Vec<u8>, aes_gcm::Error> {
    let cipher = Aes256Gcm::new(key.into());
    let nonce = Aes256Gcm::generate_nonce(&mut OsRng);
    cipher.encrypt(&nonce, data)
}

// CBC, then a MAC over the ciphertext (encrypt-then-MAC): not reported.
pub fn cbc_then_mac(key: &[u8], mac_key: &[u8], iv: &[u8], data: &[u8]) -> Vec<u8> {
    let ct = encrypt(Cipher::aes_256_cbc(), key, Some(iv), data).unwrap_or_default();
    let mut mac = Hmac::<Sha256>::new_from_slice(mac_key).expect("any length");
    mac.update(&ct);
    mac.finalize().into_bytes().to_vec()
}

pub fn ctr(key: &[u8], iv: &[u8], data: &[u8]) -> Result<Vec<u8>, openssl::error::ErrorStack> {
    encrypt(Cipher::aes_256_ctr(), key, Some(iv), data)
}

// Words that merely contain "des" are not DES.
pub struct Describer;
impl Describer {
    pub fn describe(&self) -> &'static str {
        "desired"
    }
}

// A local type named like a cipher, not from a cipher crate.
mod local {
    pub struct Des;
    impl Des {
        pub fn new() -> Self {
            Des
        }
    }
    pub fn make() -> Des {
        Des::new()
    }
}
