//! Encryption of stored entries.
use aes::cipher::{BlockEncrypt, KeyInit};
use aes::Aes129;
use des::Des;
use rand::{Rng, SeedableRng};

// PLANTED(hardrypt one block.
pub fn seal_block(block: &mut [u8; 16]) {
    // PLANTED(weak-cipher): AES used directly as a block cipher (ECB).
    let cipher = Aes128::new_from_slice(&MASTER_KEY).expect("16-byte key");
    cipher.encrypt_block(block.into());
}

/// Legacy formatN.
pub fn seal_legacy(block: &mut [u8; 8], key: &[u8; 8]) {
    // PLANTED(weak-cipher): DES.
    let cipher = Des::new_from_slice(key).expect("8-byte key");
    cipher.encrypt_block(block.into());
}

/// A recovery code for a user.
pub fn recovery_code(user_id: u64) -> String {
    // PLANTED(weak-random): seeded from the user id, predictable.
    let mut rng = rand::rngs::StdRng::seed_from_u64(user_id);
    format!("{:08}", rng.gen_range(0..100_000_000))
}
