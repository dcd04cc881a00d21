//! Refusing input whose syntax tree would be too deep to handle.
//!
//! syn parses recursively, and so do the walk, the data-flow engine and
//! the destructor of the tree: a file with tens of thousands of nested
//! brackets, generic arguments, or links in one expression chain
//! (`a + a + …`, `x.m().m()…`, `x?????…`, `!!!!…x`) would overflow the stack,
//! which aborts the process — there is no recovering from it. So before
//! parsing, one pass of the lexer (strings, chars and comments skipped)
//! measures the nesting and the longest expression chain, and a file beyond
//! the limits is reported and skipped. Cheaper bounds come first: a count
//! of the bytes that could open or link anything, then bounds read from
//! the code between comments and literals; within them, no lexer pass. Real code stays far below them: the
//! 3.46-million-line benchmark corpus peaks at a few hundred.

use super::comments::{CommentRuns, Tok, lex};

/// Limits on the shape of accepted files.
#[derive(Debug, Clone, Copy)]
pub struct ShapeLimits {
    /// `(`, `[`, `{` nesting.
    pub max_brackets: usize,
    /// `<…>` generic-argument nesting.
    pub max_angles: usize,
    /// Operators and postfix links in one expression (between `;`, `,`,
    /// `{`, `}`).
    pub max_chain: usize,
}

impl Default for ShapeLimits {
    fn default() -> Self {
        ShapeLimits { max_brackets: 512, max_angles: 512, max_chain: 10_000 }
    }
}

/// Why a file was refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct TooDeep {
    pub what: &'static str,
    pub depth: usize,
    pub limit: usize,
    /// Byte offset where the limit was crossed.
    pub at: usize,
}

/// Byte classes for [`within_by_count`]: bit 0 opens a bracket, bit 1 may
/// open a generic list, bit 2 may be a chain link (an `a` stands for the
/// `as` and `await` that may start there).
const CLASS: [u8; 256] = {
    let mut t = [0u8; 256];
    t[b'(' as usize] = 1;
    t[b'{' as usize] = 1;
    t[b'[' as usize] = 1 | 4;
    t[b'<' as usize] = 2 | 4;
    t[b'>' as usize] = 4;
    let mut i = 0;
    while i < LINK_BYTES.len() {
        t[LINK_BYTES[i] as usize] |= 4;
        i += 1;
    }
    t
};

/// Bytes that may add a link to a chain besides brackets (the lexer pass
/// counts the same operators, `::` and `as`/`await`, for which every `:`
/// and `a` stands here).
const LINK_BYTES: &[u8] = b".?+-*/%&|^!=:a";

/// No limit can be crossed: there are not even that many bytes that could
/// open a bracket, a generic list or add a link (most files; the lexer
/// pass is then not needed).
/// The counts only grow: a block at a time, it stops at the first block
/// that crosses a limit (in most files over a few kilobytes, one of the
/// first), instead of reading a file the next pass reads anyway.
fn within_by_count(b: &[u8], limits: &ShapeLimits) -> bool {
    let (mut open, mut angle, mut link) = (0usize, 0usize, 0usize);
    for block in b.chunks(4096) {
        for &c in block {
            let k = CLASS[c as usize];
            open += (k & 1) as usize;
            angle += ((k >> 1) & 1) as usize;
            link += ((k >> 2) & 1) as usize;
        }
        if open > limits.max_brackets || angle > limits.max_angles || link > limits.max_chain {
            return false;
        }
    }
    true
}

/// Byte classes for [`within_by_bounds`]: what a byte of code does to the
/// bounds of the nesting and the chain.
const OPEN: u8 = 1;
const CLOSE: u8 = 2;
/// May add a link to the chain (every `:`, every `a` for `as`/`await`).
const LINK: u8 = 4;
/// Ends the chain (`;`, `,`, `{`, `}`).
const END_CHAIN: u8 = 8;
/// Ends the generic-argument nesting (`;`, `{`, `}`).
const END_ANGLES: u8 = 16;
const ANGLE_OPEN: u8 = 32;
const ANGLE_CLOSE: u8 = 64;
const BOUND: [u8; 256] = {
    let mut t = [0u8; 256];
    t[b'(' as usize] = OPEN;
    t[b'[' as usize] = OPEN | LINK;
    t[b'{' as usize] = OPEN | END_CHAIN | END_ANGLES;
    t[b')' as usize] = CLOSE;
    t[b']' as usize] = CLOSE;
    t[b'}' as usize] = CLOSE | END_CHAIN | END_ANGLES;
    t[b';' as usize] = END_CHAIN | END_ANGLES;
    t[b',' as usize] = END_CHAIN;
    t[b'<' as usize] = ANGLE_OPEN | LINK;
    t[b'>' as usize] = ANGLE_CLOSE | LINK;
    let mut i = 0;
    while i < LINK_BYTES.len() {
        t[LINK_BYTES[i] as usize] |= LINK;
        i += 1;
    }
    t
};

/// No limit can be crossed, by bounds read from the code between the
/// comments and literals (the comment-only lexer's jumps): the bracket
/// nesting exactly, the generic nesting counting every `<` (the lexer
/// counts only those after an identifier or `::`), the chain counting
/// every byte that may be a link. Each bound is at least what the lexer
/// pass measures at every point, so within the bounds the file is within
/// the limits; the file's comment runs come from the same pass. `None`:
/// a bound is crossed, and the lexer pass decides.
fn within_by_bounds(text: &str, limits: &ShapeLimits) -> Option<Vec<(usize, usize)>> {
    let b = text.as_bytes();
    let (mut brackets, mut angles, mut chain) = (0usize, 0usize, 0usize);
    let mut within = true;
    let mut code = |from: usize, to: usize| {
        for &c in &b[from..to] {
            let k = BOUND[c as usize];
            if k == 0 {
                continue;
            }
            if k & OPEN != 0 {
                brackets += 1;
            }
            if k & CLOSE != 0 {
                brackets = brackets.saturating_sub(1);
            }
            if k & ANGLE_OPEN != 0 {
                angles += 1;
            }
            if k & ANGLE_CLOSE != 0 {
                angles = angles.saturating_sub(1);
            }
            chain += usize::from(k & LINK != 0);
            within &= brackets <= limits.max_brackets && angles <= limits.max_angles && chain <= limits.max_chain;
            if k & END_CHAIN != 0 {
                chain = 0;
            }
            if k & END_ANGLES != 0 {
                angles = 0;
            }
        }
    };
    let mut runs = CommentRuns::default();
    let mut at = 0;
    super::comments::lex_comments_between(text, |t, from, to| {
        code(at.min(from), from);
        at = to;
        if let Some(t) = t {
            runs.push(text, t);
        }
    });
    code(at.min(b.len()), b.len());
    within.then(|| runs.finish())
}

/// Check a file's shape; `Err` says what is too deep and where.
pub(crate) fn check(text: &str, limits: &ShapeLimits) -> Result<(), TooDeep> {
    check_with_runs(text, limits).map(drop)
}

/// [`check`], and when it had to lex the file (a large one), the file's
/// [`comment_runs`](super::comments::comment_runs) from the same pass.
pub(crate) fn check_with_runs(text: &str, limits: &ShapeLimits) -> Result<Option<Vec<(usize, usize)>>, TooDeep> {
    let b = text.as_bytes();
    if within_by_count(b, limits) {
        return Ok(None);
    }
    match within_by_bounds(text, limits) {
        Some(runs) => Ok(Some(runs)),
        None => check_by_lexer(text, limits).map(Some),
    }
}

/// The lexer pass: the nesting and the chain as the parser will see them.
fn check_by_lexer(text: &str, limits: &ShapeLimits) -> Result<Vec<(usize, usize)>, TooDeep> {
    let b = text.as_bytes();
    let mut runs = CommentRuns::default();
    let mut brackets: usize = 0;
    let mut angles: usize = 0;
    let mut chain: usize = 0;
    let mut prev_ident = false;
    let mut prev_colon = false;
    let mut result = Ok(());
    lex(text, |t| {
        if result.is_err() {
            return;
        }
        runs.push(text, t);
        let mut ident = false;
        let mut colon = false;
        match t {
            Tok::Punct(i, c) => {
                match c {
                    b'(' | b'[' | b'{' => {
                        brackets += 1;
                        if brackets > limits.max_brackets {
                            result = Err(TooDeep {
                                what: "brackets nest",
                                depth: brackets,
                                limit: limits.max_brackets,
                                at: i,
                            });
                        }
                        if c == b'{' {
                            chain = 0;
                            angles = 0;
                        } else if c == b'[' {
                            chain += 1;
                        }
                    }
                    b')' | b']' | b'}' => {
                        brackets = brackets.saturating_sub(1);
                        if c == b'}' {
                            chain = 0;
                            angles = 0;
                        }
                    }
                    b';' | b',' => {
                        chain = 0;
                        if c == b';' {
                            angles = 0;
                        }
                    }
                    b'<' => {
                        // `Vec<`, `::<`: a generic argument list opens.
                        if prev_ident || prev_colon {
                            angles += 1;
                            if angles > limits.max_angles {
                                result = Err(TooDeep {
                                    what: "generic arguments nest",
                                    depth: angles,
                                    limit: limits.max_angles,
                                    at: i,
                                });
                            }
                        }
                        chain += 1;
                    }
                    b'>' => {
                        angles = angles.saturating_sub(1);
                        chain += 1;
                    }
                    b':' => {
                        colon = b.get(i + 1) == Some(&b':') || (i > 0 && b[i - 1] == b':');
                        // Each `::` is a link of a path.
                        if b.get(i + 1) == Some(&b':') {
                            chain += 1;
                        }
                    }
                    b'.' | b'?' | b'+' | b'-' | b'*' | b'/' | b'%' | b'&' | b'|' | b'^' | b'!' | b'=' => chain += 1,
                    _ => {}
                }
                if chain > limits.max_chain {
                    result =
                        Err(TooDeep { what: "one expression chains", depth: chain, limit: limits.max_chain, at: i });
                }
            }
            Tok::Ident(s, e) => {
                ident = true;
                let word = &b[s..e];
                if word == b"as" || word == b"await" {
                    chain += 1;
                    if chain > limits.max_chain {
                        result = Err(TooDeep {
                            what: "one expression chains",
                            depth: chain,
                            limit: limits.max_chain,
                            at: s,
                        });
                    }
                }
            }
            Tok::LineComment(..) | Tok::BlockComment(..) | Tok::Literal => {}
        }
        prev_ident = ident;
        prev_colon = colon;
    });
    result.map(|()| runs.finish())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn limits() -> ShapeLimits {
        ShapeLimits { max_brackets: 50, max_angles: 50, max_chain: 100 }
    }

    #[test]
    fn comment_runs_come_from_the_same_pass() {
        let l = limits();
        let text = format!(
            "//! doc\n//! more\n/* a /* nested */ block */\nfn f() {{ let s = \"// not\"; let r = r#\"/* no */\"#; {} }}\n  // one\n  // run\n\n// two\nfn g<'a>(c: char) -> char {{ '\"' }} // tail\n",
            "(1);".repeat(60)
        );
        assert!(!within_by_count(text.as_bytes(), &l), "the lexer runs");
        let runs = check_with_runs(&text, &l).unwrap();
        assert_eq!(runs, Some(super::super::comments::comment_runs(&text)));
        assert_eq!(runs.map(|r| r.len()), Some(5));
        assert_eq!(check_with_runs("fn f() {} // c\n", &l).unwrap(), None, "small files are not lexed");
    }

    #[test]
    fn refuses_deep_shapes() {
        let l = limits();
        let cases = [
            format!("fn f() {{ let x = {}1{}; }}", "(".repeat(60), ")".repeat(60)),
            format!("type T = {}u8{};", "Vec<".repeat(60), ">".repeat(60)),
            // Generic lists nest deep while commas keep the chain short.
            format!("type T = {}u8{};", "M<u8, ".repeat(60), ">".repeat(60)),
            format!("fn f() {{ x{}; }}", ".m()".repeat(200)),
            format!("fn f() {{ let x = {}; }}", vec!["a"; 200].join(" + ")),
            format!("fn f() {{ let x = {}true; }}", "!".repeat(200)),
            format!("fn f() {{ x{}; }}", "?".repeat(200)),
            format!("fn f() {{ x{}; }}", " as u8".repeat(200)),
            format!("fn f() {{ let c = {}1; }}", "|| ".repeat(200)),
            format!("fn f() {{ {}(); }}", vec!["a"; 200].join("::")),
        ];
        for c in &cases {
            assert!(check(c, &l).is_err(), "accepted: {}", &c[..60]);
            // Neither shortcut lets a refused file through.
            assert!(!within_by_count(c.as_bytes(), &l), "counted as within: {}", &c[..60]);
            assert!(within_by_bounds(c, &l).is_none(), "bounded as within: {}", &c[..60]);
        }
        assert!(within_by_count(b"fn f(a: u8) -> u8 { a + 1 }", &l));
    }

    #[test]
    fn bounds_agree_with_the_lexer_pass() {
        // The crate's own sources and fixtures, under the default limits and
        // under limits small enough that the bounds often send a file to
        // the lexer: whatever the bounds accept, the lexer accepts, with
        // the same comment runs.
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let (mut bounded, mut lexed) = (0, 0);
        for dir in ["src", "lints", "testdata"] {
            for entry in walkdir::WalkDir::new(root.join(dir)).into_iter().flatten() {
                let Some(text) = entry
                    .path()
                    .extension()
                    .filter(|e| *e == "rs")
                    .and_then(|_| std::fs::read_to_string(entry.path()).ok())
                else {
                    continue;
                };
                for l in
                    [ShapeLimits::default(), limits(), ShapeLimits { max_brackets: 8, max_angles: 3, max_chain: 20 }]
                {
                    match within_by_bounds(&text, &l) {
                        Some(runs) => {
                            assert_eq!(check_by_lexer(&text, &l), Ok(runs), "{}", entry.path().display());
                            bounded += 1;
                        }
                        None => lexed += 1,
                    }
                }
            }
        }
        assert!(bounded > 1000 && lexed > 100, "{bounded} files within the bounds, {lexed} lexed");
    }

    #[test]
    fn accepts_ordinary_code_and_ignores_literals() {
        let l = limits();
        let ok = [
            "fn f(a: u8, b: u8) -> bool { a < b && b > a }".to_string(),
            format!("const S: &str = \"{}\";", "((((+++...<<<".repeat(500)),
            format!("// {}\nfn f() {{}}", "(".repeat(1000)),
            format!("const A: [u8; 300] = [{}];", vec!["1 + 1"; 300].join(", ")),
            format!("fn f() {{ {} }}", "x.m();\n".repeat(500)),
            format!("fn f() {{ if a < b {{}} {} }}", "if c < d { }\n".repeat(500)),
            // `else if` chains are parsed and walked without deep recursion.
            format!("fn f() {{ if a {{}} {} }}", "else if a {} ".repeat(500)),
        ];
        for c in &ok {
            assert_eq!(check(c, &l), Ok(()), "refused: {}", &c[..60.min(c.len())]);
        }
    }
}
