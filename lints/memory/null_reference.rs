use crate::rules::prelude::*;
use crate::rules::unsafety::{PTR_FNS, is_null_ptr, resolves_to, std_assoc_fn};
use syn::{Expr, ExprCall, ExprMethodCall, UnOp};

declare_rule! {
    /// ### What it does
    /// Flags null pointers used where a valid pointer or reference is
    /// required: dereferencing `ptr::null()` (`*ptr::null()`,
    /// `&*ptr::null_mut()`), and passing `ptr::null()`, `ptr::null_mut()` or
    /// `0 as *const T` to functions that require a non-null pointer even for
    /// a length of zero: `slice::from_raw_parts(_mut)`, `ptr::read`/`write`/
    /// `copy`/`swap`/`replace`/`drop_in_place`, `Box::from_raw`,
    /// `Vec::from_raw_parts`, `String::from_raw_parts`, `CStr::from_ptr`,
    /// `CString::from_raw`, `NonNull::new_unchecked`, and the raw-pointer
    /// methods `read`/`write`.
    ///
    /// ### Why is this bad?
    /// References, slices and these functions' pointer arguments must never
    /// be null; the compiler uses that fact (for example to lay out
    /// `Option<&T>`). A null here is undefined behaviour even when nothing is
    /// read: an empty slice must be built from `NonNull::dangling()`, not
    /// from null. In practice it crashes the process or lets the optimiser
    /// remove checks.
    ///
    /// ### Example
    /// ```rust
    /// pub fn empty() -> &'static [u8] {
    ///     unsafe { std::slice::from_raw_parts(std::ptr::null(), 0) }
    /// }
    /// ```
    ///
    /// ### Use instead
    /// ```rust
    /// pub fn empty() -> &'static [u8] {
    ///     &[]
    /// }
    /// ```
    ///
    /// ### References
    /// - CWE-476: NULL Pointer Dereference
    /// - OWASP Top 10 2021 A04: Insecure Design
    /// - rustc: `deref_nullptr`, `invalid_null_arguments`; clippy: `invalid_null_ptr_usage`
    pub(crate) NullReference {
        id: "null-reference",
        name: "NullPointerAsReference",
        summary: "a null pointer is dereferenced or passed where a non-null pointer is required",
        severity: High,
        precision: VeryHigh,
        measured: [
            Realworld { findings: 0, judged: 0, tp: 0, debatable: 0, when: "session 8 (a328b37)" },
            Corpus { findings: 0, judged: 0, tp: 0, debatable: 0, when: "session 8 (a328b37)" },
        ],
        cwe: [476],
        owasp: [A04],
        tags: ["unsafe", "memory-safety"],
        clippy: ["deref_nullptr", "invalid_null_arguments", "clippy::invalid_null_ptr_usage"],
    }
}

impl Rule for NullReference {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn interests(&self) -> Interests {
        Interests {
            // `ptr::null()`, `null_mut()`, `null::<T>()`, `0 as *const T`, `without_provenance(0)`.
            keywords: &["null(", "null_mut(", "null::<", "null_mut::<", "0 as *", "without_provenance"],
            calls: &["*"],
            methods: &["read", "write", "read_unaligned", "write_unaligned", "read_volatile", "write_volatile", "write_bytes"],
            nodes: node::EXPR,
            ..Default::default()
        }
    }

    fn check_expr<'ast>(&self, cx: &mut Cx<'_, 'ast>, e: &'ast Expr) {
        let Expr::Unary(u) = e else { return };
        if !matches!(u.op, UnOp::Deref(_)) || !is_null_ptr(cx, &u.expr) {
            return;
        }
        cx.report(u.op.span(), "dereference of a null pointer")
            .label(u.expr.span(), "this pointer is null")
            .help("check for null first (`ptr.as_ref()`, `NonNull::new`), or use a valid pointer");
    }

    fn check_call<'ast>(&self, cx: &mut Cx<'_, 'ast>, call: &'ast ExprCall, callee: &'ast syn::Path) {
        let Some(null_arg) = call.args.iter().find(|a| is_null_ptr(cx, a)) else { return };
        let last = cx.resolve(callee).last().to_string();
        let what = match last.as_str() {
            "from_raw_parts" | "from_raw_parts_mut" if resolves_to(cx, callee, &format!("std::slice::{last}")) => {
                format!("slice::{last}")
            }
            "from_raw_parts" => match std_assoc_fn(cx, callee, &["Vec", "String"], &last) {
                Some(t) => format!("{t}::{last}"),
                None => return,
            },
            "from_raw" => match std_assoc_fn(cx, callee, &["Box", "CString", "Rc", "Arc"], &last) {
                Some(t) => format!("{t}::{last}"),
                None => return,
            },
            "from_ptr" if std_assoc_fn(cx, callee, &["CStr"], &last).is_some() => "CStr::from_ptr".to_string(),
            "new_unchecked" if std_assoc_fn(cx, callee, &["NonNull"], &last).is_some() => {
                "NonNull::new_unchecked".to_string()
            }
            n if PTR_FNS.contains(&n) && resolves_to(cx, callee, &format!("std::ptr::{n}")) => format!("ptr::{n}"),
            _ => return,
        };
        let help = if what.contains("from_raw_parts") {
            "for an empty slice use `&[]` or `NonNull::dangling()` as the pointer: even with length 0 it must not be null"
        } else {
            "pass a valid pointer, or check for null first (`NonNull::new`, `ptr.is_null()`)"
        };
        cx.report_between(callee.segments[0].ident.span(), call.paren_token.span.close(), format!("`{what}` requires a non-null pointer, but gets a null one"))
            .label(null_arg.span(), "null")
            .help(help);
    }

    fn check_method_call<'ast>(&self, cx: &mut Cx<'_, 'ast>, m: &'ast ExprMethodCall) {
        if !is_null_ptr(cx, &m.receiver) {
            return;
        }
        cx.report_between(m.method.span(), m.paren_token.span.close(), format!("`{}` through a null pointer", m.method))
            .label(m.receiver.span(), "this pointer is null")
            .help("pass a valid pointer, or check for null first (`NonNull::new`, `ptr.is_null()`)");
    }
}
