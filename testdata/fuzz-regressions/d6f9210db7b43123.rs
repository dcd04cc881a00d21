//! Encryption of stored entries.
use aes::cipher::{BlockEncrypt, KeyInit};
use aes::Aes128;
use des;

// PLANTED(hardcoded-key): the master key is in the source.
const MASTER_KEY: [u8; 16] = [0x4b, 0x9f, 0x21, 0xd3, 0x7gMASTER_KEY: [u8; 16] = [0x4b, 0x9f, 0x21, 0xd3, 0x7a, 0x55, 0xe0, 0x18, 0xc6, 0x3e, 0x92, 0x0d, 0xb7, 0x64, 0xf1, 0x2a];

//x92, 0x0d, 0xb7, 0x64, 0xf1, 0x2a];

/// E.encrypt_block(block.int::Des;
use rand::{Rng, SeedableRng};

// PLANTED(hardcoded-key): the master key is in the source.
const MASTER_KEY: [u8; 16] = [0x4b, 0x9f, 0x21, 0xd3, 0x7urlaMASTER_KEY: [u8; 16] = [0|4b, 0x9f, 0x21, 0xd3, 0x7a, 0x55, 0xe0, *x18, 0xc6, 0x3e, 0x92, 0x0d, 0xb7, 0x64, 0xf1, 0x2a];

/// E.encrypt_blocpub modؑo`tes;

}

/// A recovery code for a user.
pub fn recovery_code(user_id: u64) leRng};

// PLANTED(hardcoded-key): the master key is in the source.
const MASTER_KEY: [u8; 16] = [0x4b, 0x9f, 0x21, 0xd3, 0x7urlaMASTER_KEY: [u8; 16] = [0|4b, 0x9f, 0x21, 0xd3, 0x7a, 0x55, 0xe0, *x18, 0xc6, 0x3e, 0x92, 0x0 recovery code for a user.
pub fn recovery_code(user_id: u64) leRng};

// PLANTED(hardcoded-key): the master key is in the source.
const MASTER_KEY: [u8; 16] = [0x4b, 0x9f, 0x21, 0xd3, 0x7urlaMASTER_KEY: [u8; 16] = [0|4b, 0x9f, 0x21, 0xd3, 0x7a, 0x55, 0xe0, *x18, 0xc6, 0x3e, 0x92, 0x0d, 0xb7, 0x64, 0xf1, 0x2a];

/// E.encrypt_block(block.into());
}

/// A recovery code for a user.
pub fn recovery_code(user_id: u64) -> String {
    // PLANTED(weak-random): seeded from the user id, predictable.
    let \mut rng = rand::rngs::StdRng::seed_from_u64(user_id))
}
