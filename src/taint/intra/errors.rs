//! Error-only values: what a function puts only inside an error does not
//! taint its success value.
//!
//! A fact wrapped in `Err(..)`, `anyhow!`/`eyre!`/`format_err!` or handed
//! to `bail!` is *error-only* (`Fact::err`). The success side of a result
//! — `?`, `unwrap`, `expect`, `ok()`, `unwrap_or*`, an `Ok(v)`/`Some(v)`
//! pattern — drops error-only facts (`?` returns them to the caller, still
//! error-only), and the result of a call seen through its success side is
//! the label `CallOk`, so the join leaves out what the callee returns only
//! inside errors. `Err(e)`, `.err()`, `unwrap_err` keep the error side.
//! Error-only facts still reach the sinks of rules whose spec says errors
//! reach them (`TaintSpec::error_values`: log lines, response bodies), and
//! no other.
//!
//! A library call's result that carries its arguments' taint (no model
//! says more) carries it in its success value (`Fact::in_ok`): the error
//! of a fallible call given request data — an `io::Error`, a database or
//! HTTP client error, a parse error — does not quote it, so `Err(e)`
//! (and the parameter of a `map_err`/`or_else`/`unwrap_or_else` closure)
//! leaves such facts out. An error built from the input (`Err(x)`,
//! `anyhow!("{x}")`, a workspace function's error) still carries it.

use super::{FnAnalysis, Label, Taint, union};
use crate::taint::errors_reach;

/// What part of a `Result`/`Option` a method or pattern keeps.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum Side {
    /// The success value (`?`, `unwrap`, `Ok(v)`, `Some(v)`).
    Ok,
    /// The error (`Err(e)`, `.err()`, `unwrap_err`).
    Err,
}

/// The side a method keeps of its receiver, if it is one of the `Result`/
/// `Option` accessors.
pub(super) fn method_side(name: &str) -> Option<Side> {
    match name {
        "unwrap" | "expect" | "unwrap_or" | "unwrap_or_default" | "unwrap_or_else" | "unwrap_unchecked" | "ok" => {
            Some(Side::Ok)
        }
        "err" | "unwrap_err" | "expect_err" => Some(Side::Err),
        _ => None,
    }
}

/// The side a pattern binds: `Ok(v)`/`Some(v)` or `Err(e)`.
pub(super) fn pattern_side(pat: &syn::Pat) -> Option<Side> {
    let syn::Pat::TupleStruct(ts) = pat else { return None };
    match ts.path.segments.last()?.ident.to_string().as_str() {
        "Ok" | "Some" => Some(Side::Ok),
        "Err" => Some(Side::Err),
        _ => None,
    }
}

/// Every fact marked error-only.
pub(super) fn mark_err(t: &[super::Fact]) -> Taint {
    let mut out = Vec::with_capacity(t.len());
    for f in t {
        union(&mut out, &[super::Fact { err: true, ..*f }]);
    }
    out
}

/// What a library call gives back of its arguments: in its success value
/// only (see the module).
pub(super) fn in_ok(t: Taint) -> Taint {
    let mut out = Vec::with_capacity(t.len());
    for f in &t {
        union(&mut out, &[super::Fact { in_ok: !f.err, ..*f }]);
    }
    out
}

/// Closures that get the error of the `Result` they are called on.
pub(super) fn error_closure(method: &str) -> bool {
    matches!(method, "map_err" | "or_else" | "unwrap_or_else" | "inspect_err")
}

/// Does an error-only fact reach this rule's sinks?
pub(super) fn reaches(fact: &super::Fact, rule: &str) -> bool {
    !fact.err || errors_reach(rule)
}

impl<'a> FnAnalysis<'a> {
    /// One side of a value: the success side drops error-only facts and
    /// sees a call's result as its `CallOk` label; the error side keeps
    /// error-only facts (no longer error-only: they are the value now) and
    /// whatever else may be inside the error.
    pub(super) fn side(&mut self, t: &[super::Fact], side: Side) -> Taint {
        let mut out = Vec::with_capacity(t.len());
        for f in t {
            match side {
                Side::Ok if f.err => {}
                Side::Ok => {
                    let label = match self.labels.get(f.label as usize) {
                        Some(Label::CallRet(c)) => self.call_ok_label(*c, f.label),
                        _ => f.label,
                    };
                    union(&mut out, &[super::Fact { label, ..*f }]);
                }
                Side::Err if f.in_ok && !f.err => {}
                Side::Err => union(&mut out, &[super::Fact { err: false, in_ok: false, ..*f }]),
            }
        }
        out
    }

    /// `e?`: the error side goes back to the caller, the success side is
    /// the value.
    pub(super) fn try_value(&mut self, t: &[super::Fact]) -> Taint {
        // A call's result may hold an error too: it goes back as one.
        let errs: Taint = t
            .iter()
            .filter(|f| f.err || matches!(self.labels.get(f.label as usize), Some(Label::CallRet(_))))
            .map(|f| super::Fact { err: true, ..*f })
            .collect();
        union(&mut self.returns, &errs);
        self.side(t, Side::Ok)
    }

    /// The `CallOk` label of call `call` (made once, starting where the
    /// call's result starts).
    fn call_ok_label(&mut self, call: u32, ret_label: u32) -> u32 {
        if let Some(i) = self.labels.iter().position(|l| matches!(l, Label::CallOk(c) if *c == call)) {
            return i as u32;
        }
        self.labels.push(Label::CallOk(call));
        let start = self.label_paths.get(ret_label as usize).copied().unwrap_or(super::NO_PATH);
        self.label_paths.push(start);
        (self.labels.len() - 1) as u32
    }

    /// Macros that end the path: `bail!` (and a macro of the file that
    /// only returns, see `taint::macros`) returns its message as an error,
    /// `panic!` and friends return nothing. `ensure!(cond, msg)` returns
    /// the message when the condition fails and makes the condition hold
    /// below it, like `assert!`.
    pub(super) fn diverging_macro(&mut self, name: &str, mac: &syn::Macro, args: &[Taint], captures: &Taint) -> bool {
        const KNOWN: [&str; 7] = ["bail", "panic", "unreachable", "todo", "unimplemented", "ensure", "assert"];
        // A macro of this file that only returns (`fail!(e)`) ends the path
        // like `bail!`, and so does one another file of the crate defines
        // so, once the scan told this file's analysis of it.
        let name = if KNOWN.contains(&name) {
            name
        } else if (self.file.text_contains("macro_rules!")
            && self.file.returning_macros(crate::taint::macros::returning_macros).contains(name))
            || (crate::taint::macros::may_be_the_crates(name) && self.file.crate_macro(name))
        {
            "bail"
        } else {
            name
        };
        match name {
            "bail" => {
                let mut t = captures.clone();
                for a in args {
                    union(&mut t, a);
                }
                let t = mark_err(&t);
                union(&mut self.returns, &t);
                self.diverged = true;
                true
            }
            "panic" | "unreachable" | "todo" | "unimplemented" => {
                self.diverged = true;
                true
            }
            "ensure" | "assert" => {
                let parsed = crate::syntax::macros::parse_args_cached(mac);
                if let Some(cond) = parsed.first() {
                    let (guards, checks) = (self.guards_of(&cond.expr), self.call_checks(&cond.expr));
                    self.assume(&guards, &checks, true);
                }
                if name == "ensure" {
                    let mut t = captures.clone();
                    for a in args.iter().skip(1) {
                        union(&mut t, a);
                    }
                    let t = mark_err(&t);
                    union(&mut self.returns, &t);
                }
                false
            }
            _ => false,
        }
    }
}
