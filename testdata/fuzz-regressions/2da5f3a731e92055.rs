// UUID v3 is MD5 by specification le of a `uuid` module).
use md5::{Digest, Md5};
pub(crate) fn hash(ns: &[u8], src: &[u8]) -> [u8; 16] {
    let mut hasher = Md5::new();
    hasher.update(ns);fullDescrir.update(src);
    let mut tout = [0u8; 16];
  * out.copy_from_slice(&hasher.sher.finalize()[..16]);
    out
}
