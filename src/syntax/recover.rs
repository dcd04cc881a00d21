//! Parsing what `syn` rejects: older editions' code that rustc still
//! compiles, and files with an item that does not parse at all.
//!
//! `syn` parses today's language and has no edition switch. When a file does
//! not parse and its package's edition is 2015 (cargo's default when
//! `Cargo.toml` names none) or 2018, the constructs of those editions that
//! `syn` rejects are rewritten at the token level: bare trait objects of the
//! `Fn` traits (`Box<Fn(u8) + Send>`, `type A = Fn(&T) + Sync;`) get a
//! `dyn`, anonymous trait-method parameters (`fn hash_word(&mut self,
//! Self);`, 2015 only) get a `_:` pattern, and `async`/`await`/`try` used as
//! names (2015 only) become raw identifiers. Inserted tokens borrow the span
//! of the token they precede and every original token keeps its own, so all
//! lines and columns stay those of the file.
//!
//! When the file still does not parse, it is parsed item by item: an item
//! that does not parse is dropped and reported with the position of the
//! error, and the rest of the file is analysed. Inside `mod`, `impl` and
//! `trait` blocks only the broken items are dropped, not the whole block.

use std::str::FromStr;

use proc_macro2::{Delimiter, Group, Ident, Punct, Spacing, Span, TokenStream, TokenTree};
use syn::parse::{ParseBuffer, ParseStream, Parser};

/// The Rust edition a file is compiled with, as far as parsing cares.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Edition {
    E2015,
    E2018,
    Later,
}

impl Edition {
    /// From cargo's `edition` (none: 2015, cargo's and rustc's default).
    pub(crate) fn of(edition: Option<&str>) -> Edition {
        match edition.map(str::trim) {
            None | Some("2015") => Edition::E2015,
            Some("2018") => Edition::E2018,
            Some(_) => Edition::Later,
        }
    }
}

/// An item left out because it does not parse.
#[derive(Debug, Clone)]
pub(crate) struct Skipped {
    /// Where parsing failed.
    pub error_span: Span,
    /// The item's first and last tokens.
    pub first: Span,
    pub last: Span,
    pub message: String,
}

/// A parsed file and the items that had to be left out.
pub(crate) struct Parsed {
    pub file: syn::File,
    pub skipped: Vec<Skipped>,
}

/// Parse `src` (BOM and shebang already removed) as a file of `edition`.
/// `Err`: nothing of the file could be parsed (the first error).
pub(crate) fn parse_file(src: &str, edition: Edition) -> syn::Result<Parsed> {
    let first_error = match syn::parse_file(src) {
        Ok(file) => return Ok(Parsed { file, skipped: Vec::new() }),
        Err(e) => e,
    };
    // A lexing error (unbalanced delimiters, a bad literal) leaves no tokens to work with.
    let Ok(tokens) = TokenStream::from_str(src) else { return Err(first_error) };
    let tokens = if edition < Edition::Later { rewrite(tokens, edition, false) } else { tokens };
    if let Ok(file) = syn::parse2::<syn::File>(tokens.clone()) {
        return Ok(Parsed { file, skipped: Vec::new() });
    }
    let mut skipped = Vec::new();
    let Some(kept) = salvage(tokens, Body::Items, &mut skipped) else { return Err(first_error) };
    match syn::parse2::<syn::File>(kept) {
        Ok(file) if !file.items.is_empty() => Ok(Parsed { file, skipped }),
        _ => Err(first_error),
    }
}

// ---------------------------------------------------------------------------
// Edition rewrites

/// Rewrite the 2015/2018 constructs `syn` rejects, in this stream (the
/// inside of a parenthesised group when `in_parens`) and every group in it.
fn rewrite(tokens: TokenStream, edition: Edition, in_parens: bool) -> TokenStream {
    let trees: Vec<TokenTree> = tokens.into_iter().collect();
    let mut out: Vec<TokenTree> = Vec::with_capacity(trees.len() + 4);
    for (i, tt) in trees.iter().enumerate() {
        match tt {
            TokenTree::Group(g) => {
                let mut inner = rewrite(g.stream(), edition, g.delimiter() == Delimiter::Parenthesis);
                if edition == Edition::E2015 && g.delimiter() == Delimiter::Parenthesis && is_fn_params(&trees[..i]) {
                    inner = name_anonymous_params(inner);
                }
                let mut ng = Group::new(g.delimiter(), inner);
                ng.set_span(g.span());
                out.push(TokenTree::Group(ng));
                continue;
            }
            TokenTree::Ident(id) if edition == Edition::E2015 && is_2015_name(id, trees.get(i + 1)) => {
                out.push(TokenTree::Ident(Ident::new_raw(&id.to_string(), id.span())));
                continue;
            }
            _ => {}
        }
        if in_type_position(&out, in_parens) && is_bare_fn_trait(&trees[i..]) {
            out.push(TokenTree::Ident(Ident::new("dyn", tt.span())));
        }
        out.push(tt.clone());
    }
    out.into_iter().collect()
}

fn punct_is(t: Option<&TokenTree>, c: char) -> bool {
    matches!(t, Some(TokenTree::Punct(p)) if p.as_char() == c)
}

fn ident_is(t: Option<&TokenTree>, name: &str) -> bool {
    matches!(t, Some(TokenTree::Ident(id)) if id == name)
}

/// `async`, `await` and `try` are plain names in 2015 code (but `try!` is
/// the macro `syn` knows).
fn is_2015_name(id: &Ident, next: Option<&TokenTree>) -> bool {
    (id == "async" || id == "await" || id == "try") && !punct_is(next, '!')
}

/// Does a type start after these tokens? Only where a bare `Fn(..)` is a
/// type, never a bound (`T: Fn()`, `+ Fn()`) nor a value or pattern (an
/// enum variant may be called `Fn`): after `&`, `&'a`, `mut`, `*const`,
/// `impl X for`, inside generic arguments (`<`, `,`, `Item =`), after
/// `type A =`, and at the start of a parenthesised group (`&(Fn() + Send)`).
fn in_type_position(out: &[TokenTree], in_parens: bool) -> bool {
    let n = out.len();
    let Some(last) = out.last() else { return in_parens };
    let before = n.checked_sub(2).and_then(|i| out.get(i));
    match last {
        TokenTree::Punct(p) => match p.as_char() {
            '&' | '<' => true,
            ',' => angle_depth(out) > 0,
            // `=`, not the end of `==`, `<=`, `+=`, …
            '=' if matches!(before, Some(TokenTree::Punct(q)) if q.spacing() == Spacing::Joint) => false,
            '=' => angle_depth(out) > 0 || in_type_alias(out),
            _ => false,
        },
        TokenTree::Ident(id) => {
            id == "mut"
                || (id == "const" && punct_is(before, '*'))
                || id == "for"
                // A lifetime: `&'a Fn()`.
                || matches!(before, Some(TokenTree::Punct(q)) if q.as_char() == '\'')
        }
        _ => false,
    }
}

/// How many `<` are open at the end of these tokens (`->` and `=>` are
/// not closers).
fn angle_depth(out: &[TokenTree]) -> usize {
    let mut depth = 0usize;
    let mut prev_joint = false;
    for t in out {
        let TokenTree::Punct(p) = t else {
            prev_joint = false;
            continue;
        };
        match p.as_char() {
            '<' => depth += 1,
            '>' if !prev_joint => depth = depth.saturating_sub(1),
            ';' => depth = 0,
            _ => {}
        }
        prev_joint = p.spacing() == Spacing::Joint && matches!(p.as_char(), '-' | '=');
    }
    depth
}

/// Do these tokens end inside `type NAME … =`?
fn in_type_alias(out: &[TokenTree]) -> bool {
    for t in out.iter().rev().skip(1) {
        match t {
            TokenTree::Ident(id) if id == "type" => return true,
            TokenTree::Punct(p) if p.as_char() == ';' || p.as_char() == '=' => return false,
            TokenTree::Group(g) if g.delimiter() == Delimiter::Brace => return false,
            _ => {}
        }
    }
    false
}

/// `[for<'a>] [::]path::Fn(..)`: a trait object of an `Fn` trait without `dyn`.
fn is_bare_fn_trait(trees: &[TokenTree]) -> bool {
    let mut i = 0;
    if ident_is(trees.first(), "for") && punct_is(trees.get(1), '<') {
        let mut depth = 0usize;
        while let Some(t) = trees.get(i) {
            if punct_is(Some(t), '<') {
                depth += 1;
            } else if punct_is(Some(t), '>') {
                depth = depth.saturating_sub(1);
                if depth == 0 {
                    i += 1;
                    break;
                }
            }
            i += 1;
        }
    }
    let mut last_ident: Option<&Ident> = None;
    loop {
        match trees.get(i) {
            Some(TokenTree::Punct(p)) if p.as_char() == ':' && punct_is(trees.get(i + 1), ':') => i += 2,
            Some(TokenTree::Ident(id)) if last_ident.is_none() || punct_is(trees.get(i.wrapping_sub(1)), ':') => {
                last_ident = Some(id);
                i += 1;
            }
            Some(TokenTree::Group(g)) if g.delimiter() == Delimiter::Parenthesis => {
                return last_ident.is_some_and(|id| id == "Fn" || id == "FnMut" || id == "FnOnce");
            }
            _ => return false,
        }
    }
}

/// Do these tokens end with `fn NAME` or `fn NAME<…>`, so that a
/// parenthesised group after them is a parameter list?
fn is_fn_params(before: &[TokenTree]) -> bool {
    let mut i = before.len();
    if punct_is(before.last(), '>') {
        let mut depth = 0usize;
        while i > 0 {
            i -= 1;
            let t = before.get(i);
            if punct_is(t, '>') && !(i > 0 && punct_is(before.get(i - 1), '-')) {
                depth += 1;
            } else if punct_is(t, '<') {
                depth = depth.saturating_sub(1);
                if depth == 0 {
                    break;
                }
            }
        }
    }
    let name = i.checked_sub(1).and_then(|k| before.get(k));
    let kw = i.checked_sub(2).and_then(|k| before.get(k));
    matches!(name, Some(TokenTree::Ident(id)) if id != "fn") && ident_is(kw, "fn")
}

/// Give each parameter that is only a type (`Self`, `&str`) a `_:` pattern.
fn name_anonymous_params(params: TokenStream) -> TokenStream {
    let mut out: Vec<TokenTree> = Vec::new();
    let mut arg: Vec<TokenTree> = Vec::new();
    let mut depth = 0usize;
    let flush = |arg: &mut Vec<TokenTree>, out: &mut Vec<TokenTree>| {
        if is_anonymous(arg) {
            let span = arg.first().map_or_else(Span::call_site, TokenTree::span);
            out.push(TokenTree::Ident(Ident::new("_", span)));
            let mut colon = Punct::new(':', Spacing::Alone);
            colon.set_span(span);
            out.push(TokenTree::Punct(colon));
        }
        out.append(arg);
    };
    for tt in params {
        if let TokenTree::Punct(p) = &tt {
            match p.as_char() {
                '<' => depth += 1,
                '>' if !punct_is(arg.last(), '-') => depth = depth.saturating_sub(1),
                ',' if depth == 0 => {
                    flush(&mut arg, &mut out);
                    out.push(tt);
                    continue;
                }
                _ => {}
            }
        }
        arg.push(tt);
    }
    flush(&mut arg, &mut out);
    out.into_iter().collect()
}

/// A parameter without a pattern: no `:` of its own at the top level, and
/// not a receiver (`self`, `&'a mut self`) or C's `...`.
fn is_anonymous(arg: &[TokenTree]) -> bool {
    if arg.is_empty() || punct_is(arg.first(), '.') {
        return false;
    }
    let mut depth = 0usize;
    for (i, t) in arg.iter().enumerate() {
        let TokenTree::Punct(p) = t else { continue };
        match p.as_char() {
            '<' => depth += 1,
            '>' if !(i > 0 && punct_is(arg.get(i - 1), '-')) => depth = depth.saturating_sub(1),
            ':' if depth == 0 => {
                let joint = p.spacing() == Spacing::Joint;
                let after_colon = i > 0
                    && matches!(arg.get(i - 1), Some(TokenTree::Punct(q)) if q.as_char() == ':' && q.spacing() == Spacing::Joint);
                if !joint && !after_colon {
                    return false;
                }
            }
            _ => {}
        }
    }
    // A receiver: `&`, a lifetime and `mut`, then `self`.
    let rest: Vec<&TokenTree> = arg
        .iter()
        .skip_while(|t| matches!(t, TokenTree::Punct(p) if p.as_char() == '&' || p.as_char() == '\''))
        .collect();
    let rest: &[&TokenTree] = match rest.as_slice() {
        [TokenTree::Ident(_), tail @ ..] if punct_is(arg.get(1), '\'') => tail,
        all => all,
    };
    let rest = match rest {
        [TokenTree::Ident(m), tail @ ..] if m == "mut" => tail,
        all => all,
    };
    !matches!(rest, [TokenTree::Ident(s)] if s == "self")
}

// ---------------------------------------------------------------------------
// Item-by-item recovery

/// What a brace-delimited body holds.
#[derive(Clone, Copy)]
enum Body {
    /// A file or a `mod { … }`.
    Items,
    Impl,
    Trait,
}

impl Body {
    fn parses(self, input: ParseStream) -> syn::Result<()> {
        match self {
            Body::Items => input.parse::<syn::Item>().map(drop),
            Body::Impl => input.parse::<syn::ImplItem>().map(drop),
            Body::Trait => input.parse::<syn::TraitItem>().map(drop),
        }
    }
}

/// The tokens of the items of `tokens` that parse (inner attributes kept);
/// each item that does not is recorded in `skipped`.
fn salvage(tokens: TokenStream, body: Body, skipped: &mut Vec<Skipped>) -> Option<TokenStream> {
    let parser = |input: ParseStream| -> syn::Result<TokenStream> {
        let mut kept = TokenStream::new();
        let fork = input.fork();
        if fork.call(syn::Attribute::parse_inner).is_ok() {
            copy_until(input, &fork, &mut kept)?;
        }
        while !input.is_empty() {
            let fork = input.fork();
            match body.parses(&fork) {
                Ok(()) => copy_until(input, &fork, &mut kept)?,
                Err(error) => {
                    let item = take_item(input)?;
                    match salvage_nested(&item, body, skipped) {
                        Some(fixed) => kept.extend(fixed),
                        None => skipped.push(Skipped {
                            error_span: error.span(),
                            first: item.first().map_or_else(Span::call_site, TokenTree::span),
                            last: item.last().map_or_else(Span::call_site, TokenTree::span),
                            message: error.to_string(),
                        }),
                    }
                }
            }
        }
        Ok(kept)
    };
    parser.parse2(tokens).ok()
}

/// Move `input` to where `upto` is, keeping the tokens passed.
fn copy_until(input: ParseStream, upto: &ParseBuffer, kept: &mut TokenStream) -> syn::Result<()> {
    let end = upto.cursor();
    input.step(|cursor| {
        let mut c = *cursor;
        while c != end {
            let Some((tt, next)) = c.token_tree() else { break };
            kept.extend(std::iter::once(tt));
            c = next;
        }
        Ok(((), c))
    })
}

/// The tokens of the item at `input`, which does not parse: up to a `;`
/// or a `{ … }` body (and a `;` right after it), whichever comes first.
fn take_item(input: ParseStream) -> syn::Result<Vec<TokenTree>> {
    input.step(|cursor| {
        let mut c = *cursor;
        let mut item = Vec::new();
        while let Some((tt, next)) = c.token_tree() {
            c = next;
            let semi = matches!(&tt, TokenTree::Punct(p) if p.as_char() == ';');
            let body = matches!(&tt, TokenTree::Group(g) if g.delimiter() == Delimiter::Brace);
            item.push(tt);
            if body
                && let Some((t, after)) = c.token_tree()
                && punct_is(Some(&t), ';')
            {
                item.push(t);
                c = after;
            }
            if semi || body {
                break;
            }
        }
        Ok((item, c))
    })
}

/// A `mod`, `impl` or `trait` block that does not parse because of items
/// in its body: the block without them (they are recorded in `skipped`).
fn salvage_nested(item: &[TokenTree], outer: Body, skipped: &mut Vec<Skipped>) -> Option<TokenStream> {
    let (at, group) = item.iter().enumerate().rev().find_map(|(i, t)| match t {
        TokenTree::Group(g) if g.delimiter() == Delimiter::Brace => Some((i, g)),
        _ => None,
    })?;
    // What the block is: the first item keyword of its header.
    let inner = item.get(..at)?.iter().find_map(|t| {
        let TokenTree::Ident(id) = t else { return None };
        match id.to_string().as_str() {
            "mod" => Some(Some(Body::Items)),
            "impl" => Some(Some(Body::Impl)),
            "trait" => Some(Some(Body::Trait)),
            "fn" | "struct" | "enum" | "union" | "type" | "const" | "static" | "use" | "extern" | "macro_rules" => {
                Some(None)
            }
            _ => None,
        }
    })??;
    let before = skipped.len();
    let body = salvage(group.stream(), inner, skipped)?;
    if skipped.len() == before {
        // The body parses: the error is in the header.
        return None;
    }
    let mut fixed = Group::new(Delimiter::Brace, body);
    fixed.set_span(group.span());
    let mut tokens: Vec<TokenTree> = item.to_vec();
    if let Some(slot) = tokens.get_mut(at) {
        *slot = TokenTree::Group(fixed);
    }
    let tokens: TokenStream = tokens.into_iter().collect();
    if (|input: ParseStream| outer.parses(input)).parse2(tokens.clone()).is_ok() {
        Some(tokens)
    } else {
        skipped.truncate(before);
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The rewritten tokens, without spaces (how they are printed varies).
    fn rewritten(src: &str, edition: Edition) -> String {
        rewrite(TokenStream::from_str(src).unwrap(), edition, false).to_string().replace(' ', "")
    }

    fn same(want: &str) -> String {
        want.replace(' ', "")
    }

    #[test]
    fn bare_fn_trait_objects_get_dyn_only_where_a_type_starts() {
        let cases = [
            ("type A = Fn(&T) + Send;", "type A = dyn Fn (& T) + Send ;"),
            ("fn f(x: Box<FnMut(u8) -> u8 + 'static>) {}", "fn f (x : Box < dyn FnMut (u8) -> u8 + 'static >) { }"),
            (
                "fn f(a: &Fn(), b: &mut FnOnce(), c: &'a Fn(), d: *const Fn()) {}",
                "fn f (a : & dyn Fn () , b : & mut dyn FnOnce () , c : & 'a dyn Fn () , d : * const dyn Fn ()) { }",
            ),
            (
                "fn f(x: &(Fn(u8) + Send), y: Box<for<'a> Fn(&'a u8)>) {}",
                "fn f (x : & (dyn Fn (u8) + Send) , y : Box < dyn for < 'a > Fn (& 'a u8) >) { }",
            ),
            ("impl<T> Tr for ::std::ops::Fn(T) {}", "impl < T > Tr for dyn :: std :: ops :: Fn (T) { }"),
            // Bounds stay bounds; `dyn`/`impl` are left alone.
            (
                "fn f<F: Fn(u8) + Send>(f: F, g: &dyn Fn(), h: impl Fn()) where G: Fn(), for<'a> H: Fn(&'a u8) {}",
                "fn f < F : Fn (u8) + Send > (f : F , g : & dyn Fn () , h : impl Fn ()) where G : Fn () , for < 'a > H : Fn (& 'a u8) { }",
            ),
            ("fn f() -> bool { a == Fn(1) }", "fn f () -> bool { a == Fn (1) }"),
            (
                "struct S<F = Fn()> { f: Box<HashMap<u8, Fn()>> }",
                "struct S < F = dyn Fn () > { f : Box < HashMap < u8 , dyn Fn () >> }",
            ),
            // An enum variant called `Fn` is a value or a pattern, not a type.
            (
                "enum K { Const(u8), Fn(u8) } fn f(k: K) { let x = Fn(1); match k { Const(c) => {}, Fn(x) => {} } }",
                "enum K { Const (u8) , Fn (u8) } fn f (k : K) { let x = Fn (1) ; match k { Const (c) => { } , Fn (x) => { } } }",
            ),
        ];
        for (src, want) in cases {
            assert_eq!(rewritten(src, Edition::E2018), same(want), "{src}");
        }
    }

    #[test]
    fn anonymous_parameters_and_2015_names_in_2015_only() {
        let src = "trait H { fn hash_word(&mut self, Self); fn g<T: Into<Vec<u8>>>(&'a self, HashMap<K, V>, x: u8, &str, ::std::path::PathBuf); } \
                   extern \"C\" { fn printf(fmt: *const u8, ...); } fn async() { try!(x); let try = 1; }";
        let want = "trait H { fn hash_word (& mut self , _ : Self) ; fn g < T : Into < Vec < u8 >> > (& 'a self , _ : HashMap < K , V > , x : u8 , _ : & str , _ : :: std :: path :: PathBuf) ; } \
                    extern \"C\" { fn printf (fmt : * const u8 , ...) ; } fn r#async () { try ! (x) ; let r#try = 1 ; }";
        assert_eq!(rewritten(src, Edition::E2015), same(want));
        // 2018 has neither anonymous parameters nor these names.
        assert_eq!(rewritten("trait H { fn f(&self, u8); }", Edition::E2018), same("trait H { fn f (& self , u8) ; }"));
    }

    #[test]
    fn positions_are_the_files_own() {
        let src = "// header\ntype Action = Fn(&siginfo_t) + Send + Sync;\n\ntrait H {\n    fn hash_word(&mut self, Self);\n}\n";
        let parsed = parse_file(src, Edition::E2015).unwrap();
        assert!(parsed.skipped.is_empty());
        let syn::Item::Type(t) = &parsed.file.items[0] else { panic!("{:?}", parsed.file.items[0]) };
        let syn::Type::TraitObject(obj) = &*t.ty else { panic!("{:?}", t.ty) };
        let start = obj.dyn_token.map(|d| d.span.start()).unwrap();
        assert_eq!((start.line, start.column), (2, 14));
        let syn::Item::Trait(tr) = &parsed.file.items[1] else { panic!() };
        let syn::TraitItem::Fn(m) = &tr.items[0] else { panic!() };
        let last = m.sig.inputs.last().unwrap();
        let syn::FnArg::Typed(pt) = last else { panic!() };
        let at = syn::spanned::Spanned::span(&pt.ty).start();
        assert_eq!((at.line, at.column), (5, 28));
        // Later editions are not rewritten: both items are left out.
        let later = parse_file(src, Edition::Later).unwrap();
        let lines: Vec<usize> = later.skipped.iter().map(|s| s.error_span.start().line).collect();
        assert_eq!(lines, [2, 5]);
    }

    #[test]
    fn broken_items_are_dropped_one_by_one_even_inside_blocks() {
        let src = "pub fn before() {}\nconst X: u8 = = 1;\nimpl S {\n    fn good(&self) {}\n    fn bad(&self) { let = ; }\n}\nmod m {\n    fn bad2(x: ) {}\n    pub fn inner() {}\n}\npub fn after() {}\n";
        let parsed = parse_file(src, Edition::Later).unwrap();
        let names: Vec<String> = parsed
            .file
            .items
            .iter()
            .map(|i| {
                format!("{}", quote::ToTokens::to_token_stream(i))
                    .split_whitespace()
                    .take(3)
                    .collect::<Vec<_>>()
                    .join(" ")
            })
            .collect();
        assert_eq!(names, ["pub fn before", "impl S {", "mod m {", "pub fn after"]);
        let syn::Item::Impl(imp) = &parsed.file.items[1] else { panic!() };
        assert_eq!(imp.items.len(), 1);
        let lines: Vec<(usize, usize)> =
            parsed.skipped.iter().map(|s| (s.first.start().line, s.last.end().line)).collect();
        assert_eq!(lines, [(2, 2), (5, 5), (8, 8)]);
        let e = &parsed.skipped[0];
        assert_eq!((e.error_span.start().line, e.error_span.start().column), (2, 14));
        // Nothing parses: the whole file is an error.
        assert!(parse_file("a + b\n", Edition::Later).is_err());
        assert!(parse_file("fn f() {\n", Edition::Later).is_err());
    }
}
