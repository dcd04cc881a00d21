//! Comments, read from the source text (syn drops non-doc comments).

/// Classify a line for comment scanning.
pub(crate) fn comment_body(line: &str) -> Option<&str> {
    let t = line.trim_start();
    for p in ["///", "//!", "//", "/**", "/*!", "/*", "*/", "*"] {
        if let Some(rest) = t.strip_prefix(p) {
            return Some(rest);
        }
    }
    None
}

pub(crate) fn is_attribute_line(line: &str) -> bool {
    let t = line.trim_start();
    t.starts_with("#[") || t.starts_with("#![")
}

/// `true` if the text carries a safety justification (`SAFETY:`, any case,
/// the convention clippy's `undocumented_unsafe_blocks` uses, or a
/// `# Safety` doc heading).
pub(crate) fn has_safety_marker(text: &str) -> bool {
    let upper = text.to_ascii_uppercase();
    upper.contains("SAFETY:") || upper.contains("# SAFETY")
}

/// A `// SAFETY:` comment, or one that argues safety in prose ("safe
/// because …", "this is sound since …"): what the unsafe-code rules
/// accept as a justification.
pub(crate) fn argues_safety(comment: &str) -> bool {
    if has_safety_marker(comment) {
        return true;
    }
    let lower = comment.to_ascii_lowercase();
    let words: Vec<&str> = lower.split(|c: char| !c.is_ascii_alphanumeric()).filter(|w| !w.is_empty()).collect();
    let claims = words.iter().enumerate().any(|(i, w)| {
        matches!(*w, "safe" | "safely" | "sound" | "soundness")
            && !words[i.saturating_sub(3)..i].iter().any(|p| matches!(*p, "not" | "never" | "t" | "no" | "nothing"))
    });
    let reasons = words.iter().any(|w| {
        matches!(
            *w,
            "because"
                | "since"
                | "guaranteed"
                | "guarantees"
                | "ensures"
                | "ensured"
                | "invariant"
                | "invariants"
                | "checked"
                | "verified"
                | "upholds"
        )
    }) || lower.contains("as long as");
    claims && reasons
}

/// What the lexer sees, with byte offsets.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Tok {
    /// A punctuation byte outside literals and comments.
    Punct(usize, u8),
    /// An identifier or keyword: `start..end`.
    Ident(usize, usize),
    /// A `// …` comment (doc comments included), to the end of the line.
    LineComment(usize, usize),
    /// A `/* … */` comment (nested ones included, doc comments too).
    BlockComment(usize, usize),
    /// A string, char, byte or number-free literal (skipped).
    Literal,
}

/// A small Rust lexer: enough to tell code from string, raw-string,
/// byte-string and char literals and from comments (block comments nest).
pub(crate) fn lex(text: &str, mut on: impl FnMut(Tok)) {
    let b = text.as_bytes();
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b'/' if b.get(i + 1) == Some(&b'/') => {
                let end = memchr::memchr(b'\n', &b[i..]).map_or(b.len(), |e| i + e);
                on(Tok::LineComment(i, end));
                i = end;
            }
            b'/' if b.get(i + 1) == Some(&b'*') => {
                let start = i;
                i = skip_block_comment(b, start);
                on(Tok::BlockComment(start, i));
            }
            b'"' => {
                i = skip_string(b, i + 1);
                on(Tok::Literal);
            }
            b'\'' => {
                let end = skip_char_or_lifetime(b, i);
                // A lifetime is an identifier-like token; a char a literal.
                if b.get(end - 1) == Some(&b'\'') && end - i >= 3 {
                    on(Tok::Literal);
                } else {
                    on(Tok::Punct(i, b'\''));
                }
                i = end;
            }
            c if c.is_ascii_alphabetic() || c == b'_' || c >= 0x80 => {
                if is_raw_string_start(b, i) {
                    i = skip_raw_string(b, i);
                    on(Tok::Literal);
                } else if (c == b'b' || c == b'c') && b.get(i + 1) == Some(&b'"') {
                    i = skip_string(b, i + 2);
                    on(Tok::Literal);
                } else if c == b'b' && b.get(i + 1) == Some(&b'\'') {
                    i = skip_char_or_lifetime(b, i + 1);
                    on(Tok::Literal);
                } else {
                    // A whole identifier: an `r` inside `for` starts nothing.
                    let start = i;
                    while i < b.len() && (b[i].is_ascii_alphanumeric() || b[i] == b'_' || b[i] >= 0x80) {
                        i += 1;
                    }
                    on(Tok::Ident(start, i));
                }
            }
            c if c.is_ascii_digit() => {
                // Numbers, with suffixes and exponents (`1e-5`, `0x_ff`).
                while i < b.len() && (b[i].is_ascii_alphanumeric() || b[i] == b'_') {
                    i += 1;
                }
                on(Tok::Literal);
            }
            c if c.is_ascii_whitespace() => i += 1,
            c => {
                on(Tok::Punct(i, c));
                i += 1;
            }
        }
    }
}

/// The comment tokens [`lex`] hands out, and only those, found by jumping
/// from one byte that can open a comment, a string or a char (`/`, `"`,
/// `'`) to the next instead of visiting every token: identifiers, numbers
/// and punctuation hold none of these bytes, and the one token they decide
/// (a raw string's `r`, `br`, `cr` prefix, read only at the start of a
/// token) is checked by looking back from the quote.
pub(crate) fn lex_comments(text: &str, mut on: impl FnMut(Tok)) {
    lex_comments_between(text, |t, _, _| {
        if let Some(t) = t {
            on(t);
        }
    });
}

/// [`lex_comments`], handing out every span it skips (`from..to`): a
/// comment with its token, a string, char or lifetime quote with `None`;
/// the bytes between the spans are code.
pub(crate) fn lex_comments_between(text: &str, mut on: impl FnMut(Option<Tok>, usize, usize)) {
    let b = text.as_bytes();
    let mut i = 0;
    // Where the last literal or comment ended: a token starts there.
    let mut token_end = 0;
    while let Some(off) = memchr::memchr3(b'/', b'"', b'\'', &b[i..]) {
        let at = i + off;
        match (b[at], b.get(at + 1)) {
            (b'/', Some(b'/')) => {
                let end = memchr::memchr(b'\n', &b[at..]).map_or(b.len(), |e| at + e);
                on(Some(Tok::LineComment(at, end)), at, end);
                i = end;
            }
            (b'/', Some(b'*')) => {
                i = skip_block_comment(b, at);
                on(Some(Tok::BlockComment(at, i)), at, i);
            }
            (b'/', _) => {
                i = at + 1;
                continue;
            }
            (b'"', _) => {
                i = raw_string_start(b, token_end, at)
                    .map_or_else(|| skip_string(b, at + 1), |s| skip_raw_string(b, s));
                on(None, at, i);
            }
            _ => {
                // `'\` at the end of the text reads one byte past it.
                i = skip_char_or_lifetime(b, at).min(b.len());
                on(None, at, i);
            }
        }
        token_end = i;
    }
}

/// The start of the raw string prefix (`r`, `br`, `cr`, then `#`s) before
/// the quote at `quote`, if it starts a token: at `token_end` or after a
/// byte that cannot continue an identifier (as [`lex`] reads it).
fn raw_string_start(b: &[u8], token_end: usize, quote: usize) -> Option<usize> {
    let mut j = quote;
    while j > token_end && b[j - 1] == b'#' {
        j -= 1;
    }
    if j <= token_end || b[j - 1] != b'r' {
        return None;
    }
    j -= 1;
    if j > token_end && matches!(b[j - 1], b'b' | b'c') {
        j -= 1;
    }
    // The char before: a letter, digit or `_` continues an identifier;
    // whitespace, ASCII or not (U+200E, U+0085), ends the token before.
    let continues_ident = |j: usize| {
        if b[j - 1] < 0x80 {
            return b[j - 1].is_ascii_alphanumeric() || b[j - 1] == b'_';
        }
        let mut k = j - 1;
        while k > 0 && b[k] & 0xC0 == 0x80 {
            k -= 1;
        }
        std::str::from_utf8(&b[k..j])
            .ok()
            .and_then(|s| s.chars().next())
            .is_none_or(|c| c.is_alphanumeric() || c == '_')
    };
    (j == token_end || !continues_ident(j)).then_some(j)
}

/// The end of the (nesting) block comment opening at `start`.
fn skip_block_comment(b: &[u8], start: usize) -> usize {
    let mut depth = 1;
    let mut i = start + 2;
    while i < b.len() && depth > 0 {
        if b[i] == b'/' && b.get(i + 1) == Some(&b'*') {
            depth += 1;
            i += 2;
        } else if b[i] == b'*' && b.get(i + 1) == Some(&b'/') {
            depth -= 1;
            i += 2;
        } else {
            i += 1;
        }
    }
    i.min(b.len())
}

/// Byte ranges of every comment, line and block, doc comments included.
pub(crate) fn comments(text: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    lex_comments(text, |t| {
        if let Tok::LineComment(s, e) | Tok::BlockComment(s, e) = t {
            out.push((s, e));
        }
    });
    out
}

/// Byte ranges of every comment as a reader sees it: a run of line
/// comments on consecutive lines (`// …` or `/// …`, nothing but
/// indentation between them) is one range, so a key or a config block
/// written over several comment lines is read whole.
pub(crate) fn comment_runs(text: &str) -> Vec<(usize, usize)> {
    let mut runs = CommentRuns::default();
    lex_comments(text, |t| runs.push(text, t));
    runs.finish()
}

/// [`comment_runs`] built from tokens [`lex`] hands out, so a pass of the
/// lexer made for something else (the shape check of a large file) serves
/// it too.
#[derive(Default)]
pub(crate) struct CommentRuns {
    /// Each run: start, end, made of line comments.
    out: Vec<(usize, usize, bool)>,
}

impl CommentRuns {
    /// The next token of `text`.
    pub(crate) fn push(&mut self, text: &str, t: Tok) {
        let (s, e, line) = match t {
            Tok::LineComment(s, e) => (s, e, true),
            Tok::BlockComment(s, e) => (s, e, false),
            _ => return,
        };
        if line
            && let Some(last) = self.out.last_mut()
            && last.2
            && text.get(last.1..s).is_some_and(|gap| {
                gap.trim_start_matches([' ', '\t', '\r'])
                    .strip_prefix('\n')
                    .is_some_and(|rest| rest.trim_matches([' ', '\t']).is_empty())
            })
        {
            last.1 = e;
            return;
        }
        self.out.push((s, e, line));
    }

    /// The runs, in order.
    pub(crate) fn finish(self) -> Vec<(usize, usize)> {
        self.out.into_iter().map(|(s, e, _)| (s, e)).collect()
    }
}

/// Byte ranges of the line comments (`// …` to end of line, doc comments
/// included).
pub(crate) fn line_comments(text: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    lex_comments(text, |t| {
        if let Tok::LineComment(s, e) = t {
            out.push((s, e));
        }
    });
    out
}

fn is_raw_string_start(b: &[u8], i: usize) -> bool {
    let mut j = i;
    if matches!(b.get(j), Some(b'b') | Some(b'c')) {
        j += 1;
    }
    if b.get(j) != Some(&b'r') {
        return false;
    }
    j += 1;
    while b.get(j) == Some(&b'#') {
        j += 1;
    }
    b.get(j) == Some(&b'"')
}

fn skip_raw_string(b: &[u8], mut i: usize) -> usize {
    while b[i] != b'r' {
        i += 1;
    }
    i += 1;
    let mut hashes = 0;
    while b.get(i) == Some(&b'#') {
        hashes += 1;
        i += 1;
    }
    i += 1; // opening quote
    while i < b.len() {
        // `all` stops at the first byte that is not `#`: one pass over the
        // text however many `#`s open the string.
        if b[i] == b'"' && b.len() > i + hashes && b[i + 1..=i + hashes].iter().all(|&c| c == b'#') {
            return i + 1 + hashes;
        }
        i += 1;
    }
    b.len()
}

fn skip_string(b: &[u8], mut i: usize) -> usize {
    while i < b.len() {
        match b[i] {
            b'\\' => i += 2,
            b'"' => return i + 1,
            _ => i += 1,
        }
    }
    b.len()
}

fn skip_char_or_lifetime(b: &[u8], i: usize) -> usize {
    // `'\n'`, `'\u{1F600}'`, `'x'`, or a lifetime/label `'a`.
    if b.get(i + 1) == Some(&b'\\') {
        // Past the escaped byte: `'\''` ends at its second quote.
        let mut j = (i + 3).min(b.len());
        while j < b.len() && b[j] != b'\'' && b[j] != b'\n' {
            j += 1;
        }
        return j + 1;
    }
    // One (possibly multi-byte) char followed by a quote.
    let mut j = i + 1;
    if j < b.len() {
        j += 1;
        while j < b.len() && (b[j] & 0xC0) == 0x80 {
            j += 1;
        }
        if b.get(j) == Some(&b'\'') {
            return j + 1;
        }
    }
    i + 1
}

#[cfg(test)]
mod lexer_tests {
    fn comment_tokens(text: &str) -> (Vec<super::Tok>, Vec<super::Tok>) {
        let (mut full, mut fast) = (Vec::new(), Vec::new());
        super::lex(text, |t| {
            if matches!(t, super::Tok::LineComment(..) | super::Tok::BlockComment(..)) {
                full.push(t);
            }
        });
        super::lex_comments(text, |t| fast.push(t));
        (full, fast)
    }

    #[test]
    fn comment_lexer_agrees_with_the_full_lexer() {
        let tricky = [
            "let a = r#\"x \" // no\"#; // yes",
            "let a = br\"// no\"; let b = cr#\"/* no\"#; // yes",
            "let a = for\"// in a string\"; // yes",
            "let a = abr\"x\"; // yes \"",
            "let a = 'r'#\"// a string\"; // yes",
            "let a = \"x\"r\"// raw\"; // yes",
            "fn f<'r>(x: &'r str) {} // yes",
            "let a = 0xr\"// string\"; // yes",
            "let a = é r\"// raw\" ér\"// string\"; /* /* nested */ // */ x",
            "let c = '\\''; let d = b'\"'; // yes",
            "let c = '/'; let d = '*'; /// doc\n//! inner",
            "/* open // forever",
            "\"unterminated // string",
            "r#\"unterminated",
            "let x = 1 / 2 /* c */ / 3;",
            "_r\"// string\" r###\"\"## // raw \"###; // yes",
            "// a char at the end\nlet c = '\\",
        ];
        for text in tricky {
            let (full, fast) = comment_tokens(text);
            assert_eq!(fast, full, "{text}");
        }
        // And the crate's own sources, the fixtures with them.
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut files = 0;
        for dir in ["src", "lints", "testdata"] {
            for entry in walkdir::WalkDir::new(root.join(dir)).into_iter().flatten() {
                if entry.path().extension().is_some_and(|e| e == "rs")
                    && let Ok(text) = std::fs::read_to_string(entry.path())
                {
                    let (full, fast) = comment_tokens(&text);
                    assert_eq!(fast, full, "{}", entry.path().display());
                    files += 1;
                }
            }
        }
        assert!(files > 500, "only {files} files");
    }

    /// An escaped quote ends its char literal at the second quote:
    /// `'\''` followed by `'"'` is two chars, not a char and the start of
    /// a string hiding the rest of the file (comments, and brackets from the
    /// shape check).
    #[test]
    fn an_escaped_quote_char_hides_nothing_after_it() {
        for text in ["matches!(c, '\\''|'\"'); // real", "let q = ['\\'','\"']; // real"] {
            let (full, fast) = comment_tokens(text);
            assert_eq!(full.len(), 1, "{text}");
            assert_eq!(fast, full, "{text}");
        }
    }

    #[test]
    fn runs_of_line_comments_are_one_range() {
        let src = "// a\n    // b\n\n// c\n/* d */\n// e\nfn f() {} // g\n/// h\n";
        let runs: Vec<&str> = super::comment_runs(src).into_iter().map(|(s, e)| &src[s..e]).collect();
        assert_eq!(runs, ["// a\n    // b", "// c", "/* d */", "// e", "// g\n/// h"]);
    }

    #[test]
    fn lexes_only_real_comments() {
        let src = "let a = \"// not\"; // yes 1\nlet b = r#\"x \" // no\"#; let c = '\"'; // yes 2\n/* // no */ let l: &'a str = \"\"; // yes 3\nlet m = \"multi\n// inside string\n\"; b\"// no\";\n";
        let got: Vec<&str> = super::line_comments(src).iter().map(|&(s, e)| &src[s..e]).collect();
        assert_eq!(got, ["// yes 1", "// yes 2", "// yes 3"]);
    }

    #[test]
    fn block_comments_nest_and_strings_hide_them() {
        let src = "/* a /* b */ c */ let s = \"/* no */\"; /// doc\n/* open";
        let got: Vec<&str> = super::comments(src).iter().map(|&(s, e)| &src[s..e]).collect();
        assert_eq!(got, ["/* a /* b */ c */", "/// doc", "/* open"]);
    }
}
