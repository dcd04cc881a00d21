use crate::rules::prelude::*;
use crate::syntax::exprs::is_constant;
use crate::rules::unsafety::{resolves_to, std_assoc_fn};
use syn::{ExprCall, ExprMethodCall};

declare_rule! {
    /// ### What it does
    /// Flags the `_unchecked` APIs of the standard library, which skip a
    /// check the safe version makes, in `unsafe` code that has no `//
    /// SAFETY:` justification: `get_unchecked(_mut)`, `unwrap_unchecked`,
    /// `hint::unreachable_unchecked`, `hint::assert_unchecked`,
    /// `str::from_utf8_unchecked(_mut)`, `String::from_utf8_unchecked`,
    /// `CStr::from_bytes_with_nul_unchecked`, `char::from_u32_unchecked`,
    /// `NonNull::new_unchecked`, `NonZero*::new_unchecked`,
    /// `str::as_bytes_mut`, `String::as_mut_vec`, and the `unchecked_*`
    /// integer operations.
    ///
    /// Only calls in `unsafe` code are considered (these functions are all
    /// `unsafe fn`), so a safe method of the same name on your own type is
    /// not reported; nor are constructors given only constants
    /// (`NonZeroU8::new_unchecked(READABLE)`), which are checked by reading
    /// them.
    ///
    /// ### Why is this bad?
    /// Each of these turns a precondition (an index in bounds, valid UTF-8,
    /// a value that is not `None`, a non-zero or non-null value, a code path
    /// that is never reached) into undefined behaviour when it does not hold:
    /// out-of-bounds reads and writes, invalid strings that break later
    /// safe code, or arbitrary behaviour of the optimiser. The check they
    /// skip is usually cheap; the bug is usually exploitable.
    ///
    /// ### Example
    /// ```rust
    /// pub fn at(v: &[u8], i: usize) -> u8 {
    ///     unsafe { *v.get_unchecked(i) }
    /// }
    /// ```
    ///
    /// ### Use instead
    /// ```rust
    /// pub fn at(v: &[u8], i: usize) -> Option<u8> {
    ///     v.get(i).copied()
    /// }
    /// ```
    ///
    /// ### References
    /// - CWE-129: Improper Validation of Array Index
    /// - CWE-125: Out-of-bounds Read
    /// - CWE-787: Out-of-bounds Write
    /// - OWASP Top 10 2021 A04: Insecure Design
    pub(crate) UncheckedOperation {
        id: "unchecked-operation",
        name: "UncheckedOperation",
        summary: "an `_unchecked` API (`get_unchecked`, `from_utf8_unchecked`, `unreachable_unchecked`, …) without a safety justification",
        severity: Medium,
        precision: VeryHigh,
        measured: [
            Realworld { findings: 0, judged: 0, tp: 0, debatable: 0, when: "session 8 (a328b37)" },
            Corpus { findings: 576, judged: 20, tp: 19, debatable: 1, when: "session 8 (a328b37)" },
        ],
        cwe: [129, 125, 787],
        owasp: [A04],
        tags: ["unsafe", "memory-safety"],
    }
}

const METHODS: &[&str] = &[
    "get_unchecked",
    "get_unchecked_mut",
    "unwrap_unchecked",
    "unwrap_err_unchecked",
    "as_bytes_mut",
    "as_mut_vec",
    "slice_unchecked",
    "slice_mut_unchecked",
    "unchecked_add",
    "unchecked_sub",
    "unchecked_mul",
    "unchecked_shl",
    "unchecked_shr",
    "unchecked_neg",
    "as_ascii_unchecked",
    "to_int_unchecked",
];

impl Rule for UncheckedOperation {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn interests(&self) -> Interests {
        Interests {
            keywords: &["unchecked", "as_bytes_mut", "as_mut_vec"],
            methods: METHODS,
            calls: &[
                "unreachable_unchecked",
                "assert_unchecked",
                "from_utf8_unchecked",
                "from_utf8_unchecked_mut",
                "from_bytes_with_nul_unchecked",
                "from_u32_unchecked",
                "new_unchecked",
                "from_boxed_utf8_unchecked",
            ],
            ..Default::default()
        }
    }

    fn check_method_call<'ast>(&self, cx: &mut Cx<'_, 'ast>, m: &'ast ExprMethodCall) {
        if !cx.in_unsafe() || cx.unsafe_justified() {
            return;
        }
        let name = m.method.to_string();
        let (msg, help) = match name.as_str() {
            "get_unchecked" | "get_unchecked_mut" | "slice_unchecked" | "slice_mut_unchecked" => (
                "skips the bounds check: an index out of range reads or writes out of bounds",
                "use `get(..)` (or index and let it panic), or show in a `// SAFETY:` comment why the index is in bounds",
            ),
            "unwrap_unchecked" | "unwrap_err_unchecked" => (
                "is undefined behaviour on the other variant",
                "use `unwrap`/`expect` or handle the other case; the check is almost free",
            ),
            "as_bytes_mut" | "as_mut_vec" => (
                "lets the bytes of a string be changed: invalid UTF-8 breaks later safe code",
                "change the string with `String` methods, or show in a `// SAFETY:` comment that the bytes stay valid UTF-8",
            ),
            _ => (
                "skips a check whose failure is undefined behaviour",
                "use the checked or wrapping operation, or justify the precondition in a `// SAFETY:` comment",
            ),
        };
        cx.report_between(m.method.span(), m.paren_token.span.close(), format!("`{name}` {msg}")).help(help);
    }

    fn check_call<'ast>(&self, cx: &mut Cx<'_, 'ast>, call: &'ast ExprCall, callee: &'ast syn::Path) {
        if !cx.in_unsafe() || cx.unsafe_justified() {
            return;
        }
        // `NonZeroU8::new_unchecked(READABLE)`: a constant is checked once, by reading it.
        if !call.args.is_empty() && call.args.iter().all(is_constant) {
            return;
        }
        let name = callee.segments.last().map(|s| s.ident.to_string()).unwrap_or_default();
        let (what, msg, help) = match name.as_str() {
            "unreachable_unchecked" if resolves_to(cx, callee, "std::hint::unreachable_unchecked") => (
                "hint::unreachable_unchecked".to_string(),
                "is undefined behaviour if this point is ever reached",
                "use `unreachable!()` (a panic) unless profiling shows the check matters, and prove it in a `// SAFETY:` comment",
            ),
            "assert_unchecked" if resolves_to(cx, callee, "std::hint::assert_unchecked") => (
                "hint::assert_unchecked".to_string(),
                "is undefined behaviour if the condition is false",
                "use `assert!`/`debug_assert!`, or prove the condition in a `// SAFETY:` comment",
            ),
            "from_utf8_unchecked" | "from_utf8_unchecked_mut" | "from_boxed_utf8_unchecked" => {
                let ok = resolves_to(cx, callee, &format!("std::str::{name}"))
                    || std_assoc_fn(cx, callee, &["String", "str"], &name).is_some();
                if !ok {
                    return;
                }
                (name.clone(), "trusts that the bytes are valid UTF-8", "use `from_utf8` and handle the error, or show in a `// SAFETY:` comment why the bytes are valid UTF-8")
            }
            "from_bytes_with_nul_unchecked" if std_assoc_fn(cx, callee, &["CStr"], &name).is_some() => (
                "CStr::from_bytes_with_nul_unchecked".to_string(),
                "trusts that the bytes end with the only NUL",
                "use `CStr::from_bytes_with_nul` (it is `const`), or justify it in a `// SAFETY:` comment",
            ),
            "from_u32_unchecked" => {
                if !(resolves_to(cx, callee, "std::char::from_u32_unchecked") || std_assoc_fn(cx, callee, &["char"], &name).is_some()) {
                    return;
                }
                ("char::from_u32_unchecked".to_string(), "trusts that the value is a valid `char`", "use `char::from_u32` and handle `None`")
            }
            "new_unchecked" => {
                let r = cx.resolve(callee);
                let n = r.segs.len();
                let ty = if n >= 2 { r.segs[n - 2].as_str() } else { "" };
                let std_ty = ty == "NonNull" || ty.starts_with("NonZero");
                if !std_ty || (r.via_import && r.segs[0] != "std") {
                    return;
                }
                (
                    format!("{ty}::new_unchecked"),
                    "is undefined behaviour on zero/null",
                    "use `new(..)` and handle `None` (or `NonNull::from` a reference); the check is almost free",
                )
            }
            _ => return,
        };
        cx.report_between(callee.segments[0].ident.span(), call.paren_token.span.close(), format!("`{what}` {msg}"))
            .help(help);
    }
}
