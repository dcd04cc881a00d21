//! Edits rules attach to their findings (see `finding::Suggestion`),
//! computed from the file's text, never guessed: each helper returns
//! `None` when a span is not a position in this file (a `macro_rules!`
//! transcriber, a call-site span), when the text there is not what the
//! syntax tree says it is, or when the edit would delete a comment.
//! Whole-line removals take the line ending with them (CRLF included), so
//! what stays keeps its layout; inserted lines copy the indentation and
//! line ending of the line they go above.

use proc_macro2::Span;
use syn::spanned::Spanned;

use super::file::FileCtx;
use crate::finding::Edit;

impl FileCtx {
    /// An edit of the byte range `start..end`.
    pub fn edit(&self, start: u32, end: u32, replacement: impl Into<String>) -> Option<Edit> {
        if start > end || !self.text.is_char_boundary(start as usize) || !self.text.is_char_boundary(end as usize) {
            return None;
        }
        self.text.get(start as usize..end as usize)?;
        Some(Edit { location: self.location(start, end), replacement: replacement.into() })
    }

    /// Replace the token at `span`, which must read `expected` in the file.
    pub fn replace_token(&self, span: Span, expected: &str, replacement: &str) -> Option<Edit> {
        let (s, e) = self.byte_range(span)?;
        (self.text.get(s as usize..e as usize)? == expected).then(|| self.edit(s, e, replacement))?
    }

    /// `false` → `true` (or back) for a boolean literal written in the file.
    pub fn flip_bool(&self, lit: &syn::LitBool) -> Option<Edit> {
        let (from, to) = if lit.value { ("true", "false") } else { ("false", "true") };
        self.replace_token(lit.span, from, to)
    }

    /// [`Self::flip_bool`] for an expression that is a boolean literal
    /// (through parentheses and references); `None` for anything else.
    pub fn flip_bool_expr(&self, e: &syn::Expr) -> Option<Edit> {
        match crate::syntax::exprs::strip_parens_and_refs(e) {
            syn::Expr::Lit(syn::ExprLit { lit: syn::Lit::Bool(b), .. }) => self.flip_bool(b),
            _ => None,
        }
    }

    /// Insert `text` right after the code at `span`.
    pub fn insert_after(&self, span: Span, text: &str) -> Option<Edit> {
        let (_, e) = self.byte_range(span)?;
        self.edit(e, e, text)
    }

    /// Insert a line above the one `byte` is on, indented like it:
    /// `text` is the line's content (no indentation, no line ending).
    pub fn insert_line_above(&self, byte: u32, text: &str) -> Option<Edit> {
        let line = self.line_of(byte);
        let start = self.lines.line_start(line);
        let indent: String = self.line_text(line).chars().take_while(|c| *c == ' ' || *c == '\t').collect();
        self.edit(start, start, format!("{indent}{text}{}", self.line_ending()))
    }

    /// The file's line ending (`\r\n` if its first line ends so).
    pub fn line_ending(&self) -> &'static str {
        match self.text.find('\n') {
            Some(i) if i > 0 && self.text.as_bytes()[i - 1] == b'\r' => "\r\n",
            _ => "\n",
        }
    }

    /// Remove the method call `m` from its chain: `.m(args)`, or the
    /// lines it stands on when nothing else is on them (the comment above
    /// it stays). When the call is a statement of its own on a variable
    /// or a field (`builder.m(args);`, `easy.m(args)?;`,
    /// `v.claims.clear();`), the statement goes.
    /// `None` when the result of the call is used with `?` inside a longer
    /// chain (its receiver may not be a `Result`).
    pub fn remove_method_call(&self, m: &syn::ExprMethodCall) -> Option<Edit> {
        let (dot, _) = self.byte_range(m.dot_token.span())?;
        let (_, close) = self.byte_range(m.paren_token.span.close())?;
        let rest = self.text.get(close as usize..)?;
        let after = rest.trim_start_matches([' ', '\t']);
        let (rs, _) = self.byte_range(m.receiver.span())?;
        let starts_statement =
            self.text.get(..rs as usize)?.trim_end().chars().last().is_none_or(|c| matches!(c, ';' | '{' | '}'));
        if starts_statement && is_place(&m.receiver) && (after.starts_with(';') || after.starts_with("?;")) {
            let end = close + (rest.len() - after.len()) as u32 + if after.starts_with('?') { 2 } else { 1 };
            return self.remove_code(rs, end);
        }
        if after.starts_with('?') {
            return None;
        }
        self.remove_code(dot, close)
    }

    /// Remove the code `start..end`: whole lines when nothing else is on
    /// them, else just the range. `None` if a comment would go with it.
    pub fn remove_code(&self, start: u32, end: u32) -> Option<Edit> {
        let code = self.text.get(start as usize..end as usize)?;
        if code.contains("//") || code.contains("/*") {
            return None;
        }
        let first = self.line_of(start);
        let last = self.line_of(end);
        let line_start = self.lines.line_start(first);
        let before = self.text.get(line_start as usize..start as usize)?;
        let (_, last_end) = self.lines.line_range(&self.text, last);
        let after = self.text.get(end as usize..last_end)?;
        if before.trim().is_empty() && after.trim().is_empty() {
            let next = self.lines.line_start(last + 1);
            let next = if next == u32::MAX { self.text.len() as u32 } else { next };
            return self.edit(line_start, next, "");
        }
        self.edit(start, end, "")
    }

    /// Remove the expression statement `e;` (`e` and its `;`); `None` if
    /// no `;` follows it.
    pub fn remove_expr_stmt(&self, e: &syn::Expr) -> Option<Edit> {
        let (s, end) = self.byte_range(e.span())?;
        let rest = self.text.get(end as usize..)?;
        let after = rest.trim_start_matches([' ', '\t']);
        if !after.starts_with(';') {
            return None;
        }
        self.remove_code(s, end + (rest.len() - after.len()) as u32 + 1)
    }
}

/// A variable or a field of one (`b`, `validation.required_spec_claims`):
/// calling a method on it as a statement does nothing else.
fn is_place(e: &syn::Expr) -> bool {
    match e {
        syn::Expr::Path(p) => p.path.get_ident().is_some(),
        syn::Expr::Field(f) => is_place(&f.base),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::workspace::FileKind;

    fn apply(text: &str, e: &Edit) -> String {
        let mut t = text.to_string();
        t.replace_range(e.location.byte_start as usize..e.location.byte_end as usize, &e.replacement);
        t
    }

    fn first_method_call(file: &syn::File, name: &str) -> syn::ExprMethodCall {
        struct Find<'n>(&'n str, Option<syn::ExprMethodCall>);
        impl<'ast> syn::visit::Visit<'ast> for Find<'_> {
            fn visit_expr_method_call(&mut self, m: &'ast syn::ExprMethodCall) {
                if m.method == self.0 && self.1.is_none() {
                    self.1 = Some(m.clone());
                }
                syn::visit::visit_expr_method_call(self, m);
            }
        }
        let mut f = Find(name, None);
        syn::visit::Visit::visit_file(&mut f, file);
        f.1.expect("method call")
    }

    fn fix(text: &str, method: &str) -> Option<String> {
        let file = FileCtx::new("a.rs".into(), text.to_string(), FileKind::Lib);
        let ast = syn::parse_file(text).expect("parses");
        let m = first_method_call(&ast, method);
        let e = file.remove_method_call(&m);
        crate::syntax::release_thread_state();
        e.map(|e| apply(text, &e))
    }

    #[test]
    fn a_link_alone_on_its_line_goes_with_the_line_and_keeps_the_comment_above() {
        let t = "fn f() {\n    let c = B::new()\n        // why\n        .danger(true)\n        .build();\n}\n";
        assert_eq!(
            fix(t, "danger").as_deref(),
            Some("fn f() {\n    let c = B::new()\n        // why\n        .build();\n}\n")
        );
        let crlf = t.replace('\n', "\r\n");
        assert_eq!(
            fix(&crlf, "danger"),
            Some("fn f() {\n    let c = B::new()\n        // why\n        .build();\n}\n".replace('\n', "\r\n"))
        );
    }

    #[test]
    fn an_inline_link_goes_alone() {
        let t = "fn f() { let c = B::new().danger(true).build(); }\n";
        assert_eq!(fix(t, "danger").as_deref(), Some("fn f() { let c = B::new().build(); }\n"));
    }

    #[test]
    fn a_statement_on_a_variable_goes_whole() {
        let t = "fn f() {\n    b.danger(true);\n    easy.ssl(false)?;\n    x();\n}\n";
        let once = fix(t, "danger").expect("fix");
        assert_eq!(once, "fn f() {\n    easy.ssl(false)?;\n    x();\n}\n");
        assert_eq!(fix(&once, "ssl").as_deref(), Some("fn f() {\n    x();\n}\n"));
        // Not a statement of its own: only the call goes.
        let t = "fn f() {\n    let b = b.danger(true);\n}\n";
        assert_eq!(fix(t, "danger").as_deref(), Some("fn f() {\n    let b = b;\n}\n"));
    }

    #[test]
    fn no_edit_that_would_break_a_try_chain_or_drop_a_comment() {
        assert_eq!(fix("fn f() { E::new().ssl(false)?.go(); }\n", "ssl"), None);
        assert_eq!(fix("fn f() { B::new().danger(/* x */ true).build(); }\n", "danger"), None);
    }

    #[test]
    fn inserted_lines_copy_indentation_and_line_ending() {
        let t = "fn f() {\r\n\tunsafe { g() }\r\n}\r\n";
        let file = FileCtx::new("a.rs".into(), t.to_string(), FileKind::Lib);
        let e = file.insert_line_above(t.find("unsafe").unwrap() as u32, "// SAFETY: x").unwrap();
        assert_eq!(apply(t, &e), "fn f() {\r\n\t// SAFETY: x\r\n\tunsafe { g() }\r\n}\r\n");
    }
}
