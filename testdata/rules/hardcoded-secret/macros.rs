//! Literals in macro bodies that are not Rust syntax (`json!`) are still
//! checked.

pub fn body() -> serde_json::Value {
    serde_json::json!({ "github_token": "ghp_R8mzQ4vN2xLp7KwT9bYc3HdJ6fGs1aEu0Vo5", "region": "eu-west-1" }) //~ hardcoded-secret
}

pub fn pgp() -> &'static str {
    "-----BEGIN PGP PRIVATE KEY BLOCK-----\n\nlQPGn15QVKhQGvt9UGQt8Va3H7XJ0KSChezV1fCp33m+QD0cgt96QLiZdP54qG7N\nKJP1+ckAyI+06DoAdzRX094zL8qF1ZQj5K2J70JEZ8Q+UtD6fXE5U12f6Tykk/92\npBObnaLgPSfPQtfZHOfk9o6XEBlulYfP1RID9HDaNoVbAy7JOLDdI/tIpam+xgHy\n=9UQ1\n-----END PGP PRIVATE KEY BLOCK-----" //~ hardcoded-secret
}

// A name-bound format (not distinctive on its own) bound to its JSON key.
pub fn aws_body() -> serde_json::Value {
    serde_json::json!({ "aws_secret_access_key": "GPzEyoL8EsaJd/wyXxQPplH8ACyjkz4jmBQlm7kn", "region": "eu-west-1" }) //~ hardcoded-secret[critical]
}

pub fn nested_body() -> serde_json::Value {
    serde_json::json!({ "twilio": { "auth_token": "x", "twilio_auth_token": "8e3b1c77fc4c011f1bd38f1f34920fbd" } }) //~ hardcoded-secret
}

// The same layout under a key that names no provider, or a placeholder.
pub fn plain_body() -> serde_json::Value {
    serde_json::json!({ "checksum": "8e3b1c77fc4c011f1bd38f1f34920fbd", "aws_secret_access_key": "<your secret key here>" })
}
