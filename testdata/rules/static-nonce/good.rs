use aes_gcm::aead::{Aead, AeadCore, KeyInit, OsRng};
use aes_gcm::{Aes256Gcm, Nonce};
use openssl::symm::{encrypt, Cipher, Crypter, Mode};
use ring::aead;

pub fn random(key: &[u8; 32], msg: &[u8]) -> Result<Vec<u8>, aes_gcm::Error> {
    let cipher = Aes256Gcm::new(key.into());
    let nonce = Aes256Gcm::generate_nonce(&mut OsRng);
    cipher.encrypt(&nonce, msg)
}

pub fn from_message(key: &[u8; 32], blob: &[u8]) -> Result<Vec<u8>, aes_gcm::Error> {
    let cipher = Aes256Gcm::new(key.into());
    let (nonce, ct) = blob.split_at(12);
    cipher.decrypt(Nonce::from_slice(nonce), ct)
}

// A counter that does change.
pub fn counter(key: &[u8; 32], msgs: &[&[u8]]) -> Vec<Vec<u8>> {
    let cipher = Aes256Gcm::new(key.into());
    let mut nonce = [0u8; 12];
    let mut out = Vec::new();
    for (i, m) in msgs.iter().enumerate() {
        nonce[4..].copy_from_slice(&(i as u64).to_be_bytes());
        if let Ok(ct) = cipher.encrypt(Nonce::from_slice(&nonce), *m) {
            out.push(ct);
        }
    }
    out
}

pub struct Counter(u64);
impl aead::NonceSequence for Counter {
    fn advance(&mut self) -> Result<aead::Nonce, ring::error::Unspecified> {
        let mut bytes = [0u8; 12];
        bytes[4..].copy_from_slice(&self.0.to_be_bytes());
        self.0 += 1;
        Ok(aead::Nonce::assume_unique_for_key(bytes))
    }
}

pub fn openssl_random_iv(key: &[u8], data: &[u8]) -> Result<Vec<u8>, openssl::error::ErrorStack> {
    let mut iv = [0u8; 12];
    openssl::rand::rand_bytes(&mut iv)?;
    encrypt(Cipher::aes_256_gcm(), key, Some(&iv), data)
}

// Decrypting with a fixed IV is only as bad as the encryption that made it.
pub fn openssl_decrypt(key: &[u8]) -> Result<Crypter, openssl::error::ErrorStack> {
    Crypter::new(Cipher::aes_128_ctr(), Mode::Decrypt, key, Some(&[0u8; 16]))
}

// RSA `encrypt(rng, padding, data)` is not an AEAD call.
pub fn rsa(key: &rsa::RsaPublicKey, data: &[u8]) -> rsa::Result<Vec<u8>> {
    let mut rng = rand::thread_rng();
    key.encrypt(&mut rng, rsa::Pkcs1v15Encrypt, data)
}
