//! Macro invocations: formatting macros that build strings, and macro
//! sinks (logging: Debug-formatted arguments are escaped).

use syn::spanned::Spanned;
use syn::{Expr, Lit, Macro};

use super::{FnAnalysis, Taint, strip_ref_mut, union};
use crate::rules::taint::{Guard, MacroArgs};
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
        // Inline captures in format strings: `format!("{name}")`, and
        // after what comes first in `write!(buf, "{name}")`,
        // `ensure!(ok, "{name}")`, `assert_eq!(a, b, "{name}")`.
        let mut captures = Vec::new();
        let fmt_at = match name.as_str() {
            "write" | "writeln" | "ensure" | "assert" | "debug_assert" => 1,
            "assert_eq" | "assert_ne" | "debug_assert_eq" | "debug_assert_ne" => 2,
            _ => 0,
        };
        if let Some(first) = args.get(fmt_at)
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
        // `vec![a, b, c]` lists its elements: none of them is a length.
        let repeat = name != "vec" || is_repeat(mac);
        if let Some(sinks) = models.macro_sinks.get(&name).filter(|_| repeat) {
            let span = mac.path.segments.last().map_or_else(|| mac.path.span(), |s| s.ident.span());
            for s in sinks {
                let mut sink_args = ts.clone();
                // Log injection: Debug formatting (`{:?}`, `?x`) escapes newlines.
                if mask::spec(&s.rule).is_some_and(|sp| sp.macro_args == MacroArgs::DebugEscaped) {
                    sink_args = self.log_args(mac, &args, &ts);
                    let display = self.display_captures(&args);
                    union(&mut sink_args[0], &display);
                    let all: Vec<usize> = (0..sink_args.len()).collect();
                    let model = SinkModel { args: all, ..s.clone() };
                    let before = self.sinks.len();
                    self.check_sink(&model, &sink_args, None, span, Vec::new());
                    if self.sinks.len() > before {
                        let fix = self.debug_fix(&args, &sink_args);
                        if let Some(site) = self.sinks.last_mut() {
                            site.fix = fix;
                        }
                    }
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
                if name != "concat" {
                    t = self.fixed_target(&args, &ts, t);
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
                // `vec![a, b, c]` holds every element; `vec![x; n]` only
                // copies of `x` (`n` is its length).
                let mut t = Vec::new();
                for x in ts.iter().take(if repeat { 1 } else { ts.len() }) {
                    union(&mut t, x);
                }
                t
            }
            "dbg" => ts.into_iter().next().unwrap_or_default(),
            _ => Vec::new(),
        }
    }

    /// A formatted value whose start is fixed — a local path
    /// (`format!("/assets/{}/", x)`), an absolute URL with a path, or a
    /// first value followed by a path (`format!("{base}/image/{id}")`) —
    /// has its target chosen by the program: the values after that start
    /// are safe for the rules guarded by a local-path check.
    fn fixed_target(&self, args: &[macros::MacroArg], ts: &[Taint], t: Taint) -> Taint {
        let Some(Expr::Lit(l)) = args.first().map(|a| &a.expr) else { return t };
        let Lit::Str(s) = &l.lit else { return t };
        let fmt = s.value();
        let Some((lead, rest)) = split_placeholder(&fmt) else { return t };
        let bits = mask::guarded_by(Guard::LocalPath);
        if fixed_start(lead) {
            return super::sanitize(&t, bits);
        }
        let mid = split_placeholder(rest).map_or(rest, |(mid, _)| mid);
        if !lead.is_empty() || !is_local_path(mid) {
            return t;
        }
        // The first value picks the site (a configured base URL): it keeps
        // its taint; what follows the `/` after it does not.
        let first = match macros::format_placeholders(&fmt).first() {
            Some(macros::Placeholder::Next | macros::Placeholder::Index(0)) => ts.get(1).cloned(),
            Some(macros::Placeholder::Name(n)) => {
                match args.iter().position(|a| a.name.as_ref().is_some_and(|x| x == n)) {
                    Some(i) => ts.get(i).cloned(),
                    // A capture: a local, else a `const`/`static` (no taint).
                    None => Some(self.env.get(n).cloned().unwrap_or_default()),
                }
            }
            _ => None,
        };
        let Some(first) = first else { return t };
        let mut out = super::sanitize(&t, bits);
        union(&mut out, &first);
        out
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

impl FnAnalysis<'_> {
    /// The inline captures of a logging macro's format string (wherever it
    /// stands: tracing puts fields first) that a placeholder formats with
    /// Display: `{name}` can carry a line break, `{name:?}` escapes it.
    fn display_captures(&self, args: &[macros::MacroArg]) -> Taint {
        let mut out = Vec::new();
        let Some(fmt) = args.iter().find_map(|a| match &a.expr {
            Expr::Lit(l) => match &l.lit {
                Lit::Str(s) => Some(s.value()),
                _ => None,
            },
            _ => None,
        }) else {
            return out;
        };
        for (p, spec) in macros::format_placeholder_specs(&fmt) {
            let macros::Placeholder::Name(name) = p else { continue };
            if spec.contains('?') || args.iter().any(|a| a.name.as_ref().is_some_and(|x| *x == name)) {
                continue;
            }
            if let Some(t) = self.env.get(&name) {
                union(&mut out, &t.clone());
            }
        }
        out
    }

    /// The edits that format every tainted Display-formatted placeholder
    /// of a logging macro with Debug (`{}` → `{:?}`, `{name}` →
    /// `{name:?}`); empty when one of them cannot be made (a structured
    /// `%field`, a `{:x}` spec, a literal written through an escape).
    fn debug_fix(&self, args: &[macros::MacroArg], sink_args: &[Taint]) -> Vec<crate::finding::Edit> {
        let Some(fmt_idx) = args.iter().position(|a| matches!(&a.expr, Expr::Lit(l) if matches!(l.lit, Lit::Str(_))))
        else {
            return Vec::new();
        };
        // A tainted argument before the format string is a structured field.
        if sink_args.iter().take(fmt_idx).any(|t| !t.is_empty()) {
            return Vec::new();
        }
        let Some((start, end)) = self.file.byte_range(args[fmt_idx].expr.span()) else { return Vec::new() };
        let Some(src) = self.file.text.get(start as usize..end as usize) else { return Vec::new() };
        let Some(placeholders) = macros::source_placeholders(src) else { return Vec::new() };
        let positional: Vec<usize> = (fmt_idx + 1..args.len()).filter(|&i| args[i].name.is_none()).collect();
        let tainted_arg = |i: usize| sink_args.get(i).is_some_and(|t| !t.is_empty());
        let mut next = 0;
        let mut edits = Vec::new();
        let mut covered = vec![false; args.len()];
        for p in &placeholders {
            let tainted = match &p.arg {
                macros::Placeholder::Next => {
                    next += 1;
                    positional.get(next - 1).is_some_and(|&i| {
                        covered[i] = true;
                        tainted_arg(i)
                    })
                }
                macros::Placeholder::Index(n) => positional.get(*n).is_some_and(|&i| tainted_arg(i)),
                macros::Placeholder::Name(n) => match args.iter().position(|a| a.name.as_ref().is_some_and(|x| x == n))
                {
                    Some(i) => {
                        covered[i] = true;
                        tainted_arg(i)
                    }
                    None => self.env.get(n).is_some_and(|t| !t.is_empty()),
                },
            };
            if !tainted {
                continue;
            }
            let Some(ins) = macros::debug_insertion(&p.inner) else {
                if p.inner.ends_with('?') {
                    continue;
                }
                return Vec::new();
            };
            let at = start + p.close as u32;
            match self.file.edit(at, at, ins) {
                Some(e) => edits.push(e),
                None => return Vec::new(),
            }
        }
        // A tainted argument no placeholder was changed for (`{0}` used
        // twice is fine; one we could not place is not).
        if edits.is_empty()
            || (fmt_idx + 1..args.len()).any(|i| tainted_arg(i) && !covered[i] && args[i].name.is_some())
        {
            return Vec::new();
        }
        edits
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

/// The literal text before a format string's first placeholder, and the
/// text after it.
fn split_placeholder(fmt: &str) -> Option<(&str, &str)> {
    let mut i = 0;
    let b = fmt.as_bytes();
    while i < b.len() {
        match b[i] {
            b'{' if b.get(i + 1) == Some(&b'{') => i += 2,
            b'{' => {
                let end = fmt[i..].find('}')?;
                return Some((&fmt[..i], &fmt[i + end + 1..]));
            }
            _ => i += 1,
        }
    }
    None
}

/// `/x…`: a path on this site (not `//host` nor `/\host`).
pub(super) fn is_local_path(s: &str) -> bool {
    let mut c = s.chars();
    c.next() == Some('/') && c.next().is_some_and(|x| x != '/' && x != '\\')
}

/// A start that fixes the target: a local path, or `scheme://host/…`.
pub(super) fn fixed_start(s: &str) -> bool {
    is_local_path(s)
        || s.split_once("://").is_some_and(|(scheme, rest)| {
            !scheme.is_empty()
                && scheme.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
                && rest.find('/').is_some_and(|i| i > 0)
        })
}

/// `vec![x; n]` (not a list `vec![a, b]`).
fn is_repeat(mac: &Macro) -> bool {
    mac.tokens.clone().into_iter().any(|t| matches!(t, proc_macro2::TokenTree::Punct(p) if p.as_char() == ';'))
}
