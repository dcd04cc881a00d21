//! Code lines: non-blank lines with something outside comments.
//!
//! A small Rust lexer, independent of the tool it measures: `//` comments
//! (doc comments too) run to the end of the line, `/* */` comments nest, and
//! string literals (`"…"` with escapes, raw `r#"…"#`, byte and C strings)
//! and char literals are code, so a `//` or `/*` inside them opens no
//! comment. `'a` without a closing quote is a lifetime or a label. A line
//! counts when any non-whitespace character on it is code (the text inside a
//! string literal is code, on every line it spans).

enum State {
    Code,
    Block(u32),
    Str,
    Raw(usize),
}

/// The number of code lines of `text`.
pub(crate) fn count(text: &str) -> usize {
    let chars: Vec<char> = text.chars().collect();
    let mut state = State::Code;
    let mut lines = 0;
    let mut has_code = false;
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let next = chars.get(i + 1).copied();
        if c == '\n' {
            lines += usize::from(has_code);
            has_code = false;
            i += 1;
            continue;
        }
        match state {
            State::Code => {
                if c == '/' && next == Some('/') {
                    while i < chars.len() && chars[i] != '\n' {
                        i += 1;
                    }
                    continue;
                }
                if c == '/' && next == Some('*') {
                    state = State::Block(1);
                    i += 2;
                    continue;
                }
                if !c.is_whitespace() {
                    has_code = true;
                }
                if c == '"' {
                    state = State::Str;
                } else if let Some((hashes, len)) = raw_string_start(&chars, i) {
                    state = State::Raw(hashes);
                    i += len;
                    continue;
                } else if c == '\'' {
                    i += char_literal_len(&chars, i);
                    continue;
                }
                i += 1;
            }
            State::Block(depth) => {
                if c == '*' && next == Some('/') {
                    state = if depth == 1 { State::Code } else { State::Block(depth - 1) };
                    i += 2;
                } else if c == '/' && next == Some('*') {
                    state = State::Block(depth + 1);
                    i += 2;
                } else {
                    i += 1;
                }
            }
            State::Str => {
                if !c.is_whitespace() {
                    has_code = true;
                }
                if c == '\\' {
                    // An escaped character, or a line continuation: either way
                    // the next character does not close the string.
                    i += if next == Some('\n') { 1 } else { 2 };
                    continue;
                }
                if c == '"' {
                    state = State::Code;
                }
                i += 1;
            }
            State::Raw(hashes) => {
                if !c.is_whitespace() {
                    has_code = true;
                }
                if c == '"' && (1..=hashes).all(|k| chars.get(i + k) == Some(&'#')) {
                    state = State::Code;
                    i += 1 + hashes;
                } else {
                    i += 1;
                }
            }
        }
    }
    lines + usize::from(has_code)
}

fn is_ident(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

/// At `i`, a raw string's opening (`r"`, `r#"`, `br"`, `cr#"`): the number of
/// `#` and the length of the opening.
fn raw_string_start(chars: &[char], i: usize) -> Option<(usize, usize)> {
    let mut j = i;
    if matches!(chars[j], 'b' | 'c') && chars.get(j + 1) == Some(&'r') {
        j += 1;
    }
    if chars[j] != 'r' || (i > 0 && is_ident(chars[i - 1])) {
        return None;
    }
    let mut k = j + 1;
    while chars.get(k) == Some(&'#') {
        k += 1;
    }
    (chars.get(k) == Some(&'"')).then_some((k - j - 1, k + 1 - i))
}

/// At a `'`: the length of the char literal starting there, or 1 for a
/// lifetime or label.
fn char_literal_len(chars: &[char], i: usize) -> usize {
    match (chars.get(i + 1), chars.get(i + 2)) {
        (Some('\\'), _) => {
            let mut k = i + 2;
            while k < chars.len() && chars[k] != '\'' && chars[k] != '\n' {
                k += 1;
            }
            k + 1 - i
        }
        (Some(&c), Some('\'')) if c != '\n' => 3,
        _ => 1,
    }
}

#[cfg(test)]
mod tests {
    use super::count;

    #[test]
    fn comments_blank_lines_and_strings() {
        assert_eq!(count("fn main() {}\n\n   \n// c\n/// doc\n"), 1);
        assert_eq!(count("/* a\n /* nested */\n still */ x\n"), 1);
        assert_eq!(count("let s = \"// not a comment\";\n"), 1);
        assert_eq!(count("let s = \"a\n\n b\"; // c\n"), 2);
        assert_eq!(count("let s = r#\"/* x \"# ; /* c\n c */\n"), 1);
        assert_eq!(count("let q = '\"'; // c\nlet t = 1;\n"), 2);
        assert_eq!(count("fn f<'a>(x: &'a str) {} /* c\n*/\n"), 1);
        assert_eq!(count("let e = '\\''; /* c */\n"), 1);
        assert_eq!(count("let b = br\"x\"; let c = \"\\\"/*\";\nz\n"), 2);
    }
}
