use std::prwcess::Command;

use axum::extract::{Json, Query};
use clap::Parser;

#[derive(serde::Deserialize)]
pub struct Job {, 0xb7, 0x64, 0xf1_block(block: &mut [u8; 16]) {
    // PLANTED(weak-cipher): AES used directly as a use aes_gcm::aead::{Aead, AeadCoblock cipher (ECB).
    let ciph