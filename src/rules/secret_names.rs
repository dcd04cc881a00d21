//! What names say about values, for the rules: the vocabulary and its two
//! readings live in `secrets::names` (one home); here what needs the
//! syntax tree or the file — a secret name mentioned in an expression, and
//! whether a file is parsing code where `token` means a lexeme.

pub(crate) use crate::secrets::names::{
    SecretKind, classify, is_auth_context, is_bare_token, is_unpredictable_value, words,
};

/// The file looks like parsing or code-generation code, where `token` means
/// a lexeme.
pub(crate) fn looks_like_parser(file: &crate::rules::file::FileCtx) -> bool {
    file.text_contains_any(&[
        "TokenStream",
        "TokenTree",
        "TokenKind",
        "proc_macro",
        "Lexer",
        "lexer",
        "Token::",
        "syn::",
        "tokenize",
    ])
}

/// A name mentioned anywhere in an expression (paths, fields, argument-less
/// method calls, `format!`-style macro arguments and inline captures) that
/// denotes a secret: the first one found, with its kind. Broad on purpose:
/// for questions like "is a password part of what is hashed here?".
pub(crate) fn mention_in(e: &syn::Expr) -> Option<(SecretKind, String)> {
    use syn::visit::Visit;
    struct Find {
        hit: Option<(SecretKind, String)>,
    }
    impl Find {
        fn name(&mut self, n: &str) {
            if self.hit.is_none()
                && let Some(k) = classify(n)
            {
                self.hit = Some((k, n.to_string()));
            }
        }
    }
    impl<'ast> Visit<'ast> for Find {
        fn visit_expr_path(&mut self, p: &'ast syn::ExprPath) {
            if let Some(s) = p.path.segments.last() {
                self.name(&s.ident.to_string());
            }
        }
        fn visit_expr_field(&mut self, f: &'ast syn::ExprField) {
            if let syn::Member::Named(n) = &f.member {
                self.name(&n.to_string());
            }
            syn::visit::visit_expr_field(self, f);
        }
        fn visit_expr_method_call(&mut self, m: &'ast syn::ExprMethodCall) {
            if m.args.is_empty() && !matches!(m.method.to_string().as_str(), "len" | "is_empty" | "is_some" | "is_none")
            {
                self.name(&m.method.to_string());
            }
            if !matches!(m.method.to_string().as_str(), "len" | "is_empty" | "is_some" | "is_none" | "count") {
                syn::visit::visit_expr_method_call(self, m);
            }
        }
        fn visit_macro(&mut self, m: &'ast syn::Macro) {
            for a in crate::syntax::macros::parse_args(m) {
                if let syn::Expr::Lit(syn::ExprLit { lit: syn::Lit::Str(s), .. }) = &a.expr {
                    for p in crate::syntax::macros::format_placeholders(&s.value()) {
                        if let crate::syntax::macros::Placeholder::Name(n) = p {
                            self.name(&n);
                        }
                    }
                } else {
                    self.visit_expr(&a.expr);
                }
            }
        }
    }
    let mut f = Find { hit: None };
    f.visit_expr(e);
    f.hit
}
