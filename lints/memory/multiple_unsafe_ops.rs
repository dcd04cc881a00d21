use crate::rules::prelude::*;
use crate::rules::{OptionKind, RuleOption};
use crate::rules::unsafety::{PTR_FNS, is_raw_ptr_expr, resolves_to, std_assoc_fn, strip_parens};
use syn::visit::Visit;
use syn::{Expr, UnOp};

declare_rule! {
    /// ### What it does
    /// Flags `unsafe` blocks that contain more than one unsafe operation
    /// (option `max-ops`, default 1). Operations counted are the ones syntax
    /// can identify with certainty: calls to `unsafe fn`s declared in the
    /// same file and to foreign functions, the unsafe standard-library APIs
    /// (`ptr::read`/`write`/`copy*`, `from_raw_parts`, `transmute`,
    /// `get_unchecked`, `set_len`, `assume_init`, …), dereferences of
    /// visibly raw pointers, and accesses to `static mut`s (pointer arithmetic
    /// such as `p.add(i)` in `*p.add(i)` is part of the access). Off by default,
    /// like clippy's `multiple_unsafe_ops_per_block` (a restriction lint).
    ///
    /// ### Why is this bad?
    /// A `// SAFETY:` comment can only justify what it talks about. A large
    /// `unsafe` block hides which operation needs which invariant, and new
    /// unsafe operations added later are silently covered by the old
    /// justification. One operation per block keeps each argument next to
    /// the code it justifies.
    ///
    /// ### Example
    /// ```rust
    /// pub fn swap_first(a: *mut u8, b: *mut u8) {
    ///     // SAFETY: both pointers are valid.
    ///     unsafe {
    ///         let x = std::ptr::read(a);
    ///         std::ptr::write(a, std::ptr::read(b));
    ///         std::ptr::write(b, x);
    ///     }
    /// }
    /// ```
    ///
    /// ### Use instead
    /// ```rust
    /// pub fn swap_first(a: *mut u8, b: *mut u8) {
    ///     // SAFETY: `a` and `b` are valid for reads and writes and may overlap.
    ///     unsafe { std::ptr::swap(a, b) }
    /// }
    /// ```
    ///
    /// ### References
    /// - CWE-1059: Insufficient Technical Documentation
    /// - OWASP Top 10 2021 A04: Insecure Design
    /// - clippy: `multiple_unsafe_ops_per_block`
    pub(crate) MultipleUnsafeOps {
        id: "multiple-unsafe-ops",
        name: "MultipleUnsafeOperationsPerBlock",
        summary: "an `unsafe` block with several unsafe operations under one justification",
        severity: Low,
        precision: High,
        measured: [],
        cwe: [1059],
        owasp: [A04],
        tags: ["unsafe"],
        default_enabled: false,
        off_reason: "a style restriction (like clippy's `multiple_unsafe_ops_per_block`), not a defect",
        clippy: ["clippy::multiple_unsafe_ops_per_block"],
        options: [RuleOption {
            name: "max-ops",
            kind: OptionKind::Int,
            default: "1",
            doc: "the most unsafe operations allowed in one `unsafe` block",
        }],
    }
}

impl Rule for MultipleUnsafeOps {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn interests(&self) -> Interests {
        Interests { keywords: &["unsafe"], nodes: node::UNSAFE_BLOCK, ..Default::default() }
    }

    fn check_unsafe_block<'ast>(&self, cx: &mut Cx<'_, 'ast>, b: &'ast syn::ExprUnsafe) {
        let mut ops = Ops { cx, found: Vec::new() };
        ops.visit_block(&b.block);
        let found = ops.found;
        let max = cx.opt_int("max-ops").max(1) as usize;
        if found.len() <= max {
            return;
        }
        let mut d = cx
            .report_between(b.unsafe_token.span, b.block.brace_token.span.open(), format!("`unsafe` block with {} unsafe operations", found.len()))
            .help("split it so that each `unsafe` block does one thing, with its own `// SAFETY:` comment");
        for (span, what) in found {
            d = d.label(span, what);
        }
        drop(d);
    }
}

struct Ops<'c, 'a, 'ast> {
    cx: &'c Cx<'a, 'ast>,
    found: Vec<(proc_macro2::Span, String)>,
}

/// Unsafe standard functions besides the `std::ptr` ones ([`PTR_FNS`]).
const STD_UNSAFE_FNS: &[&str] = &[
    "std::slice::from_raw_parts",
    "std::slice::from_raw_parts_mut",
    "std::mem::transmute",
    "std::mem::transmute_copy",
    "std::mem::zeroed",
    "std::mem::uninitialized",
    "std::str::from_utf8_unchecked",
    "std::str::from_utf8_unchecked_mut",
    "std::hint::unreachable_unchecked",
    "std::hint::assert_unchecked",
    "std::alloc::alloc",
    "std::alloc::alloc_zeroed",
    "std::alloc::dealloc",
    "std::alloc::realloc",
];

const UNSAFE_METHODS: &[&str] = &[
    "get_unchecked",
    "get_unchecked_mut",
    "unwrap_unchecked",
    "set_len",
    "assume_init",
    "assume_init_read",
    "assume_init_ref",
    "assume_init_mut",
    "assume_init_drop",
    "as_bytes_mut",
    "as_mut_vec",
    "read_unaligned",
    "read_volatile",
    "write_unaligned",
    "write_volatile",
    "copy_to_nonoverlapping",
    "copy_from_nonoverlapping",
    "offset_from",
];

impl<'v> Visit<'v> for Ops<'_, '_, '_> {
    fn visit_expr(&mut self, e: &'v Expr) {
        let cx = self.cx;
        match e {
            Expr::Call(c) => {
                if let Expr::Path(p) = &*c.func {
                    let name = p.path.segments.last().map(|s| s.ident.to_string()).unwrap_or_default();
                    let known = (p.path.segments.len() == 1
                        && (cx.file.unsafety.unsafe_fns.contains(&name) || cx.file.unsafety.foreign_fns.contains(&name)))
                        || (p.path.segments.len() > 1 && cx.file.unsafety.unsafe_fns.contains(&name) && !p.path.segments[0].ident.to_string().starts_with(char::is_lowercase))
                        || (PTR_FNS.contains(&name.as_str()) && resolves_to(cx, &p.path, &format!("std::ptr::{name}")))
                        // `f` ends with `::{name}`, tested without formatting that per entry.
                        || STD_UNSAFE_FNS.iter().any(|f| {
                            f.strip_suffix(name.as_str()).is_some_and(|m| m.ends_with("::"))
                                && resolves_to(cx, &p.path, f)
                        })
                        || std_assoc_fn(cx, &p.path, &["Vec", "String"], "from_raw_parts").is_some()
                        || std_assoc_fn(cx, &p.path, &["Box", "CString", "Rc", "Arc"], "from_raw").is_some()
                        || std_assoc_fn(cx, &p.path, &["String"], "from_utf8_unchecked").is_some()
                        || std_assoc_fn(cx, &p.path, &["CStr"], "from_ptr").is_some();
                    if known {
                        self.found.push((p.path.segments[0].ident.span(), format!("call to unsafe `{name}`")));
                    }
                }
            }
            Expr::MethodCall(m) => {
                let name = m.method.to_string();
                if UNSAFE_METHODS.contains(&name.as_str())
                    || cx.file.unsafety.unsafe_fns.contains(&name)
                    || (matches!(name.as_str(), "read" | "write" | "as_ref" | "as_mut")
                        && is_raw_ptr_expr(cx, &m.receiver))
                {
                    self.found.push((m.method.span(), format!("call to unsafe method `{name}`")));
                }
            }
            Expr::Unary(u) if matches!(u.op, UnOp::Deref(_)) && is_raw_ptr_expr(cx, &u.expr) => {
                self.found.push((u.op.span(), "raw pointer dereference".to_string()));
            }
            Expr::Path(p) => {
                if let Some(id) = p.path.get_ident()
                    && cx.file.unsafety.static_muts.contains_key(&id.to_string())
                {
                    self.found.push((id.span(), format!("access to `static mut {id}`")));
                }
            }
            // Nested unsafe blocks are judged on their own.
            Expr::Unsafe(_) => return,
            _ => {}
        }
        syn::visit::visit_expr(self, e);
    }

    fn visit_item(&mut self, _: &'v syn::Item) {}

    fn visit_macro(&mut self, m: &'v syn::Macro) {
        for a in crate::syntax::macros::parse_args_cached(m).iter() {
            self.visit_expr(strip_parens(&a.expr));
        }
    }
}
