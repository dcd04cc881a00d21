//! Macro invocations: formatting macros that build strings, and macro
//! sinks (logging: Debug-formatted arguments are escaped).

use syn::spanned::Spanned;
use syn::{Expr, Lit, Macro};

use super::{FnAnalysis, Taint, strip_ref_mut, union};
use crate::rules::taint::MacroArgs;
use crate::syntax::macros;
use crate::taint::mask;
use crate::taint::model::SinkModel;

impl<'a> FnAnalysis<'a> {
    pub(super) fn eval_macro(&mut self, mac: &Macro) -> Taint {
        let name = macros::macro_name(mac);
        if macros::is_opaque(&name) {
            return Vec::new();
        }
        let args = macros::parse_args_cached(mac);
        let mut ts: Vec<Taint> = Vec::with_capacity(args.len());
        for a in args.iter() {
            ts.push(self.eval(&a.expr));
        }
        // Inline captures in format strings: `format!("{name}")`.
        let mut captures = Vec::new();
        if let Some(first) = args.first()
            && let Expr::Lit(l) = &first.expr
            && let Lit::Str(s) = &l.lit
        {
            for p in macros::format_placeholders(&s.value()) {
                if let macros::Placeholder::Name(n) = p
                    && !args.iter().any(|a| a.name.as_ref().is_some_and(|x| *x == n))
                    && let Some(t) = self.env.get(&n)
                {
                    union(&mut captures, &t.clone());
                }
            }
        }
        let models = self.models;
        if let Some(sinks) = models.macro_sinks.get(&name) {
            let span = mac.path.segments.last().map_or_else(|| mac.path.span(), |s| s.ident.span());
            for s in sinks {
                let mut sink_args = ts.clone();
                // Log injection: Debug formatting (`{:?}`, `?x`) escapes newlines.
                if mask::spec(&s.rule).is_some_and(|sp| sp.macro_args == MacroArgs::DebugEscaped) {
                    sink_args = self.log_args(mac, &args, &ts);
                    union(&mut sink_args[0], &captures);
                    let all: Vec<usize> = (0..sink_args.len()).collect();
                    let model = SinkModel { args: all, ..s.clone() };
                    self.check_sink(&model, &sink_args, None, span, Vec::new());
                    continue;
                }
                if let Some(first) = sink_args.get_mut(0) {
                    union(first, &captures);
                }
                self.check_sink(s, &sink_args, None, span, args.iter().map(|a| &a.expr).collect());
            }
        }
        if self.diverging_macro(&name, mac, &ts, &captures) {
            return Vec::new();
        }
        match name.as_str() {
            "anyhow" | "eyre" | "format_err" => {
                let mut t = captures;
                for x in &ts {
                    union(&mut t, x);
                }
                super::errors::mark_err(&t)
            }
            "format" | "concat" | "format_args" => {
                let mut t = captures;
                for x in ts.iter().skip(usize::from(name != "concat")) {
                    union(&mut t, x);
                }
                if t.is_empty() {
                    return t;
                }
                let span = mac.path.segments.last().map_or_else(|| mac.path.span(), |s| s.ident.span());
                self.step(&t, span, &format!("formatted into a string with `{name}!`"))
            }
            "write" | "writeln" => {
                // write!(buf, "{}", x) taints buf
                let mut t = captures;
                for x in ts.iter().skip(2) {
                    union(&mut t, x);
                }
                if let Some(target) = args.first() {
                    self.assign(strip_ref_mut(&target.expr), t, true);
                }
                Vec::new()
            }
            "vec" => {
                let mut t = Vec::new();
                if let Some(first) = ts.first() {
                    union(&mut t, first);
                }
                t
            }
            "dbg" => ts.into_iter().next().unwrap_or_default(),
            _ => Vec::new(),
        }
    }

    /// Arguments of a logging macro that can inject newlines: Display-formatted
    /// values (Debug formatting and structured `?field` escape them).
    pub(super) fn log_args(&self, mac: &Macro, args: &[macros::MacroArg], ts: &[Taint]) -> Vec<Taint> {
        let raw = self.file.snippet(mac.tokens.span());
        let mut out: Vec<Taint> = vec![Vec::new(); ts.len().max(1)];
        // Find the format string (first string literal argument).
        let fmt_idx = args.iter().position(|a| matches!(&a.expr, Expr::Lit(l) if matches!(l.lit, Lit::Str(_))));
        let placeholders = fmt_idx
            .and_then(|i| match &args[i].expr {
                Expr::Lit(l) => match &l.lit {
                    Lit::Str(s) => Some(s.value()),
                    _ => None,
                },
                _ => None,
            })
            .map(|s| debug_flags(&s))
            .unwrap_or_default();
        let mut next = 0usize;
        for (i, a) in args.iter().enumerate() {
            if Some(i) == fmt_idx || a.name.as_ref().is_some_and(|n| n == "target") {
                continue;
            }
            let t = &ts[i];
            if t.is_empty() {
                continue;
            }
            match fmt_idx {
                Some(f) if i > f => {
                    let debug = placeholders.get(next).copied().unwrap_or(false);
                    next += 1;
                    if !debug {
                        union(&mut out[i], t);
                    }
                }
                _ => {
                    // Structured field before the message: `%x` is Display.
                    let text = self.file.snippet(a.expr.span());
                    let display = raw.contains(&format!("%{text}"));
                    if display {
                        union(&mut out[i], t);
                    }
                }
            }
        }
        out
    }
}

/// For each `{}`-style placeholder in order: is it Debug-formatted?
fn debug_flags(fmt: &str) -> Vec<bool> {
    let mut out = Vec::new();
    let b = fmt.as_bytes();
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'{' {
            if b.get(i + 1) == Some(&b'{') {
                i += 2;
                continue;
            }
            let Some(end) = fmt[i..].find('}') else { break };
            let inner = &fmt[i + 1..i + end];
            let is_named = inner.split(':').next().is_some_and(|n| !n.is_empty() && n.parse::<usize>().is_err());
            if !is_named {
                out.push(inner.contains('?'));
            }
            i += end + 1;
        } else {
            i += 1;
        }
    }
    out
}
