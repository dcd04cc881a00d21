//! INERT TEST FIXTURE for cargo-sast: the harmless-looking library part.
pub fn span_count() -> usize {
    0
}
