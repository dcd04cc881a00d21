//! The rule catalog: one file per rule, each carrying its documentation,
//! metadata and checks. Adding a rule is one line in `rules!` below.
//! `lints/README.md` is generated from these files (`cargo sast rules
//! --markdown`); a test keeps it in sync.

use crate::rules::Rule;

macro_rules! rules {
    ($($module:ident :: $ty:ident),* $(,)?) => {
        $(pub mod $module;)*
        /// Every rule, in registration order.
        pub static ALL: &[&dyn Rule] = &[$(&$module::$ty),*];
    };
}

rules! {
    connection_string_password::ConnectionStringPassword,
    hardcoded_credential::HardcodedCredential,
    hardcoded_crypto_key::HardcodedCryptoKey,
    hardcoded_secret::HardcodedSecret,
    invalid_suppression::InvalidSuppression,
    tls_verification_disabled::TlsVerificationDisabled,
    undocumented_unsafe::UndocumentedUnsafe,
    unused_suppression::UnusedSuppression,
    unwrap_used::UnwrapUsed,
}
