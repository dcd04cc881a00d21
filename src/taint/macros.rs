//! Macros that end a path. A `macro_rules!` that only returns, as
//! decoders write for their error exits:
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
//!
//! Crates often define them once (`macros.rs`, `#[macro_use] mod macros;`)
//! and call them everywhere. A file's analysis cannot see another file,
//! so each file says which such macros it defines and which unknown
//! macros its data-flow pass met ([`MacroFacts`]); after every file was
//! analysed, a file that met a macro another file of its crate defines
//! as returning is analysed again, told of it ([`to_tell`]; the scan's
//! `engine::crate_macros`). What a file was told is part of its cache key.

/// What one file says about path-ending macros, for the other files of
/// its crate.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub(crate) struct MacroFacts {
    /// The `macro_rules!` it defines once, each rule a `return …`.
    pub returning: Vec<String>,
    /// The `macro_rules!` it defines otherwise (twice, or a rule that
    /// does something else): they shadow a crate's macro of that name.
    pub other: Vec<String>,
    /// The macros its data-flow pass called that neither std nor the file
    /// defines.
    pub asked: Vec<String>,
    /// The other files' returning macros its analysis was told of.
    pub told: Vec<String>,
}

/// Macros of std and of the common crates the data-flow pass models by
/// name: never another file's, so never asked about.
const WELL_KNOWN: &[&str] = &[
    "anyhow",
    "assert",
    "assert_eq",
    "assert_ne",
    "bail",
    "cfg",
    "column",
    "compile_error",
    "concat",
    "dbg",
    "debug",
    "debug_assert",
    "debug_assert_eq",
    "debug_assert_ne",
    "ensure",
    "env",
    "eprint",
    "eprintln",
    "error",
    "eyre",
    "file",
    "format",
    "format_args",
    "format_err",
    "include",
    "include_bytes",
    "include_str",
    "info",
    "line",
    "matches",
    "module_path",
    "option_env",
    "panic",
    "print",
    "println",
    "stringify",
    "thread_local",
    "todo",
    "trace",
    "unimplemented",
    "unreachable",
    "vec",
    "warn",
    "write",
    "writeln",
];

/// A macro another file of the crate may define: not std's or a
/// well-known crate's.
pub(crate) fn may_be_the_crates(name: &str) -> bool {
    !WELL_KNOWN.contains(&name)
}

/// The file's macro facts from its text (`asked` and `told` are the
/// analysis's to fill).
pub(crate) fn defined(text: &str) -> MacroFacts {
    if memchr::memmem::find(text.as_bytes(), b"macro_rules!").is_none() {
        return MacroFacts::default();
    }
    let (returning, other) = definitions(text);
    let mut returning: Vec<String> = returning.into_iter().collect();
    returning.sort_unstable();
    MacroFacts { returning, other, ..Default::default() }
}

/// Per crate (its package; `None` for files outside any), the names some
/// file defines as returning and none defines otherwise.
pub(crate) fn crate_returning<'a>(
    files: impl Iterator<Item = (Option<&'a str>, &'a MacroFacts)>,
) -> rustc_hash::FxHashMap<Option<&'a str>, rustc_hash::FxHashSet<&'a str>> {
    let mut returning: rustc_hash::FxHashMap<Option<&str>, rustc_hash::FxHashSet<&str>> = Default::default();
    let mut other: rustc_hash::FxHashMap<Option<&str>, rustc_hash::FxHashSet<&str>> = Default::default();
    for (pkg, m) in files {
        if !m.returning.is_empty() {
            returning.entry(pkg).or_default().extend(m.returning.iter().map(String::as_str));
        }
        if !m.other.is_empty() {
            other.entry(pkg).or_default().extend(m.other.iter().map(String::as_str));
        }
    }
    for (pkg, names) in &mut returning {
        if let Some(o) = other.get(pkg) {
            names.retain(|n| !o.contains(n));
        }
    }
    returning.retain(|_, names| !names.is_empty());
    returning
}

/// What a file should be told of: the macros it asked about that its
/// crate defines as returning (not its own names), sorted; `None` when
/// that is what it was told.
pub(crate) fn to_tell(
    facts: &MacroFacts,
    crate_returning: Option<&rustc_hash::FxHashSet<&str>>,
) -> Option<Vec<String>> {
    let mut tell: Vec<String> = match crate_returning {
        Some(set) => facts
            .asked
            .iter()
            .filter(|n| set.contains(n.as_str()) && !facts.returning.contains(n) && !facts.other.contains(n))
            .cloned()
            .collect(),
        None => Vec::new(),
    };
    tell.sort_unstable();
    tell.dedup();
    (tell != facts.told).then_some(tell)
}

/// The names of the file's `macro_rules!` that are defined exactly once
/// and whose every rule expands to a `return …`: read once per file (see
/// `FileCtx::returning_macros`), looked up on each macro call.
pub(crate) fn returning_macros(text: &str) -> rustc_hash::FxHashSet<String> {
    definitions(text).0
}

/// The file's `macro_rules!` names: those defined exactly once whose every
/// rule expands to a `return …`, and the others, sorted.
fn definitions(text: &str) -> (rustc_hash::FxHashSet<String>, Vec<String>) {
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
    let mut returning = rustc_hash::FxHashSet::default();
    let mut other = Vec::new();
    for (name, (n, end)) in defs {
        if n == 1 && rules_only_return(&text[end..]) {
            returning.insert(name.to_string());
        } else {
            other.push(name.to_string());
        }
    }
    other.sort_unstable();
    (returning, other)
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

    #[test]
    fn what_a_file_says_and_what_it_is_told() {
        use super::{MacroFacts, crate_returning, defined, to_tell};
        let strs = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        // No `macro_rules!`: nothing read.
        assert_eq!(defined("fn f() { fail!(x) }"), MacroFacts::default());
        let defs = defined(
            "macro_rules! fail { () => { return } }\nmacro_rules! log { () => { 0 } }\nmacro_rules! bad { () => { return } }",
        );
        assert_eq!(defs.returning, strs(&["bad", "fail"]));
        assert_eq!(defs.other, strs(&["log"]));
        // Another file defines `bad` otherwise: not the crate's exit. A
        // file of another package defines `log` as an exit: not this one's.
        let shadow = MacroFacts { other: strs(&["bad"]), ..Default::default() };
        let elsewhere = MacroFacts { returning: strs(&["log"]), ..Default::default() };
        let by_crate = crate_returning([(Some("p"), &defs), (Some("p"), &shadow), (Some("q"), &elsewhere)].into_iter());
        let p = by_crate.get(&Some("p"));
        assert_eq!(p.map(|s| s.len()), Some(1));
        // Told of what it asked about and the crate defines, sorted.
        let caller = MacroFacts { asked: strs(&["log", "fail", "bad", "other"]), ..Default::default() };
        assert_eq!(to_tell(&caller, p), Some(strs(&["fail"])));
        // Already told: nothing to do; told of more than is left: told again.
        let told = MacroFacts { told: strs(&["fail"]), ..caller.clone() };
        assert_eq!(to_tell(&told, p), None);
        assert_eq!(to_tell(&told, None), Some(Vec::new()));
        // Its own macro of that name decides.
        let own = MacroFacts { other: strs(&["fail"]), ..caller };
        assert_eq!(to_tell(&own, p), None);
    }
}
