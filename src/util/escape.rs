//! Text from the scanned tree on its way to a terminal or a CI log.
//!
//! File names, string literals, comments and config values are written by
//! whoever wrote the pull request. Printed raw, `\n::add-mask::…` or
//! `\n::error …` becomes a GitHub workflow command, `\r` overwrites the
//! line before it, and ESC sequences clear or retitle the terminal. Every
//! such text goes through [`line()`] (one line) or [`lines`] (source
//! excerpts, line breaks kept): control characters, line separators and
//! the invisible bidirectional and zero-width format characters ("Trojan
//! Source") are shown as escapes, so no text of ours can start a log line
//! or move the cursor.

use std::borrow::Cow;
use std::fmt::Write as _;

/// Characters a terminal or a log viewer would act on, or that hide what
/// the text says.
fn needs_escape(c: char) -> bool {
    matches!(c,
        '\u{0}'..='\u{8}' | '\u{a}'..='\u{1f}' | '\u{7f}'..='\u{9f}'
        | '\u{61c}' | '\u{200b}'..='\u{200f}' | '\u{2028}'..='\u{202e}'
        | '\u{2060}'..='\u{2064}' | '\u{2066}'..='\u{2069}' | '\u{feff}')
}

fn push_escaped(out: &mut String, c: char) {
    match c {
        '\n' => out.push_str("\\n"),
        '\r' => out.push_str("\\r"),
        c => {
            let _ = write!(out, "\\u{{{:x}}}", c as u32);
        }
    }
}

/// One line of text, safe for a terminal and a CI log.
pub(crate) fn line(s: &str) -> Cow<'_, str> {
    if !s.chars().any(needs_escape) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 16);
    for c in s.chars() {
        if needs_escape(c) {
            push_escaped(&mut out, c);
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// Source text with its line breaks (`\n`, `\r\n`) kept and everything
/// else escaped as by [`line()`], with a map from byte offsets in `s` to
/// offsets in the result (labels point into it).
pub(crate) struct Escaped {
    pub text: String,
    /// (offset in the original just after an escaped char, growth so far).
    shifts: Vec<(usize, usize)>,
}

impl Escaped {
    /// Where byte `offset` of the original text is in the escaped text.
    pub(crate) fn map(&self, offset: usize) -> usize {
        let i = self.shifts.partition_point(|&(at, _)| at <= offset);
        offset + if i == 0 { 0 } else { self.shifts[i - 1].1 }
    }
}

impl Escaped {
    /// Where byte `offset` of the escaped text came from in the original
    /// (inside an escape: the escaped char's end).
    pub(crate) fn unmap(&self, offset: usize) -> usize {
        let i = self.shifts.partition_point(|&(at, grown)| at + grown <= offset);
        offset - if i == 0 { 0 } else { self.shifts[i - 1].1 }
    }
}

pub(crate) fn lines(s: &str) -> Escaped {
    let mut text = String::with_capacity(s.len());
    let mut shifts = Vec::new();
    let mut grown = 0usize;
    let mut it = s.char_indices().peekable();
    while let Some((i, c)) = it.next() {
        let keep = c == '\n' || (c == '\r' && it.peek().is_some_and(|&(_, n)| n == '\n'));
        if keep || !needs_escape(c) {
            text.push(c);
            continue;
        }
        let before = text.len();
        push_escaped(&mut text, c);
        grown += text.len() - before - c.len_utf8();
        shifts.push((i + c.len_utf8(), grown));
    }
    Escaped { text, shifts }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn control_and_format_characters_are_shown_as_escapes() {
        assert_eq!(line("plain ünïcode\ttab"), "plain ünïcode\ttab");
        assert_eq!(line("a\n::add-mask::x"), "a\\n::add-mask::x");
        assert_eq!(line("\r\u{1b}]0;title\u{7}"), "\\r\\u{1b}]0;title\\u{7}");
        assert_eq!(line("x\u{202e}y\u{2028}"), "x\\u{202e}y\\u{2028}");
        assert_eq!(line("\u{9b}2J"), "\\u{9b}2J");
    }

    #[test]
    fn excerpts_keep_their_lines_and_offsets_map() {
        let src = "let a = \"\u{1b}[2J\";\r\nlet b = 1;\n";
        let e = lines(src);
        assert_eq!(e.text, "let a = \"\\u{1b}[2J\";\r\nlet b = 1;\n");
        let b = src.find("let b").unwrap();
        assert_eq!(&e.text[e.map(b)..e.map(b) + 5], "let b");
        assert_eq!(e.map(3), 3);
        let esc = src.find('\u{1b}').unwrap();
        assert_eq!(e.map(esc), esc);
        assert_eq!(&e.text[e.map(esc + 1)..e.map(esc + 1) + 3], "[2J");
        for o in [0, 3, esc, esc + 1, b] {
            assert_eq!(e.unmap(e.map(o)), o);
        }
    }
}
