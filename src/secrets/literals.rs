//! The string literals of Rust source text, by a small lexer (no parse, no
//! allocation): what the test-code prefilter (`policy::region_may_report`)
//! looks at instead of walking the syntax tree.

/// Code a test-code prefilter reads (`Rule::may_report_in_test`): its text
/// and its string literals, lexed once for every rule that asks.
pub(crate) struct Region<'t> {
    pub text: &'t str,
    literals: std::cell::OnceCell<Vec<&'t str>>,
}

impl<'t> Region<'t> {
    pub(crate) fn new(text: &'t str) -> Self {
        Region { text, literals: std::cell::OnceCell::new() }
    }

    /// [`string_literals`] of the text, lexed on first need.
    pub(crate) fn literals(&self) -> &[&'t str] {
        self.literals.get_or_init(|| string_literals(self.text).collect())
    }
}

/// The string literals of `text` (their source: prefix, hashes and quotes
/// included), skipping comments, char literals and lifetimes. Jumps from
/// one `/`, `'` or `"` to the next (a test module is mostly code): a
/// literal's prefix (`r`, `b`, `br`, `c`, `r#`…) is found back from its
/// quote, the first of the run before it that opens one.
pub(crate) fn string_literals(text: &str) -> impl Iterator<Item = &str> {
    let b = text.as_bytes();
    let mut i = 0;
    std::iter::from_fn(move || {
        while let Some(n) = memchr::memchr3(b'/', b'\'', b'"', b.get(i..)?) {
            let at = i + n;
            match (b[at], b.get(at + 1)) {
                (b'/', Some(b'/')) => i = memchr::memchr(b'\n', &b[at..]).map_or(b.len(), |n| at + n),
                (b'/', Some(b'*')) => i = block_comment_end(b, at),
                (b'\'', _) => i = char_or_lifetime_end(b, at),
                (b'"', _) => {
                    let mut run = at;
                    while run > i && matches!(b[run - 1], b'r' | b'b' | b'c' | b'#') {
                        run -= 1;
                    }
                    let opened = (run..=at)
                        .filter(|&p| p == at || matches!(b[p], b'r' | b'b' | b'c'))
                        .find_map(|p| Some((p, string_end(b, p)?)));
                    match opened {
                        Some((start, end)) => {
                            i = end;
                            return text.get(start..end);
                        }
                        None => i = at + 1,
                    }
                }
                _ => i = at + 1,
            }
        }
        i = b.len();
        None
    })
}

/// After a (nested) block comment starting at `i`.
fn block_comment_end(b: &[u8], mut i: usize) -> usize {
    let mut depth = 0usize;
    while i < b.len() {
        match (b.get(i), b.get(i + 1)) {
            (Some(b'/'), Some(b'*')) => {
                depth += 1;
                i += 2;
            }
            (Some(b'*'), Some(b'/')) => {
                depth = depth.saturating_sub(1);
                i += 2;
                if depth == 0 {
                    return i;
                }
            }
            _ => i += 1,
        }
    }
    b.len()
}

/// After a char literal (`'"'`, `'\''`, `'\u{22}'`) or a lifetime's quote
/// (`'a`) starting at `i`.
fn char_or_lifetime_end(b: &[u8], i: usize) -> usize {
    if b.get(i + 1) == Some(&b'\\') {
        let from = (i + 3).min(b.len());
        return b.get(from..).and_then(|rest| memchr::memchr(b'\'', rest)).map_or(b.len(), |n| from + n + 1);
    }
    // One character (possibly multi-byte) and a closing quote.
    let width = b.get(i + 1).map_or(1, |&c| utf8_width(c));
    if b.get(i + 1 + width) == Some(&b'\'') { i + 2 + width } else { i + 1 }
}

fn utf8_width(first: u8) -> usize {
    match first {
        0xF0.. => 4,
        0xE0.. => 3,
        0xC0.. => 2,
        _ => 1,
    }
}

/// The end of a string literal (`"…"`, `r#"…"#`, `b"…"`, `br"…"`,
/// `c"…"`) starting at `i`, if one starts there.
fn string_end(b: &[u8], i: usize) -> Option<usize> {
    if i > 0 && b.get(i - 1).is_some_and(|&p| p.is_ascii_alphanumeric() || p == b'_') {
        return None;
    }
    let mut j = i;
    while j - i < 2 && matches!(b.get(j), Some(b'r' | b'b' | b'c')) {
        j += 1;
    }
    let raw = b.get(i..j)?.contains(&b'r');
    let mut hashes = 0;
    while raw && b.get(j) == Some(&b'#') {
        hashes += 1;
        j += 1;
    }
    if b.get(j) != Some(&b'"') {
        return None;
    }
    j += 1;
    loop {
        match b.get(j)? {
            b'\\' if !raw => j += 2,
            b'"' if (1..=hashes).all(|k| b.get(j + k) == Some(&b'#')) => return Some(j + 1 + hashes),
            _ => j += 1,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The byte-at-a-time lexer `string_literals` replaced: what it must
    /// still find.
    fn reference_literals(text: &str) -> impl Iterator<Item = &str> {
        let b = text.as_bytes();
        let mut i = 0;
        std::iter::from_fn(move || {
            while let Some(&c) = b.get(i) {
                let next = b.get(i + 1).copied();
                match c {
                    b'/' if next == Some(b'/') => i = memchr::memchr(b'\n', b.get(i..)?).map_or(b.len(), |n| i + n),
                    b'/' if next == Some(b'*') => i = block_comment_end(b, i),
                    b'\'' => i = char_or_lifetime_end(b, i),
                    b'r' | b'b' | b'c' | b'"' => match string_end(b, i) {
                        Some(end) => {
                            let start = i;
                            i = end;
                            return text.get(start..end);
                        }
                        None => i += 1,
                    },
                    _ => i += 1,
                }
            }
            None
        })
    }

    #[test]
    fn finds_what_the_byte_at_a_time_lexer_found() {
        let tricky = [
            r##"br"x" rb"y" cr#"z"# bb"w" abr"q" r#x#"e" ##"h" c'x' b'"' '\'' "a\"b" /* " */ "c""##,
            "r\"unterminated",
            "'\u{22}' \"",
            "x//\"\n\"y\" /* /* \" */ \" */ \"z\"",
            "é\"x\" br##\"#\"##",
        ];
        let mut texts: Vec<String> = tricky.iter().map(|t| t.to_string()).collect();
        for dir in ["src", "lints", "testdata"] {
            let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(dir);
            for e in walkdir::WalkDir::new(root).into_iter().flatten() {
                if e.path().extension().is_some_and(|x| x == "rs")
                    && let Ok(t) = std::fs::read_to_string(e.path())
                {
                    texts.push(t);
                }
            }
        }
        assert!(texts.len() > 100);
        for t in &texts {
            let want: Vec<&str> = reference_literals(t).collect();
            assert_eq!(string_literals(t).collect::<Vec<_>>(), want, "{}", &t[..t.len().min(80)]);
            // Every suffix too: a scan that starts mid-token.
            for (k, _) in t.char_indices().step_by(1009) {
                let want: Vec<&str> = reference_literals(&t[k..]).collect();
                assert_eq!(string_literals(&t[k..]).collect::<Vec<_>>(), want);
            }
        }
    }

    #[test]
    fn lexes_string_literals() {
        let src = r##"let a = "x\"y"; // "no"
/* "no" /* "nested" */ */ let c = '"'; let d = '\''; let e = 'é'; fn f<'a>(x: &'a str) {}
let r = r#"raw "inner" "#; let b = b"bytes"; let br = br"raw"; let id = bar"z"; let u = "unterminated"##;
        let got: Vec<&str> = string_literals(src).collect();
        assert_eq!(got, [r#""x\"y""#, r###"r#"raw "inner" "#"###, r#"b"bytes""#, r#"br"raw""#]);
    }
}
