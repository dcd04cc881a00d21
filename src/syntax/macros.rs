//! Macro arguments. syn keeps macro bodies as tokens; most macros rules care
//! about (`format!`, `println!`, `assert!`, `vec!`, `log`/`tracing`
//! macros, user macros called like functions) take comma-separated
//! expressions, which we parse so rules can see inside them. Tokens keep
//! their source spans, so findings inside macro arguments point at the
//! right place.

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
pub struct MacroArg {
    pub name: Option<syn::Ident>,
    pub expr: Expr,
}

/// The last segment of the macro's path (`println` for `std::println!`).
pub fn macro_name(mac: &Macro) -> String {
    mac.path.segments.last().map(|s| s.ident.to_string()).unwrap_or_default()
}

pub fn is_opaque(name: &str) -> bool {
    OPAQUE.contains(&name)
}

/// The arguments of a function-like macro, tolerant of `key = value`,
/// `target: "x"` and tracing's `%`/`?` sigils. Arguments that do not parse
/// as expressions are skipped.
pub fn parse_args(mac: &Macro) -> Vec<MacroArg> {
    if matches!(mac.delimiter, MacroDelimiter::Brace(_)) && !mac.path.is_ident("vec") {
        return Vec::new();
    }
    parse_arg_tokens(mac.tokens.clone())
}

pub fn parse_arg_tokens(tokens: TokenStream) -> Vec<MacroArg> {
    if tokens.is_empty() {
        return Vec::new();
    }
    if let Ok(list) = Punctuated::<Expr, Token![,]>::parse_terminated.parse2(tokens.clone()) {
        return list.into_iter().map(|expr| MacroArg { name: None, expr }).collect();
    }
    // `vec![x; n]`
    if let Ok(e) = syn::parse2::<syn::ExprRepeat>(wrap_brackets(&tokens)) {
        return vec![MacroArg { name: None, expr: *e.expr }, MacroArg { name: None, expr: *e.len }];
    }
    let mut out = Vec::new();
    for chunk in split_top_level(tokens) {
        let (name, rest) = strip_arg_prefix(chunk);
        if let Ok(expr) = syn::parse2::<Expr>(rest) {
            out.push(MacroArg { name, expr });
        }
    }
    out
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
pub fn body_items(mac: &Macro) -> Vec<Item> {
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

/// A placeholder in a format string: `{}`, `{0}`, `{name}`, `{name:?}`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Placeholder {
    /// `{}` — the next positional argument.
    Next,
    Index(usize),
    /// An inline capture or named argument.
    Name(String),
}

/// Parse the placeholders of a `format!`-style string (`{{` and `}}` are
/// escapes). Width/precision references (`{:1$}`, `{:.*}`) are ignored.
pub fn format_placeholders(s: &str) -> Vec<Placeholder> {
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
                let arg = inner.split(':').next().unwrap_or("").trim();
                if arg.is_empty() {
                    out.push(Placeholder::Next);
                } else if let Ok(n) = arg.parse::<usize>() {
                    out.push(Placeholder::Index(n));
                } else {
                    out.push(Placeholder::Name(arg.to_string()));
                }
                i += end + 2;
            }
            _ => i += 1,
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

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
    fn format_placeholders_parse() {
        assert_eq!(
            format_placeholders("a {} {{x}} {0} {name:?} {:>8}"),
            vec![Placeholder::Next, Placeholder::Index(0), Placeholder::Name("name".into()), Placeholder::Next]
        );
    }
}
