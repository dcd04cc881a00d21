use crate::rules::prelude::*;
use crate::rules::unsafety::{find_binding, is_null_ptr, resolves_to, std_assoc_fn, strip_parens};
use crate::rules::file::justified_in_paragraph_above;
use syn::{Expr, ExprCall};

declare_rule! {
    /// ### What it does
    /// Flags functions that rebuild a slice or an owning value from raw
    /// parts: `slice::from_raw_parts(_mut)`, `Vec::from_raw_parts`,
    /// `String::from_raw_parts`, `Box::from_raw`, `CString::from_raw`,
    /// `Rc`/`Arc`/`Weak::from_raw` and `CStr::from_ptr`, in `unsafe` code that
    /// has no justification: a `// SAFETY:` comment for the unsafe block, or
    /// a comment that argues safety (a `SAFETY:` label, or prose such as
    /// "safe because …", as `undocumented-unsafe` accepts) on the lines just
    /// above the call's statement, or above a statement or three earlier in
    /// the same paragraph (`// SAFETY: …` over `let p = …;` and then the
    /// call). Ranked high, whatever the comments
    /// say, when the pointer visibly did not come from the matching
    /// `into_raw`/`into_raw_parts` (`Box::from_raw(&mut x as *mut _)`,
    /// `CString::from_raw(s.as_ptr() as *mut _)`): the value will be freed
    /// by an allocator that did not allocate it. Inside an `unsafe fn`, the
    /// function's own safety contract covers the call.
    ///
    /// Null pointers passed to these functions are reported by
    /// `null-reference`.
    ///
    /// ### Why is this bad?
    /// The pointer, length, capacity and lifetime are trusted blindly: a
    /// length that is too long reads or writes past the allocation
    /// (out-of-bounds, CWE-119), a pointer freed elsewhere is used after free
    /// or freed twice (CWE-416, CWE-415), an unbounded lifetime outlives the
    /// data. Many Rust memory-safety advisories are exactly these calls.
    ///
    /// ### Example
    /// ```rust
    /// pub fn view(p: *const u8, n: usize) -> &'static [u8] {
    ///     unsafe { std::slice::from_raw_parts(p, n) }
    /// }
    /// ```
    ///
    /// ### Use instead
    /// ```rust
    /// /// # Safety
    /// /// `p` must be valid for reads of `n` bytes for `'a`.
    /// pub unsafe fn view<'a>(p: *const u8, n: usize) -> &'a [u8] {
    ///     // SAFETY: the caller guarantees `p` is valid for `n` bytes for `'a`.
    ///     unsafe { std::slice::from_raw_parts(p, n) }
    /// }
    /// ```
    ///
    /// ### References
    /// - CWE-119: Improper Restriction of Operations within the Bounds of a Memory Buffer
    /// - CWE-416: Use After Free
    /// - CWE-415: Double Free
    /// - CWE-762: Mismatched Memory Management Routines
    /// - OWASP Top 10 2021 A04: Insecure Design
    pub(crate) RawParts {
        id: "raw-parts",
        name: "FromRawParts",
        summary: "a slice or owning value is rebuilt from a raw pointer (`from_raw_parts`, `Box::from_raw`, `CString::from_raw`)",
        severity: Medium,
        precision: Medium,
        measured: [
            Realworld { findings: 0, judged: 0, tp: 0, debatable: 0, when: "session 8 (a328b37)" },
            Corpus { findings: 423, judged: 20, tp: 16, debatable: 4, when: "session 8 (8c8dd53 + justifications)" },
        ],
        cwe: [119, 416, 415, 762],
        owasp: [A04],
        tags: ["unsafe", "memory-safety"],
    }
}

/// Owning types whose `from_raw` must get a pointer from their `into_raw`.
const OWNERS: &[&str] = &["Box", "CString", "Rc", "Arc", "Weak"];

impl Rule for RawParts {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn interests(&self) -> Interests {
        Interests {
            keywords: &["from_raw", "from_ptr"],
            calls: &["from_raw_parts", "from_raw_parts_mut", "from_raw", "from_raw_in", "from_raw_parts_in", "from_ptr"],
            ..Default::default()
        }
    }

    fn check_call<'ast>(&self, cx: &mut Cx<'_, 'ast>, call: &'ast ExprCall, callee: &'ast syn::Path) {
        if !cx.in_unsafe() {
            return;
        }
        let Some(first) = call.args.first() else { return };
        if is_null_ptr(cx, first) {
            return;
        }
        let last = callee.segments.last().map(|s| s.ident.to_string()).unwrap_or_default();
        let (what, owner) = match last.as_str() {
            "from_raw_parts" | "from_raw_parts_mut" => {
                if resolves_to(cx, callee, &format!("std::slice::{last}")) {
                    (format!("slice::{last}"), None)
                } else if let Some(t) = std_assoc_fn(cx, callee, &["Vec", "String"], &last) {
                    (format!("{t}::{last}"), Some(t))
                } else {
                    return;
                }
            }
            "from_raw_parts_in" => match std_assoc_fn(cx, callee, &["Vec"], &last) {
                Some(t) => (format!("{t}::{last}"), Some(t)),
                None => return,
            },
            "from_raw" | "from_raw_in" => match std_assoc_fn(cx, callee, OWNERS, &last) {
                Some(t) => (format!("{t}::{last}"), Some(t)),
                None => return,
            },
            "from_ptr" => match std_assoc_fn(cx, callee, &["CStr"], &last) {
                Some(t) => (format!("{t}::{last}"), None),
                None => return,
            },
            _ => return,
        };
        let foreign = owner.and_then(|o| borrowed_pointer(cx, first, o == "CString"));
        let justified = || {
            cx.unsafe_justified()
                || cx.file.span_line(callee.segments[0].ident.span()).is_some_and(|l| justified_in_paragraph_above(cx.file, l))
        };
        if foreign.is_none() && justified() {
            return;
        }
        let span_from = callee.segments[0].ident.span();
        let span_to = call.paren_token.span.close();
        match foreign {
            Some(src) => {
                let t = owner.unwrap_or("the value");
                cx.report_between(
                    span_from,
                    span_to,
                    format!("`{what}` takes ownership of a pointer from `{src}`, which did not come from `{t}`'s allocation"),
                )
                .help(format!(
                    "only pass a pointer obtained from `{t}::into_raw` (or `into_raw_parts`); to copy borrowed data, clone it (`to_vec()`, `to_owned()`)"
                ))
                .severity(Severity::High);
            }
            None => {
                let help = match owner {
                    Some("Vec" | "String") => {
                        "the pointer must come from a `Vec`/`String` of the same element type with this exact capacity, and `length <= capacity` elements must be initialized; say why in a `// SAFETY:` comment"
                    }
                    Some(_) => {
                        "the pointer must come from the matching `into_raw`, and be used only once; say why in a `// SAFETY:` comment"
                    }
                    None => {
                        "the pointer must be non-null, aligned, valid for the whole length and lifetime, and not mutated elsewhere meanwhile; say why in a `// SAFETY:` comment"
                    }
                };
                cx.report_between(span_from, span_to, format!("`{what}` trusts a raw pointer, length and lifetime that the compiler cannot check"))
                    .help(help);
            }
        }
    }
}

/// The pointer visibly points into borrowed or stack data (`&mut x as
/// *mut _`, `s.as_ptr() as *mut _`), directly or through a local: the text
/// of the pointer's origin. (A bare `as_ptr()` may be `NonNull::as_ptr` of
/// a pointer that did come from `into_raw`: not judged.)
fn borrowed_pointer(cx: &Cx<'_, '_>, e: &Expr, c_string: bool) -> Option<String> {
    borrowed(cx, e, 0, c_string)
}

fn borrowed(cx: &Cx<'_, '_>, e: &Expr, depth: u32, c_string: bool) -> Option<String> {
    if depth > 3 {
        return None;
    }
    match strip_parens(e) {
        Expr::MethodCall(m) if matches!(m.method.to_string().as_str(), "cast" | "cast_mut") => {
            borrowed(cx, &m.receiver, depth + 1, c_string)
        }
        Expr::Cast(c) => match strip_parens(&c.expr) {
            // `&mut x as *mut T`: a stack or borrowed place.
            Expr::Reference(r) => Some(format!("&{}", cx.file.snippet(r.expr.span()))),
            // `CString::from_raw(s.as_ptr() as *mut c_char)`: a `CStr`'s
            // borrowed `*const` made mutable to be owned (for other owners,
            // `as_ptr` may be `NonNull::as_ptr` of an `into_raw` pointer).
            Expr::MethodCall(m)
                if c_string
                    && m.method == "as_ptr"
                    && matches!(&*c.ty, syn::Type::Ptr(p) if matches!(p.mutability, syn::PointerMutability::Mut(_))) =>
            {
                Some(format!("{}.as_ptr()", cx.file.snippet(m.receiver.span())))
            }
            inner => borrowed(cx, inner, depth + 1, c_string),
        },
        Expr::Path(p) => {
            let id = p.path.get_ident()?;
            let f = cx.enclosing_fn()?;
            let at = cx.file.byte_range(id.span())?.0;
            let b = find_binding(cx, f, &id.to_string(), at)?;
            if let Some(syn::Type::Reference(_)) = b.ty {
                return Some(format!("the reference `{id}`"));
            }
            borrowed(cx, b.init?, depth + 1, c_string)
        }
        _ => None,
    }
}
