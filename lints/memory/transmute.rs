use crate::rules::prelude::*;
use crate::rules::unsafety::{expected_type, find_binding, resolves_to, strip_parens, type_text};
use syn::{Expr, ExprCall, ExprMethodCall, GenericArgument, PathArguments, Type};

declare_rule! {
    /// ### What it does
    /// Flags every `std::mem::transmute` and its friends
    /// (`transmute_copy`, `intrinsics::transmute_unchecked`, and
    /// `slice::align_to`/`align_to_mut`, which transmute the elements).
    /// Where the types can be seen (turbofish, a `let` annotation, the
    /// function's return type, a cast or a reference in the argument) the
    /// finding is ranked:
    ///
    /// - **high**: only a lifetime changes (`Guard<'a>` → `Guard<'static>`);
    ///   the source or target is a reference (a pointer, length or lifetime
    ///   is reinterpreted, or `&T` becomes `&mut T`); an integer becomes a
    ///   pointer or back (provenance is lost); or a collection (`Vec<A>` →
    ///   `Vec<B>`: the layout of `Vec` is not guaranteed);
    /// - **low**: plain numbers and byte arrays (`u32` ↔ `f32`, `[u8; 4]` ↔
    ///   `u32`), for which safe conversions exist;
    /// - **medium**: everything else.
    ///
    /// A transmute in an `unsafe` block justified by a `// SAFETY:` comment
    /// is reported one level lower: it was reviewed, but it stays visible.
    ///
    /// ### Why is this bad?
    /// `transmute` reinterprets the bits of a value as another type, and the
    /// compiler checks nothing but the size. A reference transmuted to a
    /// different type can be misaligned or point past its allocation; a
    /// lifetime transmuted to `'static` outlives its data (use after free);
    /// `&T` → `&mut T` is always undefined behaviour; a transmuted `Vec` may
    /// free its buffer with the wrong layout. These are the memory-safety
    /// bugs that make up a large share of Rust CVEs.
    ///
    /// ### Example
    /// ```rust
    /// pub fn words(bytes: &[u8]) -> &[u32] {
    ///     unsafe { std::mem::transmute::<&[u8], &[u32]>(bytes) }
    /// }
    /// ```
    ///
    /// ### Use instead
    /// ```rust
    /// pub fn words(bytes: &[u8]) -> Vec<u32> {
    ///     bytes.chunks_exact(4).map(|c| u32::from_ne_bytes([c[0], c[1], c[2], c[3]])).collect()
    /// }
    /// ```
    ///
    /// ### References
    /// - CWE-843: Access of Resource Using Incompatible Type ('Type Confusion')
    /// - CWE-704: Incorrect Type Conversion or Cast
    /// - OWASP Top 10 2021 A04: Insecure Design
    /// - clippy: `transmute_ptr_to_ref`, `unsound_collection_transmute`, `transmute_undefined_repr`, `transmute_int_to_float`
    pub(crate) Transmute {
        id: "transmute",
        name: "TransmuteUse",
        summary: "`mem::transmute` reinterprets bits; layout, validity and lifetimes are unchecked",
        severity: Medium,
        precision: VeryHigh,
        measured: [
            Realworld { findings: 0, judged: 0, tp: 0, debatable: 0, when: "session 8 (a328b37)" },
            Corpus { findings: 767, judged: 20, tp: 20, debatable: 0, when: "session 8 (a328b37)" },
        ],
        cwe: [843, 704],
        owasp: [A04],
        tags: ["unsafe", "memory-safety"],
        clippy: [
            "clippy::transmute_ptr_to_ref",
            "clippy::transmute_ptr_to_ptr",
            "clippy::unsound_collection_transmute",
            "clippy::transmute_undefined_repr",
            "clippy::transmute_int_to_float",
            "clippy::transmute_float_to_int",
            "clippy::transmute_bytes_to_str",
            "clippy::transmute_int_to_char",
        ],
    }
}

impl Rule for Transmute {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn interests(&self) -> Interests {
        Interests {
            keywords: &["transmute", "align_to"],
            // Every call (the file mentions `transmute`): imports may rename it.
            calls: &["*"],
            methods: &["align_to", "align_to_mut"],
            ..Default::default()
        }
    }

    fn check_call<'ast>(&self, cx: &mut Cx<'_, 'ast>, call: &'ast ExprCall, callee: &'ast syn::Path) {
        let resolved = cx.resolve(callee);
        let name = resolved.last().to_string();
        let known = match name.as_str() {
            "transmute" => {
                resolves_to(cx, callee, "std::mem::transmute") || resolves_to(cx, callee, "std::intrinsics::transmute")
            }
            "transmute_copy" => resolves_to(cx, callee, "std::mem::transmute_copy"),
            "transmute_unchecked" => resolves_to(cx, callee, "std::intrinsics::transmute_unchecked"),
            _ => false,
        };
        if !known {
            return;
        }
        let (from, to) = types_of(cx, call, callee);
        let from_kind = from.map_or(Kind::Unknown, classify);
        let to_kind = to.map_or(Kind::Unknown, classify);
        let fmt = |t: Option<&Type>| t.map_or_else(|| "?".to_string(), |t| format!("`{}`", type_text(cx, t)));
        let types = if from.is_some() || to.is_some() { format!(" from {} to {}", fmt(from), fmt(to)) } else { String::new() };
        let lifetime_only = match (from, to) {
            (Some(f), Some(t)) => {
                let (f, t) = (quote::quote!(#f).to_string(), quote::quote!(#t).to_string());
                f != t && strip_lifetimes(&f) == strip_lifetimes(&t)
            }
            _ => false,
        };
        let int_ptr = (from_kind == Kind::RawPtr && to_kind == Kind::Plain) || (from_kind == Kind::Plain && to_kind == Kind::RawPtr);
        let (severity, why, help) = if lifetime_only {
            (
                Severity::High,
                "only changes a lifetime: the value can outlive what it borrows (use after free)",
                "restructure the borrow (scoped threads, owned data, `Arc`), or keep the lifetime tied to the owner; a lifetime transmute needs a proof that the borrow outlives every use",
            )
        } else if matches!(from_kind, Kind::Ref(false)) && matches!(to_kind, Kind::Ref(true)) {
            (
                Severity::High,
                "turns a shared reference into a mutable one, which is always undefined behaviour",
                "use interior mutability (`Cell`, `RefCell`, `UnsafeCell`) or take `&mut` in the first place",
            )
        } else if from_kind.is_ref() || to_kind.is_ref() {
            (
                Severity::High,
                "reinterprets a reference or pointer: alignment, size, validity and lifetime are unchecked",
                "use a checked cast (`bytemuck::cast_slice`, `zerocopy`, `<[T]>::align_to` with its prefix and suffix checked, `ptr.cast()` with a SAFETY argument); never transmute a lifetime to `'static`",
            )
        } else if int_ptr {
            (
                Severity::High,
                "turns an integer into a pointer or back: the pointer loses its provenance",
                "use `ptr.addr()`/`ptr.with_addr(addr)` or `ptr::with_exposed_provenance` (or an `as` cast), never a transmute",
            )
        } else if from_kind == Kind::Collection || to_kind == Kind::Collection {
            (
                Severity::High,
                "reinterprets a collection, whose layout is not guaranteed even when the element types match",
                "convert element by element (`into_iter().map(..).collect()`), or decompose with `into_raw_parts` and rebuild with a checked layout",
            )
        } else if from_kind == Kind::Plain && to_kind == Kind::Plain {
            (
                Severity::Low,
                "reinterprets the bits of a number or byte array",
                "use the safe conversions: `f32::from_bits`/`to_bits`, `u32::from_ne_bytes`/`to_ne_bytes`, `char::from_u32`",
            )
        } else {
            (
                Severity::Medium,
                "reinterprets the bits of a value: the target type's layout and validity are unchecked",
                "prefer a safe conversion (`From`, `from_bits`, `from_ne_bytes`, `bytemuck`/`zerocopy`), or document the layout guarantee in a `// SAFETY:` comment",
            )
        };
        let justified = cx.unsafe_justified();
        let severity = if justified { lower(severity) } else { severity };
        let mut d = cx
            .report_between(callee.segments[0].ident.span(), call.paren_token.span.close(), format!("`{name}`{types} {why}"))
            .help(help)
            .severity(severity);
        if justified {
            d = d.note("the enclosing `unsafe` has a `// SAFETY:` justification: ranked one level lower");
        }
        drop(d);
    }

    fn check_method_call<'ast>(&self, cx: &mut Cx<'_, 'ast>, m: &'ast ExprMethodCall) {
        if !cx.in_unsafe() || !m.args.is_empty() {
            return;
        }
        let severity = if cx.unsafe_justified() { Severity::Low } else { Severity::Medium };
        cx.report_between(
            m.method.span(),
            m.paren_token.span.close(),
            format!("`{}` transmutes the slice's elements: the target type's validity is unchecked", m.method),
        )
        .help("the target type must be valid for every bit pattern of the source (use `bytemuck::cast_slice`/`zerocopy` to have that checked), and the prefix and suffix must be handled")
        .severity(severity);
    }
}

/// A type's token text without its lifetimes (`Foo < 'a , T >` → `Foo < , T >`).
fn strip_lifetimes(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\'' {
            while chars.peek().is_some_and(|c| c.is_alphanumeric() || *c == '_') {
                chars.next();
            }
            continue;
        }
        out.push(c);
    }
    out
}

fn lower(s: Severity) -> Severity {
    s.lowered()
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Kind {
    /// `&T` (false) or `&mut T` (true).
    Ref(bool),
    RawPtr,
    Collection,
    /// Numbers, `bool`, `char`, arrays of them.
    Plain,
    Other,
    Unknown,
}

impl Kind {
    fn is_ref(self) -> bool {
        matches!(self, Kind::Ref(_))
    }
}

const COLLECTIONS: &[&str] =
    &["Vec", "VecDeque", "HashMap", "HashSet", "BTreeMap", "BTreeSet", "BinaryHeap", "LinkedList", "String", "Box", "Rc", "Arc"];
const PLAIN: &[&str] = &[
    "u8", "u16", "u32", "u64", "u128", "usize", "i8", "i16", "i32", "i64", "i128", "isize", "f32", "f64", "bool",
    "char",
];

fn classify(ty: &Type) -> Kind {
    match ty {
        Type::Reference(r) => Kind::Ref(r.mutability.is_some()),
        Type::Ptr(_) => Kind::RawPtr,
        Type::Paren(p) => classify(&p.elem),
        Type::Group(g) => classify(&g.elem),
        Type::Infer(_) => Kind::Unknown,
        Type::Array(a) => match classify(&a.elem) {
            Kind::Plain => Kind::Plain,
            _ => Kind::Other,
        },
        Type::Path(p) if p.qself.is_none() => {
            let Some(last) = p.path.segments.last() else { return Kind::Other };
            let name = last.ident.to_string();
            if p.path.segments.len() == 1 && PLAIN.contains(&name.as_str()) {
                Kind::Plain
            } else if COLLECTIONS.contains(&name.as_str()) {
                Kind::Collection
            } else if name == "Option"
                && let PathArguments::AngleBracketed(a) = &last.arguments
                && let Some(GenericArgument::Type(inner)) = a.args.first()
                && classify(inner).is_ref()
            {
                classify(inner)
            } else {
                Kind::Other
            }
        }
        _ => Kind::Other,
    }
}

/// The source and target types, where syntax shows them.
fn types_of<'ast>(cx: &Cx<'_, 'ast>, call: &'ast ExprCall, callee: &'ast syn::Path) -> (Option<&'ast Type>, Option<&'ast Type>) {
    let mut from = None;
    let mut to = None;
    if let Some(last) = callee.segments.last()
        && let PathArguments::AngleBracketed(a) = &last.arguments
    {
        let tys: Vec<&Type> = a
            .args
            .iter()
            .filter_map(|g| match g {
                GenericArgument::Type(t) => Some(t),
                _ => None,
            })
            .collect();
        if let [f, t] = tys[..] {
            from = Some(f).filter(|t| !matches!(t, Type::Infer(_)));
            to = Some(t).filter(|t| !matches!(t, Type::Infer(_)));
        }
    }
    if from.is_none()
        && let Some(arg) = call.args.first()
    {
        from = match strip_parens(arg) {
            Expr::Cast(c) => Some(&*c.ty),
            Expr::Path(p) => match (p.path.get_ident(), cx.enclosing_fn()) {
                (Some(id), Some(f)) => {
                    let at = cx.file.byte_range(id.span()).map_or(u32::MAX, |(s, _)| s);
                    find_binding(cx, f, &id.to_string(), at).and_then(|b| b.ty)
                }
                _ => None,
            },
            _ => None,
        };
    }
    if to.is_none()
        && let Some(f) = cx.enclosing_fn()
    {
        to = expected_type(f, &|e| matches!(e, Expr::Call(c) if std::ptr::eq(c, call)));
    }
    (from, to)
}

