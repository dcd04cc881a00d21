//! What an expression, pattern or type says about a value: variables,
//! literals, names bound, shapes, SQL/URL-looking text.

use proc_macro2::Span;
use syn::spanned::Spanned;
use syn::{Expr, Lit, Pat, Type};

use crate::rules::file::FileCtx;
use crate::syntax::macros;
use crate::taint::Shape;

pub(super) fn strip_parens_refs_derefs(e: &Expr) -> &Expr {
    let mut e = e;
    loop {
        e = match e {
            Expr::Paren(p) => &p.expr,
            Expr::Group(g) => &g.expr,
            Expr::Reference(r) => &r.expr,
            Expr::Unary(u) if matches!(u.op, syn::UnOp::Deref(_)) => &u.expr,
            _ => return e,
        };
    }
}

pub(super) fn strip_ref_mut(e: &Expr) -> &Expr {
    match e {
        Expr::Reference(r) => &r.expr,
        other => other,
    }
}

/// The local variable (or `var.field`) an expression reads (through refs,
/// `as_str()`, `trim()`…).
pub(super) fn var_of(e: &Expr) -> Option<String> {
    match strip_parens_refs_derefs(e) {
        Expr::Path(p) if p.qself.is_none() && p.path.segments.len() == 1 => Some(p.path.segments[0].ident.to_string()),
        Expr::Field(f) => match (&*f.base, &f.member) {
            (Expr::Path(p), syn::Member::Named(n)) if p.path.segments.len() == 1 => {
                Some(format!("{}.{n}", p.path.segments[0].ident))
            }
            _ => None,
        },
        Expr::MethodCall(m)
            if m.args.is_empty()
                && matches!(
                    m.method.to_string().as_str(),
                    "as_str"
                        | "as_ref"
                        | "trim"
                        | "to_string"
                        | "as_deref"
                        | "to_lowercase"
                        | "as_bytes"
                        | "as_path"
                        | "to_owned"
                        | "clone"
                        | "deref"
                ) =>
        {
            var_of(&m.receiver)
        }
        _ => None,
    }
}

pub(super) fn is_literalish(e: &Expr) -> bool {
    match strip_parens_refs_derefs(e) {
        Expr::Lit(_) => true,
        Expr::Path(p) => {
            p.path.segments.last().is_some_and(|s| crate::syntax::exprs::is_const_name(&s.ident.to_string()))
        }
        Expr::Call(c) => c.args.iter().all(is_literalish) && matches!(&*c.func, Expr::Path(_)),
        _ => false,
    }
}

pub(super) fn is_number_lit(e: &Expr) -> bool {
    matches!(strip_parens_refs_derefs(e), Expr::Lit(l) if matches!(l.lit, Lit::Int(_) | Lit::Float(_)))
}

pub(super) fn pat_is_literal(p: &Pat) -> bool {
    match p {
        Pat::Lit(_) => true,
        Pat::Or(o) => o.cases.iter().all(pat_is_literal),
        Pat::Paren(x) => pat_is_literal(&x.pat),
        Pat::Reference(r) => pat_is_literal(&r.pat),
        Pat::Path(_) => true, // enum variants / constants
        // `Some("api.example.com")`, `Ok(Mode::Fast)`
        Pat::TupleStruct(ts) => !ts.elems.is_empty() && ts.elems.iter().all(pat_is_literal),
        _ => false,
    }
}

pub(super) fn pat_span(p: &Pat) -> Span {
    match p {
        Pat::Ident(i) => i.ident.span(),
        Pat::Type(t) => pat_span(&t.pat),
        other => other.span(),
    }
}

/// The single name a pattern binds (`x`, `mut x`, `x: T`).
pub(super) fn pat_name(p: &Pat) -> Option<String> {
    match p {
        Pat::Ident(i) => Some(i.ident.to_string()),
        Pat::Type(t) => pat_name(&t.pat),
        Pat::Reference(r) => pat_name(&r.pat),
        Pat::Paren(x) => pat_name(&x.pat),
        Pat::TupleStruct(ts) if ts.elems.len() == 1 => ts.elems.first().and_then(pat_name),
        _ => None,
    }
}

/// Every name a pattern binds (field-insensitively).
pub(super) fn pat_names(p: &Pat) -> Vec<String> {
    let mut out = Vec::new();
    collect_names(p, &mut out);
    out
}

pub(super) fn collect_names(p: &Pat, out: &mut Vec<String>) {
    match p {
        Pat::Ident(i) => {
            // `None`, `MAX`: a unit variant or a constant matched, no binding.
            let binds = i.by_ref.is_some()
                || i.mutability.is_some()
                || i.subpat.is_some()
                || !i.ident.to_string().starts_with(|c: char| c.is_ascii_uppercase());
            if binds {
                out.push(i.ident.to_string());
            }
            if let Some((_, sub)) = &i.subpat {
                collect_names(sub, out);
            }
        }
        Pat::Type(t) => collect_names(&t.pat, out),
        Pat::Reference(r) => collect_names(&r.pat, out),
        Pat::Paren(x) => collect_names(&x.pat, out),
        Pat::Tuple(t) => t.elems.iter().for_each(|e| collect_names(e, out)),
        Pat::TupleStruct(t) => t.elems.iter().for_each(|e| collect_names(e, out)),
        Pat::Struct(s) => s.fields.iter().for_each(|f| collect_names(&f.pat, out)),
        Pat::Slice(s) => s.elems.iter().for_each(|e| collect_names(e, out)),
        Pat::Or(o) => {
            if let Some(first) = o.cases.first() {
                collect_names(first, out);
            }
        }
        Pat::Guard(g) => collect_names(&g.pat, out),
        _ => {}
    }
}

/// Text, number, or no taint possible (bool, unit) for a type.
pub(super) fn shape_of_type(ty: &Type) -> Option<Shape> {
    match ty {
        Type::Path(p) => {
            let last = p.path.segments.last()?;
            let name = last.ident.to_string();
            match name.as_str() {
                "u8" | "u16" | "u32" | "u64" | "u128" | "usize" | "i8" | "i16" | "i32" | "i64" | "i128" | "isize"
                | "f32" | "f64" | "NonZeroU32" | "NonZeroU64" | "NonZeroUsize" => Some(Shape::Number),
                "bool" | "Uuid" | "IpAddr" | "Ipv4Addr" | "Ipv6Addr" | "SocketAddr" | "Duration" | "DateTime"
                | "NaiveDate" => None,
                // Extractors and wrappers: look inside `Path<u64>`, `Option<u32>`.
                "Path" | "Query" | "Option" | "Json" | "Form" | "Result" | "Box" | "Arc" | "Rc" | "Data" | "State" => {
                    match &last.arguments {
                        syn::PathArguments::AngleBracketed(a) => match a.args.first() {
                            Some(syn::GenericArgument::Type(t)) => shape_of_type(t),
                            _ => Some(Shape::Text),
                        },
                        _ => Some(Shape::Text),
                    }
                }
                _ => Some(Shape::Text),
            }
        }
        Type::Reference(r) => shape_of_type(&r.elem),
        Type::Paren(p) => shape_of_type(&p.elem),
        Type::Group(g) => shape_of_type(&g.elem),
        Type::Tuple(t) if t.elems.is_empty() => None,
        Type::Tuple(t) => {
            let shapes: Vec<Option<Shape>> = t.elems.iter().map(shape_of_type).collect();
            if shapes.contains(&Some(Shape::Text)) {
                Some(Shape::Text)
            } else if shapes.contains(&Some(Shape::Number)) {
                Some(Shape::Number)
            } else {
                None
            }
        }
        _ => Some(Shape::Text),
    }
}

/// A parameter's or annotation's type as a resolved path (through refs,
/// `State<T>`, `Data<T>`, `Arc<T>`).
pub(super) fn type_path(ty: &Type, file: &FileCtx) -> Option<Vec<String>> {
    match ty {
        Type::Reference(r) => type_path(&r.elem, file),
        Type::Paren(p) => type_path(&p.elem, file),
        Type::Path(p) => {
            let last = p.path.segments.last()?;
            let name = last.ident.to_string();
            if matches!(name.as_str(), "State" | "Data" | "Arc" | "Rc" | "Box" | "Extension" | "Mutex" | "RwLock")
                && let syn::PathArguments::AngleBracketed(a) = &last.arguments
                && let Some(syn::GenericArgument::Type(inner)) = a.args.first()
            {
                return type_path(inner, file);
            }
            Some(file.imports.resolve(&p.path).segs)
        }
        _ => None,
    }
}

/// `T` in `Wrapper<T>`.
pub(super) fn wrapped_type(ty: &Type) -> Option<&Type> {
    let Type::Path(p) = ty else { return None };
    let syn::PathArguments::AngleBracketed(a) = &p.path.segments.last()?.arguments else { return None };
    match a.args.first()? {
        syn::GenericArgument::Type(t) => Some(t),
        _ => None,
    }
}

/// Does a receiver type satisfy a model's `receiver-types`?
pub(super) fn types_match(types: &[String], actual: Option<&[String]>) -> bool {
    if types.is_empty() {
        return true;
    }
    let Some(actual) = actual else { return false };
    let full = actual.join("::");
    let last = actual.last().map_or("", String::as_str);
    let first = actual.first().map_or("", String::as_str);
    types.iter().any(|t| {
        *t == full
            // The canonical path and a re-exported spelling of the same
            // crate's type (`tokio_postgres::client::Client`, `tokio_postgres::Client`).
            || actual.len() > 1 && t.split("::").next() == Some(first) && t.rsplit("::").next() == Some(last)
            || t.rsplit("::").next() == Some(last)
                && (actual.len() == 1 || full.ends_with(t.as_str()) || t.ends_with(&full))
    })
}

pub(super) fn str_lit(e: &Expr) -> Option<String> {
    crate::syntax::exprs::str_lit(e)
}

/// A string literal's text, also when made an owned string:
/// `"--".to_string()`, `.to_owned()`, `.into()`, `String::from("--")`.
pub(super) fn owned_str_lit(e: &Expr) -> Option<String> {
    match strip_parens_refs_derefs(e) {
        Expr::Lit(l) => match &l.lit {
            Lit::Str(s) => Some(s.value()),
            _ => None,
        },
        other => crate::syntax::exprs::converted(other).and_then(owned_str_lit),
    }
}

/// A string or char literal's text.
pub(super) fn lit_text(e: &Expr) -> Option<String> {
    match strip_parens_refs_derefs(e) {
        Expr::Lit(l) => match &l.lit {
            Lit::Str(s) => Some(s.value()),
            Lit::Char(c) => Some(c.value().to_string()),
            _ => None,
        },
        _ => None,
    }
}

pub(super) fn is_shell(prog: &str) -> bool {
    let base = prog.rsplit(['/', '\\']).next().unwrap_or(prog).to_ascii_lowercase();
    matches!(
        base.as_str(),
        "sh" | "bash" | "zsh" | "dash" | "ksh" | "fish" | "cmd" | "cmd.exe" | "powershell" | "powershell.exe" | "pwsh"
    )
}

pub(super) fn arg_has_shell_flag(a: &Expr) -> bool {
    let flags = ["-c", "/c", "/C", "-Command", "-command"];
    match crate::syntax::exprs::strip_parens_and_refs(a) {
        // `"-c"`, `"-c".to_string()`, `String::from("-c")`.
        Expr::Lit(_) | Expr::MethodCall(_) | Expr::Call(_) => {
            owned_str_lit(a).is_some_and(|s| flags.contains(&s.as_str()))
        }
        Expr::Array(arr) => arr.elems.iter().any(arg_has_shell_flag),
        Expr::Macro(m) if m.mac.path.is_ident("vec") => {
            macros::parse_args_cached(&m.mac).iter().any(|x| arg_has_shell_flag(&x.expr))
        }
        _ => false,
    }
}

pub(super) fn looks_like_sql(text: &str) -> bool {
    let up = text.to_ascii_uppercase();
    let kws = [
        "SELECT ", "INSERT ", "UPDATE ", "DELETE ", "DROP ", "CREATE ", "ALTER ", " WHERE ", " FROM ", "INTO ", " SET ",
    ];
    kws.iter().filter(|k| up.contains(*k)).count() >= 1
        && (up.contains("FORMAT!") || up.contains('+') || up.contains('{'))
}

pub(super) fn looks_like_url(text: &str) -> bool {
    text.contains("http://") || text.contains("https://") || text.to_ascii_lowercase().contains("url")
}

/// Combinators whose result is what their closure returns (not the receiver).
pub(super) fn maps_through_closure(name: &str) -> bool {
    matches!(
        name,
        "map"
            | "and_then"
            | "flat_map"
            | "filter_map"
            | "then"
            | "map_or"
            | "map_or_else"
            | "fold"
            | "try_fold"
            | "find_map"
            | "map_while"
            | "scan"
    )
}

/// Methods so common on library types that calls to them are never
/// treated as calls into the workspace.
pub(super) fn is_common_method(name: &str) -> bool {
    matches!(
        name,
        "clone"
            | "to_string"
            | "to_owned"
            | "into"
            | "as_ref"
            | "as_str"
            | "unwrap"
            | "expect"
            | "unwrap_or"
            | "unwrap_or_default"
            | "unwrap_or_else"
            | "map"
            | "and_then"
            | "ok"
            | "err"
            | "iter"
            | "into_iter"
            | "collect"
            | "len"
            | "is_empty"
            | "get"
            | "await"
            | "push"
            | "push_str"
            | "insert"
            | "trim"
            | "lock"
            | "read"
            | "write"
            | "borrow"
            | "borrow_mut"
            | "as_bytes"
            | "join"
            | "split"
            | "replace"
            | "to_lowercase"
            | "to_uppercase"
            | "ok_or"
            | "ok_or_else"
            | "map_err"
            | "iter_mut"
            | "next"
            | "filter"
            | "find"
            | "any"
            | "all"
            | "fold"
            | "chars"
            | "bytes"
            | "lines"
            | "send"
            | "fetch_all"
            | "fetch_one"
            | "fetch_optional"
            | "execute"
            | "bind"
            | "build"
            | "body"
            | "json"
            | "text"
            | "from"
    )
}
