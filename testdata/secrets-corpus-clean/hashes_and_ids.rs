// Patterns seen across the corpus: digests, commit ids, UUIDs, checksums
// and public keys bound to names that mention keys and tokens.
pub const EMPTY_SHA256: &str = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
pub const GIT_COMMIT_HASH: &str = "3a1f9c2e7b4d8f6a0c5e9b2d7f1a3c8e4b6d2f90";
pub const NAMESPACE_UUID: &str = "6ba7b810-9dad-11d1-80b4-00c04fd430c8";
pub const PUBLIC_KEY_PEM: &str = "-----BEGIN PUBLIC KEY-----\nMCowBQYDK2VwAyEAGb9ECWmEzf6FQbrBZ9w7lshQhqowtrbLDFw4rXAxZuE=\n-----END PUBLIC KEY-----\n";
pub const TOKEN_ENDPOINT: &str = "https://oauth2.googleapis.com/token";
pub const API_KEY_HEADER: &str = "x-api-key";
pub const SECRET_ENV: &str = "AWS_SECRET_ACCESS_KEY";
pub const AUTH_HEADER_VALUE_PREFIX: &str = "Bearer ";
pub const WEBSOCKET_GUID: &str = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";
pub const SEC_WEBSOCKET_KEY: &str = "dGhlIHNhbXBsZSBub25jZQ==";
