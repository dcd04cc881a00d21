//! Macro arguments. syn keeps macro bodies as tokens; most macros rules care
//! about (`format!`, `println!`, `assert!`, `vec!`, `log`/`tracing`
//! macros, user macros called like functions) take comma-separated
//! expressions, which we parse so rules can see inside them. Tokens keep
//! their source spans, so findings inside macro arguments point at the
//! right place.

use std::rc::Rc;

use proc_macro2::{Delimiter, TokenStream, TokenTree};
use syn::parse::Parser;
use syn::punctuated::Punctuated;
use syn::{Expr, Item, Macro, MacroDelimiter, Token};

/// Macros whose bodies are not Rust expressions, or are never executed as
/// written: not parsed.
const OPAQUE: &[&str] = &[
    "macro_rules",
    "quote",
    "quote_spanned",
    "parse_quote",
    "parse_quote_spanned",
    "stringify",
    "concat_idents",
    "include",
    "include_str",
    "include_bytes",
    "env",
    "option_env",
    "cfg",
    "compile_error",
    "html",
    "rsx",
    "view",
    "sql",
    "global_asm",
    "asm",
    "naked_asm",
];

/// One macro argument: `expr`, `name = expr`, `name: expr`, `%expr`, `?expr`.
#[derive(Debug, Clone)]
pub(crate) struct MacroArg {
    pub name: Option<syn::Ident>,
    pub expr: Expr,
}

/// The last segment of the macro's path (`println` for `std::println!`).
pub(crate) fn macro_name(mac: &Macro) -> String {
    mac.path.segments.last().map(|s| s.ident.to_string()).unwrap_or_default()
}

pub(crate) fn is_opaque(name: &str) -> bool {
    OPAQUE.contains(&name)
}

/// The arguments of a function-like macro, tolerant of `key = value`,
/// `target: "x"` and tracing's `%`/`?` sigils. Arguments that do not parse
/// as expressions are skipped.
pub(crate) fn parse_args(mac: &Macro) -> Vec<MacroArg> {
    parse_args_how(mac).0
}

/// [`parse_args`], and whether the arguments are the body read as a plain
/// comma-separated list of expressions (no `vec![x; n]`, no `key = v`
/// or sigils, nothing skipped).
fn parse_args_how(mac: &Macro) -> (Vec<MacroArg>, bool) {
    if matches!(mac.delimiter, MacroDelimiter::Brace(_)) && !mac.path.is_ident("vec") {
        return (Vec::new(), false);
    }
    parse_arg_tokens(mac.tokens.clone())
}

/// Parsed arguments by (macro address, `!` line, `!` column), with
/// [`parse_args_how`]'s flag.
type ArgsCache = rustc_hash::FxHashMap<(usize, usize, usize), (Rc<Vec<MacroArg>>, bool)>;

thread_local! {
    /// Parsed arguments of the macros of the file being analysed, by the
    /// macro's address and place: the walker and the taint engine both
    /// need them. Emptied before and after each file ([`clear_cache`]), so
    /// an address is never reused across ASTs.
    static ARGS: std::cell::RefCell<ArgsCache> =
        Default::default();
}

/// [`parse_args`], parsed once per macro of the current file.
pub(crate) fn parse_args_cached(mac: &Macro) -> Rc<Vec<MacroArg>> {
    parse_args_cached_how(mac).0
}

/// [`parse_args_cached`], with whether the arguments are the body read as
/// a plain comma-separated list of expressions: then they are also what
/// the semantic model's `macro_exprs` reads, which shares them.
pub(crate) fn parse_args_cached_how(mac: &Macro) -> (Rc<Vec<MacroArg>>, bool) {
    let at = mac.bang_token.span.start();
    let key = (std::ptr::from_ref(mac) as usize, at.line, at.column);
    if let Some(hit) = ARGS.with(|c| c.borrow().get(&key).cloned()) {
        return hit;
    }
    let (args, plain) = parse_args_how(mac);
    let args = Rc::new(args);
    ARGS.with(|c| c.borrow_mut().insert(key, (args.clone(), plain)));
    (args, plain)
}

/// Forget the parsed macro arguments (call when a file's AST goes away).
pub(crate) fn clear_cache() {
    ARGS.with(|c| {
        let mut c = c.borrow_mut();
        c.clear();
        c.shrink_to(64);
    });
}

/// The arguments in `tokens`, and whether they parsed as a plain
/// comma-separated list of expressions.
fn parse_arg_tokens(tokens: TokenStream) -> (Vec<MacroArg>, bool) {
    if tokens.is_empty() {
        return (Vec::new(), false);
    }
    if let Ok(list) = Punctuated::<Expr, Token![,]>::parse_terminated.parse2(tokens.clone()) {
        return (list.into_iter().map(|expr| MacroArg { name: None, expr }).collect(), true);
    }
    // `vec![x; n]`
    if let Ok(e) = syn::parse2::<syn::ExprRepeat>(wrap_brackets(&tokens)) {
        return (vec![MacroArg { name: None, expr: *e.expr }, MacroArg { name: None, expr: *e.len }], false);
    }
    let mut out = Vec::new();
    for chunk in split_top_level(tokens) {
        let (name, rest) = strip_arg_prefix(chunk);
        if let Ok(expr) = syn::parse2::<Expr>(rest) {
            out.push(MacroArg { name, expr });
        }
    }
    (out, false)
}

fn wrap_brackets(tokens: &TokenStream) -> TokenStream {
    let g = proc_macro2::Group::new(Delimiter::Bracket, tokens.clone());
    TokenStream::from(TokenTree::Group(g))
}

/// Split at top-level `,` and `;`.
fn split_top_level(tokens: TokenStream) -> Vec<Vec<TokenTree>> {
    let mut chunks = Vec::new();
    let mut cur = Vec::new();
    for tt in tokens {
        match &tt {
            TokenTree::Punct(p) if p.as_char() == ',' || p.as_char() == ';' => {
                chunks.push(std::mem::take(&mut cur));
            }
            _ => cur.push(tt),
        }
    }
    if !cur.is_empty() {
        chunks.push(cur);
    }
    chunks
}

/// Strip `name =`, `name:` (not `::`), dotted tracing field names, and the
/// `%`/`?` sigils; return the argument name if there was one.
fn strip_arg_prefix(chunk: Vec<TokenTree>) -> (Option<syn::Ident>, TokenStream) {
    let mut name = None;
    let mut i = 0;
    // name (possibly dotted: `user.id = ...`)
    let mut j = 0;
    while let Some(TokenTree::Ident(id)) = chunk.get(j) {
        let next = chunk.get(j + 1);
        match next {
            Some(TokenTree::Punct(p)) if p.as_char() == '.' => j += 2,
            Some(TokenTree::Punct(p))
                if (p.as_char() == '=' && p.spacing() == proc_macro2::Spacing::Alone)
                    || (p.as_char() == ':' && p.spacing() == proc_macro2::Spacing::Alone) =>
            {
                name = Some(id.clone());
                i = j + 2;
                break;
            }
            _ => break,
        }
    }
    if let Some(TokenTree::Punct(p)) = chunk.get(i)
        && (p.as_char() == '%' || p.as_char() == '?')
    {
        i += 1;
    }
    (name, chunk.into_iter().skip(i).collect())
}

/// Items inside an item-position macro such as `cfg_if! { if #[cfg(x)] {
/// items } else { items } }` or `thread_local! { static X: T = e; }`.
/// The string literals of a macro body that parses neither as arguments
/// nor as items (`serde_json::json!({ "k": "v" })`), at any depth: what
/// literal-level rules still see of it. Attributes (doc comments
/// included) are skipped: comments are not code.
pub(crate) fn body_string_literals(tokens: TokenStream) -> Vec<syn::Lit> {
    fn walk(tokens: TokenStream, out: &mut Vec<syn::Lit>) {
        // After `#` or `#!`: the next bracket group is an attribute.
        let mut attribute = false;
        for tt in tokens {
            let next_attribute = match &tt {
                TokenTree::Punct(p) => p.as_char() == '#' || (attribute && p.as_char() == '!'),
                _ => false,
            };
            match tt {
                TokenTree::Group(g) if attribute && g.delimiter() == Delimiter::Bracket => {}
                TokenTree::Group(g) => walk(g.stream(), out),
                TokenTree::Literal(l) => {
                    let lit = syn::Lit::new(l);
                    if matches!(lit, syn::Lit::Str(_) | syn::Lit::ByteStr(_) | syn::Lit::CStr(_)) {
                        out.push(lit);
                    }
                }
                TokenTree::Punct(_) | TokenTree::Ident(_) => {}
            }
            attribute = next_attribute;
        }
    }
    let mut out = Vec::new();
    walk(tokens, &mut out);
    out
}

/// `"key": "value"` pairs of a JSON-like macro body (`json!`), at any
/// depth: (key, value literal).
pub(crate) fn json_pairs(tokens: TokenStream) -> Vec<(String, syn::Lit)> {
    fn walk(tokens: TokenStream, out: &mut Vec<(String, syn::Lit)>) {
        let tts: Vec<TokenTree> = tokens.into_iter().collect();
        for (i, tt) in tts.iter().enumerate() {
            match tt {
                TokenTree::Group(g) => walk(g.stream(), out),
                TokenTree::Literal(k) => {
                    let (Some(TokenTree::Punct(p)), Some(TokenTree::Literal(v))) = (tts.get(i + 1), tts.get(i + 2))
                    else {
                        continue;
                    };
                    if p.as_char() != ':' {
                        continue;
                    }
                    if let (syn::Lit::Str(key), value @ syn::Lit::Str(_)) =
                        (syn::Lit::new(k.clone()), syn::Lit::new(v.clone()))
                    {
                        out.push((key.value(), value));
                    }
                }
                _ => {}
            }
        }
    }
    let mut out = Vec::new();
    walk(tokens, &mut out);
    out
}

pub(crate) fn body_items(mac: &Macro) -> Vec<Item> {
    let name = macro_name(mac);
    if name == "cfg_if" {
        let mut out = Vec::new();
        collect_brace_groups(mac.tokens.clone(), &mut out);
        return out;
    }
    if !matches!(mac.delimiter, MacroDelimiter::Brace(_)) {
        return Vec::new();
    }
    parse_items(mac.tokens.clone()).unwrap_or_default()
}

fn collect_brace_groups(tokens: TokenStream, out: &mut Vec<Item>) {
    for tt in tokens {
        if let TokenTree::Group(g) = tt
            && g.delimiter() == Delimiter::Brace
            && let Some(items) = parse_items(g.stream())
        {
            out.extend(items);
        }
    }
}

fn parse_items(tokens: TokenStream) -> Option<Vec<Item>> {
    syn::parse2::<syn::File>(tokens).ok().map(|f| f.items)
}

/// What an `unsafe` keyword spelled in a `macro_rules!` transcriber
/// introduces.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum UnsafeKind {
    Block,
    Fn,
    /// An `unsafe fn` directly inside an `impl` or `trait` body.
    Method,
    Impl,
    Trait,
    ExternBlock,
}

/// An `unsafe` keyword in a `macro_rules!` transcriber.
#[derive(Debug, Clone, Copy)]
pub(crate) struct MacroUnsafe {
    pub kind: UnsafeKind,
    pub unsafe_span: proc_macro2::Span,
    /// The braces of an `unsafe { .. }` block.
    pub braces: Option<proc_macro2::extra::DelimSpan>,
}

/// The `unsafe` blocks, fns, impls, traits and extern blocks spelled out
/// in the transcribers (right-hand sides) of a `macro_rules!` definition.
/// Matchers are skipped: `(unsafe fn $name:ident) => ..` matches the
/// keyword, it does not use it.
pub(crate) fn macro_rules_unsafe(tokens: &TokenStream) -> Vec<MacroUnsafe> {
    let mut out = Vec::new();
    let trees: Vec<TokenTree> = tokens.clone().into_iter().collect();
    for (i, tt) in trees.iter().enumerate() {
        let TokenTree::Group(g) = tt else { continue };
        let after_arrow = i >= 2
            && matches!(&trees[i - 1], TokenTree::Punct(p) if p.as_char() == '>')
            && matches!(&trees[i - 2], TokenTree::Punct(p) if p.as_char() == '=' && p.spacing() == proc_macro2::Spacing::Joint);
        if after_arrow {
            scan_unsafe(g.stream(), false, &mut out);
        }
    }
    out
}

fn scan_unsafe(stream: TokenStream, in_impl: bool, out: &mut Vec<MacroUnsafe>) {
    let trees: Vec<TokenTree> = stream.into_iter().collect();
    let ident_is = |i: usize, name: &str| matches!(trees.get(i), Some(TokenTree::Ident(id)) if id == name);
    let mut pending_impl = false;
    for (i, tt) in trees.iter().enumerate() {
        match tt {
            TokenTree::Ident(id) if id == "unsafe" => {
                let kind = match trees.get(i + 1) {
                    Some(TokenTree::Group(g)) if g.delimiter() == Delimiter::Brace => {
                        out.push(MacroUnsafe {
                            kind: UnsafeKind::Block,
                            unsafe_span: id.span(),
                            braces: Some(g.delim_span()),
                        });
                        continue;
                    }
                    _ if ident_is(i + 1, "impl") => UnsafeKind::Impl,
                    _ if ident_is(i + 1, "trait") || (ident_is(i + 1, "auto") && ident_is(i + 2, "trait")) => {
                        UnsafeKind::Trait
                    }
                    _ if ident_is(i + 1, "fn") => fn_kind(in_impl),
                    _ if ident_is(i + 1, "extern") => {
                        let mut j = i + 2;
                        if matches!(trees.get(j), Some(TokenTree::Literal(_))) {
                            j += 1;
                        }
                        match trees.get(j) {
                            Some(TokenTree::Group(g)) if g.delimiter() == Delimiter::Brace => UnsafeKind::ExternBlock,
                            Some(TokenTree::Ident(f)) if f == "fn" => fn_kind(in_impl),
                            _ => continue,
                        }
                    }
                    _ => continue,
                };
                out.push(MacroUnsafe { kind, unsafe_span: id.span(), braces: None });
            }
            TokenTree::Ident(id) if id == "impl" || id == "trait" => pending_impl = true,
            TokenTree::Ident(id) if id == "fn" => pending_impl = false,
            TokenTree::Punct(p) if p.as_char() == ';' => pending_impl = false,
            TokenTree::Group(g) => {
                let body = g.delimiter() == Delimiter::Brace;
                scan_unsafe(g.stream(), body && pending_impl, out);
                if body {
                    pending_impl = false;
                }
            }
            _ => {}
        }
    }
}

fn fn_kind(in_impl: bool) -> UnsafeKind {
    if in_impl { UnsafeKind::Method } else { UnsafeKind::Fn }
}

/// A placeholder in a format string: `{}`, `{0}`, `{name}`, `{name:?}`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Placeholder {
    /// `{}` — the next positional argument.
    Next,
    Index(usize),
    /// An inline capture or named argument.
    Name(String),
}

/// Parse the placeholders of a `format!`-style string (`{{` and `}}` are
/// escapes). Width/precision references (`{:1$}`, `{:.*}`) are ignored.
pub(crate) fn format_placeholders(s: &str) -> Vec<Placeholder> {
    format_placeholder_specs(s).into_iter().map(|(p, _)| p).collect()
}

/// The placeholders of a `format!`-style string with their spec (the text
/// after `:`, `?` for Debug).
pub(crate) fn format_placeholder_specs(s: &str) -> Vec<(Placeholder, String)> {
    let mut out = Vec::new();
    let bytes = s.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'{' if bytes.get(i + 1) == Some(&b'{') => i += 2,
            b'}' if bytes.get(i + 1) == Some(&b'}') => i += 2,
            b'{' => {
                let Some(end) = s[i + 1..].find('}') else {
                    break;
                };
                let inner = &s[i + 1..i + 1 + end];
                let (arg, spec) = inner.split_once(':').unwrap_or((inner, ""));
                let arg = arg.trim();
                let p = if arg.is_empty() {
                    Placeholder::Next
                } else if let Ok(n) = arg.parse::<usize>() {
                    Placeholder::Index(n)
                } else {
                    Placeholder::Name(arg.to_string())
                };
                out.push((p, spec.to_string()));
                i += end + 2;
            }
            _ => i += 1,
        }
    }
    out
}

/// A placeholder of a format string as written in the source: what it
/// names, its spec (`inner` = text between the braces) and the offset of
/// its closing brace in the literal's source text.
#[derive(Debug, PartialEq, Eq)]
pub(crate) struct SourcePlaceholder {
    pub(crate) arg: Placeholder,
    pub(crate) inner: String,
    pub(crate) close: usize,
}

/// The placeholders of a string literal's source text (`"…"` or
/// `r#"…"#`), with their offsets in it; `None` for other literals and
/// for a `\u{…}` escape (it can spell a brace).
pub(crate) fn source_placeholders(src: &str) -> Option<Vec<SourcePlaceholder>> {
    let (raw, open) = if let Some(rest) = src.strip_prefix('r') {
        (true, 1 + rest.find('"')? + 1)
    } else {
        (false, usize::from(src.starts_with('"')))
    };
    if open == 0 {
        return None;
    }
    let bytes = src.as_bytes();
    let last = src.rfind('"').filter(|&q| q >= open)?;
    let mut out = Vec::new();
    let mut i = open;
    while i < last {
        match bytes[i] {
            b'\\' if !raw => {
                if bytes.get(i + 1) == Some(&b'u') {
                    return None;
                }
                i += 2;
            }
            b'{' if bytes.get(i + 1) == Some(&b'{') => i += 2,
            b'}' if bytes.get(i + 1) == Some(&b'}') => i += 2,
            b'{' => {
                let end = i + 1 + src.get(i + 1..last)?.find('}')?;
                let inner = src.get(i + 1..end)?.to_string();
                if inner.contains(['\\', '"', '{']) {
                    return None;
                }
                let name = inner.split(':').next().unwrap_or("").trim();
                let arg = if name.is_empty() {
                    Placeholder::Next
                } else if let Ok(n) = name.parse::<usize>() {
                    Placeholder::Index(n)
                } else {
                    Placeholder::Name(name.to_string())
                };
                out.push(SourcePlaceholder { arg, inner, close: end });
                i = end + 1;
            }
            _ => i += 1,
        }
    }
    Some(out)
}

/// The spec that formats a placeholder with Debug (`""` → `":?"`,
/// `":>8"` → `":>8?"`), as text to insert before its closing brace;
/// `None` when it already does or names another trait (`{:x}`).
pub(crate) fn debug_insertion(inner: &str) -> Option<&'static str> {
    match inner.split_once(':') {
        None => Some(":?"),
        Some((_, spec)) => match spec.chars().last() {
            None => Some("?"),
            Some(c) if c.is_ascii_alphabetic() || c == '?' => None,
            Some(_) => Some("?"),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn literals_and_json_pairs_of_unparsed_bodies_skip_attributes() {
        let mac: Macro =
            syn::parse_str(r#"m!({ #[doc = "no"] "k": "v", "n": { "token": "t" }, #![doc = "no"] x: b"b" })"#).unwrap();
        let lits: Vec<String> =
            body_string_literals(mac.tokens.clone()).iter().map(|l| quote::quote!(#l).to_string()).collect();
        assert_eq!(lits, [r#""k""#, r#""v""#, r#""n""#, r#""token""#, r#""t""#, r#"b"b""#]);
        let pairs: Vec<String> = json_pairs(mac.tokens).into_iter().map(|(k, _)| k).collect();
        assert_eq!(pairs, ["k", "token"]);
    }

    fn mac(src: &str) -> Macro {
        let e: syn::ExprMacro = syn::parse_str(src).unwrap();
        e.mac
    }

    #[test]
    fn parses_plain_and_tracing_style_args() {
        assert_eq!(parse_args(&mac("println!(\"{}\", x.unwrap())")).len(), 2);
        let args = parse_args(&mac("info!(target: \"db\", %user, password = ?p, \"login {}\", name)"));
        let names: Vec<_> = args.iter().map(|a| a.name.as_ref().map(|n| n.to_string())).collect();
        assert_eq!(names, vec![Some("target".into()), None, Some("password".into()), None, None]);
        assert_eq!(parse_args(&mac("vec![0u8; n]")).len(), 2);
    }

    #[test]
    fn finds_unsafe_in_macro_rules_transcribers_only() {
        let m: syn::ItemMacro = syn::parse_str(
            "macro_rules! m {
                (unsafe fn $n:ident) => { unsafe { x() } };
                ($t:ty) => {
                    unsafe impl Send for $t {}
                    impl $t { pub unsafe fn get(&self) -> u8 { unsafe { *self.0 } } }
                    unsafe fn free() {}
                    unsafe extern \"C\" { fn c(); }
                    $( unsafe { y() } )*
                };
            }",
        )
        .unwrap();
        let kinds: Vec<UnsafeKind> = macro_rules_unsafe(&m.mac.tokens).iter().map(|u| u.kind).collect();
        use UnsafeKind::*;
        assert_eq!(kinds, vec![Block, Impl, Method, Block, Fn, ExternBlock, Block]);
    }

    #[test]
    fn format_placeholders_parse() {
        assert_eq!(
            format_placeholders("a {} {{x}} {0} {name:?} {:>8}"),
            vec![Placeholder::Next, Placeholder::Index(0), Placeholder::Name("name".into()), Placeholder::Next]
        );
    }

    #[test]
    fn placeholders_are_found_in_the_source_text_of_the_literal() {
        let p = source_placeholders(r#""a {} b\n{0:>3} {{x}} {name}""#).unwrap();
        let got: Vec<(&str, usize)> = p.iter().map(|p| (p.inner.as_str(), p.close)).collect();
        assert_eq!(got, [("", 4), ("0:>3", 14), ("name", 27)]);
        assert_eq!(source_placeholders(r##"r#"x {} "y""#"##).unwrap().len(), 1);
        assert_eq!(source_placeholders(r#""\u{7b}{}""#), None);
        assert_eq!(debug_insertion(""), Some(":?"));
        assert_eq!(debug_insertion("0:>3"), Some("?"));
        assert_eq!(debug_insertion(":x"), None);
        assert_eq!(debug_insertion(":?"), None);
    }
}
