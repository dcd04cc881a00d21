//! Regex checks: which rules a `PATTERN.is_match(&x)` makes `x` safe for.
//!
//! Only a literal pattern anchored at both ends (`^…$`, `\A…\z`, not in
//! multi-line mode) constrains the whole value; its language is analysed
//! with `regex-syntax` (the parser the `regex` crate itself uses, so the
//! pattern means here what it means at run time): the characters a
//! matched value can hold anywhere, those it can start with, and whether
//! it can be one of a few dangerous values. Each rule says what it cannot
//! tolerate (`TaintSpec::pattern`); the check makes the value safe for the
//! rules whose conditions all hold. `^[\w.-]+$` protects a quoted SQL
//! literal, not a path (it matches `..`).
//!
//! The pattern is the literal argument of `Regex::new`/`RegexBuilder::new`
//! (or `regex!`) in the receiver itself or in the `static`/`const`/`let`
//! (`LazyLock`, `OnceLock`, `lazy_static!`, `once_cell`) that defines the
//! receiver's name in this file. Anything else says nothing.

use regex_syntax::hir::{Class, Hir, HirKind, Look};
use syn::Expr;

use super::strip_parens_refs_derefs;
use crate::rules::file::FileCtx;
use crate::rules::taint::PatternSafety;
use crate::taint::{Mask, mask};

/// Characters as inclusive ranges.
type Ranges = Vec<(char, char)>;

/// The rules a match of `receiver`'s pattern makes a value safe for
/// (`None`: the pattern is not known).
pub(super) fn guard_mask(file: &FileCtx, receiver: &Expr) -> Option<Mask> {
    let patterns = patterns_of(file, receiver);
    if patterns.is_empty() {
        return None;
    }
    // The name may be defined more than once: each must protect.
    Some(patterns.iter().fold(Mask::ALL, |m, p| m.intersection(rules_protected(p))))
}

/// The rules a match of `pattern` makes a value safe for.
pub(super) fn rules_protected(pattern: &str) -> Mask {
    let Ok(hir) = regex_syntax::Parser::new().parse(pattern) else { return Mask::EMPTY };
    let props = hir.properties();
    if !props.look_set_prefix().contains(Look::Start) || !props.look_set_suffix().contains(Look::End) {
        return Mask::EMPTY;
    }
    let mut chars = Vec::new();
    all_chars(&hir, &mut chars);
    let (first, _) = first_chars(&hir);
    let full = regex::Regex::new(pattern).ok();
    mask::specs()
        .filter(|(_, spec)| {
            spec.pattern.is_some_and(|p| protects(&p, &chars, &first, |v| full.as_ref().is_none_or(|r| r.is_match(v))))
        })
        .fold(Mask::EMPTY, |m, (bit, _)| m.union(Mask::of(bit)))
}

fn protects(p: &PatternSafety, chars: &Ranges, first: &Ranges, matches: impl Fn(&str) -> bool) -> bool {
    let has = |set: &Ranges, c: char| set.iter().any(|&(a, b)| a <= c && c <= b);
    if p.chars.chars().any(|c| has(chars, c)) || p.first.chars().any(|c| has(first, c)) {
        return false;
    }
    if p.no_space && chars.iter().any(|&(a, b)| holds_space(a, b)) {
        return false;
    }
    !p.values.iter().any(|v| matches(v))
}

/// Does `a..=b` hold a whitespace or control character?
fn holds_space(a: char, b: char) -> bool {
    const SPECIAL: &[(u32, u32)] = &[
        (0x00, 0x20),
        (0x7f, 0xa0),
        (0x1680, 0x1680),
        (0x2000, 0x200b),
        (0x2028, 0x2029),
        (0x202f, 0x202f),
        (0x205f, 0x205f),
        (0x3000, 0x3000),
        (0xfeff, 0xfeff),
    ];
    SPECIAL.iter().any(|&(x, y)| (a as u32) <= y && x <= (b as u32))
}

/// Every character a matched value can hold.
fn all_chars(h: &Hir, out: &mut Ranges) {
    match h.kind() {
        HirKind::Empty | HirKind::Look(_) => {}
        HirKind::Literal(l) => out.extend(String::from_utf8_lossy(&l.0).chars().map(|c| (c, c))),
        HirKind::Class(c) => out.extend(class_ranges(c)),
        HirKind::Repetition(r) => all_chars(&r.sub, out),
        HirKind::Capture(c) => all_chars(&c.sub, out),
        HirKind::Concat(v) | HirKind::Alternation(v) => v.iter().for_each(|x| all_chars(x, out)),
    }
}

/// The characters a matched value can start with, and whether it can be
/// empty (so the next part can start it).
fn first_chars(h: &Hir) -> (Ranges, bool) {
    match h.kind() {
        HirKind::Empty | HirKind::Look(_) => (Vec::new(), true),
        HirKind::Literal(l) => match String::from_utf8_lossy(&l.0).chars().next() {
            Some(c) => (vec![(c, c)], false),
            None => (Vec::new(), true),
        },
        HirKind::Class(c) => (class_ranges(c), false),
        HirKind::Repetition(r) => {
            let (f, empty) = first_chars(&r.sub);
            (f, empty || r.min == 0)
        }
        HirKind::Capture(c) => first_chars(&c.sub),
        HirKind::Concat(v) => {
            let mut acc = Vec::new();
            for part in v {
                let (f, empty) = first_chars(part);
                acc.extend(f);
                if !empty {
                    return (acc, false);
                }
            }
            (acc, true)
        }
        HirKind::Alternation(v) => {
            let mut acc = Vec::new();
            let mut any_empty = false;
            for part in v {
                let (f, empty) = first_chars(part);
                acc.extend(f);
                any_empty |= empty;
            }
            (acc, any_empty)
        }
    }
}

fn class_ranges(c: &Class) -> Ranges {
    match c {
        Class::Unicode(u) => u.ranges().iter().map(|r| (r.start(), r.end())).collect(),
        // Bytes above ASCII stand for any character.
        Class::Bytes(b) => b
            .ranges()
            .iter()
            .map(|r| (char::from(r.start()), if r.end() >= 0x80 { char::MAX } else { char::from(r.end()) }))
            .collect(),
    }
}

/// The literal patterns `receiver` may hold.
fn patterns_of(file: &FileCtx, receiver: &Expr) -> Vec<String> {
    match strip_parens_refs_derefs(receiver) {
        Expr::Path(p) if p.path.segments.len() == 1 => definitions(&file.text, &p.path.segments[0].ident.to_string()),
        Expr::MethodCall(m) if matches!(m.method.to_string().as_str(), "unwrap" | "expect") => {
            patterns_of(file, &m.receiver)
        }
        Expr::Call(c) => {
            let Expr::Path(p) = &*c.func else { return Vec::new() };
            let n = p.path.segments.len();
            let is_new = n >= 2
                && p.path.segments[n - 1].ident == "new"
                && matches!(p.path.segments[n - 2].ident.to_string().as_str(), "Regex" | "RegexBuilder");
            match (is_new, c.args.first().and_then(super::str_lit)) {
                (true, Some(lit)) => vec![lit],
                _ => Vec::new(),
            }
        }
        _ => Vec::new(),
    }
}

/// The patterns of every definition of `name` in the file's text:
/// `static NAME`, `static ref NAME`, `const NAME`, `let NAME` whose
/// initialiser (up to its `;`) builds a regex from a literal.
fn definitions(text: &str, name: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut from = 0;
    while let Some(i) = text[from..].find(name).map(|i| i + from) {
        from = i + name.len();
        let before = text[..i].trim_end();
        let after = &text[from..];
        let word_end = !after.starts_with(|c: char| c.is_alphanumeric() || c == '_');
        let defined = ["static", "static ref", "const", "let", "let mut"].iter().any(|k| {
            before.ends_with(k)
                && !before[..before.len() - k.len()].ends_with(|c: char| c.is_alphanumeric() || c == '_')
        });
        if !word_end || !defined {
            continue;
        }
        let stmt = &after[..after.find(';').unwrap_or(after.len()).min(2000)];
        let Some(start) = ["Regex::new(", "RegexBuilder::new(", "regex!("]
            .iter()
            .filter_map(|k| stmt.find(k).map(|p| p + k.len()))
            .min()
        else {
            continue;
        };
        if let Some(p) = string_literal(&after[start..]) {
            out.push(p);
        }
    }
    out
}

/// The value of the string literal `text` starts with (after blanks).
fn string_literal(text: &str) -> Option<String> {
    let t = text.trim_start();
    let end = if let Some(raw) = t.strip_prefix('r') {
        let hashes = raw.len() - raw.trim_start_matches('#').len();
        let close = format!("\"{}", "#".repeat(hashes));
        let body = 1 + hashes + 1;
        body + t.get(body..)?.find(&close)? + close.len()
    } else if t.starts_with('"') {
        let mut escaped = false;
        let mut end = None;
        for (i, c) in t.char_indices().skip(1) {
            match c {
                _ if escaped => escaped = false,
                '\\' => escaped = true,
                '"' => {
                    end = Some(i + 1);
                    break;
                }
                _ => {}
            }
        }
        end?
    } else {
        return None;
    };
    syn::parse_str::<syn::LitStr>(t.get(..end)?).ok().map(|l| l.value())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn safe_for(pattern: &str) -> Vec<&'static str> {
        let m = rules_protected(pattern);
        let mut v: Vec<&str> = mask::specs().filter(|(b, _)| m.contains(*b)).map(|(b, _)| mask::rule_id(b)).collect();
        v.sort_unstable();
        v
    }

    #[test]
    fn anchored_patterns_protect_the_rules_their_language_allows() {
        let slug = safe_for(r"^[a-z0-9_]{1,64}$");
        for r in ["path-traversal", "sql-injection", "command-injection", "log-injection", "xss", "ssrf"] {
            assert!(slug.contains(&r), "{r}: {slug:?}");
        }
        // `..` and `.` are in the language: not a path; no quote, no space: SQL.
        let folder = safe_for(r"^[\w.-]{1,64}$");
        assert!(!folder.contains(&"path-traversal"), "{folder:?}");
        assert!(folder.contains(&"sql-injection"), "{folder:?}");
        // A leading `-` is an option to a program.
        assert!(!safe_for(r"^[a-z-]+$").contains(&"command-injection"));
        assert!(safe_for(r"^[a-z][a-z-]*$").contains(&"command-injection"));
        // Regex metacharacters.
        assert!(!safe_for(r"^[a-z.]+$").contains(&"regex-injection"));
        // Whitespace lets a value end a log line only if it can be a line break.
        assert!(!safe_for(r"^[\s\w]+$").contains(&"log-injection"));
    }

    #[test]
    fn unanchored_or_multiline_patterns_protect_nothing() {
        for p in [r"[\w-]+\.(pdf|csv)", r"^[a-z]+", r"[a-z]+$", r"(?m)^[a-z]+$", r"^a|b$", "(", ""] {
            assert_eq!(safe_for(p), Vec::<&str>::new(), "{p}");
        }
        assert!(!safe_for(r"\A[a-z]+\z").is_empty());
    }

    #[test]
    fn patterns_are_found_where_the_name_is_defined() {
        let text = r##"
static SLUG: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"^[a-z]+$").expect("slug"));
lazy_static! { static ref NAME: Regex = Regex::new("^[a-z]\\d*$").unwrap(); }
const SLUGGISH: &str = "x";
fn f() { let re = Regex::new(r#"^"[0-9]"$"#)?; }
"##;
        assert_eq!(definitions(text, "SLUG"), vec!["^[a-z]+$".to_string()]);
        assert_eq!(definitions(text, "NAME"), vec![r"^[a-z]\d*$".to_string()]);
        assert_eq!(definitions(text, "re"), vec![r#"^"[0-9]"$"#.to_string()]);
        assert!(definitions(text, "SLUGGISH").is_empty());
    }
}
