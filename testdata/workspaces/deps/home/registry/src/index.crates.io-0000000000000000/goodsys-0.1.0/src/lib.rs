//! TEST FIXTURE for cargo-sast: bindings with no unsafe code yet.
pub fn version() -> &'static str {
    "1.3"
}
