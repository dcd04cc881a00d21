use crate::rules::prelude::*;
use crate::rules::unsafety::{
    expected_type, find_binding, ident_used_except, is_zero, resolves_to, std_assoc_fn, strip_parens, type_text,
};
use syn::{Expr, ExprCall, ExprMethodCall, GenericArgument, PathArguments, Type};

declare_rule! {
    /// ### What it does
    /// Flags code that creates or exposes uninitialized or invalid memory:
    ///
    /// - `mem::uninitialized()` (deprecated: undefined behaviour for almost
    ///   every type) — high, whatever the comments say;
    /// - `MaybeUninit::uninit().assume_init()` — high, unless the target is
    ///   itself made of `MaybeUninit` (the documented array pattern);
    /// - `mem::zeroed()` / `MaybeUninit::zeroed().assume_init()` of a type
    ///   for which all-zero bytes are invalid, where the type can be seen
    ///   (references, `Box`, `Vec`, `String`, `Rc`/`Arc`, `NonNull`,
    ///   `NonZero*`, function pointers) — high;
    /// - `assume_init()` on a `MaybeUninit` local that is never written
    ///   (the variable is not used between its creation and the call) —
    ///   medium;
    /// - `Vec::set_len(n)`: high when the vector was just allocated
    ///   (`Vec::with_capacity`, `Vec::new`) and nothing wrote to it (the new
    ///   elements are uninitialized; Rudra's "uninitialized exposure" when
    ///   the buffer then goes to a `Read` implementation); medium for a
    ///   field grown by a caller-supplied length (`self.buf.set_len(n)`)
    ///   that no method of the `impl` ever writes to, unless a `// SAFETY:`
    ///   comment justifies it. Not reported
    ///   when the length shrinks (`set_len(0)`, `set_len(v.len() - 1)`) or
    ///   when the code visibly writes the buffer.
    ///
    /// ### Why is this bad?
    /// Reading uninitialized memory is undefined behaviour: the optimiser
    /// may assume any value, and the program can leak old heap contents
    /// (secrets of other requests) or crash. A reference, `Box` or `NonNull`
    /// that is zero violates a validity invariant the compiler relies on.
    /// Passing an uninitialized buffer to a `Read` implementation lets that
    /// implementation read it.
    ///
    /// ### Example
    /// ```rust
    /// pub fn buffer(n: usize) -> Vec<u8> {
    ///     let mut v = Vec::with_capacity(n);
    ///     unsafe { v.set_len(n) };
    ///     v
    /// }
    /// ```
    ///
    /// ### Use instead
    /// ```rust
    /// pub fn buffer(n: usize) -> Vec<u8> {
    ///     vec![0; n]
    /// }
    /// ```
    ///
    /// ### References
    /// - CWE-908: Use of Uninitialized Resource
    /// - CWE-457: Use of Uninitialized Variable
    /// - OWASP Top 10 2021 A04: Insecure Design
    /// - clippy: `uninit_vec`, `uninit_assumed_init`, `mem_replace_with_uninit`
    pub(crate) UninitMemory {
        id: "uninit-memory",
        name: "UninitializedMemory",
        summary: "uninitialized or invalid memory is created or exposed (`mem::uninitialized`, `assume_init`, `mem::zeroed`, `Vec::set_len`)",
        severity: Medium,
        precision: High,
        measured: [
            Realworld { findings: 0, judged: 0, tp: 0, debatable: 0, when: "session 8 (a328b37)" },
            Corpus { findings: 2, judged: 2, tp: 0, debatable: 1, when: "session 8 (a328b37)" },
        ],
        cwe: [908, 457],
        owasp: [A04],
        tags: ["unsafe", "memory-safety"],
        clippy: ["clippy::uninit_vec", "clippy::uninit_assumed_init", "invalid_value"],
    }
}

impl Rule for UninitMemory {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn interests(&self) -> Interests {
        Interests {
            keywords: &["uninitialized", "zeroed", "assume_init", "set_len"],
            calls: &["*"],
            methods: &[
                "assume_init",
                "assume_init_read",
                "assume_init_ref",
                "assume_init_mut",
                "assume_init_drop",
                "set_len",
            ],
            ..Default::default()
        }
    }

    fn check_call<'ast>(&self, cx: &mut Cx<'_, 'ast>, call: &'ast ExprCall, callee: &'ast syn::Path) {
        let last = callee.segments.last().map(|s| s.ident.to_string()).unwrap_or_default();
        let resolved_last = cx.resolve(callee).last().to_string();
        if resolved_last == "uninitialized" && resolves_to(cx, callee, "std::mem::uninitialized") {
            cx.report_between(callee.segments[0].ident.span(), call.paren_token.span.close(), "`mem::uninitialized` is undefined behaviour for almost every type")
                .help("use `MaybeUninit<T>`: write every field, then `assume_init()`; or initialise with a real value")
                .severity(Severity::High);
        } else if resolved_last == "zeroed" && resolves_to(cx, callee, "std::mem::zeroed") {
            let ty = turbofish(callee).or_else(|| {
                cx.enclosing_fn().and_then(|f| expected_type(f, &|e| matches!(e, Expr::Call(c) if std::ptr::eq(c, call))))
            });
            report_zeroed(cx, ty, callee.segments[0].ident.span(), call.paren_token.span.close(), &last);
        }
    }

    fn check_method_call<'ast>(&self, cx: &mut Cx<'_, 'ast>, m: &'ast ExprMethodCall) {
        if !cx.in_unsafe() {
            return;
        }
        if m.method == "set_len" {
            self.set_len(cx, m);
            return;
        }
        // `MaybeUninit::uninit().assume_init()` / `MaybeUninit::zeroed().assume_init()`
        if let Expr::Call(c) = strip_parens(&m.receiver)
            && let Expr::Path(p) = &*c.func
        {
            let ty = maybe_uninit_param(&p.path).or_else(|| {
                cx.enclosing_fn().and_then(|f| expected_type(f, &|e| matches!(e, Expr::MethodCall(x) if std::ptr::eq(x, m))))
            });
            if std_assoc_fn(cx, &p.path, &["MaybeUninit"], "uninit").is_some() && m.method != "assume_init_drop" {
                // Unseen target type, but the file has `MaybeUninit` fields, or
                // the impl is for a `MaybeUninit`-based type: most likely one
                // of them (`Inline { buf: MaybeUninit::uninit().assume_init() }`).
                let impl_of_uninit = cx.scope.impls.last().is_some_and(|i| {
                    let t = &i.self_ty;
                    quote::quote!(#t).to_string().contains("MaybeUninit")
                });
                if ty.map_or(cx.file.unsafety.maybe_uninit_fields || impl_of_uninit, is_made_of_maybe_uninit) {
                    return;
                }
                cx.report_between(p.path.segments[0].ident.span(), m.paren_token.span.close(), format!("`MaybeUninit::uninit().{}()` reads memory that was never initialized", m.method))
                    .help("write the value first (`MaybeUninit::write`, `ptr::write` to `as_mut_ptr()`), then `assume_init()`; for arrays, make the elements `MaybeUninit` too")
                    .severity(Severity::High);
            } else if std_assoc_fn(cx, &p.path, &["MaybeUninit"], "zeroed").is_some() {
                report_zeroed(cx, ty, p.path.segments[0].ident.span(), m.paren_token.span.close(), "MaybeUninit::zeroed");
            }
            return;
        }
        // `let x = MaybeUninit::uninit(); ... x.assume_init()` with no use in between.
        let Expr::Path(p) = strip_parens(&m.receiver) else { return };
        let Some(id) = p.path.get_ident() else { return };
        let Some(f) = cx.enclosing_fn() else { return };
        let Some(at) = cx.file.byte_range(id.span()).map(|(s, _)| s) else { return };
        let name = id.to_string();
        let Some(binding) = find_binding(cx, f, &name, at) else { return };
        let Some(init) = binding.init else { return };
        let Expr::Call(c) = strip_parens(init) else { return };
        let Expr::Path(ctor) = &*c.func else { return };
        let fresh = std_assoc_fn(cx, &ctor.path, &["MaybeUninit"], "uninit").is_some()
            || std_assoc_fn(cx, &ctor.path, &["MaybeUninit"], "uninit_array").is_some();
        let target = maybe_uninit_param(&ctor.path)
            .or_else(|| expected_type(f, &|e| matches!(e, Expr::MethodCall(x) if std::ptr::eq(x, m))));
        let declared_inner = binding.ty.and_then(maybe_uninit_inner);
        if !fresh || declared_inner.is_some_and(is_made_of_maybe_uninit) || target.is_some_and(is_made_of_maybe_uninit) {
            return;
        }
        if ident_used_except(cx, f.block, &name, &[at, binding.ident_at]) {
            return;
        }
        cx.report_between(m.method.span(), m.paren_token.span.close(), format!("`{name}.{}()` but `{name}` was never written", m.method))
            .help("write the value first (`MaybeUninit::write`, or through `as_mut_ptr()`), then `assume_init()`")
            .severity(Severity::Medium);
    }
}

impl UninitMemory {
    fn set_len<'ast>(&self, cx: &mut Cx<'_, 'ast>, m: &'ast ExprMethodCall) {
        let [arg] = m.args.iter().collect::<Vec<_>>()[..] else { return };
        let recv_text = cx.file.snippet(m.receiver.span()).to_string();
        if is_zero(arg) || shrinks(cx, arg, &recv_text) {
            return;
        }
        let h = history(cx, m, &recv_text);
        let msg = if h.allocated_here && !h.written {
            format!("`{recv_text}.set_len(..)` exposes uninitialized memory: `{recv_text}` was allocated but never written")
        } else if let Some(field) = recv_text.strip_prefix("self.").filter(|f| !f.contains(['(', '['])) {
            // A field: judged by the whole `impl`. If no method ever writes
            // to it, the new elements can only be uninitialized.
            if h.written || !grows_by_argument(cx, arg) || impl_writes(cx, &recv_text) || cx.unsafe_justified() {
                return;
            }
            format!("`{recv_text}.set_len(..)`, but nothing in this `impl` writes to `self.{field}`: the new elements are uninitialized")
        } else {
            return;
        };
        let mut d = cx.report_between(m.method.span(), m.paren_token.span.close(), msg).help(
            "initialise the elements first (`resize`, `extend`, `spare_capacity_mut` + `MaybeUninit::write`), or write them through `as_mut_ptr()` before calling `set_len`, and say so in a `// SAFETY:` comment",
        );
        if h.allocated_here {
            d = d.severity(Severity::High);
        }
        if h.read_after {
            d = d.note("the buffer is then handed to `read`: a `Read` implementation may read the uninitialized bytes (Rudra's uninitialized-exposure pattern)");
        }
        drop(d);
    }
}

/// The new length comes from a parameter of the enclosing function (the
/// caller decides how far the buffer grows), and this is not a `Drop`
/// guard restoring a saved length.
fn grows_by_argument(cx: &Cx<'_, '_>, arg: &Expr) -> bool {
    let Some(f) = cx.enclosing_fn() else { return false };
    if f.sig.ident == "drop" {
        return false;
    }
    let text = cx.file.snippet(arg.span());
    f.sig.inputs.iter().any(|i| match i {
        syn::FnArg::Typed(t) => match &*t.pat {
            syn::Pat::Ident(id) => {
                let name = id.ident.to_string();
                text.split(|c: char| !c.is_alphanumeric() && c != '_').any(|w| w == name)
            }
            _ => false,
        },
        syn::FnArg::Receiver(_) => false,
    })
}

/// Methods that put initialized elements into a `Vec` (or hand out a
/// pointer through which they can be).
const WRITERS: &[&str] = &[
    "push",
    "extend",
    "extend_from_slice",
    "extend_from_within",
    "insert",
    "resize",
    "resize_with",
    "append",
    "as_mut_ptr",
    "spare_capacity_mut",
    "as_mut_slice",
    "copy_from_slice",
    "fill",
    "write",
    "get_unchecked_mut",
    "as_mut",
    "iter_mut",
    "clone_from",
];

/// Some method of the enclosing `impl` writes to the receiver (`self.data`).
fn impl_writes(cx: &Cx<'_, '_>, recv: &str) -> bool {
    struct W<'c, 'a, 'ast> {
        cx: &'c Cx<'a, 'ast>,
        recv: &'c str,
        found: bool,
    }
    impl<'v> syn::visit::Visit<'v> for W<'_, '_, '_> {
        fn visit_expr_method_call(&mut self, mc: &'v ExprMethodCall) {
            let name = mc.method.to_string();
            if WRITERS.contains(&name.as_str()) && self.cx.file.snippet(mc.receiver.span()) == self.recv {
                self.found = true;
            }
            syn::visit::visit_expr_method_call(self, mc);
        }
        fn visit_expr_reference(&mut self, r: &'v syn::ExprReference) {
            if r.mutability.is_some() && self.cx.file.snippet(r.expr.span()) == self.recv {
                self.found = true;
            }
            syn::visit::visit_expr_reference(self, r);
        }
        fn visit_expr_assign(&mut self, a: &'v syn::ExprAssign) {
            // `self.data = other_vec` (not the constructor's fresh allocation).
            if self.cx.file.snippet(a.left.span()) == self.recv {
                self.found = true;
            }
            syn::visit::visit_expr_assign(self, a);
        }
        fn visit_macro(&mut self, m: &'v syn::Macro) {
            for arg in crate::syntax::macros::parse_args_cached(m).iter() {
                self.visit_expr(&arg.expr);
            }
        }
    }
    let Some(imp) = cx.scope.impls.last() else { return true };
    let mut w = W { cx, recv, found: false };
    for item in &imp.items {
        if let syn::ImplItem::Fn(f) = item {
            syn::visit::Visit::visit_block(&mut w, &f.block);
        }
    }
    w.found
}

/// `set_len(v.len() - k)`, `set_len(v.len().saturating_sub(k))`,
/// `set_len(n.min(v.len()))`, `set_len(range.start)` (a drain): the length
/// shrinks.
fn shrinks(cx: &Cx<'_, '_>, arg: &Expr, recv: &str) -> bool {
    let is_len = |e: &Expr| {
        matches!(strip_parens(e), Expr::MethodCall(m) if m.method == "len" && cx.file.snippet(m.receiver.span()) == recv)
    };
    match strip_parens(arg) {
        // `set_len(range.start)`: a drain cutting the vector at the range.
        Expr::Field(f) => matches!(&f.member, syn::Member::Named(n) if n == "start"),
        Expr::Binary(b) => matches!(b.op, syn::BinOp::Sub(_)) && is_len(&b.left),
        Expr::MethodCall(mc) => match mc.method.to_string().as_str() {
            "saturating_sub" | "wrapping_sub" | "checked_sub" => is_len(&mc.receiver),
            "min" => is_len(&mc.receiver) || mc.args.iter().any(is_len),
            _ => is_len(arg),
        },
        _ => false,
    }
}

struct History {
    /// The receiver is a local bound to `Vec::with_capacity(..)`,
    /// `Vec::new()` or `vec![]`.
    allocated_here: bool,
    /// Something visibly wrote to it (or may have) before `set_len`.
    written: bool,
    /// It is passed to a `read`-like call after `set_len`.
    read_after: bool,
}

/// What the enclosing function visibly did with the `set_len` receiver.
fn history<'ast>(cx: &Cx<'_, 'ast>, m: &'ast ExprMethodCall, recv: &str) -> History {
    let mut h = History { allocated_here: false, written: false, read_after: false };
    let Some(f) = cx.enclosing_fn() else { return h };
    let Some(to) = cx.file.byte_range(m.method.span()).map(|(s, _)| s) else { return h };
    let mut from = 0;
    let mut local = None;
    if let Expr::Path(p) = strip_parens(&m.receiver)
        && let Some(id) = p.path.get_ident()
        && let Some(b) = find_binding(cx, f, &id.to_string(), to)
    {
        from = b.at;
        local = Some(b.ident_at);
        h.allocated_here = b.init.is_some_and(|init| match strip_parens(init) {
            Expr::Call(c) => matches!(&*c.func, Expr::Path(fp)
                if std_assoc_fn(cx, &fp.path, &["Vec"], "with_capacity").is_some() || std_assoc_fn(cx, &fp.path, &["Vec"], "new").is_some()),
            Expr::Macro(mac) => mac.mac.path.is_ident("vec") && mac.mac.tokens.is_empty(),
            _ => false,
        });
    }
    let mut v = Uses { cx, recv, local, from, to, h: &mut h };
    syn::visit::Visit::visit_block(&mut v, f.block);
    h
}

struct Uses<'c, 'a, 'ast> {
    cx: &'c Cx<'a, 'ast>,
    recv: &'c str,
    /// Byte offset of the local's binding identifier, if it is a local.
    local: Option<u32>,
    from: u32,
    to: u32,
    h: &'c mut History,
}

impl Uses<'_, '_, '_> {
    fn mentions(&self, e: &Expr) -> bool {
        let text = self.cx.file.snippet(e.span());
        text.match_indices(self.recv).any(|(i, _)| {
            let before = text[..i].chars().next_back().is_none_or(|c| !c.is_alphanumeric() && c != '_' && c != '.');
            let after = text[i + self.recv.len()..].chars().next().is_none_or(|c| !c.is_alphanumeric() && c != '_');
            before && after
        })
    }

    fn between(&self, pos: u32) -> bool {
        pos > self.from && pos < self.to
    }
}

impl<'v> syn::visit::Visit<'v> for Uses<'_, '_, '_> {
    fn visit_expr_method_call(&mut self, mc: &'v ExprMethodCall) {
        let pos = self.cx.file.byte_range(mc.method.span()).map_or(0, |(s, _)| s);
        let name = mc.method.to_string();
        if pos > self.to
            && matches!(name.as_str(), "read" | "read_exact" | "read_buf" | "read_to_end")
            && mc.args.iter().any(|a| self.mentions(a))
        {
            self.h.read_after = true;
        }
        if self.cx.file.snippet(mc.receiver.span()) == self.recv {
            let benign = matches!(name.as_str(), "reserve" | "reserve_exact" | "capacity" | "len" | "is_empty" | "set_len");
            if self.between(pos) && !benign {
                self.h.written = true;
            }
            for a in &mc.args {
                self.visit_expr(a);
            }
            return;
        }
        syn::visit::visit_expr_method_call(self, mc);
    }

    fn visit_expr_reference(&mut self, r: &'v syn::ExprReference) {
        let pos = self.cx.file.byte_range(r.and_token.span).map_or(0, |(s, _)| s);
        if r.mutability.is_some() && self.between(pos) && self.cx.file.snippet(r.expr.span()) == self.recv {
            self.h.written = true;
        }
        syn::visit::visit_expr_reference(self, r);
    }

    fn visit_expr_path(&mut self, p: &'v syn::ExprPath) {
        // A local used any other way in between (passed along, moved) may be written.
        if self.local.is_some() && p.path.is_ident(self.recv) {
            let pos = p.path.segments.first().and_then(|s| self.cx.file.byte_range(s.ident.span())).map_or(0, |(s, _)| s);
            if self.between(pos) && Some(pos) != self.local {
                self.h.written = true;
            }
        }
    }

    fn visit_macro(&mut self, m: &'v syn::Macro) {
        let args = crate::syntax::macros::parse_args_cached(m);
        if args.is_empty() {
            // Not parsed: any mention in between may write.
            let pos = self.cx.file.byte_range(m.delimiter_span().open()).map_or(0, |(s, _)| s);
            if self.between(pos) && m.tokens.to_string().contains(self.recv) {
                self.h.written = true;
            }
        }
        for arg in args.iter() {
            self.visit_expr(&arg.expr);
        }
    }

    fn visit_item(&mut self, _: &'v syn::Item) {}
}

trait DelimSpanOf {
    fn delimiter_span(&self) -> proc_macro2::extra::DelimSpan;
}

impl DelimSpanOf for syn::Macro {
    fn delimiter_span(&self) -> proc_macro2::extra::DelimSpan {
        match &self.delimiter {
            syn::MacroDelimiter::Paren(p) => p.span,
            syn::MacroDelimiter::Brace(b) => b.span,
            syn::MacroDelimiter::Bracket(b) => b.span,
        }
    }
}

fn turbofish(path: &syn::Path) -> Option<&Type> {
    match &path.segments.last()?.arguments {
        PathArguments::AngleBracketed(a) => a.args.iter().find_map(|g| match g {
            GenericArgument::Type(t) => Some(t),
            _ => None,
        }),
        _ => None,
    }
}

/// `MaybeUninit::<T>::uninit` → `T`.
fn maybe_uninit_param(path: &syn::Path) -> Option<&Type> {
    let n = path.segments.len();
    if n < 2 {
        return None;
    }
    match &path.segments[n - 2].arguments {
        PathArguments::AngleBracketed(a) => a.args.iter().find_map(|g| match g {
            GenericArgument::Type(t) => Some(t),
            _ => None,
        }),
        _ => None,
    }
}

/// `MaybeUninit<T>` → `T`.
fn maybe_uninit_inner(ty: &Type) -> Option<&Type> {
    let Type::Path(p) = ty else { return None };
    let last = p.path.segments.last().filter(|s| s.ident == "MaybeUninit")?;
    match &last.arguments {
        PathArguments::AngleBracketed(a) => a.args.iter().find_map(|g| match g {
            GenericArgument::Type(t) => Some(t),
            _ => None,
        }),
        _ => None,
    }
}

/// `[MaybeUninit<T>; N]`, `MaybeUninit<T>`, `()`: uninitialized is fine.
fn is_made_of_maybe_uninit(ty: &Type) -> bool {
    match ty {
        Type::Array(a) => is_made_of_maybe_uninit(&a.elem),
        Type::Path(p) => p.path.segments.last().is_some_and(|s| s.ident == "MaybeUninit"),
        Type::Tuple(t) => t.elems.iter().all(is_made_of_maybe_uninit),
        Type::Paren(p) => is_made_of_maybe_uninit(&p.elem),
        _ => false,
    }
}

const NON_ZERO: &[&str] = &["Box", "Vec", "String", "Rc", "Arc", "NonNull", "Unique"];

/// A type for which all-zero bytes are not a valid value.
fn not_zeroable(ty: &Type) -> bool {
    match ty {
        Type::Reference(_) | Type::FnPtr(_) => true,
        Type::Array(a) => not_zeroable(&a.elem),
        Type::Tuple(t) => t.elems.iter().any(not_zeroable),
        Type::Paren(p) => not_zeroable(&p.elem),
        Type::Group(g) => not_zeroable(&g.elem),
        Type::Path(p) => p.path.segments.last().is_some_and(|s| {
            let n = s.ident.to_string();
            NON_ZERO.contains(&n.as_str()) || (n.starts_with("NonZero") && n != "NonZero_")
        }),
        _ => false,
    }
}

fn report_zeroed(cx: &mut Cx<'_, '_>, ty: Option<&Type>, from: proc_macro2::Span, to: proc_macro2::Span, what: &str) {
    let Some(ty) = ty.filter(|t| not_zeroable(t)) else { return };
    let text = type_text(cx, ty);
    cx.report_between(from, to, format!("`{what}` creates an all-zero `{text}`, which is not a valid value of that type"))
        .help("references, `Box`, `Vec`, `NonNull`, `NonZero*` and function pointers are never zero: use `Option<..>` (where `None` is the zero value) or initialise with a real value")
        .severity(Severity::High);
}
