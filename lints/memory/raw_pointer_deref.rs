use crate::rules::prelude::*;
use crate::rules::unsafety::{PTR_FNS, is_null_ptr, is_raw_ptr_expr, resolves_to, strip_parens};
use syn::visit::Visit;
use syn::{Expr, ExprCall, ExprMethodCall, FnArg, GenericParam, Pat, Type, TypeParamBound, UnOp};

declare_rule! {
    /// ### What it does
    /// Flags reads and writes through raw pointers in `unsafe` code that has
    /// no `// SAFETY:` justification: `*p` where `p` is visibly a raw
    /// pointer (a `*const`/`*mut` parameter, local or field, a cast, `as_ptr()`,
    /// pointer arithmetic), the `std::ptr` functions (`read`, `write`,
    /// `copy`, `copy_nonoverlapping`, `swap`, `replace`, `drop_in_place`,
    /// `write_bytes`, and their unaligned/volatile forms) and the matching
    /// raw-pointer methods (`p.read()`, `p.write(v)`, `p.as_ref()`, …).
    ///
    /// Ranked high, whatever the comments say, for Rudra's panic-safety
    /// pattern: a value is duplicated with `ptr::read` and then a closure
    /// passed by the caller runs; if it panics, both copies are dropped
    /// (double free), unless a guard restores the invariant.
    ///
    /// Null pointers are reported by `null-reference`.
    ///
    /// ### Why is this bad?
    /// The compiler checks nothing about a raw pointer: it may be null,
    /// dangling, misaligned, out of bounds, or aliased by a `&mut`. Reading
    /// or writing through such a pointer is undefined behaviour
    /// (out-of-bounds access, use after free, data races), the root of most
    /// memory-safety vulnerabilities. `ptr::read` also duplicates ownership:
    /// both copies may be dropped.
    ///
    /// ### Example
    /// ```rust
    /// pub fn get(p: *const u32) -> u32 {
    ///     unsafe { *p }
    /// }
    /// ```
    ///
    /// ### Use instead
    /// ```rust
    /// pub fn get(p: &u32) -> u32 {
    ///     *p
    /// }
    /// ```
    ///
    /// ### References
    /// - CWE-822: Untrusted Pointer Dereference
    /// - CWE-119: Improper Restriction of Operations within the Bounds of a Memory Buffer
    /// - CWE-415: Double Free
    /// - OWASP Top 10 2021 A04: Insecure Design
    /// - Rudra: Finding Memory Safety Bugs in Rust at the Ecosystem Scale (SOSP 2021), panic safety
    pub(crate) RawPointerDeref {
        id: "raw-pointer-deref",
        name: "RawPointerDereference",
        summary: "read or write through a raw pointer (`*p`, `ptr::read`, `ptr::write`, `ptr::copy`) without a safety justification",
        severity: Medium,
        precision: VeryHigh,
        measured: [
            Realworld { findings: 0, judged: 0, tp: 0, debatable: 0, when: "session 8 (a328b37)" },
            Corpus { findings: 665, judged: 20, tp: 19, debatable: 1, when: "session 8 (a328b37)" },
        ],
        cwe: [822, 119, 415],
        owasp: [A04],
        tags: ["unsafe", "memory-safety"],
    }
}

/// Raw-pointer methods; flagged only on a visibly raw receiver.
const PTR_METHODS: &[&str] = &[
    "read_unaligned",
    "read_volatile",
    "write_unaligned",
    "write_volatile",
    "copy_to_nonoverlapping",
    "copy_from_nonoverlapping",
    "drop_in_place",
    "write_bytes",
    "read",
    "write",
    "replace",
    "swap",
    "copy_to",
    "copy_from",
    "as_ref",
    "as_mut",
];

impl Rule for RawPointerDeref {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn interests(&self) -> Interests {
        Interests {
            keywords: &["unsafe"],
            calls: PTR_FNS,
            methods: PTR_METHODS,
            nodes: node::EXPR,
            ..Default::default()
        }
    }

    fn check_expr<'ast>(&self, cx: &mut Cx<'_, 'ast>, e: &'ast Expr) {
        let Expr::Unary(u) = e else { return };
        if !matches!(u.op, UnOp::Deref(_)) || !cx.in_unsafe() || cx.unsafe_justified() {
            return;
        }
        if is_null_ptr(cx, &u.expr) || !is_raw_ptr_expr(cx, &u.expr) {
            return;
        }
        let text = short(cx.file.snippet(u.expr.span()));
        cx.report_between(u.op.span(), end_of(&u.expr), format!("dereference of raw pointer `{text}`: validity, alignment and aliasing are unchecked"))
            .help("say in a `// SAFETY:` comment why the pointer is non-null, aligned, in bounds and not aliased by a `&mut` here; prefer references or slices where possible");
    }

    fn check_call<'ast>(&self, cx: &mut Cx<'_, 'ast>, call: &'ast ExprCall, callee: &'ast syn::Path) {
        let name = callee.segments.last().map(|s| s.ident.to_string()).unwrap_or_default();
        let known = resolves_to(cx, callee, &format!("std::ptr::{name}"))
            || (matches!(name.as_str(), "copy" | "copy_nonoverlapping" | "write_bytes")
                && resolves_to(cx, callee, &format!("std::intrinsics::{name}")));
        if !known || call.args.iter().any(|a| is_null_ptr(cx, a)) {
            return;
        }
        let read_at = cx.file.byte_range(call.paren_token.span.close()).map_or(0, |(_, e)| e);
        let rudra = match (name.as_str(), call.args.first()) {
            ("read", Some(src)) => panicking_callback_after(cx, read_at, cx.file.snippet(src.span())),
            _ => None,
        };
        if rudra.is_none() && cx.unsafe_justified() {
            return;
        }
        let from = callee.segments[0].ident.span();
        let to = call.paren_token.span.close();
        report(cx, from, to, &format!("ptr::{name}"), &name, rudra);
    }

    fn check_method_call<'ast>(&self, cx: &mut Cx<'_, 'ast>, m: &'ast ExprMethodCall) {
        if !cx.in_unsafe() {
            return;
        }
        let name = m.method.to_string();
        if !PTR_METHODS.contains(&name.as_str()) {
            return;
        }
        if is_null_ptr(cx, &m.receiver) || !is_raw_ptr_expr(cx, &m.receiver) {
            return;
        }
        let read_at = cx.file.byte_range(m.paren_token.span.close()).map_or(0, |(_, e)| e);
        let rudra = (name == "read").then(|| panicking_callback_after(cx, read_at, cx.file.snippet(m.receiver.span()))).flatten();
        if rudra.is_none() && cx.unsafe_justified() {
            return;
        }
        let recv = short(cx.file.snippet(m.receiver.span()));
        report(cx, m.method.span(), m.paren_token.span.close(), &format!("{recv}.{name}()"), &name, rudra);
    }
}

fn report(cx: &mut Cx<'_, '_>, from: proc_macro2::Span, to: proc_macro2::Span, what: &str, op: &str, rudra: Option<String>) {
    if let Some(callback) = rudra {
        cx.report_between(from, to, format!("`{what}` duplicates a value, then `{callback}` (supplied by the caller) runs: if it panics, the value is dropped twice"))
            .help("restore the invariant on unwind with a guard whose `Drop` writes the value back (as `std` does), or abort on panic; see Rudra's panic-safety bugs")
            .severity(Severity::High);
        return;
    }
    let why = match op {
        "read" | "read_unaligned" | "read_volatile" | "replace" => {
            "reads through a raw pointer: validity, alignment and ownership (a copy that may be dropped twice) are unchecked"
        }
        "write" | "write_unaligned" | "write_volatile" | "write_bytes" => {
            "writes through a raw pointer: validity and alignment are unchecked, and the old value is not dropped"
        }
        "copy" | "copy_nonoverlapping" | "copy_to" | "copy_from" | "copy_to_nonoverlapping" | "copy_from_nonoverlapping" => {
            "copies through raw pointers: both ranges must be valid for the whole count (and not overlap, for `_nonoverlapping`)"
        }
        "drop_in_place" => "drops the value behind a raw pointer: it must be valid and never used or dropped again",
        "as_ref" | "as_mut" => "turns a raw pointer into a reference with an unbounded lifetime: validity and aliasing are unchecked",
        _ => "accesses memory through raw pointers: validity, alignment and aliasing are unchecked",
    };
    cx.report_between(from, to, format!("`{what}` {why}"))
        .help("say in a `// SAFETY:` comment why the pointers are valid, aligned and not aliased for this access");
}

fn short(s: &str) -> String {
    let s: String = s.split_whitespace().collect::<Vec<_>>().join(" ");
    if s.chars().count() > 40 { format!("{}…", s.chars().take(39).collect::<String>()) } else { s }
}

/// The span of the last token of an expression (cheaply, for common forms).
fn end_of(e: &Expr) -> proc_macro2::Span {
    match e {
        Expr::Path(p) => p.path.segments.last().map_or_else(|| e.span(), |s| s.ident.span()),
        Expr::Paren(p) => p.paren_token.span.close(),
        Expr::MethodCall(m) => m.paren_token.span.close(),
        Expr::Call(c) => c.paren_token.span.close(),
        Expr::Field(f) => match &f.member {
            syn::Member::Named(n) => n.span(),
            syn::Member::Unnamed(i) => i.span,
        },
        _ => e.span(),
    }
}

/// Rudra's panic-safety pattern: a value is read out of `place`, then
/// (after byte offset `after`) the enclosing function calls a closure it
/// received as a parameter, and then writes back to `place` (so until then
/// the value exists twice); and nothing restores the invariant on unwind
/// (no `Drop` guard, `forget`, `catch_unwind` or `abort` in sight). Returns
/// the callback's name.
fn panicking_callback_after(cx: &Cx<'_, '_>, after: u32, place: &str) -> Option<String> {
    let f = cx.enclosing_fn()?;
    let callbacks = closure_params(f);
    if callbacks.is_empty() {
        return None;
    }
    let body = cx.file.snippet(f.block.brace_token.span.join());
    if ["impl Drop", "Drop for", "forget", "catch_unwind", "abort", "ManuallyDrop", "defer", "guard", "Guard"]
        .iter()
        .any(|w| body.contains(w))
    {
        return None;
    }
    struct Calls<'c, 'a, 'ast> {
        cx: &'c Cx<'a, 'ast>,
        names: &'c [String],
        place: &'c str,
        after: u32,
        /// The callback and where its call ends.
        found: Option<(String, u32)>,
        written_back: bool,
    }
    impl<'ast> Visit<'ast> for Calls<'_, '_, 'ast> {
        fn visit_expr_call(&mut self, c: &'ast ExprCall) {
            syn::visit::visit_expr_call(self, c);
            let end = self.cx.file.byte_range(c.paren_token.span.close()).map_or(0, |(_, e)| e);
            if let Expr::Path(p) = strip_parens(&c.func) {
                if self.found.is_none()
                    && let Some(id) = p.path.get_ident()
                    && self.names.iter().any(|n| id == n)
                    && self.cx.file.byte_range(id.span()).is_some_and(|(s, _)| s > self.after)
                {
                    self.found = Some((id.to_string(), end));
                }
                let is_write = p.path.segments.last().is_some_and(|s| s.ident == "write");
                if is_write
                    && let Some((_, cb_end)) = self.found
                    && end > cb_end
                    && c.args.first().is_some_and(|a| self.cx.file.snippet(a.span()) == self.place)
                {
                    self.written_back = true;
                }
            }
        }
        fn visit_expr_method_call(&mut self, m: &'ast ExprMethodCall) {
            // Arguments first: `p.write(f(x))` calls `f` before writing.
            syn::visit::visit_expr_method_call(self, m);
            let end = self.cx.file.byte_range(m.paren_token.span.close()).map_or(0, |(_, e)| e);
            if m.method == "write"
                && let Some((_, cb_end)) = self.found
                && end > cb_end
                && self.cx.file.snippet(m.receiver.span()) == self.place
            {
                self.written_back = true;
            }
        }
        fn visit_item(&mut self, _: &'ast syn::Item) {}
    }
    let mut v = Calls { cx, names: &callbacks, place, after, found: None, written_back: false };
    v.visit_block(f.block);
    if v.written_back { v.found.map(|(name, _)| name) } else { None }
}

/// Parameters whose type is a closure: `f: F` with `F: Fn*`, `impl Fn*`,
/// `&dyn Fn*`, `&mut dyn FnMut`, `Box<dyn Fn*>`.
fn closure_params(f: &FnLike<'_>) -> Vec<String> {
    let mut fn_generics: Vec<String> = Vec::new();
    for p in &f.sig.generics.params {
        if let GenericParam::Type(t) = p
            && t.bounds.iter().any(is_fn_bound)
        {
            fn_generics.push(t.ident.to_string());
        }
    }
    if let Some(w) = &f.sig.generics.where_clause {
        for pred in &w.predicates {
            if let syn::WherePredicate::Type(t) = pred
                && t.bounds.iter().any(is_fn_bound)
                && let Type::Path(p) = &t.bounded_ty
                && let Some(id) = p.path.get_ident()
            {
                fn_generics.push(id.to_string());
            }
        }
    }
    let mut out = Vec::new();
    for input in &f.sig.inputs {
        let FnArg::Typed(t) = input else { continue };
        let Pat::Ident(id) = &*t.pat else { continue };
        if is_closure_type(&t.ty, &fn_generics) {
            out.push(id.ident.to_string());
        }
    }
    out
}

fn is_fn_bound(b: &TypeParamBound) -> bool {
    matches!(b, TypeParamBound::Trait(t) if t.path.segments.last().is_some_and(|s| s.ident == "Fn" || s.ident == "FnMut" || s.ident == "FnOnce"))
}

fn is_closure_type(ty: &Type, generics: &[String]) -> bool {
    match ty {
        Type::ImplTrait(i) => i.bounds.iter().any(is_fn_bound),
        Type::TraitObject(o) => o.bounds.iter().any(is_fn_bound),
        Type::Reference(r) => is_closure_type(&r.elem, generics),
        Type::Paren(p) => is_closure_type(&p.elem, generics),
        Type::Path(p) => {
            if let Some(id) = p.path.get_ident() {
                return generics.iter().any(|g| id == g);
            }
            p.path.segments.last().is_some_and(|s| {
                s.ident == "Box"
                    && matches!(&s.arguments, syn::PathArguments::AngleBracketed(a)
                        if a.args.iter().any(|g| matches!(g, syn::GenericArgument::Type(t) if is_closure_type(t, generics))))
            })
        }
        _ => false,
    }
}
