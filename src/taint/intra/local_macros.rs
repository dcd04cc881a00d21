//! A `macro_rules!` of the scanned file that only returns, as decoders
//! write for their error exits:
//!
//! ```text
//! macro_rules! fail { ($e:expr) => { return Err(io::Error::from($e)) }; }
//! if len > self.src.len() { fail!(Error::TooLong); }
//! ```
//!
//! Its call ends the path like `bail!`, so the check before it guards
//! what follows. Read from the file's text: every rule of the macro named
//! so must expand to a `return`; a macro defined twice, or one rule that
//! does something else, is not such a macro.

/// The file defines `macro_rules! name` exactly once, and each of its
/// rules expands to a `return …`.
pub(super) fn returns_only(text: &str, name: &str) -> bool {
    let head = format!("macro_rules! {name}");
    let mut found = text.match_indices(&head).filter(|(i, _)| {
        text[i + head.len()..].chars().next().is_some_and(|c| c.is_whitespace() || matches!(c, '{' | '(' | '['))
    });
    let (Some((at, _)), None) = (found.next(), found.next()) else { return false };
    let Some(body) = delimited(text[at + head.len()..].trim_start()) else { return false };
    let mut rules = 0;
    let mut rest = body;
    while let Some(arrow) = rest.find("=>") {
        let after = rest[arrow + 2..].trim_start();
        let Some(expansion) = delimited(after) else { return false };
        // `return` as a word: `return_error($e)` is a call, not a return.
        let returns = expansion
            .trim_start()
            .strip_prefix("return")
            .is_some_and(|r| !r.starts_with(|c: char| c.is_alphanumeric() || c == '_'));
        if !returns || expansion.contains("macro_rules!") {
            return false;
        }
        rules += 1;
        rest = &after[expansion.len() + 2..];
    }
    rules > 0
}

/// The text inside the bracketed group `s` starts with (`{ … }`, `( … )`,
/// `[ … ]`), nesting counted; `None` when `s` does not start with one or
/// it is not closed.
fn delimited(s: &str) -> Option<&str> {
    let open = s.chars().next().filter(|c| matches!(c, '{' | '(' | '['))?;
    let mut level = 0i32;
    for (i, c) in s.char_indices() {
        match c {
            '{' | '(' | '[' => level += 1,
            '}' | ')' | ']' => {
                level -= 1;
                if level == 0 {
                    return s.get(open.len_utf8()..i);
                }
            }
            _ => {}
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::returns_only;

    #[test]
    fn macros_that_only_return() {
        let text = "fn f() { macro_rules! fail { ($e:expr) => { return Err(io::Error::from($e)) }; } }\n\
                    macro_rules! two { () => { return None }; ($e:expr) => ( return Some($e) ) }\n\
                    macro_rules! log { ($e:expr) => { eprintln!(\"{}\", $e) }; }\n\
                    macro_rules! mixed { () => { return }; ($e:expr) => { $e } }\n";
        assert!(returns_only(text, "fail"));
        assert!(returns_only(text, "two"));
        assert!(!returns_only(text, "log"));
        assert!(!returns_only(text, "mixed"));
        assert!(!returns_only(text, "missing"));
        // Defined twice (one per function): which one applies is not known.
        let twice = "macro_rules! fail { () => { return } }\nmacro_rules! fail { () => { 0 } }";
        assert!(!returns_only(twice, "fail"));
        // A call whose name starts with `return` goes on.
        let call = "macro_rules! fail { ($e:expr) => { return_error($e) } }";
        assert!(!returns_only(call, "fail"));
    }
}
