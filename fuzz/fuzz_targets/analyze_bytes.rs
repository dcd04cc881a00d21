//! Arbitrary bytes as a Rust source file, all rules on.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        cargo_sast_fuzz::check(text);
    }
});
