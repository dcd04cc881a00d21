//! The secrets pack's shared machinery: the provider-format detector table
//! (`lints/models/secrets.toml`), placeholder and name heuristics,
//! connection-string parsing, the `[secrets]` settings, masks, and the
//! detectors of non-Rust text files (`.env`, `*.toml`, `*.yaml`, …; the
//! engine's text front end reports what they find).
//!
//! The rules themselves, and their shared syntax helpers, live in
//! `lints/secrets/` (`hardcoded-secret`,
//! `hardcoded-credential`, `connection-string-password`,
//! `hardcoded-crypto-key`). A value matched by several of them is reported
//! once, by the most specific: a provider format beats a connection
//! string, which beats a crypto-API use, which beats a name.
//!
//! Secrets never reach an output in full: every finding masks the secret's
//! byte range (`Diag::mask_range`), which the engine applies to excerpts,
//! SARIF snippets and fingerprint inputs; messages name the kind of secret
//! and the binding, never the value.

pub(crate) mod connstr;
pub(crate) mod detect;
pub(crate) mod encoded;
pub(crate) mod examples;
pub(crate) mod literals;
pub(crate) mod names;
pub(crate) mod policy;
pub(crate) mod redact;
pub(crate) mod settings;
pub(crate) mod text;
pub(crate) mod values;

pub(crate) use settings::Settings;

/// Rule ids of the pack.
pub(crate) const HARDCODED_SECRET: &str = "hardcoded-secret";
pub(crate) const HARDCODED_CREDENTIAL: &str = "hardcoded-credential";
pub(crate) const CONNECTION_STRING_PASSWORD: &str = "connection-string-password";
pub(crate) const HARDCODED_CRYPTO_KEY: &str = "hardcoded-crypto-key";

/// Is this one of the pack's rules?
pub(crate) fn is_pack_rule(id: &str) -> bool {
    matches!(id, HARDCODED_SECRET | HARDCODED_CREDENTIAL | CONNECTION_STRING_PASSWORD | HARDCODED_CRYPTO_KEY)
}

/// A value some higher-priority rule of the pack reports (a provider
/// format, a name-bound provider format, a connection string).
pub(crate) fn claimed_by_format(name: Option<&str>, value: &str) -> bool {
    !detect::TABLE.scan(value).is_empty()
        || name.is_some_and(|n| detect::TABLE.scan_named(n, value).is_some())
        || !connstr::find(value).is_empty()
}
