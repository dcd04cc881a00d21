//! Keys, nonces and salts that are not literals.
use aes_gcm::aead::{Aead, AeadCore, KeyInit, OsRng};
use aes_gcm::{Aes256Gcm, Key, Nonce};
use hmac::{Hmac, Mac};
use rand::RngCore;
use sha2::Sha256;

pub fn seal(key: &[u8; 32], plain: &[u8]) -> (Vec<u8>, Vec<u8>) {
    let cipher = Aes256Gcm::new(Key::<Aes256Gcm>::from_slice(key));
    let nonce = Aes256Gcm::generate_nonce(&mut OsRng);
    let ct = cipher.encrypt(&nonce, plain).unwrap_or_default();
    (nonce.to_vec(), ct)
}

pub fn filled_later() -> Aes256Gcm {
    let mut key = [0u8; 32];
    OsRng.fill_bytes(&mut key);
    Aes256Gcm::new_from_slice(&key).expect("32 bytes")
}

pub fn from_env() -> Option<Aes256Gcm> {
    let key = std::env::var("DATA_KEY").ok()?;
    Aes256Gcm::new_from_slice(key.as_bytes()).ok()
}

pub fn derived(master: &[u8], info: &[u8]) -> [u8; 32] {
    let hk = hkdf::Hkdf::<Sha256>::new(Some(b"fixed-context-salt"), master);
    let mut okm = [0u8; 32];
    let _ = hk.expand(info, &mut okm);
    okm
}

pub fn mac(key: &[u8], msg: &[u8]) -> Vec<u8> {
    let mut m = Hmac::<Sha256>::new_from_slice(key).expect("any size");
    m.update(msg);
    m.finalize().into_bytes().to_vec()
}

pub fn from_parts(nonce_bytes: &[u8]) -> &Nonce<aes_gcm::aead::consts::U12> {
    Nonce::from_slice(nonce_bytes)
}

/// Doc example: `Aes256Gcm::new_from_slice(b"an example very very secret key.")`.
pub fn documented() {}

pub fn unrelated() -> Vec<u8> {
    // `from_slice` of a type that is not a key.
    let v: Vec<u8> = serde_json::from_slice(b"[1,2,3,4]").unwrap_or_default();
    v
}

/// Known-answer test vectors: keys in test code are not reported.
#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn roundtrip() {
        let key = Key::<Aes256Gcm>::from_slice(&[0x42; 32]);
        let _ = Aes256Gcm::new(key);
    }
}
