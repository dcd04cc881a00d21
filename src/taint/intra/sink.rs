//! Sinks: the model's conditions, tainted arguments at sink positions
//! becoming hits, and how an argument was built.

use proc_macro2::Span;
use syn::Expr;
use syn::spanned::Spanned;

use super::{FnAnalysis, Hint, Hit, Label, Taint, strip_parens_refs_derefs, union};
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
            // `recv.unwrap()` where `recv` parses, decodes or converts
            // (the receiver comes first in `args`).
            // A lookup that may find nothing (`headers().get("x")`) only in
            // a request handler, where the request decides what is there.
            Some("fallible") => {
                args.first().and_then(|r| fallible(r)).is_some_and(|k| k == Fallible::Convert || self.handler)
            }
            Some("xml-entities") => {
                let body = self.body_text();
                let compact: String = body.chars().filter(|c| !c.is_whitespace()).collect();
                compact.contains("no_ent:true")
                    || compact.contains("dtd_load:true")
                    || compact.contains("XML_PARSE_NOENT")
            }
            Some(_) => false,
        }
    }

    /// Indexing and slicing (`v[i]`, `&s[a..b]`): a tainted offset, or a
    /// literal key looked up in a tainted map (`headers()["x"]`), reaches
    /// the models' index sinks.
    pub(super) fn check_index(&mut self, x: &syn::ExprIndex, offset: &Taint, base: &Taint) {
        if offset.is_empty() && base.is_empty() {
            return;
        }
        let span = x.bracket_token.span.join();
        let key_lookup = super::str_lit(&x.index).is_some();
        if key_lookup && !self.handler {
            return;
        }
        if !key_lookup {
            self.check_char_cut_index(x, base, span);
        }
        // `TABLE[b as usize]` into 256 entries or more.
        if !key_lookup && self.byte_into_table(&x.expr, offset) {
            return;
        }
        // Offsets a parameter brings are not followed into callers:
        // indexing is everywhere, and the join would walk every caller of
        // every helper that indexes. Sources and what calls return are,
        // and numbers decoded from a parameter's bytes (`&buf[..u32::
        // from_be_bytes(h) as usize]`, `r.read_u16()` of a reader).
        let offset: Taint = offset
            .iter()
            .filter(|f| f.wire || !matches!(self.labels[f.label as usize], Label::Param(_) | Label::ParamField { .. }))
            .copied()
            .collect();
        let offset = &offset;
        let models = self.models;
        for s in &models.index_sinks {
            if key_lookup {
                // `serde_json::Value` indexing gives `Null` for a missing key,
                // also through a wrapper (`body: Json<Value>`).
                let ty = self.receiver_type(&x.expr);
                let deref = super::var_of(&x.expr).and_then(|v| self.hints.get(&v)).and_then(|h| h.deref_ty.clone());
                if [ty, deref].iter().flatten().any(|t| t.last().is_some_and(|l| l == "Value")) {
                    continue;
                }
                let s = SinkModel { any_shape: true, ..s.clone() };
                self.check_sink(&s, std::slice::from_ref(base), None, span, vec![&*x.index]);
            } else {
                self.check_sink(s, std::slice::from_ref(offset), None, span, vec![&*x.index]);
            }
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
        // Text of a valid value parsed again (see `valid_text`).
        let reparse = s.when.as_deref() == Some("fallible") && exprs.first().is_some_and(|r| reparses(r));
        // Facts checked for the rule (see `links`).
        let mut checked = Vec::new();
        // The size the crate may bound (`taint::size`).
        let mut size = Vec::new();
        for &pos in &s.args {
            let idx = if pos == usize::MAX { recv_index.unwrap_or(usize::MAX) } else { pos };
            let Some(t) = args.get(idx) else { continue };
            // A size its types bound (`n_u16 as usize * 4`): no more than
            // 2^20 elements whatever the input says.
            if s.numeric
                && mask::guarded_by(crate::rules::taint::Guard::SmallSize).contains(bit)
                && let Some(e) = exprs.get(idx)
            {
                if self.small_size(e) {
                    continue;
                }
                // Bounded by constants, or by what other files declare.
                match self.crate_size(e) {
                    Err(()) => continue,
                    Ok(ops) if size.is_empty() => size = ops,
                    Ok(_) => {}
                }
            }
            for f in t {
                // A value from a parameter or a call may be a number the
                // join shows (`let n = read_len(&mut r)?`): it decides.
                let unknown_number = s.numeric && !matches!(self.labels[f.label as usize], Label::Source { .. });
                let shape_ok = s.any_shape || unknown_number || s.numeric == (f.shape == Shape::Number);
                // A directory chosen, not the program (`SinkModel::program`).
                if !shape_ok
                    || !super::errors::reaches(f, &s.rule)
                    || (reparse && f.valid_text)
                    || (s.program && f.in_base)
                {
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
        // A number added up is no text built (`vec.resize(start + n, 0)`).
        let built_with = if s.numeric { None } else { exprs.iter().find_map(|e| self.built_with(e)) };
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
            any_shape: s.any_shape,
            program: s.program,
            parses: s.when.as_deref() == Some("fallible"),
            converts_length: s.when.as_deref() == Some("fallible") && exprs.first().is_some_and(|r| converts_length(r)),
            documented_panics: self.documented_panics,
            char_cut: s.when.as_deref() == Some(super::char_cut::CHAR_CUT),
            size,
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

/// Why an `unwrap` of a call's result can panic.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum Fallible {
    /// Parsing, decoding, converting: the input's content decides.
    Convert,
    /// A lookup that may find nothing: `map.get(k)`, `it.next()`.
    Lookup,
}

/// A call whose result is an `Err`/`None` for some inputs: parsing,
/// decoding, converting (`s.parse::<u16>()`, `String::from_utf8(b)`,
/// `v.to_str()`), looking up (`map.get(k)`), seen through `ok()`,
/// `map_err(..)`, `as_ref()`.
fn fallible(e: &Expr) -> Option<Fallible> {
    match strip_parens_refs_derefs(e) {
        Expr::MethodCall(m) => {
            let name = m.method.to_string();
            match name.as_str() {
                // A slice of a fixed length made an array cannot fail.
                "try_into" if fixed_len_slice(&m.receiver) => None,
                "parse" | "to_str" | "try_into" | "read_to_string" | "read_line" | "decode" | "from_utf8" => {
                    Some(Fallible::Convert)
                }
                // `s.split(p).next()` always has a first item; a route's
                // own parameters are there when the route matched.
                "next" if is_split(&m.receiver) => None,
                "get" | "query" if is_route_params(&m.receiver) => None,
                "get" | "get_mut" | "first" | "last" | "next" => Some(Fallible::Lookup),
                "ok" | "map_err" | "as_ref" | "as_deref" | "ok_or" | "ok_or_else" | "context" | "with_context" => {
                    fallible(&m.receiver)
                }
                _ => None,
            }
        }
        Expr::Call(c) if c.args.first().is_some_and(fixed_len_slice) => None,
        // `from_utf8(&b[..e.valid_up_to()])`: the prefix std found valid.
        Expr::Call(c) if c.args.first().is_some_and(valid_prefix) => None,
        Expr::Call(c) => match &*c.func {
            Expr::Path(p) => p
                .path
                .segments
                .last()
                .is_some_and(|s| {
                    matches!(
                        s.ident.to_string().as_str(),
                        "from_utf8"
                            | "from_str"
                            | "from_slice"
                            | "from_reader"
                            | "from_value"
                            | "try_from"
                            | "decode"
                            | "from_str_radix"
                            | "from_bytes"
                            | "from_hex"
                    )
                })
                .then_some(Fallible::Convert),
            _ => None,
        },
        Expr::Try(t) => fallible(&t.expr),
        _ => None,
    }
}

/// `s.parse()`, `HeaderValue::from_str(s)`, `Uri::try_from(s)` (seen
/// through `ok()`, `map_err(..)`): text parsed into a value of some type;
/// from the text of a valid value (`valid_text`), it cannot fail.
fn reparses(e: &Expr) -> bool {
    match strip_parens_refs_derefs(e) {
        Expr::MethodCall(m) => match m.method.to_string().as_str() {
            "parse" | "try_into" => true,
            "ok" | "map_err" | "as_ref" | "ok_or" | "ok_or_else" | "context" | "with_context" => reparses(&m.receiver),
            _ => false,
        },
        Expr::Call(c) => matches!(&*c.func, Expr::Path(p)
            if p.path.segments.last().is_some_and(|s| matches!(s.ident.to_string().as_str(),
                "from_str" | "try_from" | "from_maybe_shared"))),
        Expr::Try(t) => reparses(&t.expr),
        _ => false,
    }
}

/// `b.try_into()`, `<[u8; 4]>::try_from(b)`, `TryFrom::try_from(b)`
/// (seen through `ok()`, `map_err(..)`): a conversion that, on bytes,
/// checks only their length.
fn converts_length(e: &Expr) -> bool {
    match strip_parens_refs_derefs(e) {
        Expr::MethodCall(m) => match m.method.to_string().as_str() {
            "try_into" => true,
            "ok" | "map_err" | "as_ref" | "ok_or" | "ok_or_else" | "context" | "with_context" => {
                converts_length(&m.receiver)
            }
            _ => false,
        },
        Expr::Call(c) => matches!(&*c.func, Expr::Path(p)
            if p.path.segments.last().is_some_and(|s| s.ident == "try_from" || s.ident == "try_into")),
        Expr::Try(t) => converts_length(&t.expr),
        _ => false,
    }
}

/// `&bytes[..err.valid_up_to()]`: the longest prefix `from_utf8` found
/// valid, which decodes again without failing.
fn valid_prefix(e: &Expr) -> bool {
    let Expr::Index(x) = strip_parens_refs_derefs(e) else { return false };
    let Expr::Range(r) = strip_parens_refs_derefs(&x.index) else { return false };
    r.start.is_none()
        && r.end.as_deref().is_some_and(
            |end| matches!(strip_parens_refs_derefs(end), Expr::MethodCall(m) if m.method == "valid_up_to"),
        )
}

/// `buf[4..8]`, `&b[..N]`, `src[pos..pos + 8]`, `s[..size_of::<u32>()]`:
/// a slice whose length the code fixes (if the slicing succeeds, its
/// conversion to an array of that length cannot fail).
fn fixed_len_slice(e: &Expr) -> bool {
    let Expr::Index(x) = strip_parens_refs_derefs(e) else { return false };
    let Expr::Range(r) = strip_parens_refs_derefs(&x.index) else { return false };
    let Some(end) = r.end.as_deref() else { return false };
    match r.start.as_deref() {
        None => is_fixed(end),
        Some(start) if is_fixed(start) => is_fixed(end),
        // `pos..pos + 8`
        Some(start) => matches!(strip_parens_refs_derefs(end), Expr::Binary(b)
            if matches!(b.op, syn::BinOp::Add(_))
                && is_fixed(&b.right)
                && super::var_of(&b.left).is_some_and(|l| super::var_of(start).is_some_and(|s| s == l))),
    }
}

/// A literal, a constant (`SIZE`, `StateID::SIZE`), `size_of::<T>()`, or
/// arithmetic of such.
fn is_fixed(e: &Expr) -> bool {
    match strip_parens_refs_derefs(e) {
        Expr::Lit(_) => true,
        Expr::Path(p) => p.path.segments.last().is_some_and(|s| {
            let n = s.ident.to_string();
            n.len() > 1 && n.bytes().all(|b| b.is_ascii_uppercase() || b.is_ascii_digit() || b == b'_')
        }),
        Expr::Call(c) => {
            c.args.is_empty()
                && matches!(&*c.func, Expr::Path(p) if p.path.segments.last().is_some_and(|s| s.ident == "size_of"))
        }
        Expr::Binary(b) => is_fixed(&b.left) && is_fixed(&b.right),
        _ => false,
    }
}

/// `req.match_info()` (actix-web): the parameters of the matched route.
fn is_route_params(e: &Expr) -> bool {
    matches!(strip_parens_refs_derefs(e), Expr::MethodCall(m) if m.method == "match_info")
}

/// `s.split(p)`, `s.splitn(n, p)`, `s.rsplit(p)`: never empty.
fn is_split(e: &Expr) -> bool {
    matches!(strip_parens_refs_derefs(e), Expr::MethodCall(m)
        if matches!(m.method.to_string().as_str(), "split" | "rsplit" | "splitn" | "rsplitn"))
}
