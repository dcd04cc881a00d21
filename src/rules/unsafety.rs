//! What the `unsafe`/`memory-safety` rules share: a per-file index of the
//! unsafe things a file declares (unsafe fns, raw-pointer fields, `static
//! mut`s, foreign fns), and questions about expressions that syntax can
//! answer: is this visibly a raw pointer? a null pointer? a standard
//! library function?

use std::collections::{HashMap, HashSet};

use syn::visit::{self, Visit};
use syn::{Expr, FnArg, ImplItem, Item, Pat, Type};

use super::cx::Cx;
use crate::syntax::FnLike;

/// The unsafe things one file declares. Built once per file (only for
/// files that mention `unsafe`).
#[derive(Debug, Default, Clone)]
pub struct UnsafeIndex {
    /// Names of `unsafe fn`s declared in the file (free fns, methods, trait
    /// methods).
    pub unsafe_fns: HashSet<String>,
    /// Functions declared in `extern` blocks (calling them is unsafe).
    pub foreign_fns: HashSet<String>,
    /// Named struct fields whose type is a raw pointer.
    pub raw_ptr_fields: HashSet<String>,
    /// `static mut` items: name → its type is a primitive (integer, float,
    /// `bool`, `char` or raw pointer: methods take it by value).
    pub static_muts: HashMap<String, bool>,
    /// Structs, enums and unions declared in the file, by name.
    pub types: HashMap<String, TypeInfo>,
    /// Some field or variant of a type declared in the file is (made of)
    /// `MaybeUninit`.
    pub maybe_uninit_fields: bool,
}

/// A type declared in the file, as far as `Send`/`Sync` reasoning needs.
#[derive(Debug, Default, Clone)]
pub struct TypeInfo {
    pub is_pub: bool,
    /// Its type parameters, in order; `true` when the parameter appears
    /// only inside `PhantomData<..>` (or not at all) in its fields.
    pub params: Vec<(String, bool)>,
    /// Per parameter: some field holds a value of it (`T`, `Option<T>`,
    /// `UnsafeCell<T>`, `Vec<T>`), not only a pointer or reference to it.
    pub owned: Vec<bool>,
}

impl TypeInfo {
    fn new<'a>(
        vis: &syn::Visibility,
        generics: &syn::Generics,
        fields: impl Iterator<Item = &'a Type>,
        maybe_uninit: &mut bool,
    ) -> Self {
        let fields: Vec<&Type> = fields.collect();
        let mut used = String::new();
        for ty in &fields {
            let text = quote::quote!(#ty).to_string();
            *maybe_uninit |= text.contains("MaybeUninit");
            used.push_str(&strip_phantom(&text));
            used.push(' ');
        }
        let params = generics
            .type_params()
            .map(|t| {
                let name = t.ident.to_string();
                let phantom = !used.split(|c: char| !c.is_alphanumeric() && c != '_').any(|w| w == name);
                (name, phantom)
            })
            .collect();
        let owned = generics.type_params().map(|t| fields.iter().any(|f| owns(f, &t.ident))).collect();
        TypeInfo { is_pub: matches!(vis, syn::Visibility::Public(_)), params, owned }
    }
}

/// The type holds a value of type parameter `p` (not behind a pointer, a
/// reference, `PhantomData`, `NonNull`, a function pointer or a trait object).
fn owns(ty: &Type, p: &syn::Ident) -> bool {
    match ty {
        Type::Path(tp) => {
            if tp.qself.is_none() && tp.path.is_ident(p) {
                return true;
            }
            let Some(last) = tp.path.segments.last() else { return false };
            if ["PhantomData", "NonNull", "AtomicPtr", "Weak"].iter().any(|n| last.ident == n) {
                return false;
            }
            tp.path.segments.iter().any(|seg| match &seg.arguments {
                syn::PathArguments::AngleBracketed(a) => {
                    a.args.iter().any(|g| matches!(g, syn::GenericArgument::Type(t) if owns(t, p)))
                }
                _ => false,
            })
        }
        Type::Array(a) => owns(&a.elem, p),
        Type::Slice(s) => owns(&s.elem, p),
        Type::Tuple(t) => t.elems.iter().any(|e| owns(e, p)),
        Type::Paren(x) => owns(&x.elem, p),
        Type::Group(x) => owns(&x.elem, p),
        _ => false,
    }
}

/// Remove `PhantomData < .. >` (balanced) from a type's token text.
fn strip_phantom(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(i) = rest.find("PhantomData") {
        out.push_str(&rest[..i]);
        let after = &rest[i + "PhantomData".len()..];
        let Some(open) = after.find('<').filter(|o| after[..*o].trim().is_empty()) else {
            rest = after;
            continue;
        };
        let mut depth = 0;
        let mut end = after.len();
        let mut prev = ' ';
        for (j, c) in after[open..].char_indices() {
            let arrow = prev == '-';
            prev = c;
            match c {
                '<' => depth += 1,
                '>' if !arrow => {
                    depth -= 1;
                    if depth == 0 {
                        end = open + j + 1;
                        break;
                    }
                }
                _ => {}
            }
        }
        rest = &after[end..];
    }
    out.push_str(rest);
    out
}

impl UnsafeIndex {
    pub fn from_items(items: &[Item]) -> Self {
        let mut ix = UnsafeIndex::default();
        ix.collect(items);
        ix
    }

    fn collect(&mut self, items: &[Item]) {
        for item in items {
            match item {
                Item::Fn(f) => {
                    if f.sig.unsafety_is_some() {
                        self.unsafe_fns.insert(f.sig.ident.to_string());
                    }
                    self.collect_block(&f.block);
                }
                Item::Impl(i) => {
                    for ii in &i.items {
                        if let ImplItem::Fn(f) = ii {
                            if f.sig.unsafety_is_some() {
                                self.unsafe_fns.insert(f.sig.ident.to_string());
                            }
                            self.collect_block(&f.block);
                        }
                    }
                }
                Item::Trait(t) => {
                    for ti in &t.items {
                        if let syn::TraitItem::Fn(f) = ti
                            && f.sig.unsafety_is_some()
                        {
                            self.unsafe_fns.insert(f.sig.ident.to_string());
                        }
                    }
                }
                Item::ForeignMod(m) => {
                    for fi in &m.items {
                        if let syn::ForeignItem::Fn(f) = fi {
                            self.foreign_fns.insert(f.sig.ident.to_string());
                        }
                    }
                }
                Item::Struct(s) => {
                    for field in &s.fields {
                        if let Some(id) = &field.ident
                            && is_raw_ptr_type(&field.ty)
                        {
                            self.raw_ptr_fields.insert(id.to_string());
                        }
                    }
                    let info = TypeInfo::new(
                        &s.vis,
                        &s.generics,
                        s.fields.iter().map(|f| &f.ty),
                        &mut self.maybe_uninit_fields,
                    );
                    self.types.insert(s.ident.to_string(), info);
                }
                Item::Enum(e) => {
                    let fields = e.variants.iter().flat_map(|v| v.fields.iter().map(|f| &f.ty));
                    let info = TypeInfo::new(&e.vis, &e.generics, fields, &mut self.maybe_uninit_fields);
                    self.types.insert(e.ident.to_string(), info);
                }
                Item::Union(u) => {
                    let info = TypeInfo::new(
                        &u.vis,
                        &u.generics,
                        u.fields.named.iter().map(|f| &f.ty),
                        &mut self.maybe_uninit_fields,
                    );
                    self.types.insert(u.ident.to_string(), info);
                }
                Item::Static(s) if matches!(s.mutability, syn::StaticMutability::Mut(_)) => {
                    self.static_muts.insert(s.ident.to_string(), is_primitive(&s.ty));
                }
                Item::Mod(m) => {
                    if let Some((_, items)) = &m.content {
                        self.collect(items);
                    }
                }
                _ => {}
            }
        }
    }

    fn collect_block(&mut self, block: &syn::Block) {
        for stmt in &block.stmts {
            if let syn::Stmt::Item(item) = stmt {
                self.collect(std::slice::from_ref(item));
            }
        }
    }
}

trait SigExt {
    fn unsafety_is_some(&self) -> bool;
}

impl SigExt for syn::Signature {
    fn unsafety_is_some(&self) -> bool {
        matches!(self.safety, syn::Safety::Unsafe(_))
    }
}

/// `*const T` / `*mut T`.
pub(crate) fn is_raw_ptr_type(ty: &Type) -> bool {
    match ty {
        Type::Ptr(_) => true,
        Type::Paren(p) => is_raw_ptr_type(&p.elem),
        Type::Group(g) => is_raw_ptr_type(&g.elem),
        _ => false,
    }
}

const PRIMITIVES: &[&str] = &[
    "u8", "u16", "u32", "u64", "u128", "usize", "i8", "i16", "i32", "i64", "i128", "isize", "f32", "f64", "bool",
    "char",
];

/// An integer, float, `bool`, `char` or raw pointer type.
pub(crate) fn is_primitive(ty: &Type) -> bool {
    match ty {
        Type::Ptr(_) => true,
        Type::Path(p) => p.qself.is_none() && p.path.get_ident().is_some_and(|i| PRIMITIVES.iter().any(|n| i == n)),
        Type::Paren(p) => is_primitive(&p.elem),
        Type::Group(g) => is_primitive(&g.elem),
        _ => false,
    }
}

/// Strip parentheses and invisible groups (not references).
pub(crate) fn strip_parens(mut e: &Expr) -> &Expr {
    loop {
        e = match e {
            Expr::Paren(p) => &p.expr,
            Expr::Group(g) => &g.expr,
            _ => return e,
        };
    }
}

/// The `std::ptr` functions that read, write, copy or drop through a raw
/// pointer (names only: `read` for `std::ptr::read`).
pub(crate) const PTR_FNS: &[&str] = &[
    "read",
    "read_unaligned",
    "read_volatile",
    "write",
    "write_unaligned",
    "write_volatile",
    "write_bytes",
    "copy",
    "copy_nonoverlapping",
    "swap",
    "swap_nonoverlapping",
    "replace",
    "drop_in_place",
];

/// The path resolves to `canonical` (`std::ptr::read`): through imports,
/// `core`/`alloc` roots, a written path of at least two segments
/// (`ptr::read`), or a glob import of its module (`use std::ptr::*`).
pub(crate) fn resolves_to(cx: &Cx<'_, '_>, path: &syn::Path, canonical: &str) -> bool {
    let r = cx.resolve(path);
    if r.matches(canonical, 2) {
        return true;
    }
    if path.segments.len() == 1
        && !r.via_import
        && let Some((module, name)) = canonical.rsplit_once("::")
    {
        return r.last() == name && cx.file.imports.has_glob(module);
    }
    false
}

/// `Type::function` where `Type` is one of `types` from the standard
/// library (`Vec::from_raw_parts`, `std::boxed::Box::from_raw`,
/// `alloc::ffi::CString::from_raw`); returns the type's name. A type
/// imported from elsewhere (`use my::Box`) does not count.
pub(crate) fn std_assoc_fn<'t>(
    cx: &Cx<'_, '_>,
    path: &syn::Path,
    types: &[&'t str],
    function: &str,
) -> Option<&'t str> {
    let r = cx.resolve(path);
    let n = r.segs.len();
    if n < 2 || r.segs[n - 1] != function {
        return None;
    }
    let ty = types.iter().find(|t| r.segs[n - 2] == **t)?;
    if r.via_import && r.segs[0] != "std" {
        return None;
    }
    Some(ty)
}

/// How a local variable was bound: its type annotation and initialiser.
#[derive(Clone, Copy)]
pub(crate) struct Binding<'ast> {
    pub ty: Option<&'ast Type>,
    pub init: Option<&'ast Expr>,
    /// Byte offset of the binding (the `let` or the parameter).
    pub at: u32,
    /// Byte offset of the bound identifier.
    pub ident_at: u32,
}

/// The binding of local `name` visible at byte offset `before` in `f`:
/// a parameter, a closure parameter, or the nearest preceding `let`.
pub(crate) fn find_binding<'ast>(
    cx: &Cx<'_, 'ast>,
    f: &FnLike<'ast>,
    name: &str,
    before: u32,
) -> Option<Binding<'ast>> {
    let mut found: Option<Binding<'ast>> = None;
    for input in &f.sig.inputs {
        if let FnArg::Typed(t) = input
            && let Some(id) = pat_ident(&t.pat).filter(|i| *i == name)
        {
            let ident_at = cx.file.byte_range(id.span()).map_or(u32::MAX, |(s, _)| s);
            found = Some(Binding { ty: Some(&t.ty), init: None, at: 0, ident_at });
        }
    }
    let mut v = BindingFinder { cx, name, before, found };
    v.visit_block(f.block);
    v.found
}

fn pat_ident(p: &Pat) -> Option<&syn::Ident> {
    crate::syntax::exprs::pat_ident(p).map(|i| &i.ident)
}

struct BindingFinder<'c, 'a, 'ast> {
    cx: &'c Cx<'a, 'ast>,
    name: &'c str,
    before: u32,
    found: Option<Binding<'ast>>,
}

impl<'ast> Visit<'ast> for BindingFinder<'_, '_, 'ast> {
    fn visit_local(&mut self, l: &'ast syn::Local) {
        let at = self.cx.file.byte_range(l.let_token.span).map_or(u32::MAX, |(s, _)| s);
        // The binding is visible after its statement (`let x = f(x);` uses the old `x`).
        let end = self.cx.file.byte_range(l.semi_token.span).map_or(u32::MAX, |(_, e)| e);
        if end <= self.before
            && let Some(id) = pat_ident(&l.pat).filter(|i| *i == self.name)
            && self.found.is_none_or(|b| b.at <= at)
        {
            let ty = match &l.pat {
                Pat::Type(t) => Some(&*t.ty),
                _ => None,
            };
            let ident_at = self.cx.file.byte_range(id.span()).map_or(u32::MAX, |(s, _)| s);
            self.found = Some(Binding { ty, init: l.init.as_ref().map(|i| &*i.expr), at, ident_at });
        }
        visit::visit_local(self, l);
    }

    fn visit_expr_closure(&mut self, c: &'ast syn::ExprClosure) {
        for input in &c.inputs {
            if let Pat::Type(t) = input
                && let Some(id) = pat_ident(&t.pat).filter(|i| *i == self.name)
            {
                let at = self.cx.file.byte_range(c.inputs_begin.span).map_or(u32::MAX, |(s, _)| s);
                if at < self.before {
                    let ident_at = self.cx.file.byte_range(id.span()).map_or(u32::MAX, |(s, _)| s);
                    self.found = Some(Binding { ty: Some(&t.ty), init: None, at, ident_at });
                }
            }
        }
        visit::visit_expr_closure(self, c);
    }

    fn visit_item(&mut self, _: &'ast Item) {}
}

/// Methods whose result is a raw pointer whatever the receiver.
const PTR_MAKERS: &[&str] = &["as_ptr", "as_mut_ptr", "cast", "cast_mut", "cast_const", "as_mut_ptr_range"];
/// Pointer arithmetic: a raw pointer when the receiver is one.
const PTR_ARITH: &[&str] = &[
    "add",
    "sub",
    "offset",
    "wrapping_add",
    "wrapping_sub",
    "wrapping_offset",
    "byte_add",
    "byte_sub",
    "byte_offset",
    "with_addr",
    "map_addr",
];

/// The expression is visibly a raw pointer: a cast to `*const`/`*mut`, a
/// pointer-producing call (`as_ptr()`, `ptr::null()`, `Box::into_raw`),
/// pointer arithmetic on one, `addr_of!`/`&raw`, a raw-pointer field, or a
/// local bound to one of these (or declared with a raw-pointer type).
pub(crate) fn is_raw_ptr_expr(cx: &Cx<'_, '_>, e: &Expr) -> bool {
    raw_ptr_expr(cx, e, 0)
}

fn raw_ptr_expr(cx: &Cx<'_, '_>, e: &Expr, depth: u32) -> bool {
    if depth > 4 {
        return false;
    }
    match strip_parens(e) {
        Expr::Cast(c) => is_raw_ptr_type(&c.ty),
        Expr::RawAddr(_) => true,
        Expr::MethodCall(m) => {
            let name = m.method.to_string();
            PTR_MAKERS.contains(&name.as_str())
                || (PTR_ARITH.contains(&name.as_str()) && raw_ptr_expr(cx, &m.receiver, depth + 1))
        }
        Expr::Call(c) => match &*c.func {
            Expr::Path(p) => {
                is_null_call(cx, &p.path)
                    || std_assoc_fn(cx, &p.path, &["Box", "CString", "Arc", "Rc", "Weak"], "into_raw").is_some()
                    || resolves_to(cx, &p.path, "std::ptr::from_ref")
                    || resolves_to(cx, &p.path, "std::ptr::from_mut")
                    || resolves_to(cx, &p.path, "std::ptr::slice_from_raw_parts")
                    || resolves_to(cx, &p.path, "std::ptr::slice_from_raw_parts_mut")
            }
            _ => false,
        },
        Expr::Macro(m) => {
            let name = m.mac.path.segments.last().map(|s| s.ident.to_string()).unwrap_or_default();
            name == "addr_of" || name == "addr_of_mut"
        }
        Expr::Field(f) => match &f.member {
            syn::Member::Named(n) => cx.file.unsafety.raw_ptr_fields.contains(&n.to_string()),
            syn::Member::Unnamed(_) => false,
        },
        Expr::Path(p) if p.qself.is_none() => {
            let Some(name) = p.path.get_ident() else { return false };
            let Some(f) = cx.enclosing_fn() else { return false };
            let at = cx.file.byte_range(name.span()).map_or(u32::MAX, |(s, _)| s);
            let name = name.to_string();
            match find_binding(cx, f, &name, at) {
                Some(b) => {
                    b.ty.is_some_and(is_raw_ptr_type)
                        || (b.ty.is_none() && b.init.is_some_and(|i| raw_ptr_expr(cx, i, depth + 1)))
                }
                None => false,
            }
        }
        _ => false,
    }
}

/// `ptr::null()`, `ptr::null_mut()` (any spelling that resolves to them).
fn is_null_call(cx: &Cx<'_, '_>, path: &syn::Path) -> bool {
    resolves_to(cx, path, "std::ptr::null") || resolves_to(cx, path, "std::ptr::null_mut")
}

/// The expression is visibly a null pointer: `ptr::null()`,
/// `ptr::null_mut()`, `0 as *const T`, `ptr::without_provenance(0)`.
pub(crate) fn is_null_ptr(cx: &Cx<'_, '_>, e: &Expr) -> bool {
    match strip_parens(e) {
        Expr::Call(c) => match &*c.func {
            Expr::Path(p) => {
                (c.args.is_empty() && is_null_call(cx, &p.path))
                    || ((resolves_to(cx, &p.path, "std::ptr::without_provenance")
                        || resolves_to(cx, &p.path, "std::ptr::without_provenance_mut"))
                        && c.args.first().is_some_and(is_zero))
            }
            _ => false,
        },
        Expr::Cast(c) => is_raw_ptr_type(&c.ty) && (is_zero(&c.expr) || is_null_ptr(cx, &c.expr)),
        Expr::MethodCall(m) => {
            matches!(m.method.to_string().as_str(), "cast" | "cast_mut" | "cast_const") && is_null_ptr(cx, &m.receiver)
        }
        _ => false,
    }
}

/// The integer literal `0` (any suffix).
pub(crate) fn is_zero(e: &Expr) -> bool {
    matches!(strip_parens(e), Expr::Lit(syn::ExprLit { lit: syn::Lit::Int(i), .. }) if i.base10_digits() == "0")
}

/// The docs (`FileCtx::docs`) have a `# Safety` section or a `SAFETY:`
/// note.
pub(crate) fn has_safety_doc(docs: &str) -> bool {
    crate::syntax::comments::has_safety_marker(docs) || has_heading(docs, "safety")
}

/// The docs have a Markdown heading `# <name>` (any level, any case).
pub(crate) fn has_heading(docs: &str, name: &str) -> bool {
    docs.lines().any(|l| {
        let t = l.trim_start();
        t.starts_with('#') && t.trim_start_matches('#').trim().trim_end_matches(':').eq_ignore_ascii_case(name)
    })
}

/// Attributes include `#[doc(hidden)]`.
pub(crate) fn is_doc_hidden(attrs: &[syn::Attribute]) -> bool {
    attrs.iter().any(|a| {
        a.path().is_ident("doc")
            && matches!(&a.meta, syn::Meta::List(l) if l.tokens.to_string().split(',').any(|t| t.trim() == "hidden"))
    })
}

/// The type a value is visibly expected to have: the annotation of the
/// `let` it initialises, or the function's return type when it is the
/// function's value (also through a trailing `unsafe { .. }` block).
/// `is_target` recognises the value (compare node addresses).
pub(crate) fn expected_type<'ast>(f: &FnLike<'ast>, is_target: &dyn Fn(&Expr) -> bool) -> Option<&'ast Type> {
    struct Finder<'c, 'ast> {
        is_target: &'c dyn Fn(&Expr) -> bool,
        found: Option<&'ast Type>,
    }
    impl<'ast> Visit<'ast> for Finder<'_, 'ast> {
        fn visit_local(&mut self, l: &'ast syn::Local) {
            if let Pat::Type(t) = &l.pat
                && !matches!(&*t.ty, Type::Infer(_))
                && l.init.as_ref().is_some_and(|i| is_value(&i.expr, self.is_target))
            {
                self.found = Some(&t.ty);
            }
            visit::visit_local(self, l);
        }
        fn visit_item(&mut self, _: &'ast Item) {}
    }
    let mut finder = Finder { is_target, found: None };
    finder.visit_block(f.block);
    if finder.found.is_some() {
        return finder.found;
    }
    match &f.sig.output {
        syn::ReturnType::Type(_, ty)
            if f.block
                .stmts
                .last()
                .is_some_and(|s| matches!(s, syn::Stmt::Expr(e, None) if is_value(e, is_target))) =>
        {
            Some(&**ty)
        }
        _ => None,
    }
}

/// `e` is the target, or a block (`unsafe { .. }`, `{ .. }`) whose value is.
fn is_value(e: &Expr, is_target: &dyn Fn(&Expr) -> bool) -> bool {
    let e = strip_parens(e);
    if is_target(e) {
        return true;
    }
    let block = match e {
        Expr::Unsafe(u) => &u.block,
        Expr::Block(b) => &b.block,
        _ => return false,
    };
    block.stmts.last().is_some_and(|s| matches!(s, syn::Stmt::Expr(e, None) if is_value(e, is_target)))
}

/// Does identifier `name` occur in `block` other than at the byte offsets
/// in `except`? Macro arguments count (as tokens).
pub(crate) fn ident_used_except(cx: &Cx<'_, '_>, block: &syn::Block, name: &str, except: &[u32]) -> bool {
    struct Uses<'c, 'a, 'ast> {
        cx: &'c Cx<'a, 'ast>,
        name: &'c str,
        except: &'c [u32],
        found: bool,
    }
    impl Uses<'_, '_, '_> {
        fn hit(&mut self, id: &proc_macro2::Ident) {
            if id == self.name {
                let at = self.cx.file.byte_range(id.span()).map_or(u32::MAX, |(s, _)| s);
                if !self.except.contains(&at) {
                    self.found = true;
                }
            }
        }
        fn tokens(&mut self, ts: proc_macro2::TokenStream) {
            for tt in ts {
                match tt {
                    proc_macro2::TokenTree::Ident(id) => self.hit(&id),
                    proc_macro2::TokenTree::Group(g) => self.tokens(g.stream()),
                    _ => {}
                }
            }
        }
    }
    impl<'ast> Visit<'ast> for Uses<'_, '_, 'ast> {
        fn visit_ident(&mut self, id: &'ast proc_macro2::Ident) {
            self.hit(id);
        }
        fn visit_macro(&mut self, m: &'ast syn::Macro) {
            self.tokens(m.tokens.clone());
        }
        fn visit_item(&mut self, _: &'ast Item) {}
    }
    let mut u = Uses { cx, name, except, found: false };
    u.visit_block(block);
    u.found
}

/// A short text of a type for messages (at most 60 chars).
pub(crate) fn type_text(cx: &Cx<'_, '_>, ty: &Type) -> String {
    use syn::spanned::Spanned;
    let s: String = cx.file.snippet(ty.span()).split_whitespace().collect::<Vec<_>>().join(" ");
    if s.chars().count() > 60 { format!("{}…", s.chars().take(59).collect::<String>()) } else { s }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn index_collects_unsafe_declarations() {
        let f: syn::File = syn::parse_str(
            "struct S { p: *mut u8, n: usize }
             static mut COUNT: usize = 0;
             static mut NAMES: Vec<String> = Vec::new();
             unsafe fn raw() {}
             impl S { unsafe fn get(&self) {} fn safe(&self) {} }
             extern \"C\" { fn abs(x: i32) -> i32; }
             mod m { pub unsafe trait T { unsafe fn t(); } }",
        )
        .unwrap();
        let ix = UnsafeIndex::from_items(&f.items);
        assert!(ix.raw_ptr_fields.contains("p") && !ix.raw_ptr_fields.contains("n"));
        assert_eq!(ix.static_muts.get("COUNT"), Some(&true));
        assert_eq!(ix.static_muts.get("NAMES"), Some(&false));
        let mut fns: Vec<&str> = ix.unsafe_fns.iter().map(String::as_str).collect();
        fns.sort_unstable();
        assert_eq!(fns, ["get", "raw", "t"]);
        assert!(ix.foreign_fns.contains("abs"));
    }

    #[test]
    fn phantom_only_type_params() {
        let f: syn::File = syn::parse_str(
            "pub struct Empty<T>(std::marker::PhantomData<T>);
             struct Lock<T, R> { value: UnsafeCell<T>, relax: PhantomData<fn() -> R> }",
        )
        .unwrap();
        let ix = UnsafeIndex::from_items(&f.items);
        let empty = &ix.types["Empty"];
        assert!(empty.is_pub);
        assert_eq!(empty.params, [("T".to_string(), true)]);
        let lock = &ix.types["Lock"];
        assert!(!lock.is_pub);
        assert_eq!(lock.params, [("T".to_string(), false), ("R".to_string(), true)]);
        assert_eq!(lock.owned, [true, false]);
        let f: syn::File = syn::parse_str("pub struct P<T>(std::ptr::NonNull<T>, *const T, &'static T);").unwrap();
        assert_eq!(UnsafeIndex::from_items(&f.items).types["P"].owned, [false]);
    }

    #[test]
    fn headings() {
        assert!(has_heading(" Reads it.\n\n # Safety\n `p` is valid.", "safety"));
        assert!(has_heading("## SAFETY:", "safety"));
        assert!(!has_heading("Safety first", "safety"));
    }
}
