//! Doc comments, read from the source text: the parser never sees them.
//!
//! To `syn` a doc comment (`/// …`, `//! …`, `/** … */`, `/*! … */`) is an
//! attribute, `#[doc = r" …"]`: lexed into a literal (escaped), parsed as
//! an attribute and unescaped again. In documented library code that is a
//! fifth of the parse (1/8 of the bench corpus: 22% of its lines are doc
//! comments, 21% of parse-only instructions), for text only a few rules
//! read (`# Safety`, `# Panics`, a `SAFETY:` note). So the parser is handed
//! the text with every doc comment made a plain one — its third byte
//! blanked (`///` → `// `, `/**` → `/* `), so every offset, line and span is
//! the full parse's — and those rules read an item's docs here
//! ([`Comments::docs`]), from the comments one pass of the project's
//! comment lexer found.
//!
//! Kept as they are (the parse sees what it saw): a block doc comment that
//! does not end (a parse error either way), and one with a carriage return
//! not before a line feed (which the lexer rejects).

use crate::syntax::comments::{Tok, lex_comments};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Kind {
    /// A plain comment (`//`, `////`, `/* */`, `/**/`, `/*** */`).
    Plain,
    /// An outer doc comment (`///`, `/** */`): the next item's docs.
    Outer,
    /// An inner doc comment (`//!`, `/*! */`): the enclosing item's docs.
    Inner,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Comment {
    pub(crate) start: u32,
    pub(crate) end: u32,
    pub(crate) kind: Kind,
}

/// Every comment of a file, in order (offsets into the text scanned).
#[derive(Default, Debug)]
pub(crate) struct Comments {
    list: Vec<Comment>,
    /// Some doc comment is masked.
    docs: bool,
}

impl Comments {
    /// The comments of `text`, doc comments told apart.
    pub(crate) fn scan(text: &str) -> Comments {
        let b = text.as_bytes();
        let mut list = Vec::new();
        let mut docs = false;
        lex_comments(text, |t| {
            let (start, end, block) = match t {
                Tok::LineComment(s, e) => (s, e, false),
                Tok::BlockComment(s, e) => (s, e, true),
                _ => return,
            };
            let kind = kind(&b[start..end], block, end == b.len());
            docs |= kind != Kind::Plain;
            list.push(Comment { start: start as u32, end: end as u32, kind });
        });
        Comments { list, docs }
    }

    /// Some comment is a doc comment.
    pub(crate) fn has_docs(&self) -> bool {
        self.docs
    }

    /// `text` (the text scanned) with every doc comment made a plain one,
    /// or `None` when it has none.
    pub(crate) fn masked(&self, text: &str) -> Option<String> {
        if !self.docs {
            return None;
        }
        let mut out = text.as_bytes().to_vec();
        for c in self.list.iter().filter(|c| c.kind != Kind::Plain) {
            // The byte after `//` or `/*`: `/`, `!` or `*`, all ASCII.
            out[c.start as usize + 2] = b' ';
        }
        // Only ASCII bytes were replaced by ASCII bytes.
        String::from_utf8(out).ok()
    }

    /// The docs of the item whose first token (its first attribute, else
    /// its head) starts at byte `first` and whose head (its first token
    /// after the attributes: `pub`, `unsafe`, `fn`, …) starts at `head`:
    /// the outer doc comments above `first` (through whitespace and plain
    /// comments) and those between its attributes, in order: where each
    /// starts, and its text (the value its `#[doc]` attribute has).
    pub(crate) fn docs<'t>(&self, text: &'t str, first: u32, head: u32) -> Vec<(u32, &'t str)> {
        self.above(text, first)
            .into_iter()
            .rev()
            .chain(self.between(first, head))
            .map(|c| (c.start, content(text, c)))
            .collect()
    }

    /// Where the doc comments right above byte `first` start (`first` when
    /// there are none): the item's first line as a reader sees it.
    pub(crate) fn docs_start(&self, text: &str, first: u32) -> u32 {
        self.above(text, first).last().map_or(first, |c| c.start)
    }

    /// The outer doc comments above `first`, nearest first.
    fn above(&self, text: &str, first: u32) -> Vec<&Comment> {
        let mut out = Vec::new();
        let mut i = self.list.partition_point(|c| c.start < first);
        let mut p = first as usize;
        while let Some(before) = text.get(..p) {
            p = before.trim_end_matches(is_whitespace).len();
            let Some(c) = i.checked_sub(1).map(|k| &self.list[k]) else { break };
            // A line comment ends before its line feed (and a `\r`, spaces).
            let end = text.get(c.start as usize..c.end as usize).map_or(0, |t| t.trim_end_matches(is_whitespace).len());
            if c.start as usize + end != p || c.kind == Kind::Inner {
                break;
            }
            if c.kind == Kind::Outer {
                out.push(c);
            }
            p = c.start as usize;
            i -= 1;
        }
        out
    }

    /// The inner doc comments that open a body whose `{` ends at byte
    /// `from` (`fn f() { //! … }`), before anything but comments.
    pub(crate) fn inner_after<'t>(&self, text: &'t str, from: u32) -> Vec<(u32, &'t str)> {
        let mut out = Vec::new();
        let mut i = self.list.partition_point(|c| c.start < from);
        let mut p = from as usize;
        while let Some(rest) = text.get(p..) {
            p += rest.len() - rest.trim_start_matches(is_whitespace).len();
            match self.list.get(i) {
                Some(c) if c.start as usize == p => {
                    if c.kind == Kind::Inner {
                        out.push((c.start, content(text, c)));
                    }
                    p = c.end as usize;
                    i += 1;
                }
                _ => break,
            }
        }
        out
    }

    /// Offsets moved by `by` (the comments of a text that starts there).
    pub(crate) fn shifted(mut self, by: u32) -> Comments {
        for c in &mut self.list {
            c.start += by;
            c.end += by;
        }
        self
    }

    /// The outer doc comments from `first` to `head`.
    fn between(&self, first: u32, head: u32) -> impl Iterator<Item = &Comment> {
        let from = self.list.partition_point(|c| c.start < first);
        self.list[from..].iter().take_while(move |c| c.start < head).filter(|c| c.kind == Kind::Outer)
    }
}

/// Whitespace to the lexer (`proc-macro2`'s `is_whitespace`).
fn is_whitespace(c: char) -> bool {
    c.is_whitespace() || c == '\u{200e}' || c == '\u{200f}'
}

/// What kind of comment these bytes are (as `proc-macro2`'s lexer tells);
/// `at_end`: the text ends with them.
fn kind(t: &[u8], block: bool, at_end: bool) -> Kind {
    let doc = if block {
        // Unterminated, `/**/`, `/***`: not docs (or not ours to change).
        if t.len() < 5 || !t.ends_with(b"*/") {
            return Kind::Plain;
        }
        match &t[..3] {
            b"/*!" => Kind::Inner,
            b"/**" if t[3] != b'*' => Kind::Outer,
            _ => Kind::Plain,
        }
    } else {
        match t.get(..3) {
            Some(b"//!") => Kind::Inner,
            Some(b"///") if t.get(3) != Some(&b'/') => Kind::Outer,
            _ => Kind::Plain,
        }
    };
    // A carriage return not before a line feed: the lexer rejects the doc
    // comment, so the parse must still see it.
    // (A line comment's last `\r` is before the line feed that ends it,
    // unless the text ends there.)
    let bare_cr = t
        .iter()
        .enumerate()
        .any(|(i, &c)| c == b'\r' && t.get(i + 1) != Some(&b'\n') && (block || at_end || i + 1 < t.len()));
    if bare_cr { Kind::Plain } else { doc }
}

/// A doc comment's text: what its `#[doc]` literal holds.
fn content<'t>(text: &'t str, c: &Comment) -> &'t str {
    let t = text.get(c.start as usize..c.end as usize).unwrap_or("");
    match c.kind {
        Kind::Plain => "",
        _ if t.starts_with("/*") => t.get(3..t.len().saturating_sub(2)).unwrap_or(""),
        // A line comment ends at its line feed; a `\r` before it is not text.
        _ => {
            let body = t.get(3..).unwrap_or("");
            body.strip_suffix('\r').unwrap_or(body)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The docs of the item whose first attribute is where `first` is
    /// found, and its first token after them where `start` is.
    fn docs_of(src: &str, first: &str, start: &str) -> String {
        let c = Comments::scan(src);
        let (first, start) = (src.find(first).unwrap(), src.find(start).unwrap());
        c.docs(src, first as u32, start as u32).into_iter().map(|(_, t)| format!("{t}\n")).collect()
    }

    #[test]
    fn masks_doc_comments_only() {
        let src = "//! crate\n/// outer\n//// plain\n// plain\n/** block */\n/*! inner */\n/**/ /*** x */\nfn f() { let s = \"/// no\"; let r = r#\"//! no\"#; let c = '/'; }\n";
        let c = Comments::scan(src);
        let masked = c.masked(src).unwrap();
        assert_eq!(masked.len(), src.len());
        assert_eq!(
            masked,
            "//  crate\n//  outer\n//// plain\n// plain\n/*  block */\n/*  inner */\n/**/ /*** x */\nfn f() { let s = \"/// no\"; let r = r#\"//! no\"#; let c = '/'; }\n"
        );
        // Parsed, the masked text has no doc attribute left, and the same spans.
        let file = syn::parse_file(&masked).unwrap();
        assert!(file.attrs.is_empty() && matches!(&file.items[0], syn::Item::Fn(f) if f.attrs.is_empty()));
        assert!(Comments::scan("fn f() {}\n// plain\n").masked("fn f() {}\n// plain\n").is_none());
        // Not ours to change: an unterminated block doc, a bare carriage return.
        for kept in ["/** open", "/// a\rb\nfn f() {}\n"] {
            assert!(Comments::scan(kept).masked(kept).is_none(), "{kept:?}");
        }
        // A carriage return at the very end is bare.
        assert!(Comments::scan("fn f() {}\n/// x\r").masked("fn f() {}\n/// x\r").is_none());
        // A CRLF line doc is a doc; its text has no `\r`.
        let crlf = "/// one\r\nfn f() {}\r\n";
        assert_eq!(Comments::scan(crlf).masked(crlf).unwrap(), "//  one\r\nfn f() {}\r\n");
        assert_eq!(docs_of(crlf, "fn f", "fn f"), " one\n");
    }

    #[test]
    fn literals_are_never_masked() {
        // A raw string after a non-ASCII whitespace char (U+200E).
        let src = "fn f() { let s =\u{200e}r#\"a\"/// x\"#; }\n";
        assert!(Comments::scan(src).masked(src).is_none());
        // A shebang line is not lexed: its quote opens no string.
        let text = "#!/usr/bin/env -S sh -c \"exec\nfn main() { let b = \"/// AKIA\"; }\n/// doc\nfn g() {}\n";
        let file = crate::rules::file::FileCtx::new("x.rs".into(), text.to_string(), crate::workspace::FileKind::Lib);
        let (parsed, comments) = file.parse_text_without_docs();
        assert!(parsed.contains("\"/// AKIA\"") && parsed.contains("//  doc"), "{parsed}");
        assert!(comments.has_docs());
    }

    #[test]
    fn docs_read_from_the_text_are_the_attributes_values() {
        let src = "fn a() {}\n/// # Safety\n/// ok\n#[inline]\n// note\n/** more */\n#[must_use]\n/// last\npub unsafe fn b() {}\n\n//! inner\nfn c() {}\n/// doc\n\n\n// gap\nfn d() {}\n";
        assert_eq!(docs_of(src, "#[inline]", "pub unsafe fn b"), " # Safety\n ok\n more \n last\n");
        // The docs the parser would have given (`#[doc]` attributes).
        let parsed = syn::parse_str::<syn::File>(&src[..src.find("\n\n//!").unwrap()]).unwrap();
        let syn::Item::Fn(b) = &parsed.items[1] else { panic!() };
        let want: String = b
            .attrs
            .iter()
            .filter_map(|a| match &a.meta {
                syn::Meta::NameValue(nv) if nv.path.is_ident("doc") => match &nv.value {
                    syn::Expr::Lit(syn::ExprLit { lit: syn::Lit::Str(s), .. }) => Some(s.value() + "\n"),
                    _ => None,
                },
                _ => None,
            })
            .collect();
        assert_eq!(docs_of(src, "#[inline]", "pub unsafe fn b"), want);
        // An inner doc comment is not the next item's; a plain comment and
        // blank lines between a doc comment and its item are whitespace.
        assert_eq!(docs_of(src, "fn c", "fn c"), "");
        assert_eq!(docs_of(src, "fn d", "fn d"), " doc\n");
        assert_eq!(docs_of(src, "fn a", "fn a"), "");
        let c = Comments::scan(src);
        let b_first = src.find("#[inline]").unwrap() as u32;
        assert_eq!(c.docs_start(src, b_first), src.find("/// # Safety").unwrap() as u32);
        assert_eq!(c.docs_start(src, 0), 0);
        // Whitespace as the lexer sees it; inner docs that open a body.
        let src = "/// # Panics\n\u{200e}\x0bpub fn f() {\n    //! inner\n    // plain\n    /*! block */ g();\n}\n";
        assert_eq!(docs_of(src, "pub fn f", "pub fn f"), " # Panics\n");
        let c = Comments::scan(src);
        let open = src.find('{').unwrap() as u32 + 1;
        let inner: Vec<&str> = c.inner_after(src, open).into_iter().map(|(_, t)| t).collect();
        assert_eq!(inner, [" inner", " block "]);
    }
}
