use openssl::symm::{encrypt, Cipher};

// CBC and no MAC anywhere in the file: low severity.
pub fn cbc(key: &[u8], iv: &[u8], data: &[u8]) -> Result<Vec<u8>, openssl::error::ErrorStack> {
    encrypt(Cipher::aes_256_cbc(), key, Some(iv), data) //~ weak-cipher[low]
}

pub fn rustcrypto_cbc(key: &[u8; 32], iv: &[u8; 16]) {
    let _ = cbc::Encryptor::<aes::Aes256>::new(key.into(), iv.into()); //~ weak-cipher[low]
}
