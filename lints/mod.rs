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
    cleartext_transport::CleartextTransport,
    insecure_cookie::InsecureCookie,
    insecure_random::InsecureRandom,
    invalid_suppression::InvalidSuppression,
    jwt_validation_disabled::JwtValidationDisabled,
    outdated_tls_version::OutdatedTlsVersion,
    password_hash_fast::PasswordHashFast,
    permissive_cors::PermissiveCors,
    predictable_temp_file::PredictableTempFile,
    sensitive_data_logged::SensitiveDataLogged,
    static_nonce::StaticNonce,
    timing_unsafe_comparison::TimingUnsafeComparison,
    tls_verification_disabled::TlsVerificationDisabled,
    undocumented_unsafe::UndocumentedUnsafe,
    unused_suppression::UnusedSuppression,
    unwrap_used::UnwrapUsed,
    weak_cipher::WeakCipher,
    weak_hash::WeakHash,
    weak_kdf_params::WeakKdfParams,
    world_writable_permissions::WorldWritablePermissions,
}
