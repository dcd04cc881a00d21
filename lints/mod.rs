//! The rule catalog: one file per rule, each carrying its documentation,
//! metadata and checks. Rules are grouped by family (a folder each);
//! adding a rule is its file plus one line in `rules!` below
//! (`cargo xtask new-rule <family> <id>` writes both, and its fixtures).
//! `lints/README.md` is generated from these files (`cargo sast rules
//! --markdown`); a test keeps it in sync. `deps` is the catalog of the
//! finding kinds `cargo sast deps` reports (documented like rules, run by
//! `src/deps/`, not by the scan).

use crate::rules::Rule;

pub(crate) mod deps;
pub(crate) mod models;

/// `family with helper, … { module::Rule, … }`: a folder of rule files
/// (and the family's shared helpers), each rule registered by one line.
macro_rules! rules {
    ($($(#[$doc:meta])* $family:ident $(with $($helper:ident),+)? { $($module:ident :: $ty:ident),+ $(,)? })+) => {
        $(
            $(#[$doc])*
            pub(crate) mod $family {
                $($(pub(crate) mod $helper;)+)?
                $(pub(crate) mod $module;)+
            }
        )+
        /// Every rule, by family.
        const REGISTERED: &[&dyn Rule] = &[$($(&$family::$module::$ty),+),+];
    };
}

rules! {
    /// Data-flow rules: untrusted input reaching a sink. Each file declares its spec; `src/taint/` runs them.
    taint {
        argument_injection::ArgumentInjection,
        command_injection::CommandInjection,
        log_injection::LogInjection,
        open_redirect::OpenRedirect,
        path_traversal::PathTraversal,
        regex_injection::RegexInjection,
        sql_injection::SqlInjection,
        ssrf::Ssrf,
        template_injection::TemplateInjection,
        uncontrolled_allocation::UncontrolledAllocation,
        unsafe_deserialization::UnsafeDeserialization,
        xss::Xss,
        xxe::Xxe,
        zip_slip::ZipSlip,
    }
    /// Secrets in code and text: provider formats, credentials, crypto keys, connection strings, and secrets in logs.
    secrets with comments, pieces, syntax {
        connection_string_password::ConnectionStringPassword,
        hardcoded_credential::HardcodedCredential,
        hardcoded_crypto_key::HardcodedCryptoKey,
        hardcoded_secret::HardcodedSecret,
        sensitive_data_logged::SensitiveDataLogged,
    }
    /// Weak or misused cryptography: hashes, ciphers, KDF parameters, nonces, randomness, comparisons.
    crypto {
        insecure_random::InsecureRandom,
        password_hash_fast::PasswordHashFast,
        static_nonce::StaticNonce,
        timing_unsafe_comparison::TimingUnsafeComparison,
        weak_cipher::WeakCipher,
        weak_hash::WeakHash,
        weak_kdf_params::WeakKdfParams,
    }
    /// Web and transport security: cookies, CORS, JWT validation, TLS verification and versions, cleartext.
    web {
        cleartext_transport::CleartextTransport,
        insecure_cookie::InsecureCookie,
        jwt_validation_disabled::JwtValidationDisabled,
        outdated_tls_version::OutdatedTlsVersion,
        permissive_cors::PermissiveCors,
        tls_verification_disabled::TlsVerificationDisabled,
    }
    /// Unsafe code and memory-safety hazards.
    memory {
        mem_forget::MemForget,
        missing_safety_doc::MissingSafetyDoc,
        multiple_unsafe_ops::MultipleUnsafeOps,
        null_reference::NullReference,
        raw_parts::RawParts,
        raw_pointer_deref::RawPointerDeref,
        static_mut::StaticMut,
        transmute::Transmute,
        unchecked_operation::UncheckedOperation,
        undocumented_unsafe::UndocumentedUnsafe,
        uninit_memory::UninitMemory,
        unsafe_code::UnsafeCode,
        unsafe_send_sync::UnsafeSendSync,
    }
    /// Panics and overflows a hostile input can trigger.
    panics {
        arithmetic_overflow::ArithmeticOverflow,
        indexing_panic::IndexingPanic,
        input_reachable_panic::InputReachablePanic,
        panic_macro::PanicMacro,
        unwrap_used::UnwrapUsed,
    }
    /// Files and permissions.
    system {
        predictable_temp_file::PredictableTempFile,
        world_writable_permissions::WorldWritablePermissions,
    }
    /// The health of `sast:allow` comments.
    suppressions {
        invalid_suppression::InvalidSuppression,
        unused_suppression::UnusedSuppression,
    }
}

/// How many rules there are (the width of per-rule bit sets, `taint::Mask`).
pub(crate) const RULE_COUNT: usize = REGISTERED.len();

/// Every rule, sorted by id: the registration order everything else sees.
pub fn all() -> &'static [&'static dyn Rule] {
    static ALL: std::sync::LazyLock<Vec<&'static dyn Rule>> = std::sync::LazyLock::new(|| {
        let mut v = REGISTERED.to_vec();
        v.sort_by_key(|r| r.meta().id);
        v
    });
    &ALL
}

/// Find a rule by id.
pub(crate) fn by_id(id: &str) -> Option<&'static dyn Rule> {
    all().iter().copied().find(|r| r.meta().id == id)
}

/// Every tag used by some rule, sorted.
pub(crate) fn all_tags() -> Vec<&'static str> {
    let mut tags: Vec<&'static str> = all().iter().flat_map(|r| r.meta().tags.iter().copied()).collect();
    tags.sort_unstable();
    tags.dedup();
    tags
}

/// Rules sorted by id (for listings and SARIF `rules`).
pub(crate) fn sorted() -> Vec<&'static dyn Rule> {
    let mut v: Vec<&'static dyn Rule> = all().to_vec();
    v.sort_by_key(|r| r.meta().id);
    v
}

#[cfg(test)]
mod tests {
    /// A rule that is off by default says why; one that is on has no reason to give.
    #[test]
    fn off_by_default_rules_say_why() {
        for r in super::all() {
            let m = r.meta();
            assert_eq!(
                m.default_enabled,
                m.off_reason.is_empty(),
                "{}: `off_reason` must be set exactly when the rule is off by default",
                m.id
            );
            assert!(
                m.off_reason.len() < 200 && !m.off_reason.ends_with('.'),
                "{}: one short clause, no final period",
                m.id
            );
        }
    }
}
