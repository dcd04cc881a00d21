//! A `str` cut at a byte offset worked out from a length (`&name[..name.
//! len().min(32)]`, `&s[..s.len() - 1]`, `s.split_at(s.len() / 2)`): the
//! offset may fall inside a multi-byte character, and slicing there
//! panics. Reported when the text is untrusted (its taint), as the panic
//! rule's sink; quiet when the function looks for a boundary
//! (`is_char_boundary`, `floor_char_boundary`, `char_indices`) or checks
//! the text is ASCII (`is_ascii`). Offsets from `find`, a whole `len()`
//! or a decoded number are not this sink's (the index sink has those).

use proc_macro2::Span;
use syn::Expr;

use super::{FnAnalysis, Taint, strip_parens_refs_derefs};
use crate::taint::Shape;
use crate::taint::model::SinkModel;

/// The sink model's `when` that marks a cut (`SinkSite::char_cut`).
pub(super) const CHAR_CUT: &str = "char-cut";

impl FnAnalysis<'_> {
    /// `&s[a..b]` on an untrusted `str` with a bound cut from a length.
    pub(super) fn check_char_cut_index(&mut self, x: &syn::ExprIndex, base: &Taint, span: Span) {
        let Expr::Range(r) = strip_parens_refs_derefs(&x.index) else { return };
        let bounds = [r.start.as_deref(), r.end.as_deref()];
        self.char_cut(&x.expr, bounds.into_iter().flatten(), base, span);
    }

    /// `s.split_at(n)` on an untrusted `str` with `n` cut from a length.
    pub(super) fn check_char_cut_split(&mut self, m: &syn::ExprMethodCall, recv: &Taint) {
        if m.method != "split_at" || m.args.len() != 1 {
            return;
        }
        let span = m.method.span();
        self.char_cut(&m.receiver, m.args.iter(), recv, span);
    }

    fn char_cut<'e>(&mut self, text: &Expr, mut bounds: impl Iterator<Item = &'e Expr>, t: &Taint, span: Span) {
        if !t.iter().any(|f| f.shape == Shape::Text) || !self.is_str(text) {
            return;
        }
        let Some(var) = super::var_of(text) else { return };
        if !bounds.any(|b| self.cut_of_len(b, &var)) || self.looks_for_boundaries() {
            return;
        }
        // A text the function built (`format!`, an encoding, a `collect`):
        // its characters are the function's choice, not the input's.
        if !self.param_names.contains(&var) && self.let_init(&var).is_some_and(|init| built_text(&init)) {
            return;
        }
        let Some(index) = self.models.index_sinks.first() else { return };
        let model = SinkModel {
            any_shape: true,
            when: Some(CHAR_CUT.to_string()),
            what: "a `str` cut at a byte offset that may fall inside a character".to_string(),
            help: "cut at a character boundary (`is_char_boundary`, `floor_char_boundary`, `char_indices`)".to_string(),
            ..index.clone()
        };
        let text_only: Taint = t.iter().filter(|f| f.shape == Shape::Text).copied().collect();
        self.check_sink(&model, std::slice::from_ref(&text_only), None, span, vec![text]);
    }

    /// A `&str`, `String` or `Cow<str>` by its declared type.
    fn is_str(&self, e: &Expr) -> bool {
        self.receiver_type(e).and_then(|t| t.last().cloned()).is_some_and(|l| matches!(l.as_str(), "str" | "String"))
    }

    /// `var.len().min(N)`, `var.len() - 1`, `min(var.len(), N)`, … — also
    /// through a local bound to one (`let end = name.len().min(N)`).
    fn cut_of_len(&self, e: &Expr, var: &str) -> bool {
        match strip_parens_refs_derefs(e) {
            Expr::MethodCall(m)
                if matches!(m.method.to_string().as_str(), "min" | "saturating_sub" | "wrapping_sub")
                    && (is_len_of(&m.receiver, var) || m.args.iter().any(|a| is_len_of(a, var))) =>
            {
                true
            }
            Expr::Binary(b) if matches!(b.op, syn::BinOp::Div(_)) => is_len_of(&b.left, var),
            // `s.len() - 1` cuts the last byte off; after `ends_with(')')`,
            // `strip_suffix` or a look at the last byte it is a boundary,
            // and `s.len() - tail.len()` is the start of a suffix.
            Expr::Binary(b) if matches!(b.op, syn::BinOp::Sub(_)) => {
                is_len_of(&b.left, var)
                    && matches!(strip_parens_refs_derefs(&b.right), Expr::Lit(_))
                    && !self.checks_the_end()
            }
            Expr::Call(c) if matches!(&*c.func, Expr::Path(p) if p.path.segments.last().is_some_and(|s| s.ident == "min")) => {
                c.args.iter().any(|a| is_len_of(a, var))
            }
            Expr::Path(p) if p.qself.is_none() => p
                .path
                .get_ident()
                .and_then(|n| self.let_init(&n.to_string()))
                .is_some_and(|init| self.cut_of_len(&init, var)),
            _ => false,
        }
    }

    /// The initialiser of `let name = …;` (or `let mut name`) in this
    /// function's body.
    fn let_init(&self, name: &str) -> Option<Expr> {
        let body = self.body_text();
        for lead in [format!("let {name}"), format!("let mut {name}")] {
            for (at, _) in body.match_indices(&lead) {
                let rest = body[at + lead.len()..].trim_start();
                // `let name =` or `let name: T =`, not `let name_2`.
                if !rest.starts_with([':', '=']) {
                    continue;
                }
                let init = rest.split_once('=')?.1;
                return syn::parse_str::<Expr>(init.split_once(';')?.0).ok();
            }
        }
        None
    }

    /// The function looks at how the text ends.
    fn checks_the_end(&self) -> bool {
        let body = self.body_text();
        ["ends_with", "strip_suffix", "last()", "starts_with", "strip_prefix"].iter().any(|w| body.contains(w))
    }

    /// The function looks for character boundaries or checks for ASCII.
    fn looks_for_boundaries(&self) -> bool {
        let body = self.body_text();
        ["is_char_boundary", "floor_char_boundary", "ceil_char_boundary", "char_indices", "is_ascii"]
            .iter()
            .any(|w| body.contains(w))
    }
}

/// `var.len()`.
fn is_len_of(e: &Expr, var: &str) -> bool {
    matches!(strip_parens_refs_derefs(e), Expr::MethodCall(m)
        if m.method == "len" && m.args.is_empty() && super::var_of(&m.receiver).as_deref() == Some(var))
}

/// A text made by formatting, encoding or collecting pieces.
fn built_text(e: &Expr) -> bool {
    let mut e = e;
    loop {
        match strip_parens_refs_derefs(e) {
            Expr::Macro(_) => return true,
            Expr::MethodCall(m) => {
                let name = m.method.to_string();
                if name.contains("encode")
                    || name.contains("hex")
                    || matches!(name.as_str(), "collect" | "join" | "concat" | "repeat")
                {
                    return true;
                }
                e = &m.receiver;
            }
            Expr::Call(c) => {
                return matches!(&*c.func, Expr::Path(p)
                    if p.path.segments.iter().any(|s| s.ident.to_string().contains("encode") || s.ident.to_string().contains("hex")));
            }
            _ => return false,
        }
    }
}
