//! The rule catalog: one file per rule, each carrying its documentation,
//! metadata and checks. Adding a rule is one line in `rules!` below.
//! `lints/README.md` is generated from these files (`cargo sast rules
//! --markdown`); a test keeps it in sync.

use crate::rules::Rule;

pub mod models;

macro_rules! rules {
    ($($module:ident :: $ty:ident),* $(,)?) => {
        $(pub mod $module;)*
        /// Every rule, in registration order.
        pub static ALL: &[&dyn Rule] = &[$(&$module::$ty),*];
    };
}

rules! {
    cleartext_transport::CleartextTransport,
    command_injection::CommandInjection,
    insecure_cookie::InsecureCookie,
    insecure_random::InsecureRandom,
    invalid_suppression::InvalidSuppression,
    jwt_validation_disabled::JwtValidationDisabled,
    log_injection::LogInjection,
    open_redirect::OpenRedirect,
    outdated_tls_version::OutdatedTlsVersion,
    password_hash_fast::PasswordHashFast,
    path_traversal::PathTraversal,
    permissive_cors::PermissiveCors,
    predictable_temp_file::PredictableTempFile,
    regex_injection::RegexInjection,
    sensitive_data_logged::SensitiveDataLogged,
    sql_injection::SqlInjection,
    ssrf::Ssrf,
    static_nonce::StaticNonce,
    timing_unsafe_comparison::TimingUnsafeComparison,
    tls_verification_disabled::TlsVerificationDisabled,
    uncontrolled_allocation::UncontrolledAllocation,
    undocumented_unsafe::UndocumentedUnsafe,
    unsafe_deserialization::UnsafeDeserialization,
    unused_suppression::UnusedSuppression,
    unwrap_used::UnwrapUsed,
    weak_cipher::WeakCipher,
    weak_hash::WeakHash,
    weak_kdf_params::WeakKdfParams,
    world_writable_permissions::WorldWritablePermissions,
    xss::Xss,
    xxe::Xxe,
}
