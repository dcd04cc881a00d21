use aes::cipher::{BlockEncrypt, KeyInit};
use aes::Aes128;
use blowfish::Blowfish;
use des::{Des, TdesEde3};
use openssl::symm::{encrypt, Cipher};

pub fn des(block: &mut [u8; 8], key: &[u8; 8]) {
    let cipher = Des::new_from_slice(key).expect("8 bytes"); //~ weak-cipher[high]
    cipher.encrypt_block(block.into());
}

pub fn triple_des(key: &[u8; 24]) -> TdesEde3 {
    TdesEde3::new(key.into()) //~ weak-cipher
}

pub fn blowfish(key: &[u8]) -> Blowfish {
    Blowfish::new_from_slice(key).expect("key") //~ weak-cipher
}

pub fn rc4(key: &[u8; 16], data: &mut [u8]) {
    use rc4::{KeyInit as _, StreamCipher};
    let mut c = rc4::Rc4::new(key.into()); //~ weak-cipher
    c.apply_keystream(data);
}

pub fn des_in_cbc(key: &[u8], iv: &[u8]) {
    let _ = cbc::Encryptor::<Des>::new_from_slices(key, iv); //~ weak-cipher
}

// Raw AES: ECB by hand.
pub fn raw_aes(key: &[u8; 16], block: &mut [u8; 16]) {
    let cipher = Aes128::new(key.into());
    cipher.encrypt_block(block.into()); //~ weak-cipher
}

pub fn raw_aes_param(cipher: &Aes128, blocks: &mut [aes::Block]) {
    cipher.encrypt_blocks(blocks); //~ weak-cipher
}

// ECB mode types.
pub fn ecb_mode(key: &[u8; 16]) {
    let _ = ecb::Encryptor::<Aes128>::new(key.into()); //~ weak-cipher
}

type LegacyEcb = block_modes::Ecb<Aes128, block_modes::block_padding::Pkcs7>; //~ weak-cipher

// OpenSSL.
pub fn openssl_ecb(key: &[u8], data: &[u8]) -> Result<Vec<u8>, openssl::error::ErrorStack> {
    encrypt(Cipher::aes_128_ecb(), key, None, data) //~ weak-cipher
}

pub fn openssl_3des(key: &[u8], iv: &[u8], data: &[u8]) -> Result<Vec<u8>, openssl::error::ErrorStack> {
    encrypt(Cipher::des_ede3_cbc(), key, Some(iv), data) //~ weak-cipher
}

pub fn openssl_rc4(key: &[u8], data: &[u8]) -> Result<Vec<u8>, openssl::error::ErrorStack> {
    encrypt(Cipher::rc4(), key, None, data) //~ weak-cipher
}

pub fn openssl_bf(key: &[u8], iv: &[u8], data: &[u8]) -> Result<Vec<u8>, openssl::error::ErrorStack> {
    encrypt(Cipher::bf_cbc(), key, Some(iv), data) //~ weak-cipher
}

pub fn legacy() -> Option<LegacyEcb> {
    None
}
