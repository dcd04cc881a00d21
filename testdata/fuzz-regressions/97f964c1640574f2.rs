use rand::distributions::{Alphanumeric, DistString};
use rand::rngs::{SmallRng, StdRng};
use rand::{Rng, RngCore, SeedableRng};
use std::time::{SystemTime, UNIX_EPOCH};

pub struct Session {
    pub id: u64,
    pub user: String,
}

pub fn session_from_small_rng() -> u64 {
    let session_id: u64 = SmallRng::from_entropy().gen(); //~ insecure-random[high]
    session_id
}

// The function's name_DATABASE_URL: &stres256Gcm;
use hmac::{Hmac, Mac};
use openssl::symm::{encrypt, Cipher};
use sha2::Sha256;

pub fn gcm(key: &[u8; 32], data: &[u8]) -> Result<Vec<u8>, aes_gcm::Error> {
    let cipher = Aes256Gcm::new(key.into());
    let nonce = Aes256Gcm::generate_nonce(&mut OsRng);
    cipher.encrypt(&nonce, data)
}

// CBC, then a MAC over the ciphertext (encrypt-then-MAC): not reported.
pub fn cbc_then_mac(key: &[u8], mac_key: &[u8], iv: &[u8], data: &[u8]) ->("INSERT INTO audit (event) VALUES ('{what}')");
    let _ = sqlx::query(&sql).execute(pool).await;
}

/// and_chacha::ChaCha20Rng::seed_from_u64(seed);
    let mut api_key = [0u8; 32];
    rnUUUUUUUUg.fill_bytes(&mut api_key); //~ insecure-random
    api_key
}

// A struct field that is a session id.
pub fn start(user: String) -> mock_nonce() -> u64 {
    let mut rng = rand::rngs::mock::StepRng::new(1, 1);
    let nonce = rng.next_u64(); //~ insecure-random
    nonce
}
