//! Resolved-address checks (`Guard::ResolvedAddressCheck`): a URL whose
//! host was resolved (`lookup_host`, `to_socket_addrs`, a DNS resolver's
//! `lookup_ip`) and every resolved address checked before the request,
//! the request refused on a failed check:
//!
//! ```text
//! let host = url.host_str().ok_or(..)?;
//! let addrs = tokio::net::lookup_host((host, port)).await?;
//! for a in addrs { if is_internal(a.ip()) { return Err(..) } }
//! client.get(url.as_str()).send()        // the URL passed the check
//! ```
//!
//! (or `if addrs.any(|a| a.ip().is_loopback()) { return .. }`). What the
//! check tests is the program's choice; that it refuses some resolved
//! addresses before connecting is what makes the URL safe for the rules
//! that list the guard.

use syn::visit::Visit;
use syn::{Expr, Stmt};

use super::{FnAnalysis, pat_names, strip_parens_refs_derefs, var_of};
use crate::rules::taint::Guard;
use crate::taint::mask;

/// Calls that resolve a host name to addresses.
const RESOLVERS: &[&str] =
    &["lookup_host", "to_socket_addrs", "lookup_ip", "ipv4_lookup", "ipv6_lookup", "getaddrinfo", "resolve_host"];

impl FnAnalysis<'_> {
    /// The URL local whose host's addresses `init` holds: a resolver call
    /// on its host (a local from `url.host_str()`, or the accessor
    /// itself), or something made of such addresses (`addrs.map(..)`).
    pub(super) fn resolved_addrs_of(&self, init: &Expr) -> Option<String> {
        let mut seen = Seen::default();
        seen.visit_expr(init);
        if let Some(u) = seen.idents.iter().find_map(|v| self.hints.get(v).and_then(|h| h.addrs_of.clone())) {
            return Some(u);
        }
        if !seen.resolver {
            return None;
        }
        seen.idents.iter().find_map(|v| self.hints.get(v).and_then(|h| h.host_of.clone())).or(seen.host_of)
    }

    /// After `for a in addrs { if check(a) { return .. } }` over the
    /// resolved addresses of URL `u`: `u` passed an address check.
    pub(super) fn loop_address_check(&mut self, x: &syn::ExprForLoop) {
        let url = match var_of(&x.expr).and_then(|v| self.hints.get(&root(&v)).and_then(|h| h.addrs_of.clone())) {
            Some(u) => u,
            None => match self.resolved_addrs_of(&x.expr) {
                Some(u) => u,
                None => return,
            },
        };
        let names = pat_names(&x.pat);
        let refuses = x.body.stmts.iter().any(|s| match s {
            Stmt::Expr(Expr::If(i), _) => {
                let mut seen = Seen::default();
                seen.visit_expr(&i.cond);
                seen.idents.iter().any(|v| names.contains(v))
                    && (block_refuses(&i.then_branch)
                        || i.else_branch.as_ref().is_some_and(|(_, e)| match &**e {
                            Expr::Block(b) => block_refuses(&b.block),
                            _ => false,
                        }))
            }
            _ => false,
        });
        if refuses {
            self.sanitize_var(&url, mask::guarded_by(Guard::ResolvedAddressCheck));
        }
    }

    /// `addrs.iter().any(|a| ..)` (true: some address failed) or `.all(..)`
    /// (true: every address passed) over the resolved addresses of a URL.
    pub(super) fn addrs_guard(&self, cond: &Expr) -> Option<super::guard::GuardFact> {
        let Expr::MethodCall(m) = strip_parens_refs_derefs(cond) else { return None };
        let name = m.method.to_string();
        if !matches!(name.as_str(), "any" | "all") {
            return None;
        }
        let v = var_of(&m.receiver).or_else(|| receiver_root(&m.receiver))?;
        let url = self.hints.get(&root(&v))?.addrs_of.clone()?;
        Some((url, mask::guarded_by(Guard::ResolvedAddressCheck), name == "all"))
    }
}

/// The local a chain of adapters starts from (`addrs.iter().copied()`).
fn receiver_root(e: &Expr) -> Option<String> {
    match strip_parens_refs_derefs(e) {
        Expr::MethodCall(m) => receiver_root(&m.receiver),
        Expr::Path(p) => p.path.get_ident().map(ToString::to_string),
        _ => None,
    }
}

fn root(v: &str) -> String {
    v.split('.').next().unwrap_or(v).to_string()
}

/// A block that refuses: it returns, breaks out, or fails (`bail!`,
/// `panic!`) on every path to its end.
fn block_refuses(b: &syn::Block) -> bool {
    match b.stmts.last() {
        Some(Stmt::Expr(e, _)) => matches!(strip_parens_refs_derefs(e), Expr::Return(_) | Expr::Break(_)),
        Some(Stmt::Macro(m)) => m
            .mac
            .path
            .segments
            .last()
            .is_some_and(|s| matches!(s.ident.to_string().as_str(), "bail" | "panic" | "unreachable")),
        _ => false,
    }
}

/// The single-name locals an expression reads, whether it calls a
/// resolver, and a URL whose host accessor it calls (`url.host_str()`).
#[derive(Default)]
struct Seen {
    idents: Vec<String>,
    resolver: bool,
    host_of: Option<String>,
}

impl<'ast> Visit<'ast> for Seen {
    fn visit_expr_path(&mut self, p: &'ast syn::ExprPath) {
        if let Some(i) = p.path.get_ident() {
            self.idents.push(i.to_string());
        }
    }

    fn visit_expr_call(&mut self, c: &'ast syn::ExprCall) {
        if let Expr::Path(p) = &*c.func
            && p.path.segments.last().is_some_and(|s| RESOLVERS.contains(&s.ident.to_string().as_str()))
        {
            self.resolver = true;
        }
        syn::visit::visit_expr_call(self, c);
    }

    fn visit_expr_method_call(&mut self, m: &'ast syn::ExprMethodCall) {
        let name = m.method.to_string();
        if RESOLVERS.contains(&name.as_str()) {
            self.resolver = true;
        }
        if self.host_of.is_none() {
            self.host_of = super::guard::host_source_of_call(m);
        }
        syn::visit::visit_expr_method_call(self, m);
    }
}
