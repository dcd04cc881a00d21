//! INERT TEST FIXTURE for cargo-sast: a name one edit from `tokio`, with
//! harmless code (the name alone is the finding).
pub fn spawn_count() -> usize {
    0
}
