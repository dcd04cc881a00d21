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
    arithmetic_overflow::ArithmeticOverflow,
    cleartext_transport::CleartextTransport,
    command_injection::CommandInjection,
    connection_string_password::ConnectionStringPassword,
    hardcoded_credential::HardcodedCredential,
    hardcoded_crypto_key::HardcodedCryptoKey,
    hardcoded_secret::HardcodedSecret,
    indexing_panic::IndexingPanic,
    insecure_cookie::InsecureCookie,
    insecure_random::InsecureRandom,
    invalid_suppression::InvalidSuppression,
    jwt_validation_disabled::JwtValidationDisabled,
    log_injection::LogInjection,
    mem_forget::MemForget,
    missing_safety_doc::MissingSafetyDoc,
    multiple_unsafe_ops::MultipleUnsafeOps,
    null_reference::NullReference,
    open_redirect::OpenRedirect,
    outdated_tls_version::OutdatedTlsVersion,
    panic_macro::PanicMacro,
    password_hash_fast::PasswordHashFast,
    path_traversal::PathTraversal,
    permissive_cors::PermissiveCors,
    predictable_temp_file::PredictableTempFile,
    raw_parts::RawParts,
    raw_pointer_deref::RawPointerDeref,
    regex_injection::RegexInjection,
    sensitive_data_logged::SensitiveDataLogged,
    sql_injection::SqlInjection,
    ssrf::Ssrf,
    static_mut::StaticMut,
    static_nonce::StaticNonce,
    timing_unsafe_comparison::TimingUnsafeComparison,
    tls_verification_disabled::TlsVerificationDisabled,
    transmute::Transmute,
    unchecked_operation::UncheckedOperation,
    uncontrolled_allocation::UncontrolledAllocation,
    undocumented_unsafe::UndocumentedUnsafe,
    uninit_memory::UninitMemory,
    unsafe_code::UnsafeCode,
    unsafe_deserialization::UnsafeDeserialization,
    unsafe_send_sync::UnsafeSendSync,
    unused_suppression::UnusedSuppression,
    unwrap_used::UnwrapUsed,
    weak_cipher::WeakCipher,
    weak_hash::WeakHash,
    weak_kdf_params::WeakKdfParams,
    world_writable_permissions::WorldWritablePermissions,
    xss::Xss,
    xxe::Xxe,
}

/// The registry of all rules.
pub fn all() -> &'static [&'static dyn Rule] {
    ALL
}

/// Find a rule by id.
pub fn by_id(id: &str) -> Option<&'static dyn Rule> {
    all().iter().copied().find(|r| r.meta().id == id)
}

/// Every tag used by some rule, sorted.
pub fn all_tags() -> Vec<&'static str> {
    let mut tags: Vec<&'static str> = all().iter().flat_map(|r| r.meta().tags.iter().copied()).collect();
    tags.sort_unstable();
    tags.dedup();
    tags
}

/// Rules sorted by id (for listings and SARIF `rules`).
pub fn sorted() -> Vec<&'static dyn Rule> {
    let mut v: Vec<&'static dyn Rule> = all().to_vec();
    v.sort_by_key(|r| r.meta().id);
    v
}
