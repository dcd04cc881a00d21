//! Small questions about expressions that many rules ask.

use proc_macro2::Span;
use syn::spanned::Spanned;
use syn::{Expr, Lit};

/// Strip parentheses, groups, references and derefs.
pub(crate) fn strip_parens_and_refs(mut e: &Expr) -> &Expr {
    loop {
        e = match e {
            Expr::Paren(p) => &p.expr,
            Expr::Group(g) => &g.expr,
            Expr::Reference(r) => &r.expr,
            _ => return e,
        };
    }
}

/// The name a pattern binds when it is a plain name, typed or not
/// (`x`, `mut x`, `x: T`).
pub(crate) fn pat_ident(p: &syn::Pat) -> Option<&syn::PatIdent> {
    match p {
        syn::Pat::Ident(i) => Some(i),
        syn::Pat::Type(t) => pat_ident(&t.pat),
        _ => None,
    }
}

/// `true` / `false` literal.
pub(crate) fn bool_lit(e: &Expr) -> Option<bool> {
    match strip_parens_and_refs(e) {
        Expr::Lit(l) => match &l.lit {
            Lit::Bool(b) => Some(b.value),
            _ => None,
        },
        _ => None,
    }
}

/// What an owned-string conversion converts: `x` of `x.to_string()`,
/// `x.to_owned()`, `x.into()` and `String::from(x)` (any `T::from(x)`).
pub(crate) fn converted(e: &Expr) -> Option<&Expr> {
    match e {
        Expr::MethodCall(m)
            if m.args.is_empty() && matches!(m.method.to_string().as_str(), "to_string" | "to_owned" | "into") =>
        {
            Some(&m.receiver)
        }
        Expr::Call(c)
            if c.args.len() == 1
                && matches!(&*c.func, Expr::Path(p) if p.path.segments.last().is_some_and(|s| s.ident == "from")) =>
        {
            c.args.first()
        }
        _ => None,
    }
}

/// A string literal's value.
pub(crate) fn str_lit(e: &Expr) -> Option<String> {
    match strip_parens_and_refs(e) {
        Expr::Lit(l) => match &l.lit {
            Lit::Str(s) => Some(s.value()),
            _ => None,
        },
        _ => None,
    }
}

/// Constructors and conversions whose result depends only on their
/// arguments (no I/O, no environment).
const PURE_FNS: &[&str] = &[
    "new",
    "parse",
    "parse_str",
    "from_str",
    "from",
    "try_from",
    "into",
    "try_into",
    "from_static",
    "from_bytes",
    "from_utf8",
    "from_slice",
    "from_str_radix",
    "from_u32",
    "from_digit",
    "to_string",
    "to_owned",
    "as_str",
    "with_capacity",
    "builder",
    "build",
    "compile",
    "checked_add",
    "checked_sub",
    "checked_mul",
    "checked_div",
    "decode",
    "join",
    "size_of",
    "align_of",
];

/// A panic or `expect` message that marks a broken internal invariant
/// ("internal error", "this is a bug", "should never happen", "poisoned"):
/// the author asserts it cannot happen, as `unreachable!` does.
pub(crate) fn states_an_invariant(message: &str) -> bool {
    let text = message.to_ascii_lowercase();
    [
        "internal error",
        "bug",
        "unreachable",
        "never happen",
        "cannot happen",
        "can't happen",
        "impossible",
        "invariant",
        "poison",
        "should not happen",
        "shouldn't happen",
    ]
    .iter()
    .any(|w| text.contains(w))
}

/// `SCREAMING_CASE` identifier (a constant by convention).
pub(crate) fn is_const_name(s: &str) -> bool {
    s.len() > 1
        && s.chars().all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '_')
        && s.chars().any(|c| c.is_ascii_uppercase())
}

/// An expression whose value is fixed at compile time as far as syntax
/// shows: literals, constants, and calls/method calls/casts/arrays made
/// only of such values (`"1.2.3.4".parse()`, `Regex::new(r"^a+$")`,
/// `NonZeroU32::new(5)`). A panic on such a value does not depend on
/// input.
pub(crate) fn is_constant(e: &Expr) -> bool {
    match e {
        Expr::Lit(_) => true,
        Expr::Paren(p) => is_constant(&p.expr),
        Expr::Group(g) => is_constant(&g.expr),
        Expr::Reference(r) => is_constant(&r.expr),
        Expr::Cast(c) => is_constant(&c.expr),
        Expr::Unary(u) => is_constant(&u.expr),
        Expr::Binary(b) => is_constant(&b.left) && is_constant(&b.right),
        Expr::Array(a) => a.elems.iter().all(is_constant),
        Expr::Tuple(t) => t.elems.iter().all(is_constant),
        Expr::Path(p) => {
            p.qself.is_none() && p.path.segments.last().is_some_and(|s| is_const_name(&s.ident.to_string()))
        }
        Expr::Call(c) => match &*c.func {
            Expr::Path(p) => {
                let last = p.path.segments.last().map(|s| s.ident.to_string()).unwrap_or_default();
                (PURE_FNS.contains(&last.as_str())
                    || last.starts_with("new_")
                    || last.starts_with("from_")
                    || last.chars().next().is_some_and(char::is_uppercase))
                    && c.args.iter().all(is_constant)
            }
            _ => false,
        },
        Expr::MethodCall(m) => {
            PURE_FNS.contains(&m.method.to_string().as_str())
                && is_constant(&m.receiver)
                && m.args.iter().all(is_constant)
        }
        Expr::Macro(m) => {
            let name = m.mac.path.segments.last().map(|s| s.ident.to_string()).unwrap_or_default();
            matches!(
                name.as_str(),
                "concat" | "env" | "include_str" | "include_bytes" | "stringify" | "line" | "file" | "column"
            )
        }
        _ => false,
    }
}

/// The span of the leftmost token of an expression, found without
/// re-tokenising the whole expression.
pub(crate) fn expr_start(e: &Expr) -> Option<Span> {
    Some(match e {
        Expr::Array(x) => x.bracket_token.span.open(),
        Expr::Assign(x) => return expr_start(&x.left),
        Expr::Async(x) => x.async_token.span,
        Expr::Await(x) => return expr_start(&x.base),
        Expr::Binary(x) => return expr_start(&x.left),
        Expr::Block(x) => x.block.brace_token.span.open(),
        Expr::Break(x) => x.break_token.span,
        Expr::Call(x) => return expr_start(&x.func),
        Expr::Cast(x) => return expr_start(&x.expr),
        Expr::Closure(x) => x.inputs_begin.span,
        Expr::Const(x) => x.const_token.span,
        Expr::Continue(x) => x.continue_token.span,
        Expr::Field(x) => return expr_start(&x.base),
        Expr::ForLoop(x) => x.for_token.span,
        Expr::Group(x) => return expr_start(&x.expr),
        Expr::If(x) => x.if_token.span,
        Expr::Index(x) => return expr_start(&x.expr),
        Expr::Let(x) => x.let_token.span,
        Expr::Lit(x) => x.lit.span(),
        Expr::Loop(x) => x.loop_token.span,
        Expr::Macro(x) => x.mac.path.segments.first()?.ident.span(),
        Expr::Match(x) => x.match_token.span,
        Expr::MethodCall(x) => return expr_start(&x.receiver),
        Expr::Paren(x) => x.paren_token.span.open(),
        Expr::Path(x) => match &x.qself {
            Some(q) => q.lt_token.span,
            None => x.path.segments.first()?.ident.span(),
        },
        Expr::Range(x) => match &x.start {
            Some(s) => return expr_start(s),
            None => x.limits.span(),
        },
        Expr::RawAddr(x) => x.and_token.span,
        Expr::Reference(x) => x.and_token.span,
        Expr::Repeat(x) => x.bracket_token.span.open(),
        Expr::Return(x) => x.return_token.span,
        Expr::Struct(x) => x.path.segments.first()?.ident.span(),
        Expr::Try(x) => return expr_start(&x.expr),
        Expr::TryBlock(x) => x.try_token.span,
        Expr::Tuple(x) => x.paren_token.span.open(),
        Expr::Unary(x) => x.op.span(),
        Expr::Unsafe(x) => x.unsafe_token.span,
        Expr::While(x) => x.while_token.span,
        Expr::Yield(x) => x.yield_token.span,
        _ => return None,
    })
}

/// The element type of `&[T]`, `&mut [T; N]`, `Vec<T>`, `VecDeque<T>`,
/// `Box<[T]>`.
pub(crate) fn elem_type(ty: &syn::Type) -> Option<&syn::Type> {
    match ty {
        syn::Type::Reference(r) => elem_type(&r.elem),
        syn::Type::Paren(p) => elem_type(&p.elem),
        syn::Type::Slice(s) => Some(&s.elem),
        syn::Type::Array(a) => Some(&a.elem),
        syn::Type::Path(p) if p.qself.is_none() => {
            let last = p.path.segments.last()?;
            let syn::PathArguments::AngleBracketed(a) = &last.arguments else { return None };
            match (last.ident.to_string().as_str(), a.args.first()?) {
                ("Vec" | "VecDeque", syn::GenericArgument::Type(t)) => Some(t),
                ("Box", syn::GenericArgument::Type(t)) => elem_type(t),
                _ => None,
            }
        }
        _ => None,
    }
}

/// A compound assignment: `+=`, `<<=`, …
pub(crate) fn is_compound_assign(op: &syn::BinOp) -> bool {
    use syn::BinOp as B;
    matches!(
        op,
        B::AddAssign(_)
            | B::SubAssign(_)
            | B::MulAssign(_)
            | B::DivAssign(_)
            | B::RemAssign(_)
            | B::BitXorAssign(_)
            | B::BitAndAssign(_)
            | B::BitOrAssign(_)
            | B::ShlAssign(_)
            | B::ShrAssign(_)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn e(s: &str) -> Expr {
        syn::parse_str(s).unwrap()
    }

    #[test]
    fn constants() {
        assert!(is_constant(&e("\"1.2.3.4\".parse::<Ipv4Addr>()")));
        assert!(is_constant(&e("Regex::new(r\"^a+$\")")));
        assert!(is_constant(&e("NonZeroU32::new(MAX_LEN)")));
        assert!(!is_constant(&e("input.parse::<u32>()")));
        assert!(!is_constant(&e("Regex::new(&pattern)")));
        assert!(!is_constant(&e("map.get(\"key\")")));
        assert!(!is_constant(&e("std::fs::read_to_string(\"config.toml\")")));
        assert!(!is_constant(&e("std::env::var(\"HOME\")")));
        assert!(is_constant(&e("Some(3)")));
        assert!(is_constant(&e("Aes128::new_from_slice(&MASTER_KEY)")));
        assert!(!is_constant(&e("Aes128::new_from_slice(key)")));
    }
}
