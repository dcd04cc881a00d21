//! Text that cannot hold a line break: safe for the rules only a line
//! break makes text dangerous for (`TaintSpec::single_line`: log lines).
//!
//! A call's result whose type the models list under `no-line-break`
//! (`http::Uri`, `http::HeaderValue`, `http::HeaderMap`, addresses,
//! numbers — the `http` crate refuses CR and LF in a URI or a header
//! value), a parameter declared with such a type, and what a
//! `no-line-break` call gives (`lines()`: each line) are safe for those
//! rules; the mark travels with the value through propagators, locals and
//! calls. A `decoder` (percent or base64 decoding, a form parser) gives
//! text that can hold any character again: its result loses the mark,
//! and so does a `join` whose separator is a line break; the fact says
//! so (`decoded`), and the join takes the mark off what callers pass in
//! too.

use proc_macro2::Span;
use rustc_hash::FxHashSet as HashSet;
use syn::{Expr, ExprCall, ExprMethodCall};

use super::{Fact, FnAnalysis, Taint, sanitize, str_lit};
use crate::semantic::{SymPath, Ty};
use crate::taint::{Mask, mask};

impl FnAnalysis<'_> {
    /// The single-line rules among the enabled ones.
    fn single_line_bits(&self) -> Mask {
        mask::single_line().intersection(self.enabled)
    }

    /// A method call's result as its callee and type say (see the module).
    pub(super) fn lines_of_method(&mut self, m: &ExprMethodCall, t: Taint) -> Taint {
        let bits = self.single_line_bits();
        if t.is_empty() || bits.is_empty() {
            return t;
        }
        let name = m.method.to_string();
        let models = self.models;
        let rejoined = matches!(name.as_str(), "join" | "concat")
            && m.args.first().and_then(str_lit).is_some_and(|s| s.contains(['\n', '\r']));
        if rejoined || models.decoder_methods.contains(&name) || self.names_decoded_type(m.turbofish.as_ref()) {
            return unmark(&t, bits);
        }
        // A part of a value that holds no line break holds none either
        // (accessors: `uri.path()`, `value.to_str()`), and so does a value
        // of such a type.
        // `opt.unwrap_or(false)`, `n.unwrap_or(0)`: the value is of the
        // literal's type.
        let literal_default = name == "unwrap_or"
            && m.args.first().is_some_and(|a| {
                matches!(a, Expr::Lit(l) if matches!(l.lit, syn::Lit::Bool(_) | syn::Lit::Int(_) | syn::Lit::Float(_)))
            });
        if literal_default
            || models.line_safe_methods.contains(&name)
            || (m.args.is_empty() && self.receiver_line_safe(m.method.span()))
            || self.returns_line_safe(m.method.span())
        {
            return sanitize(&t, bits);
        }
        t
    }

    /// A path call's result as its callee and type say (see the module).
    pub(super) fn lines_of_call(&mut self, c: &ExprCall, t: Taint) -> Taint {
        let bits = self.single_line_bits();
        if t.is_empty() || bits.is_empty() {
            return t;
        }
        let Expr::Path(p) = &*c.func else { return t };
        let Some(last) = p.path.segments.last() else { return t };
        let span = last.ident.span();
        let written = self.file.imports.resolve(&p.path).to_path_string();
        let canonical = self.sem.as_mut().and_then(|s| s.call_at(span)).and_then(|c| match &c.target {
            crate::semantic::Target::Extern(x) => Some(x.to_string()),
            _ => None,
        });
        let models = self.models;
        let named =
            |set: &HashSet<String>| set.contains(&written) || canonical.as_ref().is_some_and(|x| set.contains(x));
        if named(&models.decoder_fns) {
            return unmark(&t, bits);
        }
        if named(&models.line_safe_fns) || self.returns_line_safe(span) {
            return sanitize(&t, bits);
        }
        t
    }

    /// Type arguments (`::<Authorization<Basic>>`) that name a type the
    /// models' decoders list, at any depth.
    fn names_decoded_type(&self, args: Option<&syn::AngleBracketedGenericArguments>) -> bool {
        let Some(args) = args else { return false };
        if self.models.decoder_types.is_empty() {
            return false;
        }
        let mut todo: Vec<&syn::Type> = args
            .args
            .iter()
            .filter_map(|a| if let syn::GenericArgument::Type(t) = a { Some(t) } else { None })
            .collect();
        let mut seen = 0;
        while let Some(t) = todo.pop() {
            seen += 1;
            if seen > 16 {
                break;
            }
            if let Some(Ok(c)) = self.sem.as_ref().and_then(|s| s.param_type(t))
                && self.models.decoder_types.contains(&c)
            {
                return true;
            }
            if let syn::Type::Path(p) = t
                && let Some(last) = p.path.segments.last()
                && let syn::PathArguments::AngleBracketed(a) = &last.arguments
            {
                todo.extend(
                    a.args.iter().filter_map(|a| if let syn::GenericArgument::Type(t) = a { Some(t) } else { None }),
                );
            }
        }
        false
    }

    /// A parameter declared with a `no-line-break` type.
    pub(super) fn param_line_safe(&self, ty: &syn::Type) -> bool {
        if self.single_line_bits().is_empty() {
            return false;
        }
        match self.sem.as_ref().and_then(|s| s.param_type(ty)) {
            Some(Ok(canonical)) => self.models.line_safe_types.contains(&canonical),
            _ => false,
        }
    }

    /// Is the receiver of the method call named at `span` of a
    /// `no-line-break` type?
    pub(super) fn receiver_line_safe(&mut self, span: Span) -> bool {
        let models = self.models;
        if models.line_safe_types.is_empty() {
            return false;
        }
        let Some(c) = self.sem.as_mut().and_then(|s| s.call_at(span)) else { return false };
        c.recv.as_ref().is_some_and(|r| line_safe_ty(r, &models.line_safe_types, 0))
    }

    /// Does the call named at `span` give a value of a `no-line-break` type?
    fn returns_line_safe(&mut self, span: Span) -> bool {
        let models = self.models;
        if models.line_safe_types.is_empty() {
            return false;
        }
        let Some(c) = self.sem.as_mut().and_then(|s| s.call_at(span)) else { return false };
        line_safe_ty(&c.ret, &models.line_safe_types, 0)
    }

    /// The marks for a parameter's first fact.
    pub(super) fn param_marks(&self, ty: &syn::Type, t: Taint) -> Taint {
        if t.is_empty() || !self.param_line_safe(ty) {
            return t;
        }
        sanitize(&t, self.single_line_bits())
    }
}

/// The facts without the single-line marks, also those their labels
/// bring from callers (`decoded`: the join takes them off).
fn unmark(t: &[Fact], bits: Mask) -> Taint {
    t.iter().map(|f| Fact { sanitized: f.sanitized.without(bits), decoded: true, ..*f }).collect()
}

/// A type whose values cannot hold a line break: a listed one, or an
/// `Option`, a `Result` (both sides), a reference, a box, a vector, a
/// slice or a tuple of them.
fn line_safe_ty(t: &Ty, types: &HashSet<String>, depth: u32) -> bool {
    if depth > 8 {
        return false;
    }
    match t.strip_refs() {
        Ty::Path { def: SymPath::Extern(p), args } => {
            let p: &str = p;
            if types.contains(p) {
                return true;
            }
            let canonical = crate::semantic::Models::get().canonicalize(p);
            if canonical.as_deref().is_some_and(|c| types.contains(c)) {
                return true;
            }
            if p == "std::result::Result" {
                // Its error too: `Result<u32, String>` can hold a message.
                return !args.is_empty() && args.iter().all(|a| line_safe_ty(a, types, depth + 1));
            }
            matches!(
                p,
                "std::option::Option"
                    | "std::boxed::Box"
                    | "std::sync::Arc"
                    | "std::rc::Rc"
                    | "std::vec::Vec"
                    | "std::borrow::Cow"
                    | "std::cell::Ref"
                    | "std::sync::MutexGuard"
            ) && args.first().is_some_and(|a| line_safe_ty(a, types, depth + 1))
        }
        Ty::Slice(x) | Ty::Array(x) => line_safe_ty(x, types, depth + 1),
        Ty::Tuple(xs) => !xs.is_empty() && xs.iter().all(|x| line_safe_ty(x, types, depth + 1)),
        _ => false,
    }
}
