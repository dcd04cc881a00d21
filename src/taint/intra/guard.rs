//! Conditions that make a value safe below them: comparisons with
//! literals, allow-lists, validators, containment checks, host checks,
//! size limits (the rule-specific ones are declared by the rules: `Guard`).

use syn::Expr;

use super::{FnAnalysis, is_literalish, lit_text, sanitize, strip_parens_refs_derefs, var_of};
use crate::rules::taint::Guard;
use crate::taint::{Mask, mask};

impl<'a> FnAnalysis<'a> {
    pub(super) fn sanitize_var(&mut self, var: &str, bits: Mask) {
        let current = match self.env.get(var) {
            Some(t) => Some(t.clone()),
            // `q.next`: start from the object's taint.
            None => var.split_once('.').and_then(|(base, _)| self.env.get(base).cloned()),
        };
        if let Some(t) = current {
            let s = sanitize(&t, bits);
            self.env.insert(var.to_string(), s);
        }
    }

    /// A condition that, when true (`.2 == true`) or false, makes a variable
    /// safe: comparisons with literals, allow-list lookups, validators,
    /// containment checks, host checks, size limits.
    pub(super) fn guard_of(&self, cond: &Expr) -> Option<(String, Mask, bool)> {
        match strip_parens_refs_derefs(cond) {
            Expr::Unary(u) if matches!(u.op, syn::UnOp::Not(_)) => {
                self.guard_of(&u.expr).map(|(v, b, when)| (v, b, !when))
            }
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
                        let v = var_of(&b.left)?;
                        is_literalish(&b.right).then(|| (v, mask::guarded_by(Guard::UpperBound), false))
                    }
                    Lt(_) | Le(_) => {
                        let v = var_of(&b.left)?;
                        is_literalish(&b.right).then(|| (v, mask::guarded_by(Guard::UpperBound), true))
                    }
                    And(_) => {
                        self.guard_of(&b.left).filter(|g| g.2).or_else(|| self.guard_of(&b.right).filter(|g| g.2))
                    }
                    Or(_) => {
                        let l = self.guard_of(&b.left)?;
                        let r = self.guard_of(&b.right)?;
                        if l.0 != r.0 {
                            return None;
                        }
                        match (l.2, r.2) {
                            // `x == "a" || x == "b"`: either accepted value.
                            (true, true) => Some((l.0, l.1.intersection(r.1), true)),
                            // `x.contains("..") || x.contains('/')`: false means both checks passed.
                            (false, false) => Some((l.0, l.1.union(r.1), false)),
                            _ => None,
                        }
                    }
                    _ => None,
                }
            }
            Expr::MethodCall(m) => {
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
                        // canonical.starts_with(&base)
                        let v = var_of(&m.receiver)?;
                        let arg = m.args.first()?;
                        (!is_literalish(arg)
                            || self
                                .hints
                                .get(&v)
                                .and_then(|h| h.ty.as_ref())
                                .is_some_and(|t| t.last().is_some_and(|l| l.contains("Path"))))
                        .then(|| (v, mask::guarded_by(Guard::PathContainment), true))
                    }
                    "is_match" => {
                        // ALLOWED_RE.is_match(&x)
                        let v = var_of(m.args.first()?)?;
                        Some((v, Mask::ALL, true))
                    }
                    "chars" | "bytes" => None,
                    "all" => {
                        // x.chars().all(|c| c.is_ascii_alphanumeric())
                        let recv = strip_parens_refs_derefs(&m.receiver);
                        let Expr::MethodCall(inner) = recv else { return None };
                        let v = var_of(&inner.receiver)?;
                        matches!(inner.method.to_string().as_str(), "chars" | "bytes").then(|| (v, Mask::ALL, true))
                    }
                    _ => None,
                }
            }
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
            // `if let Some(x) = ALLOWED.get(..)`: no sanitisation of the scrutinee.
            _ => None,
        }
    }

    /// `url.host_str() == Some("api.example.com")` and friends.
    pub(super) fn host_guard(&self, a: &Expr, b: &Expr) -> Option<String> {
        for (x, other) in [(a, b), (b, a)] {
            if let Expr::MethodCall(m) = strip_parens_refs_derefs(x)
                && matches!(m.method.to_string().as_str(), "host_str" | "host" | "domain" | "authority")
                && is_literalish(other)
            {
                return var_of(&m.receiver);
            }
        }
        None
    }
}
