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
    arithmetic_overflow::ArithmeticOverflow,
    indexing_panic::IndexingPanic,
    invalid_suppression::InvalidSuppression,
    mem_forget::MemForget,
    missing_safety_doc::MissingSafetyDoc,
    multiple_unsafe_ops::MultipleUnsafeOps,
    null_reference::NullReference,
    panic_macro::PanicMacro,
    raw_parts::RawParts,
    raw_pointer_deref::RawPointerDeref,
    static_mut::StaticMut,
    tls_verification_disabled::TlsVerificationDisabled,
    transmute::Transmute,
    unchecked_operation::UncheckedOperation,
    undocumented_unsafe::UndocumentedUnsafe,
    uninit_memory::UninitMemory,
    unsafe_code::UnsafeCode,
    unsafe_send_sync::UnsafeSendSync,
    unused_suppression::UnusedSuppression,
    unwrap_used::UnwrapUsed,
}
