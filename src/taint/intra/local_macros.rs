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

/// The names of the file's `macro_rules!` that are defined exactly once
/// and whose every rule expands to a `return …`: read once per file (see
/// `FileCtx::returning_macros`), looked up on each macro call.
pub(crate) fn returning_macros(text: &str) -> rustc_hash::FxHashSet<String> {
    const HEAD: &str = "macro_rules! ";
    // Each definition `macro_rules! NAME` followed by a blank or a bracket:
    // the name, and where its text ends.
    let mut defs: rustc_hash::FxHashMap<&str, (u32, usize)> = Default::default();
    for at in memchr::memmem::find_iter(text.as_bytes(), HEAD.as_bytes()) {
        let rest = &text[at + HEAD.len()..];
        let Some(len) = rest.find(|c: char| c.is_whitespace() || matches!(c, '{' | '(' | '[')) else { continue };
        if len == 0 {
            continue;
        }
        let e = defs.entry(&rest[..len]).or_insert((0, at + HEAD.len() + len));
        e.0 += 1;
    }
    defs.into_iter()
        .filter(|(_, (n, end))| *n == 1 && rules_only_return(&text[*end..]))
        .map(|(name, _)| name.to_string())
        .collect()
}

/// The file defines `macro_rules! name` exactly once, and each of its
/// rules expands to a `return …`.
#[cfg(test)]
fn returns_only(text: &str, name: &str) -> bool {
    returning_macros(text).contains(name)
}

/// `after` (the text after a macro's name) is a `{ … }` of rules that
/// each expand to a `return …`.
fn rules_only_return(after: &str) -> bool {
    let Some(body) = delimited(after.trim_start()) else { return false };
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
        // One reading of the file answers for every name: a name is the
        // text up to a blank or a bracket, a prefix of it is another name.
        let set = super::returning_macros(
            "macro_rules! fail{ () => { return } }\nmacro_rules! fa (x)\nmacro_rules! failing { () => { 0 } }\nmacro_rules! end",
        );
        assert_eq!(set.into_iter().collect::<Vec<_>>(), ["fail"]);
    }
}
