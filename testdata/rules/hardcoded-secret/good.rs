//! Values that look like secrets but are not.
use std::collections::HashMap;

/// Documented placeholders in comments: `ghp_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx`,
/// `AKIAIOSFODNN7EXAMPLE`, `sk_live_...`, `xoxb-your-bot-token`.
///
/// ```
/// let key = "AKIAIOSFODNN7EXAMPLE";
/// ```
pub fn documented() {}

// A comment mentioning xoxb-0000000000-0000000000000-xxxxxxxxxxxxxxxxxxxxxxxx is a placeholder.

// Hashes, UUIDs, checksums and test vectors.
pub const SHA256_EMPTY: &str = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
pub const COMMIT: &str = "c04e842ea526e6bfe248242328de77fdf2ce9a7f";
pub const REQUEST_ID: &str = "0408b2ec-7e2f-47ad-ac65-ba76f2ad948b";
pub const BASE64_VECTOR: &str = "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8gISIjJCUmJygpKissLS4v";
pub const GITHUB_SHA: &str = "8bb61c4c950aa44ad7ac779f46c349d128a4d60f";
pub const DATADOG_SITE: &str = "datadoghq.eu";
pub const HEROKU_APP_ID: &str = "a4bc1599-e205-3201-ade8-bcd18356cb06";

// Public keys and certificates.
pub const PUBLIC_KEY: &str = "-----BEGIN PUBLIC KEY-----\nn0G9W8uw8de9puyHB9d3xvE/pg3mKBxfeN4/YYsakj8DuzdoRy7q3sRjKMPMEiOe\n-----END PUBLIC KEY-----\n";
pub const CERT: &str = "-----BEGIN CERTIFICATE-----\nnnEgIQD43wE1xjf1+yrfKkpQ9jKK4K2gNC7w97Ay9/fkYkwFXGoq7yVDEFRN0ZqW\n-----END CERTIFICATE-----\n";
pub const SSH_PUBLIC: &str = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIjK0fmqiXVW0Jt2y8U8sdC2lis8i44wpKmUCTkp7PKM1 deploy@ci";
pub const STRIPE_PUBLISHABLE: &str = "pk_live_KFYFG9Sioo729LZYjUX1N0Wt";

// Documented examples and placeholders.
pub const AWS_EXAMPLE: &str = "AKIAIOSFODNN7EXAMPLE";
pub const AWS_SECRET_EXAMPLE: &str = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
pub const GH_PLACEHOLDER: &str = "ghp_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx";
pub const TEMPLATE: &str = "Authorization: token ${GITHUB_TOKEN}";
pub const PEM_HEADER_ONLY: &str = "-----BEGIN PRIVATE KEY-----";
pub const PEM_PLACEHOLDER: &str = "-----BEGIN RSA PRIVATE KEY-----\n...\n-----END RSA PRIVATE KEY-----";
pub const PREFIX_ONLY: &str = "sk_live_";
pub const SHORT_JWT_LIKE: &str = "eyJhbGciOiJIUzI1NiJ9";

// Prefixes inside words and identifiers.
pub const MASK: &str = "AKIA****************";
pub fn names() -> HashMap<&'static str, &'static str> {
    let mut m = HashMap::new();
    m.insert("DATADOG_API_KEY", "${DD_API_KEY}");
    m.insert("GITHUB_TOKEN_URL", "https://github.com/login/oauth/access_token");
    m
}

pub fn from_env() -> String {
    std::env::var("GITHUB_TOKEN").unwrap_or_default()
}

// Published example values (lints/models/secrets_examples.toml): printed in
// the providers' own documentation, they guard nothing.
pub const STRIPE_DOCS_KEY: &str = "sk_test_4eC39HqLyjWDarjtT1zdp7dc";
pub const AZURITE: &str = "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;BlobEndpoint=http://127.0.0.1:10000/devstoreaccount1;";
pub const JWT_IO: &str = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0IjoxNTE2MjM5MDIyfQ.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c";
pub const TELEGRAM_BOT_TOKEN: &str = "110201543:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw";
pub const MAN_PAGE_IDENTITY: &str = "AGE-SECRET-KEY-1KTYK6RVLN5TAPE7VF6FQQSKZ9HWWCDSKUGXXNUQDWZ7XXT5YK5LSF3UTKQ";
