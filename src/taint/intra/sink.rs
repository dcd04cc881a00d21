//! Sinks: the model's conditions, tainted arguments at sink positions
//! becoming hits, and how an argument was built.

use proc_macro2::Span;
use syn::Expr;
use syn::spanned::Spanned;

use super::{FnAnalysis, Hint, Hit, Taint, strip_parens_refs_derefs, union};
use crate::syntax::macros;
use crate::taint::model::SinkModel;
use crate::taint::{Shape, SinkSite, mask, rule_bit};

impl<'a> FnAnalysis<'a> {
    /// Engine-checked conditions of a sink model.
    pub(super) fn condition_holds(&self, s: &SinkModel, hint: &Hint, args: Vec<&Expr>) -> bool {
        match s.when.as_deref() {
            None => true,
            Some("shell") => hint.shell && hint.dash_c,
            Some("html-response") => hint.html,
            // Checked argument by argument (`argv::option_operands`).
            Some("option-argument") => true,
            Some("location-header") => {
                args.iter().any(|a| self.file.snippet(a.span()).to_ascii_lowercase().contains("location"))
            }
            Some("xml-entities") => {
                let body = self.file.text.get(self.body.0 as usize..self.body.1 as usize).unwrap_or("");
                let compact: String = body.chars().filter(|c| !c.is_whitespace()).collect();
                compact.contains("no_ent:true")
                    || compact.contains("dtd_load:true")
                    || compact.contains("XML_PARSE_NOENT")
            }
            Some(_) => false,
        }
    }

    /// The text of an argument, looking through a variable to its
    /// formatted value when possible (for SQL/URL evidence).
    pub(super) fn arg_text(&self, a: &Expr) -> String {
        self.file.snippet(a.span()).to_string()
    }

    /// Tainted arguments at sink positions become hits. A weak sink (see
    /// `run`) is not a hit: its site is returned, for the value to remember.
    pub(super) fn check_sink(
        &mut self,
        s: &SinkModel,
        args: &[Taint],
        recv_index: Option<usize>,
        span: Span,
        exprs: Vec<&Expr>,
    ) -> Option<u32> {
        let bit = rule_bit(&s.rule)?;
        if !self.enabled.contains(bit) {
            return None;
        }
        let mut facts = Vec::new();
        // Facts checked for the rule (see `links`).
        let mut checked = Vec::new();
        for &pos in &s.args {
            let idx = if pos == usize::MAX { recv_index.unwrap_or(usize::MAX) } else { pos };
            let Some(t) = args.get(idx) else { continue };
            for f in t {
                if s.numeric != (f.shape == Shape::Number) || !super::errors::reaches(f, &s.rule) {
                    continue;
                }
                if f.sanitized.contains(bit) {
                    if self.models.link_rules.contains(&s.rule) {
                        union(&mut checked, &[*f]);
                    }
                    continue;
                }
                union(&mut facts, &[*f]);
            }
        }
        if facts.is_empty() && (checked.is_empty() || s.weak) {
            return None;
        }
        let built_with = exprs.iter().find_map(|e| self.built_with(e));
        // Models only name registered rules (`Models::add` checks).
        let rule: &'static str = mask::rule_id(bit);
        let (start, end) = self.file.byte_range(span)?;
        let site = SinkSite {
            rule,
            loc: self.file.location(start, end),
            what: s.what.clone(),
            help: s.help.clone(),
            built_with,
            weak: s.weak,
            numeric: s.numeric,
            ..Default::default()
        };
        let step = format!("reaches {}", s.what);
        let (facts, checked) = (self.step(&facts, span, &step), self.step(&checked, span, &step));
        self.sinks.push(site);
        let site = self.sinks.len() - 1;
        self.note_link(s, bit, site, &facts, checked);
        if facts.is_empty() {
            return None;
        }
        if s.weak {
            // Remembered on the value; see `run`.
            return Some(site as u32);
        }
        self.hits.push(Hit { site, facts });
        None
    }

    /// `format!` / `concat!` / `+` used to build a sink argument.
    pub(super) fn built_with(&self, e: &Expr) -> Option<String> {
        match strip_parens_refs_derefs(e) {
            Expr::Macro(m) => {
                let n = macros::macro_name(&m.mac);
                matches!(n.as_str(), "format" | "concat").then(|| format!("`{n}!`"))
            }
            Expr::Binary(b) if matches!(b.op, syn::BinOp::Add(_)) => Some("string concatenation".into()),
            Expr::MethodCall(mc)
                if matches!(mc.method.to_string().as_str(), "as_str" | "as_ref" | "clone" | "to_string") =>
            {
                self.built_with(&mc.receiver)
            }
            _ => None,
        }
    }
}
