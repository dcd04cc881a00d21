// rustls-0.23.46/src/crypto/tls12.rs: TLS PRF known-answer test vectors
// bound to `secret` (binary byte strings).
#[cfg(test)]
mod tests {
    #[test]
    fn check_sha256() {
        let secret = b"\x9b\xbe\x43\x6b\xa9\x40\xf0\x17\xb1\x76\x52\x84\x9a\x71\xdb\x35";
        let seed = b"\xa0\xba\x9f\x93\x6c\xda\x31\x18\x27\xa6\xf7\x96\xff\xd5\x19\x8c";
        let label = b"test label";
        let _ = (secret, seed, label);
    }
}
