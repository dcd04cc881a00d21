//! Untrusted text made safe to print: everything read from a package
//! (names, paths, decoded strings, source lines) can carry terminal escape
//! sequences or bidirectional-override characters.

/// Characters that change how a terminal shows what follows.
fn is_unsafe(c: char) -> bool {
    (c.is_control() && c != '\n' && c != '\t')
        || matches!(c, '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{feff}')
}

/// `s` on one line with unsafe characters (and line breaks) escaped as `\u{1b}`.
pub(crate) fn sanitize(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if is_unsafe(c) || c == '\n' || c == '\t' {
            out.extend(c.escape_unicode());
        } else {
            out.push(c);
        }
    }
    out
}

/// `s` with each unsafe character replaced by `?`s of the same byte length,
/// so byte offsets into it still hold (code frames); lines and tabs kept.
pub(crate) fn sanitize_same_len(s: &str) -> String {
    if !s.chars().any(is_unsafe) {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if is_unsafe(c) {
            out.extend(std::iter::repeat_n('?', c.len_utf8()));
        } else {
            out.push(c);
        }
    }
    out
}

/// At most `n` characters of `s`, sanitized, with `…` when cut.
pub(crate) fn short(s: &str, n: usize) -> String {
    let cut: String = s.chars().take(n).collect();
    let more = s.chars().nth(n).is_some();
    format!("{}{}", sanitize(&cut), if more { "…" } else { "" })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_terminal_controls() {
        assert_eq!(sanitize("a\u{1b}[2Jb"), "a\\u{1b}[2Jb");
        assert_eq!(sanitize("x\u{202e}y\nz"), "x\\u{202e}y\\u{a}z");
        let s = "ok\u{1b}[31m\u{85}\n\tend";
        let t = sanitize_same_len(s);
        assert_eq!(t.len(), s.len());
        assert_eq!(t, "ok?[31m??\n\tend");
        assert_eq!(short("abcdef", 3), "abc…");
    }
}
