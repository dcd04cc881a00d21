//! Conditions that make a value safe below them: comparisons with
//! literals, allow-lists, validators, containment checks on normalised
//! paths, `Component::Normal` checks, regex matches (for the rules their
//! pattern protects), local-path and host checks, size limits (the
//! rule-specific ones are declared by the rules: `Guard`).
//!
//! A condition gives a list of `(variable, rules, when)`: when the
//! condition is `when`, the variable is safe for `rules`. `a && b` true
//! means both held, `a || b` false means neither did, so their guards add
//! up; a part that says nothing is left out.

use syn::Expr;

use super::{
    Fact, FnAnalysis, Label, Taint, is_literalish, lit_text, sanitize, strip_parens_refs_derefs, union, var_of,
};
use crate::rules::taint::Guard;
use crate::taint::{Mask, mask};

/// A guard: when the condition is `.2`, variable `.0` is safe for `.1`.
pub(super) type GuardFact = (String, Mask, bool);

impl<'a> FnAnalysis<'a> {
    pub(super) fn sanitize_var(&mut self, var: &str, bits: Mask) {
        // `end - start` compared with a limit: the difference, under its
        // own key, holds what both sides held (`compared_difference`).
        if let Some((a, b)) = var.split_once(DIFF) {
            let t = self.diff_taint(a, b);
            if !t.is_empty() {
                self.env.insert(var, sanitize(&t, bits));
                self.differences = true;
            }
            return;
        }
        if let Some(t) = self.var_taint(var) {
            let s = sanitize(&t, bits);
            self.env.insert(var, s);
        }
    }

    /// A variable's taint, `q.next` from its object's when not tracked apart.
    fn var_taint(&self, var: &str) -> Option<Taint> {
        match self.env.get(var) {
            Some(t) => Some(t.clone()),
            None => var.split_once('.').and_then(|(base, _)| self.env.get(base).cloned()),
        }
    }

    /// What the two sides of a difference hold now, together.
    fn diff_taint(&self, a: &str, b: &str) -> Taint {
        let mut t = self.var_taint(a).unwrap_or_default();
        union(&mut t, &self.var_taint(b).unwrap_or_default());
        t
    }

    /// `end - start` where that difference was compared with a limit
    /// before (`if range.end - range.start > max { return … }`): what the
    /// check left of it, while both sides still hold what they held then
    /// (`l` and `r`: their taint now).
    pub(super) fn compared_difference(&self, x: &syn::ExprBinary, l: &[Fact], r: &[Fact]) -> Option<Taint> {
        if !self.differences {
            return None;
        }
        let key = diff_key(&x.left, &x.right)?;
        let kept = self.env.get(&key)?;
        let (a, b) = key.split_once(DIFF)?;
        let now = self.diff_taint(a, b);
        if !now.iter().all(|f| kept.iter().any(|k| k.label == f.label && k.path == f.path)) {
            return None;
        }
        // What every fact kept is safe for: the check's (a side only one
        // branch checked keeps its unchecked facts too, and so nothing).
        let bits = kept.iter().fold(Mask::ALL, |m, k| m.intersection(k.sanitized));
        let mut t = l.to_vec();
        union(&mut t, r);
        Some(sanitize(&super::with_shape(&t, crate::taint::Shape::Number), bits))
    }

    /// Every guard a condition gives (see the module docs).
    pub(super) fn guards_of(&self, cond: &Expr) -> Vec<GuardFact> {
        match strip_parens_refs_derefs(cond) {
            Expr::Unary(u) if matches!(u.op, syn::UnOp::Not(_)) => {
                self.guards_of(&u.expr).into_iter().map(|(v, b, when)| (v, b, !when)).collect()
            }
            Expr::Binary(b) if matches!(b.op, syn::BinOp::And(_) | syn::BinOp::Or(_)) => {
                let and = matches!(b.op, syn::BinOp::And(_));
                let mut parts = Vec::new();
                flatten(cond, and, &mut parts);
                let each: Vec<Vec<GuardFact>> = parts.iter().map(|p| self.guards_of(p)).collect();
                // `&&` true: every part held; `||` false: no part held.
                let mut out: Vec<GuardFact> = Vec::new();
                for g in each.iter().flatten().filter(|g| g.2 == and) {
                    match out.iter_mut().find(|o| o.0 == g.0) {
                        Some(o) => o.1 = o.1.union(g.1),
                        None => out.push(g.clone()),
                    }
                }
                if and && let Some(local) = self.local_path_check(&parts) {
                    out.push(local);
                }
                // `x == "a" || x == "b"` true: either accepted value.
                if !and && let Some(v) = each.first().and_then(|g| g.iter().find(|g| g.2)).map(|g| g.0.clone()) {
                    let bits = each
                        .iter()
                        .try_fold(Mask::ALL, |m, g| g.iter().find(|g| g.2 && g.0 == v).map(|g| m.intersection(g.1)));
                    if let Some(bits) = bits {
                        out.push((v, bits, true));
                    }
                }
                out
            }
            // `let allowed = …; if !allowed { return … }`
            Expr::Path(p) if p.path.segments.len() == 1 => {
                self.hints.get(&p.path.segments[0].ident.to_string()).map(|h| h.cond.clone()).unwrap_or_default()
            }
            _ => {
                let mut out: Vec<GuardFact> = self.guard_of(cond).into_iter().collect();
                // `PARTNER_HOSTS.contains(&host)` where `host = url.host_str()?`.
                if let Some((v, bits, when)) = out.first().cloned()
                    && bits == Mask::ALL
                    && let Some(url) = self.hints.get(&v).and_then(|h| h.host_of.clone())
                {
                    out.push((url, mask::guarded_by(Guard::HostAllowList), when));
                }
                out.extend(self.addrs_guard(cond));
                for g in sum_compared(cond) {
                    if !out.iter().any(|o| o.0 == g.0) {
                        out.push(g);
                    }
                }
                out
            }
        }
    }

    /// One condition's guard (no `&&`/`||`).
    fn guard_of(&self, cond: &Expr) -> Option<GuardFact> {
        match strip_parens_refs_derefs(cond) {
            Expr::Binary(b) => {
                use syn::BinOp::*;
                match b.op {
                    Eq(_) => {
                        let var = match (var_of(&b.left), var_of(&b.right)) {
                            (Some(v), _) if is_literalish(&b.right) => v,
                            (_, Some(v)) if is_literalish(&b.left) => v,
                            _ => {
                                return self
                                    .host_guard(&b.left, &b.right)
                                    .map(|v| (v, mask::guarded_by(Guard::HostAllowList), true));
                            }
                        };
                        Some((var, Mask::ALL, true))
                    }
                    Ne(_) => {
                        let eq = Expr::Binary(syn::ExprBinary {
                            attrs: Vec::new(),
                            left: b.left.clone(),
                            op: Eq(syn::token::EqEq::default()),
                            right: b.right.clone(),
                        });
                        self.guard_of(&eq).map(|(v, bits, when)| (v, bits, !when))
                    }
                    Gt(_) | Ge(_) => {
                        // `n > MAX` guards allocation sizes (true: too big).
                        if let Some(v) = var_of(&b.left)
                            && is_bound(&b.right)
                        {
                            return Some((v, mask::guarded_by(Guard::UpperBound), false));
                        }
                        // `n > buf.len()` (true: too big); `buf.len() >= n` (true: fits).
                        length_check(&b.left, &b.right, false).or_else(|| compared(&b.left, &b.right, false))
                    }
                    Lt(_) | Le(_) => {
                        if let Some(v) = var_of(&b.left)
                            && is_bound(&b.right)
                        {
                            return Some((v, mask::guarded_by(Guard::UpperBound), true));
                        }
                        length_check(&b.left, &b.right, true).or_else(|| compared(&b.left, &b.right, true))
                    }
                    _ => None,
                }
            }
            Expr::MethodCall(m) => self.method_guard(m),
            Expr::Call(c) => {
                // is_valid(&x), validate_name(&x), is_safe_path(&x)
                let Expr::Path(p) = &*c.func else { return None };
                let name = p.path.segments.last()?.ident.to_string().to_ascii_lowercase();
                let validator =
                    ["valid", "allowed", "safe", "sanitize", "check", "whitelist", "allowlist", "permitted"]
                        .iter()
                        .any(|w| name.contains(w));
                if !validator {
                    return None;
                }
                let v = c.args.iter().find_map(var_of)?;
                Some((v, Mask::ALL, true))
            }
            // `matches!(url.host_str(), Some("a") | Some("b"))`
            Expr::Macro(m) if m.mac.path.is_ident("matches") => {
                let (scrutinee, pat) = super::paths::matches_args(&m.mac)?;
                if let Expr::MethodCall(h) = strip_parens_refs_derefs(&scrutinee)
                    && is_host_accessor(&h.method.to_string())
                    && super::pat_is_literal(&pat)
                {
                    return var_of(&h.receiver).map(|v| (v, mask::guarded_by(Guard::HostAllowList), true));
                }
                let v = var_of(&scrutinee)?;
                super::pat_is_literal(&pat).then_some((v, Mask::ALL, true))
            }
            // `if let Some(x) = ALLOWED.get(..)`: no sanitisation of the scrutinee.
            _ => None,
        }
    }

    fn method_guard(&self, m: &syn::ExprMethodCall) -> Option<GuardFact> {
        let name = m.method.to_string();
        match name.as_str() {
            // ALLOWED.contains(&x), set.contains(x)
            "contains" | "contains_key" | "binary_search" => {
                let arg = m.args.first()?;
                // `x.contains("..")`: a test on the value itself; true means reject.
                if let Some(v) = var_of(&m.receiver)
                    && let Some(lit) = lit_text(arg)
                {
                    return (lit.contains("..") || lit == "/" || lit == "\\")
                        .then(|| (v, mask::guarded_by(Guard::PathContainment), false));
                }
                // `ALLOWED.contains(&x)`: an allow-list; true means accepted.
                let v = var_of(arg)?;
                Some((v, Mask::ALL, true))
            }
            "starts_with" => {
                let v = var_of(&m.receiver)?;
                let arg = m.args.first()?;
                // `x.starts_with('.')` true: rejected (hidden files, `..`).
                if lit_text(arg).is_some_and(|l| l == ".") {
                    return Some((v, mask::guarded_by(Guard::PathContainment), false));
                }
                // `x.starts_with('-')` true: rejected; `x.starts_with("https://")`
                // true: it starts with text that is not an option.
                if let Some(l) =
                    lit_text(arg).filter(|l| !l.is_empty() && !self.hints.get(&v).is_some_and(|h| h.normalised))
                {
                    return Some((v, mask::guarded_by(Guard::NoLeadingDash), !l.starts_with('-')));
                }
                // `resolved.starts_with(&base)` contains only a normalised
                // path: on `base.join(p)` as is, `..` still climbs out.
                self.hints
                    .get(&v)
                    .is_some_and(|h| h.normalised)
                    .then(|| (v, mask::guarded_by(Guard::PathContainment), true))
            }
            // `s.is_char_boundary(n)`: slicing `s` at `n` cannot panic.
            "is_char_boundary" => {
                let v = var_of(m.args.first()?)?;
                Some((v, mask::guarded_by(Guard::LengthCheck), true))
            }
            "is_match" => {
                // `SLUG.is_match(&x)`: safe for the rules the pattern protects.
                let v = var_of(m.args.first()?)?;
                let bits = super::pattern::guard_mask(self.file, &m.receiver)?;
                (!bits.is_empty()).then_some((v, bits, true))
            }
            "all" | "any" => {
                let closure = m.args.first()?;
                let recv = strip_parens_refs_derefs(&m.receiver);
                let Expr::MethodCall(inner) = recv else { return None };
                let inner_name = inner.method.to_string();
                let v = var_of(&inner.receiver)?;
                match inner_name.as_str() {
                    // x.chars().all(|c| c.is_ascii_alphanumeric())
                    "chars" | "bytes" if name == "all" => Some((v, Mask::ALL, true)),
                    // p.components().all(|c| matches!(c, Component::Normal(_)))
                    "components" => {
                        let when = super::paths::components_check(closure, name == "all")?;
                        Some((v, mask::guarded_by(Guard::PathContainment), when))
                    }
                    _ => None,
                }
            }
            // url.host_str().is_some_and(|h| ALLOWED.contains(&h))
            "is_some_and" | "map_or" => {
                let Expr::MethodCall(h) = strip_parens_refs_derefs(&m.receiver) else { return None };
                if !is_host_accessor(&h.method.to_string()) {
                    return None;
                }
                let Expr::Closure(c) = strip_parens_refs_derefs(m.args.last()?) else { return None };
                let param = c.inputs.first().and_then(super::pat_name)?;
                let checked = self.guards_of(&c.body).iter().any(|g| g.0 == param && g.2);
                if name == "map_or" && !m.args.first().is_some_and(is_false) {
                    return None;
                }
                checked
                    .then(|| var_of(&h.receiver))
                    .flatten()
                    .map(|v| (v, mask::guarded_by(Guard::HostAllowList), true))
            }
            _ => None,
        }
    }

    /// `t.starts_with('/') && !t.starts_with("//") && !t.contains('\\')`:
    /// a path on this site (not `//host` nor `/\host`, which browsers take
    /// for another site).
    fn local_path_check(&self, parts: &[&Expr]) -> Option<GuardFact> {
        let mut var = None;
        let (mut slash, mut not_double, mut not_backslash) = (false, false, false);
        for p in parts {
            let (negated, e) = match strip_parens_refs_derefs(p) {
                Expr::Unary(u) if matches!(u.op, syn::UnOp::Not(_)) => (true, strip_parens_refs_derefs(&u.expr)),
                other => (false, other),
            };
            let Expr::MethodCall(m) = e else { continue };
            let (Some(v), Some(lit)) = (var_of(&m.receiver), m.args.first().and_then(lit_text)) else { continue };
            if var.as_ref().is_some_and(|x| *x != v) {
                continue;
            }
            match (m.method.to_string().as_str(), negated, lit.as_str()) {
                ("starts_with", false, "/") => slash = true,
                ("starts_with", true, "//") => not_double = true,
                ("contains" | "starts_with", true, "\\" | "/\\") => not_backslash = true,
                _ => continue,
            }
            var = Some(v);
        }
        if slash && not_double && not_backslash { Some((var?, mask::guarded_by(Guard::LocalPath), true)) } else { None }
    }

    /// Calls of the workspace's predicates in a condition: `(variable, call,
    /// argument, when)` — when the condition is `when`, the call returned
    /// true for that argument (the join knows what the predicate checks).
    pub(super) fn call_checks(&self, cond: &Expr) -> Vec<(String, u32, u16, bool)> {
        match strip_parens_refs_derefs(cond) {
            Expr::Unary(u) if matches!(u.op, syn::UnOp::Not(_)) => {
                self.call_checks(&u.expr).into_iter().map(|(v, c, a, when)| (v, c, a, !when)).collect()
            }
            Expr::Binary(b) if matches!(b.op, syn::BinOp::And(_) | syn::BinOp::Or(_)) => {
                let and = matches!(b.op, syn::BinOp::And(_));
                let mut parts = Vec::new();
                flatten(cond, and, &mut parts);
                parts.iter().flat_map(|p| self.call_checks(p)).filter(|c| c.3 == and).collect()
            }
            Expr::Call(c) => {
                let Expr::Path(p) = &*c.func else { return Vec::new() };
                let Some(last) = p.path.segments.last() else { return Vec::new() };
                let Some(call) = self.call_at(last.ident.span()) else { return Vec::new() };
                // A read helper's `&mut` buffer holds what it read, not a
                // value it checked (`fills::fill_through_helper`).
                let out = super::fills::is_read_helper(&last.ident.to_string());
                c.args
                    .iter()
                    .enumerate()
                    .filter(|(_, a)| !(out && matches!(a, Expr::Reference(r) if r.mutability.is_some())))
                    .filter_map(|(i, a)| Some((var_of(a)?, call, i as u16, true)))
                    .collect()
            }
            Expr::MethodCall(m) if matches!(strip_parens_refs_derefs(&m.receiver), Expr::Path(p) if p.path.is_ident("self")) =>
            {
                let Some(call) = self.call_at(m.method.span()) else { return Vec::new() };
                m.args.iter().enumerate().filter_map(|(i, a)| Some((var_of(a)?, call, i as u16 + 1, true))).collect()
            }
            _ => Vec::new(),
        }
    }

    /// The call recorded at this place, if any.
    fn call_at(&self, span: proc_macro2::Span) -> Option<u32> {
        let at = self.file.byte_range(span)?;
        self.call_spans.iter().rposition(|s| self.file.byte_range(*s) == Some(at)).map(|i| i as u32)
    }

    /// Apply a condition known to be `when`: its guards and its
    /// predicates' checks.
    pub(super) fn assume(&mut self, guards: &[GuardFact], checks: &[(String, u32, u16, bool)], when: bool) {
        for (var, bits, _) in guards.iter().filter(|g| g.2 == when) {
            self.sanitize_var(var, *bits);
        }
        for (var, call, arg, _) in checks.iter().filter(|c| c.3 == when) {
            // A local whose fields are tracked one by one keeps them: the
            // check's label would stand for the whole argument, every
            // field's taint at once.
            if self.hints.get(var).is_some_and(|h| h.fields.is_some()) {
                continue;
            }
            let Some(t) = self.env.get(var).filter(|t| !t.is_empty()) else { continue };
            let first = t[0];
            let label = match self
                .labels
                .iter()
                .position(|l| matches!(l, Label::Checked { call: c, arg: a } if c == call && a == arg))
            {
                Some(i) => i as u32,
                None => {
                    self.labels.push(Label::Checked { call: *call, arg: *arg });
                    let start = self.label_paths.get(first.label as usize).copied().unwrap_or(super::NO_PATH);
                    self.label_paths.push(start);
                    (self.labels.len() - 1) as u32
                }
            };
            let fact = super::Fact {
                label,
                sanitized: Mask::EMPTY,
                weak: super::NO_PATH,
                joined: false,
                in_base: false,
                err: false,
                in_ok: false,
                decoded: false,
                wire: false,
                valid_text: false,
                ..first
            };
            self.env.insert(var, vec![fact]);
        }
    }

    /// A validator's checks: what a caller may assume of the arguments
    /// when the call returned `true` (a predicate) or `Ok` (below).
    pub(super) fn checks_of(&self, f: &crate::syntax::FnLike<'_>, flows: &[crate::taint::FlowOut]) -> Vec<(u16, Mask)> {
        let syn::ReturnType::Type(_, ty) = &f.sig.output else { return Vec::new() };
        if !matches!(&**ty, syn::Type::Path(p) if p.path.is_ident("bool")) {
            return self.result_checks(ty, flows);
        }
        self.predicate_checks(f)
    }

    /// A function returning a `Result` that refuses some input (`return
    /// Err(..)`, `bail!`, `ensure!`) and whose success value, built from a
    /// parameter, is safe for some rules on every path
    /// (`safe_path_join(base, name)`: joined, normalised, checked to stay
    /// under `base`): when it returns `Ok`, that parameter passed the same
    /// check — `safe_path_join(base, name)?` covers `name` below it.
    fn result_checks(&self, ty: &syn::Type, flows: &[crate::taint::FlowOut]) -> Vec<(u16, Mask)> {
        let is_result = matches!(ty, syn::Type::Path(p) if p.path.segments.last().is_some_and(|s| s.ident.to_string().ends_with("Result")));
        let body = self.body_text();
        if !is_result || !(body.contains("return Err") || body.contains("bail!") || body.contains("ensure!")) {
            return Vec::new();
        }
        let mut out = Vec::new();
        for (i, _) in self.param_names.iter().enumerate() {
            // `fn validate(url: &Url) -> Result<(), E>`: what the parameter
            // is safe for wherever the function returns `Ok(())`.
            let unit = self.ok_unit.as_ref().filter(|_| !self.ok_unit_unknown).and_then(|m| m.get(i).copied());
            if let Some(b) = unit.filter(|b| *b != Mask::EMPTY) {
                out.push((i as u16, b));
                continue;
            }
            let mut bits: Option<Mask> = None;
            for fl in flows.iter().filter(|fl| fl.target == crate::taint::Target::Ret && !fl.err) {
                if matches!(self.labels.get(fl.label as usize), Some(Label::Param(p)) if usize::from(*p) == i) {
                    bits = Some(bits.map_or(fl.sanitized, |b| b.intersection(fl.sanitized)));
                }
            }
            if let Some(b) = bits.filter(|b| *b != Mask::EMPTY) {
                out.push((i as u16, b));
            }
        }
        out
    }

    /// A returned value, for `ok_unit`: at `Ok(())`, what each parameter
    /// is safe for (intersected with the other `Ok(())` returns); an error
    /// adds nothing; anything else makes it unknown.
    pub(super) fn note_ok_unit(&mut self, e: &Expr) {
        let Expr::Call(c) = strip_parens_refs_derefs(e) else {
            self.ok_unit_unknown = true;
            return;
        };
        let name = match &*c.func {
            Expr::Path(p) => p.path.get_ident().map(ToString::to_string).unwrap_or_default(),
            _ => String::new(),
        };
        let unit = matches!(c.args.first().map(strip_parens_refs_derefs), Some(Expr::Tuple(t)) if t.elems.is_empty());
        match (name.as_str(), c.args.len()) {
            ("Err", _) => {}
            ("Ok", 1) if unit => {
                let masks: Vec<Mask> = (0..self.param_names.len())
                    .map(|i| {
                        let facts = self.env.get(&self.param_names[i]).map(Vec::as_slice).unwrap_or_default();
                        let own = |f: &super::Fact| matches!(self.labels.get(f.label as usize), Some(Label::Param(p)) if usize::from(*p) == i);
                        if facts.is_empty() || !facts.iter().all(own) {
                            return Mask::EMPTY;
                        }
                        facts.iter().fold(Mask::ALL, |m, f| m.intersection(f.sanitized))
                    })
                    .collect();
                self.ok_unit = Some(match self.ok_unit.take() {
                    Some(prev) => prev.iter().zip(&masks).map(|(a, b)| a.intersection(*b)).collect(),
                    None => masks,
                });
            }
            _ => self.ok_unit_unknown = true,
        }
    }

    /// A predicate's checks (`fn is_x(p: &str) -> bool { cond }`): the
    /// guards its final condition puts on its parameters when true. Only
    /// for a body that is that one condition (no early `return`).
    fn predicate_checks(&self, f: &crate::syntax::FnLike<'_>) -> Vec<(u16, Mask)> {
        let Some(syn::Stmt::Expr(last, None)) = f.block.stmts.last() else { return Vec::new() };
        let body = self.body_text();
        if body.contains("return") {
            return Vec::new();
        }
        self.guards_of(last)
            .into_iter()
            .filter(|g| g.2)
            .filter_map(|(v, bits, _)| Some((self.param_names.iter().position(|p| *p == v)? as u16, bits)))
            .collect()
    }

    /// `url.host_str() == Some("api.example.com")` and friends.
    pub(super) fn host_guard(&self, a: &Expr, b: &Expr) -> Option<String> {
        for (x, other) in [(a, b), (b, a)] {
            if let Expr::MethodCall(m) = strip_parens_refs_derefs(x)
                && is_host_accessor(&m.method.to_string())
                && is_literalish(other)
            {
                return var_of(&m.receiver);
            }
        }
        None
    }
}

/// An expression no larger than a constant: a constant, `MAX - used`,
/// `MAX / n`, `MAX >> n`, `x % MAX`, `min(MAX, x)`, sums and products of such.
/// `n < buf.len()` (`small_when_true`: the offset is below the length
/// when the comparison holds) or `buf.len() < n`: the offset checked
/// against the length of what it indexes.
fn length_check(left: &Expr, right: &Expr, small_when_true: bool) -> Option<GuardFact> {
    let bits = mask::guarded_by(Guard::LengthCheck);
    if is_length(right)
        && let Some(v) = var_of(left)
    {
        return Some((v, bits, small_when_true));
    }
    if is_length(left)
        && let Some(v) = var_of(right)
    {
        return Some((v, bits, !small_when_true));
    }
    None
}

/// `u64::from(n) > box_size`, `n * entry_size > limit`, `limit < n as
/// u64`: a size compared with another value, a limit the format or the
/// caller sets (`Guard::Compared`, for the allocation rule).
fn compared(left: &Expr, right: &Expr, small_when_true: bool) -> Option<GuardFact> {
    let bits = mask::guarded_by(Guard::Compared);
    // A limit that grows with the size itself (`n > MAX + k * n`) is none.
    let apart = |v: &str, other: &Expr| !super::size_bound::mentions(other, v.split('.').next().unwrap_or(v));
    if let Some(v) = size_var(left) {
        return apart(&v, right).then_some((v, bits, small_when_true));
    }
    size_var(right).filter(|v| apart(v, left)).map(|v| (v, bits, !small_when_true))
}

/// `offset as u64 + size as u64 > file_len`, `a + b <= limit`: a sum of
/// unsigned sizes compared with a limit bounds each of its terms, so each
/// term that is a size is `Guard::Compared` (the left side of the sum
/// already is, by [`compared`]).
fn sum_compared(cond: &Expr) -> Vec<GuardFact> {
    use syn::BinOp::*;
    let Expr::Binary(b) = strip_parens_refs_derefs(cond) else { return Vec::new() };
    let (sum, other, small_when_true) = match b.op {
        Gt(_) | Ge(_) => (&b.left, &b.right, false),
        Lt(_) | Le(_) => (&b.left, &b.right, true),
        _ => return Vec::new(),
    };
    let mut out = Vec::new();
    for (sum, other, small) in [(sum, other, small_when_true), (other, sum, !small_when_true)] {
        let mut terms = Vec::new();
        sum_terms(sum, &mut terms);
        if terms.len() < 2 {
            continue;
        }
        for t in terms {
            if size_var(t).is_some()
                && let Some((v, bits, when)) = compared(t, other, small)
            {
                out.push((v, bits, when));
            }
        }
    }
    out
}

/// The terms of a chain of `+`.
fn sum_terms<'e>(e: &'e Expr, out: &mut Vec<&'e Expr>) {
    match strip_parens_refs_derefs(e) {
        Expr::Binary(b) if matches!(b.op, syn::BinOp::Add(_)) => {
            sum_terms(&b.left, out);
            sum_terms(&b.right, out);
        }
        other => out.push(other),
    }
}

/// The variable a size expression scales: `n`, `u64::from(n)`, `n as
/// u64`, `n * k`.
fn size_var(e: &Expr) -> Option<String> {
    match strip_parens_refs_derefs(e) {
        Expr::Cast(c) => size_var(&c.expr),
        Expr::Call(c) if c.args.len() == 1 => match &*c.func {
            Expr::Path(p) if p.path.segments.last().is_some_and(|s| s.ident == "from") => size_var(&c.args[0]),
            _ => None,
        },
        Expr::Binary(b) if matches!(b.op, syn::BinOp::Mul(_)) => size_var(&b.left).or_else(|| size_var(&b.right)),
        Expr::Binary(b) if matches!(b.op, syn::BinOp::Sub(_)) => diff_key(&b.left, &b.right),
        Expr::Lit(_) => None,
        e => var_of(e),
    }
}

/// What joins the two sides of a difference in its key.
const DIFF: &str = " - ";

/// The key of a difference of two variables (`range.end - range.start`),
/// tracked as one value once compared with a limit (see `sanitize_var`).
pub(super) fn diff_key(a: &Expr, b: &Expr) -> Option<String> {
    Some(format!("{}{DIFF}{}", var_of(a)?, var_of(b)?))
}

/// `buf.len()`, `buf.remaining()`, `s.len() - 1`, `HEADER_LEN + buf.len()`.
fn is_length(e: &Expr) -> bool {
    match strip_parens_refs_derefs(e) {
        Expr::MethodCall(m) => matches!(m.method.to_string().as_str(), "len" | "remaining" | "capacity"),
        Expr::Binary(b) => is_length(&b.left) || is_length(&b.right),
        Expr::Cast(c) => is_length(&c.expr),
        _ => false,
    }
}

fn is_bound(e: &Expr) -> bool {
    use syn::BinOp::*;
    match strip_parens_refs_derefs(e) {
        Expr::Binary(b) => match b.op {
            Sub(_) | Div(_) | Shr(_) => is_bound(&b.left),
            Rem(_) => is_bound(&b.right),
            Add(_) | Mul(_) => is_bound(&b.left) && is_bound(&b.right),
            _ => false,
        },
        Expr::MethodCall(m) if m.method == "min" => is_bound(&m.receiver) || m.args.iter().any(is_bound),
        Expr::Cast(c) => is_bound(&c.expr),
        other => is_literalish(other),
    }
}

/// `url.host_str()` (through `?`, `unwrap`, `expect`, `unwrap_or*`): `url`.
pub(super) fn host_source(e: &Expr) -> Option<String> {
    match strip_parens_refs_derefs(e) {
        Expr::Try(t) => host_source(&t.expr),
        Expr::MethodCall(m) => host_source_of_call(m),
        _ => None,
    }
}

/// [`host_source`] of a method call (no copy of the call needed).
pub(super) fn host_source_of_call(m: &syn::ExprMethodCall) -> Option<String> {
    let name = m.method.to_string();
    if is_host_accessor(&name) {
        return var_of(&m.receiver);
    }
    match name.as_str() {
        "unwrap" | "expect" | "unwrap_or" | "unwrap_or_default" | "to_string" | "to_owned" | "ok_or" | "ok_or_else"
        | "context" | "with_context" => host_source(&m.receiver),
        _ => None,
    }
}

/// `u.host_str()` matched against literal hosts: the URL `u` is allowed.
pub(super) fn host_scrutinee(scrutinee: &Expr) -> Option<(String, Mask)> {
    let Expr::MethodCall(h) = strip_parens_refs_derefs(scrutinee) else { return None };
    if !is_host_accessor(&h.method.to_string()) {
        return None;
    }
    var_of(&h.receiver).map(|v| (v, mask::guarded_by(Guard::HostAllowList)))
}

fn is_host_accessor(name: &str) -> bool {
    matches!(name, "host_str" | "host" | "domain" | "authority")
}

fn is_false(e: &Expr) -> bool {
    matches!(strip_parens_refs_derefs(e), Expr::Lit(l) if matches!(&l.lit, syn::Lit::Bool(b) if !b.value))
}

/// The operands of a chain of `&&` (or `||`).
fn flatten<'e>(e: &'e Expr, and: bool, out: &mut Vec<&'e Expr>) {
    match strip_parens_refs_derefs(e) {
        Expr::Binary(b)
            if matches!(b.op, syn::BinOp::And(_)) == and && matches!(b.op, syn::BinOp::And(_) | syn::BinOp::Or(_)) =>
        {
            flatten(&b.left, and, out);
            flatten(&b.right, and, out);
        }
        other => out.push(other),
    }
}
