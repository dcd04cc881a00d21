use aes_gcm::aead::{Aead, AeadInPlace, KeyInit};
use aes_gcm::{Aes256Gcm, Nonce};
use chacha20::cipher::{KeyIvInit, StreamCipher};
use chacha20poly1305::ChaCha20Poly1305;
use openssl::symm::{encrypt, Cipher, Crypter, Mode};
use ring::aead;

const FIXED_NONCE: [u8; 12] = [7; 12];

pub fn literal(key: &[u8; 32], msg: &[u8]) -> Result<Vec<u8>, aes_gcm::Error> {
    let cipher = Aes256Gcm::new(key.into());
    cipher.encrypt(Nonce::from_slice(b"unique nonce"), msg) //~ static-nonce
}

pub fn constant(key: &[u8; 32], msg: &[u8]) -> Result<Vec<u8>, chacha20poly1305::Error> {
    let cipher = ChaCha20Poly1305::new(key.into());
    cipher.encrypt(&FIXED_NONCE.into(), msg) //~ static-nonce
}

pub fn zero_default(key: &[u8; 32], buf: &mut Vec<u8>) -> Result<(), aes_gcm::Error> {
    let cipher = Aes256Gcm::new(key.into());
    let nonce = Nonce::default();
    cipher.encrypt_in_place(&nonce, b"", buf) //~ static-nonce
}

// A "counter" that is never incremented.
pub fn frozen_counter(key: &[u8; 32], msgs: &[&[u8]]) -> Vec<Vec<u8>> {
    let cipher = Aes256Gcm::new(key.into());
    let counter = [0u8; 12];
    msgs.iter()
        .filter_map(|m| cipher.encrypt(Nonce::from_slice(&counter), *m).ok()) //~ static-nonce
        .collect()
}

pub fn ring_nonce() -> aead::Nonce {
    aead::Nonce::assume_unique_for_key([0u8; 12]) //~ static-nonce
}

pub fn openssl_iv(key: &[u8], data: &[u8]) -> Result<Vec<u8>, openssl::error::ErrorStack> {
    encrypt(Cipher::aes_256_gcm(), key, Some(b"0123456789ab"), data) //~ static-nonce
}

pub fn openssl_crypter(key: &[u8]) -> Result<Crypter, openssl::error::ErrorStack> {
    Crypter::new(Cipher::aes_128_ctr(), Mode::Encrypt, key, Some(&[0u8; 16])) //~ static-nonce
}

pub fn stream(key: &[u8; 32], data: &mut [u8]) {
    let mut c = chacha20::ChaCha20::new(key.into(), &[0u8; 12].into()); //~ static-nonce
    c.apply_keystream(data);
}

pub fn cbc_zero_iv(key: &[u8; 16]) {
    let iv = [0x24u8; 16];
    let _ = cbc::Encryptor::<aes::Aes128>::new(key.into(), &iv.into()); //~ static-nonce
}
