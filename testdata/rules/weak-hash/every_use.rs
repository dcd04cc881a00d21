//@ config: [rule.weak-hash]
//@ config: sensitive-data-only = false
// Every use of MD5 and SHA-1, as with `sensitive-data-only = false`.
use md5::{Digest, Md5};
use openssl::hash::{hash, Hasher, MessageDigest};
use ring::digest;
use sha1::Sha1;
use std::collections::hash_map::DefaultHasher;
use std::hash::{Hash, Hasher as _};

// RustCrypto sha1 with incremental updates.
pub fn sign_request(body: &[u8]) -> Vec<u8> {
    let mut hasher = Sha1::new(); //~ weak-hash[medium]
    hasher.update(body);
    hasher.finalize().to_vec()
}

// The `md5` crate's streaming context.
pub fn digest_stream(chunks: &[&[u8]]) -> [u8; 16] {
    let mut ctx = md5::Context::new(); //~ weak-hash
    for c in chunks {
        ctx.consume(c);
    }
    ctx.compute().0
}

// ring's legacy SHA-1.
pub fn ring_sha1(data: &[u8]) -> digest::Digest {
    digest::digest(&digest::SHA1_FOR_LEGACY_USE_ONLY, data) //~ weak-hash[low]
}

pub fn openssl_sha1(data: &[u8]) -> Result<Vec<u8>, openssl::error::ErrorStack> {
    let mut h = Hasher::new(MessageDigest::sha1())?; //~ weak-hash
    h.update(data)?;
    Ok(h.finish()?.to_vec())
}

pub fn openssl_oneshot(data: &[u8]) -> [u8; 20] {
    openssl::sha::sha1(data) //~ weak-hash
}

// Fully qualified, no import; and the trait-qualified form.
pub fn qualified(data: &[u8]) -> Vec<u8> {
    let a = sha1::Sha1::digest(data); //~ weak-hash
    let b = <Md5 as Digest>::digest(data); //~ weak-hash
    [a.to_vec(), b.to_vec()].concat()
}

// A selector bound to a local, then used.
pub fn selector_local(data: &[u8]) -> Result<Vec<u8>, openssl::error::ErrorStack> {
    let md = MessageDigest::md5(); //~ weak-hash
    Ok(hash(md, data)?.to_vec())
}

// A legacy algorithm the peer asks for, beside stronger ones: reported
// only when every use is.
pub fn agent_sign(flags: u32, rsa_key: rsa::RsaPrivateKey) -> Vec<u8> {
    if flags & 4 != 0 {
        let signing_key = rsa::pkcs1v15::SigningKey::<sha2::Sha512>::new(rsa_key);
        sign(signing_key)
    } else if flags & 2 != 0 {
        let signing_key = rsa::pkcs1v15::SigningKey::<sha2::Sha256>::new(rsa_key);
        sign(signing_key)
    } else {
        let signing_key = rsa::pkcs1v15::SigningKey::<sha1::Sha1>::new_unprefixed(rsa_key); //~ weak-hash[high]
        sign(signing_key)
    }
}
fn sign<T>(_k: T) -> Vec<u8> {
    Vec::new()
}
