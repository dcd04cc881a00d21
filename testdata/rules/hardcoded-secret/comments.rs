//! Provider formats in comments and doc comments: a token pasted into a
//! comment is as leaked as one in a literal. Placeholders and published
//! examples stay quiet (good.rs).

/// Call the API with `ghp_z6CBpZ9O6finKxY1oGprykDwA07yMirSwfGv` as the token. //~ hardcoded-secret
///
/// ```
/// let key = "AKIAKZEYHSLB7MB47EVV"; //~ hardcoded-secret
/// ```
pub fn documented() {}

// old bot: xoxb-23780427165-958284332224-BFOCTplA9Hc3jlVYxLmaXs7n //~ hardcoded-secret
pub fn notify() {}

/* the deploy key, until rotation: npm_kFpZvdkR8HJsqZjh6CehHiqVXxrd2C827oQ7 */ //~ hardcoded-secret
pub fn publish() {}

/// Local runs read the key from the environment:
/// `export DATADOG_API_KEY=8f3a9c2e7b1d4f6a0c5e9b2d7f1a3c8e`
//~^ hardcoded-secret
/// and a template says `DATADOG_API_KEY=<your-datadog-key>`.
pub fn metrics() {}

/* rotated on 2024-03-01; old value of DD_API_KEY: 6b2e9f4a1c8d3e7f0a5b9c2d8e1f4a7b */ //~ hardcoded-secret
pub fn rotated() {}

// Set DD_API_KEY: <your key> before running (DD_API_KEY = xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx in CI).
pub fn documented_setup() {}

// Placeholders in comments: GITHUB_TOKEN=ghp_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx, AKIAIOSFODNN7EXAMPLE.
pub fn configure() {}

#[cfg(test)]
mod tests {
    // A real key in a test's comment is still leaked (reported one severity lower).
    // sk_live_tjBrNCKeRHp4s1fLte7ysAgk //~ hardcoded-secret[high]
    #[test]
    fn t() {}
}

// A private key pasted over several comment lines reads as one key:
// -----BEGIN RSA PRIVATE KEY-----
// n0G9W8uw8de9puyHB9d3xvE/pg3mKBxfeN4/YYsakj8DuzdoRy7q3sRjKMPMEiOe //~ hardcoded-secret[critical]
// nnEgIQD43wE1xjf1+yrfKkpQ9jKK4K2gNC7w97Ay9/fkYkwFXGoq7yVDEFRN0ZqW
// AJittVYQT1rRTnuyUC97eLQtDkH58AXzv1vYZwSMyWtdYJTXAnMLtS6f9PQyHsE+
// -----END RSA PRIVATE KEY-----
pub fn legacy_signer() {}

/// The key of the staging signer:
/// ```text
/// -----BEGIN EC PRIVATE KEY-----
/// 7dHxdliDWuSGQMZ2G5a/x8xe3EsJbvL6FzVXg5xc6yVXRuyzMHcCAQEEIL3pfhY0 //~ hardcoded-secret[critical]
/// AJittVYQT1rRTnuyUC97eLQtDkH58AXzv1vYZwSMyWtdYJTXAnMLtS6f9PQyHsE+
/// -----END EC PRIVATE KEY-----
/// ```
pub fn staging_signer() {}
