//! Items, attributes, `use` trees and macro bodies that do not parse:
//! FFI declarations, constructors and allocators, imports, and paths
//! spelled in tokens.

use std::collections::HashSet;

use proc_macro2::{Span, TokenStream, TokenTree};

use super::{Detail, X, quote_text_tokens};
use crate::deps::caps::{self, Cap};
use crate::deps::shapes;
use crate::syntax::exprs;

/// Link sections whose functions run when a binary or library loads.
const INIT_SECTIONS: &[&str] = &[".init_array", ".ctors", ".preinit_array", "__DATA,__mod_init_func", ".CRT$X"];

/// C library functions a Rust crate can replace by exporting a symbol of
/// the same name (`#[no_mangle] fn malloc`).
const INTERPOSED: &[&str] = &[
    "malloc",
    "free",
    "calloc",
    "realloc",
    "open",
    "open64",
    "openat",
    "read",
    "write",
    "connect",
    "getenv",
    "execve",
    "fopen",
    "dlopen",
    "dlsym",
    "__libc_start_main",
    "main",
    "_init",
    "_start",
    "getaddrinfo",
    "send",
    "recv",
];

/// Attribute macros that register code to run before `main`.
const CTOR_ATTRS: &[&str] = &["ctor", "dtor", "constructor", "destructor"];

impl X<'_, '_> {
    /// Paths spelled in tokens that do not parse as Rust (macro bodies):
    /// `a::b::c` sequences resolved like written paths.
    pub(super) fn scan_tokens(&mut self, tokens: &TokenStream, context: &str) {
        let mut found: HashSet<String> = HashSet::new();
        let mut budget = 20_000usize;
        self.scan_into(tokens.clone(), context, &mut found, &mut budget);
    }

    fn scan_into(&mut self, tokens: TokenStream, context: &str, found: &mut HashSet<String>, budget: &mut usize) {
        let trees: Vec<TokenTree> = tokens.into_iter().collect();
        let mut i = 0;
        while i < trees.len() {
            if *budget == 0 {
                return;
            }
            *budget -= 1;
            match &trees[i] {
                TokenTree::Group(g) => self.scan_into(g.stream(), context, found, budget),
                TokenTree::Literal(l) => {
                    let text = l.to_string();
                    if let Some(marker) = shapes::sensitive_path(&text) {
                        let r = self.range(l.span(), l.span());
                        self.push(
                            None,
                            format!("mentions `{marker}` {context}"),
                            r,
                            Detail::Sensitive(marker.to_string()),
                        );
                    }
                }
                TokenTree::Ident(id) => {
                    // `a :: b :: c`
                    let mut segs = vec![id.to_string()];
                    let mut j = i + 1;
                    while j + 2 < trees.len() + 1 {
                        match (&trees.get(j), &trees.get(j + 1), &trees.get(j + 2)) {
                            (Some(TokenTree::Punct(a)), Some(TokenTree::Punct(b)), Some(TokenTree::Ident(n)))
                                if a.as_char() == ':' && b.as_char() == ':' =>
                            {
                                segs.push(n.to_string());
                                j += 3;
                            }
                            _ => break,
                        }
                    }
                    if segs.len() >= 2 || self.file.imports.lookup(&segs[0]).is_some() {
                        let first_span = id.span();
                        if let Some((what, api)) = self.api_segs(segs)
                            && found.insert(what.clone())
                        {
                            let r = self.range(first_span, first_span);
                            if let Some(k) = self.push(Some(api.cap), what, r, Detail::None) {
                                self.out[k].toolchain = api.toolchain;
                                self.out[k].indirect = true;
                                self.out[k].snippet = format!("{} {context}", self.out[k].snippet);
                            }
                        }
                    }
                    i = j.max(i + 1);
                    continue;
                }
                TokenTree::Punct(_) => {}
            }
            i += 1;
        }
    }

    // --- items --------------------------------------------------------------

    pub(super) fn on_attrs(&mut self, attrs_: &[syn::Attribute], item_name: Option<&syn::Ident>, is_fn: bool) {
        let mut used = false;
        let mut section: Option<(String, Span)> = None;
        for a in attrs_ {
            // Edition 2024 spells `#[unsafe(no_mangle)]`, `#[unsafe(link_section = "..")]`.
            let metas: Vec<syn::Meta> = if a.path().is_ident("unsafe") {
                a.parse_args_with(syn::punctuated::Punctuated::<syn::Meta, syn::Token![,]>::parse_terminated)
                    .map(|l| l.into_iter().collect())
                    .unwrap_or_default()
            } else {
                vec![a.meta.clone()]
            };
            for meta in metas {
                let path = meta.path();
                let last = path.segments.last().map(|s| s.ident.to_string()).unwrap_or_default();
                let r = self.range(a.pound_token.span, a.bracket_token.span.close());
                match last.as_str() {
                    "link" if path.segments.len() == 1 => {
                        let lib = quote_text_tokens(&meta)
                            .split("name")
                            .nth(1)
                            .and_then(|s| s.split('"').nth(1))
                            .unwrap_or("")
                            .to_string();
                        self.push(Some(Cap::Ffi), format!("#[link(name = \"{lib}\")]"), r, Detail::Link);
                    }
                    "global_allocator" => {
                        self.push(Some(Cap::Init), "#[global_allocator]".into(), r, Detail::Init);
                    }
                    "panic_handler" => {
                        self.push(Some(Cap::Init), "#[panic_handler]".into(), r, Detail::Init);
                    }
                    "used" => used = true,
                    "link_section" => {
                        if let syn::Meta::NameValue(nv) = &meta
                            && let Some(s) = exprs::str_lit(&nv.value)
                        {
                            section = Some((s, a.pound_token.span));
                        }
                    }
                    "no_mangle" | "export_name" if is_fn || item_name.is_some() => {
                        let sym = match &meta {
                            syn::Meta::NameValue(nv) => exprs::str_lit(&nv.value),
                            _ => item_name.map(ToString::to_string),
                        }
                        .unwrap_or_default();
                        if INTERPOSED.contains(&sym.as_str()) {
                            self.push(Some(Cap::Init), format!("exports `{sym}`"), r, Detail::Init);
                        } else if is_fn {
                            self.push(Some(Cap::Ffi), format!("exports `{sym}`"), r, Detail::None);
                        }
                    }
                    n if CTOR_ATTRS.contains(&n)
                        && (path.segments.len() == 1
                            || path.segments.iter().any(|s| {
                                matches!(s.ident.to_string().as_str(), "ctor" | "static_init" | "small_ctor")
                            })) =>
                    {
                        self.push(
                            Some(Cap::Init),
                            format!(
                                "#[{}]",
                                path.segments.iter().map(|s| s.ident.to_string()).collect::<Vec<_>>().join("::")
                            ),
                            r,
                            Detail::Init,
                        );
                    }
                    _ => {}
                }
            }
        }
        if let Some((s, span)) = section
            && INIT_SECTIONS.iter().any(|p| s.starts_with(p))
        {
            let r = self.range(span, span);
            let what =
                if used { format!("#[used] #[link_section = \"{s}\"]") } else { format!("#[link_section = \"{s}\"]") };
            self.push(Some(Cap::Init), what, r, Detail::Init);
        }
    }

    pub(super) fn on_use(&mut self, u: &syn::ItemUse) {
        let mut leaves = Vec::new();
        flatten_use(&u.tree, &mut Vec::new(), &mut leaves);
        for (segs, span) in leaves {
            let mut segs = segs;
            if let Some(f) = segs.first_mut()
                && (f == "core" || f == "alloc")
            {
                *f = "std".into();
            }
            let path_segs = segs.clone();
            // A `use` names a full path: no import or glob applies to it.
            let api = caps::table().lookup(&path_segs).map(|a| (path_segs.join("::"), a));
            if let Some((what, api)) = api {
                let r = self.range(span, span);
                if let Some(i) = self.push(Some(api.cap), what, r, Detail::None) {
                    self.out[i].toolchain = api.toolchain;
                    self.out[i].indirect = true;
                }
            }
        }
    }
}

/// The leaves of a `use` tree: full paths and where they are written.
fn flatten_use(tree: &syn::UseTree, prefix: &mut Vec<String>, out: &mut Vec<(Vec<String>, Span)>) {
    match tree {
        syn::UseTree::Path(p) => {
            prefix.push(p.ident.to_string());
            flatten_use(&p.tree, prefix, out);
            prefix.pop();
        }
        syn::UseTree::Name(n) => {
            let mut full = prefix.clone();
            if n.ident != "self" {
                full.push(n.ident.to_string());
            }
            out.push((full, n.ident.span()));
        }
        syn::UseTree::Rename(r) => {
            let mut full = prefix.clone();
            if r.ident != "self" {
                full.push(r.ident.to_string());
            }
            out.push((full, r.ident.span()));
        }
        syn::UseTree::Glob(g) => out.push((prefix.clone(), g.star_token.span)),
        syn::UseTree::Group(g) => {
            for t in &g.items {
                flatten_use(t, prefix, out);
            }
        }
    }
}
