//! Where the secrets rules read besides the syntax tree: the file's
//! comments (syn keeps none, and doc comments are attributes the walker
//! skips), and which of their ranges are test code.

use crate::rules::cx::Cx;
use crate::rules::file::FileCtx;

/// The file's comments that `wanted` accepts, a run of line comments on
/// consecutive lines read as one: each as its start offset and its text
/// with the comment markers blanked (offsets kept), so a key or a config
/// block spread over `///` lines reads as written.
pub(crate) fn comments_where(file: &FileCtx, wanted: impl Fn(&str) -> bool) -> Vec<(usize, String)> {
    let text = file.text.as_str();
    file.comment_runs()
        .iter()
        .filter_map(|&(s, e)| text.get(s..e).filter(|c| wanted(c)).map(|c| (s, comment_body(c))))
        .collect()
}

/// A comment's text with its markers (`//`, `///`, `//!`, `/*`, `*/`, a
/// leading `*`) and Markdown backticks blanked out, offsets kept: what a
/// config line inside it reads as.
pub(crate) fn comment_body(comment: &str) -> String {
    // Byte by byte: every blanked character is ASCII, and the bytes of a
    // multi-byte character are neither blanked nor markers, so they are
    // copied as they are and end a line's markers like the character.
    let mut out = comment.as_bytes().to_vec();
    let mut line_start = true;
    for b in &mut out {
        let c = *b;
        if c == b'\n' {
            line_start = true;
            continue;
        }
        let marker = matches!(c, b'/' | b'*' | b'!' | b' ' | b'\t');
        if c == b'`' || line_start && marker {
            *b = b' ';
        }
        line_start &= marker;
    }
    while out.ends_with(b"*/") {
        out.truncate(out.len() - 2);
    }
    // Only ASCII bytes were replaced (by spaces) and whole `*/` pairs cut.
    String::from_utf8(out).unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned())
}

/// Byte ranges of the test items (`#[cfg(test)]`, `#[test]`) among these
/// items and inside their inline modules.
pub(crate) fn test_ranges(cx: &Cx<'_, '_>, items: &[syn::Item]) -> Vec<(usize, usize)> {
    use crate::syntax::attrs::{is_cfg_test, is_test_fn};
    use syn::spanned::Spanned;
    let mut out = Vec::new();
    for item in items {
        let (attrs, inner): (&[syn::Attribute], Option<&[syn::Item]>) = match item {
            syn::Item::Mod(m) => (&m.attrs, m.content.as_ref().map(|(_, i)| i.as_slice())),
            syn::Item::Fn(f) => (&f.attrs, None),
            syn::Item::Impl(i) => (&i.attrs, None),
            _ => continue,
        };
        if is_cfg_test(attrs) || is_test_fn(attrs) {
            // From its doc comments, which the parse left out.
            if let Some((s, e)) = cx.file.byte_range(item.span()) {
                out.push((cx.file.docs_start(s) as usize, e as usize));
            }
        } else if let Some(inner) = inner {
            out.extend(test_ranges(cx, inner));
        }
    }
    out
}


#[cfg(test)]
mod tests {
    use super::comment_body;

    /// The character-by-character reading `comment_body` stands for.
    fn by_chars(comment: &str) -> String {
        let mut out = String::new();
        let mut line_start = true;
        for c in comment.chars() {
            if c == '\n' {
                line_start = true;
                out.push(c);
                continue;
            }
            let marker = matches!(c, '/' | '*' | '!' | ' ' | '\t');
            let blank = c == '`' || line_start && marker;
            line_start &= marker;
            if blank {
                out.extend(std::iter::repeat_n(' ', c.len_utf8()));
            } else {
                out.push(c);
            }
        }
        out.trim_end_matches("*/").to_string()
    }

    #[test]
    fn markers_and_backticks_are_blanked_offsets_kept() {
        for c in [
            "/// `API_KEY=abc` here\n/// next line",
            "//! crate doc\n//!   * item *bold*",
            "/* block\n * with a star\n */",
            "/** doc */*/",
            "// é*/ ünïcödé `ẞ` \t//x\n\t// 😀 /* */",
            "*/*/",
            "// ends in a star *",
            "",
        ] {
            let got = comment_body(c);
            assert_eq!(got, by_chars(c), "{c:?}");
            assert!(got.len() <= c.len() && c.is_char_boundary(got.len()), "{c:?}");
        }
        assert_eq!(comment_body("/// `k = v`"), "     k = v ");
    }
}
