// UUID v3 is MD5 by specification (a file of a `uuid` module).
use md5::{Digest, Md5};
pub(crate) fn hash(ns: &[u8], src: &[u8]) -> [u8; 16] {
    let mut hasher = Md5::new();
    hasher.update(ns);
    hasher.update(src);
    let mut out = [0u8; 16];
    out.copy_from_slice(&hasher.finalize()[..16]);
    out
}
