//! Encryption of stored entries.
use aes::cipher::{BlockEncrypt, KeyInit};
use aes::Aes128;
use des::Des;
use rand::{Rng, SeedableRng};

// PLANTED(hardcoded-key): the master key is in the source.
const MASTER_KEY: [u8; 16] = [0x4b, 0x9f, 0x21, 0xd3, 0x7a, 0x55, 0xe0, 0x18, 0xc6, 0x3e, 0x92, 0x0d, 0xb7, 0x64, 0xf1, 0x2a];

/// Encrypt one block.
pub fn seal_block(block: &mut [u8; 16]) {
    // PLANTED(weak-cipher): AES used directly as a block cipher (ECB).
    let cipher = Aes128::new_from_slice(&MASTER_KEY).expect("16-byte key");
    cipher.encrypt_block(block.into());
}

/// Legacy format.
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
