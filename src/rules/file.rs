//! The file as rules see it: text, line index, imports, struct fields and
//! unsafe declarations, and the comments around a line.

use std::collections::HashMap;
use std::sync::Arc;

use crate::syntax::comments::{comment_body, is_attribute_line};
use crate::syntax::lines::LineIndex;
use crate::syntax::paths::Imports;
use crate::workspace::FileKind;

use proc_macro2::Span;

use super::cx::Scope;
use super::unsafety;

/// Everything known about the file being analysed, shared by all rules.
#[derive(Debug)]
pub struct FileCtx {
    /// Path relative to the project root, `/`-separated.
    pub path: Arc<str>,
    /// The file's text as read (including a BOM, if any).
    pub text: String,
    /// Offset of the parsed text within `text` (3 when a BOM was stripped).
    pub base: u32,
    pub lines: LineIndex,
    pub kind: FileKind,
    pub package: Option<Arc<str>>,
    /// This file is the `main.rs` (or `src/bin/x.rs`) of a binary target.
    pub is_bin_root: bool,
    pub imports: Imports,
    /// Named fields of the structs defined in this file: (struct, field) → type.
    pub fields: HashMap<(String, String), FieldType>,
    /// Unsafe declarations of the file (empty unless it mentions `unsafe`).
    pub unsafety: unsafety::UnsafeIndex,
    /// Where the test bodies left out of the parse start (sorted byte
    /// offsets; `syntax::prune`): the walker skips them unasked.
    pub left_out: Vec<u32>,
    /// The file's comments, doc comments told apart, when the parse left
    /// the doc comments out (`syntax::docs`): [`FileCtx::docs`] reads
    /// them from the text.
    pub(crate) docs: Option<crate::syntax::docs::Comments>,
    /// [`FileCtx::text_contains`] answers so far.
    contains: std::sync::Mutex<HashMap<String, bool>>,
    /// [`FileCtx::array_len`] answers so far.
    array_lens: std::sync::Mutex<HashMap<(String, u8), Option<u64>>>,
    /// [`FileCtx::comment_runs`], lexed on first need.
    comment_runs: std::sync::OnceLock<Vec<(usize, usize)>>,
    /// [`FileCtx::returning_macros`], read on first need.
    returning_macros: std::sync::OnceLock<rustc_hash::FxHashSet<String>>,
    /// Macros other files of the crate define that only return (the
    /// taint engine's `taint::macros`; the scan tells a file's analysis).
    pub crate_macros: Vec<String>,
    /// [`FileCtx::crate_macro`]'s questions so far.
    asked_macros: std::sync::Mutex<Vec<String>>,
}

/// What a struct field's declared type says.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct FieldType {
    /// The resolved type path (`sqlx::PgPool`), through references and
    /// `Arc`/`Box`/`Option`.
    pub path: Vec<String>,
    /// `u64`, `i32`, … (after `Option`).
    pub numeric: bool,
    /// `bool`, `()`, addresses, UUIDs: cannot carry injection text.
    pub inert: bool,
    /// A trait object (`Box<dyn Store>`, `&'a dyn Store`): the resolved
    /// path of its first trait but auto traits (`path` is then empty).
    pub bound: Vec<String>,
    /// The element type's name of a sequence (`Vec<u16>`, `[u16; 4]`,
    /// `Box<[u16]>`): `u16`.
    pub elem: Option<String>,
}

impl FileCtx {
    /// Collect the named fields of every struct in the file.
    pub fn index_fields(&mut self, items: &[syn::Item]) {
        for item in items {
            match item {
                syn::Item::Struct(st) => {
                    for f in st.fields.iter() {
                        if let Some(id) = &f.ident {
                            let ft = field_type(&f.ty, &self.imports);
                            self.fields.insert((st.ident.to_string(), id.to_string()), ft);
                        }
                    }
                }
                syn::Item::Mod(m) => {
                    if let Some((_, items)) = &m.content {
                        self.index_fields(items);
                    }
                }
                _ => {}
            }
        }
    }
}

fn field_type(ty: &syn::Type, imports: &Imports) -> FieldType {
    match ty {
        syn::Type::Reference(r) => field_type(&r.elem, imports),
        syn::Type::Paren(p) => field_type(&p.elem, imports),
        syn::Type::Tuple(t) if t.elems.is_empty() => FieldType { inert: true, ..FieldType::default() },
        syn::Type::TraitObject(t) => {
            let bound = t
                .bounds
                .iter()
                .find_map(|b| match b {
                    syn::TypeParamBound::Trait(tb)
                        if tb
                            .path
                            .segments
                            .last()
                            .is_some_and(|s| !(s.ident == "Send" || s.ident == "Sync" || s.ident == "Unpin")) =>
                    {
                        Some(imports.resolve(&tb.path).segs)
                    }
                    _ => None,
                })
                .unwrap_or_default();
            FieldType { bound, ..FieldType::default() }
        }
        syn::Type::Path(p) => {
            let Some(last) = p.path.segments.last() else {
                return FieldType::default();
            };
            let name = last.ident.to_string();
            if matches!(name.as_str(), "Option" | "Arc" | "Box" | "Rc" | "Mutex" | "RwLock")
                && let syn::PathArguments::AngleBracketed(a) = &last.arguments
                && let Some(syn::GenericArgument::Type(inner)) = a.args.first()
            {
                return field_type(inner, imports);
            }
            let numeric = matches!(
                name.as_str(),
                "u8" | "u16"
                    | "u32"
                    | "u64"
                    | "u128"
                    | "usize"
                    | "i8"
                    | "i16"
                    | "i32"
                    | "i64"
                    | "i128"
                    | "isize"
                    | "f32"
                    | "f64"
            );
            let inert = matches!(
                name.as_str(),
                "bool" | "Uuid" | "IpAddr" | "Ipv4Addr" | "Ipv6Addr" | "SocketAddr" | "Duration"
            );
            let elem = elem_name(ty);
            FieldType { path: imports.resolve(&p.path).segs, numeric, inert, elem, ..FieldType::default() }
        }
        syn::Type::Slice(_) | syn::Type::Array(_) => FieldType { elem: elem_name(ty), ..FieldType::default() },
        _ => FieldType::default(),
    }
}

/// The single name of a sequence type's elements (`u16` of `Vec<u16>`).
fn elem_name(ty: &syn::Type) -> Option<String> {
    match crate::syntax::exprs::elem_type(ty)? {
        syn::Type::Path(p) if p.qself.is_none() => p.path.get_ident().map(ToString::to_string),
        _ => None,
    }
}

impl FileCtx {
    pub fn new(path: Arc<str>, text: String, kind: FileKind) -> Self {
        let base = if text.starts_with('\u{feff}') { 3 } else { 0 };
        let lines = LineIndex::new(&text);
        FileCtx {
            path,
            text,
            base,
            lines,
            kind,
            package: None,
            is_bin_root: false,
            imports: Imports::default(),
            fields: HashMap::new(),
            unsafety: Default::default(),
            left_out: Vec::new(),
            docs: None,
            contains: Default::default(),
            array_lens: Default::default(),
            comment_runs: Default::default(),
            returning_macros: Default::default(),
            crate_macros: Vec::new(),
            asked_macros: Default::default(),
        }
    }

    /// The text handed to the parser: BOM removed, a shebang line blanked
    /// (same length, so byte offsets still line up with `text`).
    pub fn parse_text(&self) -> std::borrow::Cow<'_, str> {
        without_shebang(&self.text[self.base as usize..])
    }

    /// [`FileCtx::parse_text`] with its doc comments made plain ones
    /// (`syntax::docs`: same length, same spans), and the comments found,
    /// which the caller keeps in [`FileCtx::docs`] if it parses this.
    pub(crate) fn parse_text_without_docs(&self) -> (std::borrow::Cow<'_, str>, crate::syntax::docs::Comments) {
        // The parser's text (a shebang line blanked: not Rust to lex).
        let text = self.parse_text();
        let comments = crate::syntax::docs::Comments::scan(&text);
        let text = match comments.masked(&text) {
            Some(masked) => std::borrow::Cow::Owned(masked),
            None => text,
        };
        (text, comments.shifted(self.base))
    }

    /// An item's docs, as its `#[doc]` attributes say them: the attributes
    /// in `attrs`, and the doc comments the parse left out (read from the
    /// text: above the item's first attribute, and between its attributes
    /// up to `start`, its first token after them: `pub`, `unsafe`, `fn`,
    /// `impl`, …; and the inner ones that open its body, whose `{` is
    /// `body`), in the order written.
    pub(crate) fn docs(
        &self,
        attrs: &[syn::Attribute],
        start: proc_macro2::Span,
        body: Option<proc_macro2::Span>,
    ) -> String {
        let (Some(comments), Some((first, start))) = (&self.docs, self.item_bounds(attrs, start)) else {
            return crate::syntax::attrs::doc_text(attrs);
        };
        let mut parts: Vec<(u32, std::borrow::Cow<'_, str>)> =
            comments.docs(&self.text, first, start).into_iter().map(|(at, t)| (at, t.into())).collect();
        if let Some((_, open)) = body.and_then(|b| self.byte_range(b)) {
            parts.extend(comments.inner_after(&self.text, open).into_iter().map(|(at, t)| (at, t.into())));
        }
        // Written `#[doc = …]` attributes (rare beside doc comments), in
        // the order written.
        for a in attrs {
            let mut text = crate::syntax::attrs::doc_text(std::slice::from_ref(a));
            if text.pop().is_none() {
                continue;
            }
            let at = self.byte_range(a.pound_token.span).map_or(first, |(s, _)| s);
            let i = parts.partition_point(|(p, _)| *p < at);
            parts.insert(i, (at, text.into()));
        }
        let mut out = String::new();
        for (_, t) in parts {
            out.push_str(&t);
            out.push('\n');
        }
        out
    }

    /// Where an item starting at byte `first` starts for a reader: at the
    /// doc comments right above it, which the parse may have left out.
    pub(crate) fn docs_start(&self, first: u32) -> u32 {
        self.docs.as_ref().map_or(first, |c| c.docs_start(&self.text, first))
    }

    /// The 0-based line an item with these attributes and this first
    /// token after them starts on, its docs included.
    pub(crate) fn item_first_line(&self, attrs: &[syn::Attribute], start: proc_macro2::Span) -> Option<usize> {
        let (first, _) = self.item_bounds(attrs, start)?;
        Some(self.line_of(self.docs_start(first)))
    }

    /// A function's docs ([`FileCtx::docs`]).
    pub(crate) fn fn_docs(&self, f: &crate::syntax::FnLike<'_>) -> String {
        self.docs(f.attrs, f.head_start(), Some(f.block.brace_token.span.open()))
    }

    /// Where an item with these attributes and this first token after
    /// them starts (its first outer attribute: inner ones, `#![..]` in a
    /// body, come after its head), and where its head starts.
    fn item_bounds(&self, attrs: &[syn::Attribute], start: proc_macro2::Span) -> Option<(u32, u32)> {
        let start = self.item_start(start)?;
        let first = attrs
            .iter()
            .find(|a| matches!(a.style, syn::AttrStyle::Outer))
            .and_then(|a| self.byte_range(a.pound_token.span))
            .map_or(start, |(s, _)| s.min(start));
        Some((first, start))
    }

    /// The byte an item's head starts at, given its first token after the
    /// attributes as the syntax tree tells it: a `default` before it
    /// (`default fn`, `default unsafe impl`), which the tree keeps apart,
    /// included.
    fn item_start(&self, start: proc_macro2::Span) -> Option<u32> {
        let (s, _) = self.byte_range(start)?;
        let before = self.text.get(..s as usize)?.trim_end();
        Some(match before.strip_suffix("default") {
            Some(b) if !b.ends_with(|c: char| c.is_alphanumeric() || c == '_') => b.len() as u32,
            _ => s,
        })
    }

    /// Does the file's text contain `needle`? Rules ask this per node;
    /// each answer is computed once per file (a search of the whole file
    /// per call is quadratic on a file of thousands of calls).
    pub fn text_contains(&self, needle: &str) -> bool {
        let mut memo = self.contains.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(&v) = memo.get(needle) {
            return v;
        }
        let v = memchr::memmem::find(self.text.as_bytes(), needle.as_bytes()).is_some();
        memo.insert(needle.to_string(), v);
        v
    }

    /// The length of the array `name` declares, `nested` levels in, as
    /// `find` reads it from the text: once per file and question (the data
    /// flow asks at every index expression, and each answer is a pass over
    /// the whole text). The answers are kept by name and depth only: every
    /// caller passes the same reader (`taint::intra::tables`, its one
    /// caller).
    pub(crate) fn array_len(&self, name: &str, nested: u8, find: impl FnOnce(&str) -> Option<u64>) -> Option<u64> {
        let key = (name.to_string(), nested);
        if let Some(&v) = self.array_lens.lock().unwrap_or_else(|e| e.into_inner()).get(&key) {
            return v;
        }
        let v = find(&self.text);
        self.array_lens.lock().unwrap_or_else(|e| e.into_inner()).insert(key, v);
        v
    }

    /// The file's comments, a run of line comments on consecutive lines as
    /// one range (`syntax::comments::comment_runs`), lexed once per file
    /// for every rule that reads them.
    pub fn comment_runs(&self) -> &[(usize, usize)] {
        self.comment_runs.get_or_init(|| crate::syntax::comments::comment_runs(&self.text))
    }

    /// The names of the file's `macro_rules!` that only return, read from
    /// the text by `read` on first need (the taint engine's
    /// `local_macros`): once per file, not once per macro call.
    pub(crate) fn returning_macros(
        &self,
        read: fn(&str) -> rustc_hash::FxHashSet<String>,
    ) -> &rustc_hash::FxHashSet<String> {
        self.returning_macros.get_or_init(|| read(&self.text))
    }

    /// Is `name` a macro another file of the crate defines that only
    /// returns ([`FileCtx::crate_macros`])? The question is kept: the
    /// scan tells the file's next analysis of the macros it asked about.
    pub(crate) fn crate_macro(&self, name: &str) -> bool {
        let mut asked = self.asked_macros.lock().unwrap_or_else(|e| e.into_inner());
        if !asked.iter().any(|a| a == name) {
            asked.push(name.to_string());
        }
        self.crate_macros.iter().any(|m| m == name)
    }

    /// The macros [`FileCtx::crate_macro`] was asked about, sorted.
    pub(crate) fn asked_macros(&self) -> Vec<String> {
        let mut asked = std::mem::take(&mut *self.asked_macros.lock().unwrap_or_else(|e| e.into_inner()));
        asked.sort_unstable();
        asked
    }

    /// The file's comment runs, when a pass of the lexer made for
    /// something else found them (before any rule asked).
    pub(crate) fn set_comment_runs(&self, runs: Vec<(usize, usize)>) {
        let _ = self.comment_runs.set(runs);
    }

    /// [`Self::text_contains`] for any of `needles`.
    pub fn text_contains_any(&self, needles: &[&str]) -> bool {
        needles.iter().any(|n| self.text_contains(n))
    }

    /// 0-based line of a byte offset.
    pub fn line_of(&self, byte: u32) -> usize {
        self.lines.line_of(byte)
    }

    pub fn line_text(&self, line0: usize) -> &str {
        self.lines.line_text(&self.text, line0)
    }

    /// File byte range of a span (`None` for spans without a location).
    pub fn byte_range(&self, span: proc_macro2::Span) -> Option<(u32, u32)> {
        // From line and column (a binary search in proc-macro2's line
        // table, then a walk within the line): `Span::byte_range` counts
        // chars from a cached point in a B-tree instead, which costs far
        // more.
        let (a, b) = (span.start(), span.end());
        if a.line <= 1 && a.column == 0 && b.line <= 1 && b.column == 0 {
            return None; // call-site span (no location)
        }
        let skip = |line: usize| if line == 1 { self.base as usize } else { 0 };
        let s = self.lines.offset(&self.text, a.line, a.column, skip(a.line));
        let e = self.lines.offset(&self.text, b.line, b.column, skip(b.line));
        Some((s.min(e), e))
    }

    /// Was the function body at `span` left out of the parse (a test body
    /// no rule reads: `syntax::prune`)?
    pub fn left_out(&self, span: proc_macro2::Span) -> bool {
        !self.left_out.is_empty() && self.byte_range(span).is_some_and(|(s, _)| self.left_out.binary_search(&s).is_ok())
    }

    /// 0-based line where a span starts.
    pub fn span_line(&self, span: proc_macro2::Span) -> Option<usize> {
        self.byte_range(span).map(|(s, _)| self.line_of(s))
    }

    /// 0-based first and last line of a span.
    pub fn span_lines(&self, span: proc_macro2::Span) -> Option<(usize, usize)> {
        self.byte_range(span).map(|(s, e)| (self.line_of(s), self.line_of(e.saturating_sub(1).max(s))))
    }

    pub fn location(&self, start: u32, end: u32) -> crate::finding::Location {
        crate::finding::Location {
            path: self.path.clone(),
            byte_start: start,
            byte_end: end,
            start: self.lines.pos(&self.text, start),
            end: self.lines.pos(&self.text, end),
        }
    }

    /// The source text of a span.
    pub fn snippet(&self, span: proc_macro2::Span) -> &str {
        self.byte_range(span).and_then(|(s, e)| self.text.get(s as usize..e as usize)).unwrap_or("")
    }
}

/// `t` with a shebang line blanked (same length).
fn without_shebang(t: &str) -> std::borrow::Cow<'_, str> {
    if t.starts_with("#!") && !syn_whitespace_then_bracket(&t[2..]) {
        let end = t.find('\n').unwrap_or(t.len());
        let mut s = String::with_capacity(t.len());
        s.extend(std::iter::repeat_n(' ', end));
        s.push_str(&t[end..]);
        std::borrow::Cow::Owned(s)
    } else {
        std::borrow::Cow::Borrowed(t)
    }
}

fn syn_whitespace_then_bracket(rest: &str) -> bool {
    // `#![...]` is an inner attribute, not a shebang. Comments between `#!`
    // and `[` are rare enough to treat as whitespace only.
    rest.trim_start().starts_with('[')
}

/// The comment block directly above 0-based `line` (skipping attribute
/// lines between them), as one string. Stops at the first line that is
/// neither comment nor attribute; blank lines end the block.
pub(crate) fn comment_block_above(file: &FileCtx, line: usize) -> String {
    let mut out = Vec::new();
    let mut l = line;
    while l > 0 {
        l -= 1;
        let text = file.line_text(l);
        if let Some(body) = comment_body(text) {
            out.push(body);
        } else if is_attribute_line(text) {
            continue;
        } else {
            break;
        }
    }
    out.reverse();
    out.join("\n")
}

/// A justification for the statement on 0-based `line` inside an unsafe
/// block: a comment that argues safety
/// ([`argues_safety`](crate::syntax::comments::argues_safety)) directly above
/// it, or above one of the (at most three) statement lines just before it
/// in the same paragraph (`// SAFETY: …` over `let p = …;` then the call).
/// A blank line, or a line that opens a block, ends the paragraph.
pub(crate) fn justified_in_paragraph_above(file: &FileCtx, line: usize) -> bool {
    let mut code_lines = 0;
    let mut l = line;
    while l > 0 {
        l -= 1;
        let text = file.line_text(l);
        let trimmed = text.trim();
        if trimmed.is_empty() || trimmed.ends_with('{') {
            return false;
        }
        if comment_body(text).is_some() {
            return crate::syntax::comments::argues_safety(&comment_block_above(file, l + 1));
        }
        if !is_attribute_line(text) {
            code_lines += 1;
            if code_lines > 3 {
                return false;
            }
        }
    }
    false
}

/// The comment (if any) on 0-based `line` before byte column `before`.
pub(crate) fn comment_before_on_line(file: &FileCtx, line: usize, before_byte: u32) -> &str {
    let start = file.lines.line_start(line);
    let text = file.text.get(start as usize..before_byte as usize).unwrap_or("");
    match (text.find("//"), text.find("/*")) {
        (Some(a), Some(b)) => &text[a.min(b)..],
        (Some(a), None) | (None, Some(a)) => &text[a..],
        (None, None) => "",
    }
}

/// A trailing `// …` comment on 0-based `line` (after code).
pub(crate) fn trailing_comment(file: &FileCtx, line: usize) -> &str {
    let text = file.line_text(line);
    text.find("//").map_or("", |i| &text[i..])
}

/// Comments that can justify an `unsafe` block: above the enclosing
/// statement, above or before the block on its own line, or first inside it.
pub(crate) fn unsafe_context_comment(file: &FileCtx, scope: &Scope<'_>, u: &syn::ExprUnsafe) -> String {
    unsafe_block_comment(
        file,
        scope.stmt_lines.last().copied(),
        u.unsafe_token.span,
        u.block.brace_token.span.open(),
        u.block.brace_token.span.close(),
    )
}

/// [`unsafe_context_comment`] from token spans: the `unsafe` keyword, the
/// block's braces, and the 0-based line of the enclosing statement if known
/// (also used for `unsafe {` spelled in `macro_rules!` transcribers).
pub(crate) fn unsafe_block_comment(
    file: &FileCtx,
    stmt_line: Option<usize>,
    unsafe_token: Span,
    open_brace: Span,
    close_brace: Span,
) -> String {
    let mut text = String::new();
    let Some((start, _)) = file.byte_range(unsafe_token) else {
        return text;
    };
    let line = file.line_of(start);
    text.push_str(comment_before_on_line(file, line, start));
    text.push('\n');
    text.push_str(&comment_block_above(file, line));
    if let Some(stmt_line) = stmt_line
        && stmt_line != line
    {
        text.push('\n');
        text.push_str(&comment_block_above(file, stmt_line));
    }
    // First line inside the block: `unsafe {\n // SAFETY: ...`
    if let (Some((open, _)), Some((close, _))) = (file.byte_range(open_brace), file.byte_range(close_brace)) {
        let open_line = file.line_of(open);
        let next = file.line_text(open_line + 1);
        if file.line_of(close) > open_line + 1 && next.trim_start().starts_with("//") {
            text.push('\n');
            text.push_str(next);
        }
        text.push('\n');
        text.push_str(crate::rules::file::trailing_comment(file, open_line));
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::syntax::comments::has_safety_marker;

    #[test]
    fn finds_comment_block_above_attributes() {
        let src = "fn f() {\n    // SAFETY: checked above\n    #[allow(unused)]\n    let x = unsafe { 1 };\n}\n";
        let file = FileCtx::new("a.rs".into(), src.to_string(), FileKind::Lib);
        let block = comment_block_above(&file, 3);
        assert!(has_safety_marker(&block), "{block}");
        assert!(!has_safety_marker(&comment_block_above(&file, 1)));
    }

    #[test]
    fn an_array_length_is_read_once_per_name_and_depth() {
        let file = FileCtx::new("a.rs".into(), "static T: [u8; 256] = [0; 256];".to_string(), FileKind::Lib);
        let mut reads = 0;
        let mut ask = |name: &str, nested: u8| {
            file.array_len(name, nested, |text| {
                reads += 1;
                text.contains(name).then_some(256)
            })
        };
        assert_eq!(ask("T", 0), Some(256));
        assert_eq!(ask("T", 0), Some(256));
        assert_eq!(ask("U", 0), None);
        assert_eq!(ask("U", 0), None);
        assert_eq!(ask("T", 1), Some(256));
        assert_eq!(reads, 3);
    }
}
