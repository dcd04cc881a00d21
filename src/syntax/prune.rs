//! Test bodies no rule reads, left out of the parse.
//!
//! In test code the walker skips a function body unless a rule that runs
//! there may report in it (`Walker::walk_fn`, asking
//! `engine::walker::test_code_needed` of the body's text). Such a body
//! need not be parsed at all: the file is lexed once, each skipped body is
//! replaced by an empty brace group with the body's span, and `syn` builds
//! the tree from those tokens. Everything outside the skipped bodies keeps
//! its tokens and spans, so byte offsets, lines and every other item are
//! exactly what the full parse gives. Test code is a fifth of a typical
//! crate's lines (unit-test modules, `tests/`, examples, benches).
//!
//! Test code is what the walker calls so: a test-like file (tests,
//! examples, benches, build scripts), an item under `#[cfg(test)]`, a
//! test-support module (`attrs::is_test_support_mod`), a function with a
//! test-harness attribute (`attrs::is_test_fn`). Only function bodies are
//! replaced, found by their shape at item level: attributes, qualifiers,
//! `fn`, a name, the parameters, then the first brace group that is not a
//! generic argument. `mod`, `impl` and `trait` bodies are entered to find
//! them; anything else is left as it is. A stream that then fails to parse
//! is not used: the caller parses the file as it was.

use proc_macro2::{Delimiter, Group, Span, TokenStream, TokenTree};

/// What the pruning asks of the file: the text a span covers, and
/// whether a test body's text must be kept (parsed).
pub(crate) struct Ask<'a> {
    pub text: &'a dyn Fn(Span) -> Option<&'a str>,
    pub keep: &'a dyn Fn(&str) -> bool,
}

/// The file's tokens with the test bodies `ask.keep` refuses emptied, and
/// the spans of those bodies; `test_file`: the whole file is test code.
pub(crate) fn test_bodies(tokens: TokenStream, test_file: bool, ask: &Ask<'_>) -> (TokenStream, Vec<Span>) {
    let mut pruned = Vec::new();
    let out = items(tokens, test_file, ask, &mut pruned);
    (out, pruned)
}

fn punct(t: Option<&TokenTree>, c: char) -> bool {
    matches!(t, Some(TokenTree::Punct(p)) if p.as_char() == c)
}

fn ident_is(t: Option<&TokenTree>, name: &str) -> bool {
    matches!(t, Some(TokenTree::Ident(i)) if i == name)
}

fn is_ident(t: Option<&TokenTree>) -> bool {
    matches!(t, Some(TokenTree::Ident(_)))
}

fn group(t: Option<&TokenTree>, d: Delimiter) -> Option<&Group> {
    match t {
        Some(TokenTree::Group(g)) if g.delimiter() == d => Some(g),
        _ => None,
    }
}

/// A sequence of items (a file, a module's, an impl's or a trait's body).
fn items(tokens: TokenStream, in_test: bool, ask: &Ask<'_>, pruned: &mut Vec<Span>) -> TokenStream {
    let mut trees: Vec<TokenTree> = tokens.into_iter().collect();
    let mut i = 0;
    while i < trees.len() {
        // Attributes: the outer ones are the item's; inner ones (`#![..]`)
        // are passed over, as the walker does not read them as test marks.
        let start = i;
        let mut outer: Vec<TokenTree> = Vec::new();
        while punct(trees.get(i), '#') {
            let bang = punct(trees.get(i + 1), '!');
            let Some(g) = group(trees.get(i + 1 + usize::from(bang)), Delimiter::Bracket) else { break };
            if !bang && may_mark_test(g, ask) {
                outer.extend(trees[i..i + 2].iter().cloned());
            }
            i += 2 + usize::from(bang);
        }
        let attrs = attributes(outer);
        let cfg_test = !attrs.is_empty() && super::attrs::is_cfg_test(&attrs);
        let test = in_test || cfg_test;
        // Visibility and qualifiers.
        if ident_is(trees.get(i), "pub") {
            i += 1;
            if group(trees.get(i), Delimiter::Parenthesis).is_some() {
                i += 1;
            }
        }
        loop {
            let t = trees.get(i);
            if ["const", "async", "unsafe", "default", "safe"].iter().any(|q| ident_is(t, q))
                && is_ident(trees.get(i + 1))
            {
                i += 1;
            } else if ident_is(t, "extern") {
                i += 1;
                if matches!(trees.get(i), Some(TokenTree::Literal(_))) {
                    i += 1;
                }
            } else {
                break;
            }
        }
        let kw = trees.get(i);
        if ident_is(kw, "fn") {
            let Some(body) = fn_body(&trees, i + 1) else {
                i = item_end(&trees, i);
                continue;
            };
            let test_fn = test || (!attrs.is_empty() && super::attrs::is_test_fn(&attrs));
            if let Some(TokenTree::Group(g)) = trees.get(body)
                && test_fn
                && !g.stream().is_empty()
                && !(ask.text)(g.span()).is_none_or(|t| (ask.keep)(t))
            {
                let mut empty = Group::new(Delimiter::Brace, TokenStream::new());
                empty.set_span(g.span());
                pruned.push(g.span());
                trees[body] = TokenTree::Group(empty);
            }
            i = body + 1;
        } else if ident_is(kw, "mod") || ident_is(kw, "impl") || ident_is(kw, "trait") {
            let is_mod = ident_is(kw, "mod");
            let inner_test = test
                || (is_mod
                    && matches!(trees.get(i + 1), Some(TokenTree::Ident(name))
                        if super::attrs::is_test_support_mod(&attrs, &name.to_string())));
            let end = item_end(&trees, i);
            if let Some(TokenTree::Group(g)) = trees.get(end)
                && g.delimiter() == Delimiter::Brace
                // Test code holds test bodies; other modules may nest a
                // test module or a `#[test]` fn (entered when their text
                // names `test`: entering copies their tokens).
                && (inner_test || (is_mod && (ask.text)(g.span()).is_none_or(|t| t.contains("test"))))
            {
                let before = pruned.len();
                let inner = items(g.stream(), inner_test, ask, pruned);
                if pruned.len() > before {
                    let mut ng = Group::new(Delimiter::Brace, inner);
                    ng.set_span(g.span());
                    trees[end] = TokenTree::Group(ng);
                }
            }
            i = end + 1;
        } else {
            // An item that starts at its own end (a stray `;`) still moves on.
            i = item_end(&trees, i).max(start + 1);
        }
    }
    trees.into_iter().collect()
}

/// The attributes these tokens spell (`#[..]` each), parsed.
fn attributes(tokens: Vec<TokenTree>) -> Vec<syn::Attribute> {
    if tokens.is_empty() {
        return Vec::new();
    }
    syn::parse::Parser::parse2(syn::Attribute::parse_outer, tokens.into_iter().collect()).unwrap_or_default()
}

/// Could this attribute (`[..]`) mark test code: a `cfg`, or a path
/// `attrs::is_test_fn` may accept? Read from its text (its tokens would
/// be copied to look at them): a doc comment, a derive and the like are
/// not parsed. A text this misreads only leaves a body parsed.
fn may_mark_test(g: &Group, ask: &Ask<'_>) -> bool {
    let Some(text) = (ask.text)(g.span()) else { return true };
    // A doc comment (`///`, `/** */`) is an attribute spelled otherwise.
    let Some(inner) = text.strip_prefix('[') else { return false };
    let path = inner.split(|c: char| !(c.is_alphanumeric() || c == '_' || c == ':' || c.is_whitespace())).next();
    let path = path.unwrap_or_default().trim();
    let last = path.rsplit("::").next().unwrap_or_default().trim();
    path == "cfg" || last.contains("test") || last == "bench" || last == "quickcheck"
}

/// The index of a function's body after `fn` (at `from`: its name): the
/// first brace group after the parameters that is not a const generic
/// argument (`-> Foo<{ N }>`: followed by `>` or `,`); `None` at a `;`
/// first (no body).
fn fn_body(trees: &[TokenTree], from: usize) -> Option<usize> {
    let params = (from..trees.len())
        .find(|&j| group(trees.get(j), Delimiter::Parenthesis).is_some() || punct(trees.get(j), ';'))?;
    if punct(trees.get(params), ';') {
        return None;
    }
    let mut j = params + 1;
    while j < trees.len() {
        if punct(trees.get(j), ';') {
            return None;
        }
        if group(trees.get(j), Delimiter::Brace).is_some() {
            let next = trees.get(j + 1);
            if !matches!(next, Some(TokenTree::Punct(p)) if p.as_char() != '#') {
                return Some(j);
            }
        }
        j += 1;
    }
    None
}

/// Where the item starting at `from` ends: its first `;` or brace group
/// at this level.
fn item_end(trees: &[TokenTree], from: usize) -> usize {
    (from..trees.len())
        .find(|&j| punct(trees.get(j), ';') || group(trees.get(j), Delimiter::Brace).is_some())
        .unwrap_or(trees.len())
}

#[cfg(test)]
mod tests {
    use std::str::FromStr;

    use super::*;

    /// The source with every pruned body's tokens gone, as `syn` prints
    /// it, and how many; `keep` answers for each test body's text.
    fn prune(src: &str, test_file: bool, keep: bool) -> (String, usize) {
        let tokens = TokenStream::from_str(src).expect("lexes");
        let text = |span: Span| src.get(span.byte_range());
        let keep = |_: &str| keep;
        let (out, spans) = test_bodies(tokens, test_file, &Ask { text: &text, keep: &keep });
        (out.to_string(), spans.len())
    }

    fn pruned(src: &str, test_file: bool) -> (String, usize) {
        prune(src, test_file, false)
    }

    #[test]
    fn test_bodies_are_emptied_and_nothing_else() {
        let src = r#"
            fn lib() { let x = 1; }
            #[cfg(test)]
            mod tests {
                use super::*;
                #[test]
                fn one() { assert_eq!(lib(), ()); }
                fn helper<const N: usize>() -> Foo<{ N }> where T: Tr<{ N }> { make() }
                impl Helper { pub(crate) async unsafe fn go(&self) -> u8 { 3 } }
                const K: u8 = { 1 };
                fn decl();
            }
            #[test]
            fn top() { body() }
            #[tokio::test]
            async fn top_async() { body() }
            mod inner { #[cfg(test)] mod t { fn x() { y() } } fn not_test() { z() } }
            #[cfg(test)]
            impl Lib { extern "C" fn c() { w() } }
            pub fn after() { kept() }
            /// Calls `#[test]` code.
            #[inline]
            fn documented() { doc_kept() }
            /// A test.
            #[ test ]
            fn spaced() { spaced_gone() }
        "#;
        let (out, n) = pruned(src, false);
        assert_eq!(n, 8, "{out}");
        for kept in
            ["let x = 1", "not_test () { z ()", "kept ()", "const K : u8 = { 1 }", "fn decl () ;", "Foo < { N } >"]
        {
            assert!(out.contains(kept), "{kept}: {out}");
        }
        assert!(out.contains("doc_kept ()"), "{out}");
        for gone in ["assert_eq", "make ()", "body ()", "y ()", "w ()", "{ 3 }", "spaced_gone"] {
            assert!(!out.contains(gone), "{gone}: {out}");
        }
        // In a test file every body is test code; a body `keep` wants stays.
        let (out, n) = pruned("fn a() { b() } struct S; fn c() { d() }", true);
        assert_eq!((n, out.contains("b ()")), (2, false), "{out}");
        let (out, n) = prune("fn a() { b() }", true, true);
        assert_eq!((n, out.contains("b ()")), (0, true));
        // Outside test code nothing is touched.
        let (_, n) = pruned("fn a() { b() } impl X { fn c() { d() } }", false);
        assert_eq!(n, 0);
    }
}
