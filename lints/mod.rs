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
    command_injection::CommandInjection,
    invalid_suppression::InvalidSuppression,
    log_injection::LogInjection,
    open_redirect::OpenRedirect,
    path_traversal::PathTraversal,
    regex_injection::RegexInjection,
    sql_injection::SqlInjection,
    ssrf::Ssrf,
    tls_verification_disabled::TlsVerificationDisabled,
    uncontrolled_allocation::UncontrolledAllocation,
    undocumented_unsafe::UndocumentedUnsafe,
    unsafe_deserialization::UnsafeDeserialization,
    unused_suppression::UnusedSuppression,
    unwrap_used::UnwrapUsed,
    xss::Xss,
    xxe::Xxe,
}
