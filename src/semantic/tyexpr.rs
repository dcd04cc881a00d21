//! Types as written in the model files (`lints/models/types*.toml`): a
//! small parser for Rust type syntax, much faster than `syn` for the tens
//! of thousands of short types the std data holds.
//!
//! Single-segment names are resolved by the caller's context: the entry's
//! generic parameters (`T` in `std::vec::Vec<T>`), `Self`, primitives, and
//! the prelude types (`Option`, `Result`, `Vec`, `String`, `Box`); any other
//! single name is a method-level generic and stays a [`Ty::Param`] (unknown
//! on use). Lifetimes are dropped. `async T` is a future of `T`.

use super::path::{Name, SymPath, is_primitive};
use super::ty::{TraitRef, Ty};

/// Parse a type; `None` when the text is not a type.
pub(super) fn parse_ty(text: &str) -> Option<Ty> {
    let mut p = Parser { s: text.as_bytes(), i: 0 };
    let t = p.ty()?;
    p.ws();
    (p.i == p.s.len()).then_some(t)
}

/// Parse a model's fn or method entry: its return type, preceded by its
/// parameters' types when they bind generics (`(T) => std::sync::Arc<T>`).
pub(super) fn parse_sig(text: &str) -> Option<(Option<Vec<Ty>>, Ty)> {
    let mut p = Parser { s: text.as_bytes(), i: 0 };
    if p.peek() == b'(' {
        p.i += 1;
        let mut params = Vec::new();
        let mut ok = true;
        while p.peek() != b')' {
            match p.ty() {
                Some(t) => params.push(t),
                None => {
                    ok = false;
                    break;
                }
            }
            if !p.eat(",") && p.peek() != b')' {
                ok = false;
                break;
            }
        }
        if ok && p.eat(")") && p.eat("=>") {
            let ret = p.ty()?;
            p.ws();
            return (p.i == p.s.len()).then_some((Some(params), ret));
        }
    }
    parse_ty(text).map(|t| (None, t))
}

/// Parse `path<Params>` (a model entry's key): the path and its parameters.
pub(super) fn parse_key(text: &str) -> Option<(String, Vec<Name>)> {
    let (path, params) = match text.find('<') {
        Some(i) => {
            let inner = text[i + 1..].strip_suffix('>')?;
            (&text[..i], inner.split(',').map(|s| s.trim()).filter(|s| !s.is_empty()).map(Name::from).collect())
        }
        None => (text, Vec::new()),
    };
    let path = path.trim();
    let ok = !path.is_empty() && path.split("::").all(|s| !s.is_empty() && s.bytes().all(is_ident_byte));
    ok.then(|| (path.to_string(), params))
}

/// Parse a trait bound (`std::iter::Iterator<Item = T>`).
pub(super) fn parse_trait(text: &str) -> Option<TraitRef> {
    match parse_ty(&format!("impl {text}"))? {
        Ty::Bounds(mut b) if b.len() == 1 => b.pop(),
        _ => None,
    }
}

fn is_ident_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_'
}

struct Parser<'a> {
    s: &'a [u8],
    i: usize,
}

impl Parser<'_> {
    fn ws(&mut self) {
        while self.i < self.s.len() && self.s[self.i].is_ascii_whitespace() {
            self.i += 1;
        }
    }

    fn peek(&mut self) -> u8 {
        self.ws();
        self.s.get(self.i).copied().unwrap_or(0)
    }

    fn eat(&mut self, tok: &str) -> bool {
        self.ws();
        let t = tok.as_bytes();
        if self.s[self.i..].starts_with(t) {
            let word = t.last().is_some_and(|b| is_ident_byte(*b));
            if word && self.s.get(self.i + t.len()).is_some_and(|b| is_ident_byte(*b)) {
                return false;
            }
            self.i += t.len();
            true
        } else {
            false
        }
    }

    fn ident(&mut self) -> Option<&str> {
        self.ws();
        let start = self.i;
        while self.i < self.s.len() && is_ident_byte(self.s[self.i]) {
            self.i += 1;
        }
        if start == self.i {
            return None;
        }
        std::str::from_utf8(&self.s[start..self.i]).ok()
    }

    fn lifetime(&mut self) -> bool {
        if self.peek() == b'\'' {
            self.i += 1;
            self.ident();
            true
        } else {
            false
        }
    }

    fn ty(&mut self) -> Option<Ty> {
        match self.peek() {
            b'&' => {
                self.i += 1;
                if self.peek() == b'&' {
                    // `&&T`
                    self.i += 1;
                    self.lifetime();
                    let m = self.eat("mut");
                    let inner = self.ty()?;
                    return Some(Ty::reference(Ty::reference(inner, m), false));
                }
                self.lifetime();
                let m = self.eat("mut");
                Some(Ty::reference(self.ty()?, m))
            }
            b'*' => {
                self.i += 1;
                if !self.eat("const") && !self.eat("mut") {
                    return None;
                }
                Some(Ty::Ptr(Box::new(self.ty()?)))
            }
            b'(' => {
                self.i += 1;
                let mut v = Vec::new();
                let mut trailing = false;
                while self.peek() != b')' {
                    v.push(self.ty()?);
                    trailing = self.eat(",");
                    if !trailing && self.peek() != b')' {
                        return None;
                    }
                }
                self.i += 1;
                Some(if v.len() == 1 && !trailing { v.remove(0) } else { Ty::Tuple(v) })
            }
            b'[' => {
                self.i += 1;
                let t = self.ty()?;
                if self.eat(";") {
                    while self.peek() != b']' && self.peek() != 0 {
                        self.i += 1;
                    }
                    self.eat("]").then(|| Ty::Array(Box::new(t)))
                } else {
                    self.eat("]").then(|| Ty::Slice(Box::new(t)))
                }
            }
            b'!' => {
                self.i += 1;
                Some(Ty::Never)
            }
            b'<' => {
                // `<T as Trait>::Name`
                self.i += 1;
                let base = self.ty()?;
                if self.eat("as") {
                    self.bound()?;
                }
                if !self.eat(">") || !self.eat("::") {
                    return None;
                }
                let name: Name = self.ident()?.into();
                Some(Ty::Assoc { base: Box::new(base), name })
            }
            _ => {
                if self.eat("async") {
                    return Some(Ty::future(self.ty()?));
                }
                if self.eat("impl") || self.eat("dyn") {
                    return self.bounds().map(Ty::Bounds);
                }
                if self.eat("unsafe") || self.eat("extern") {
                    self.ws();
                    if self.peek() == b'"' {
                        self.i += 1;
                        while self.peek() != b'"' && self.peek() != 0 {
                            self.i += 1;
                        }
                        self.i += 1;
                    }
                    return self.ty();
                }
                if self.eat("fn") {
                    let (params, ret) = self.fn_tail()?;
                    return Some(Ty::Fn { params, ret: Box::new(ret) });
                }
                if self.eat("_") {
                    return Some(Ty::Unknown);
                }
                self.path_ty()
            }
        }
    }

    /// `(A, B) -> C` after `fn` or `Fn`.
    fn fn_tail(&mut self) -> Option<(Vec<Ty>, Ty)> {
        if !self.eat("(") {
            return None;
        }
        let mut params = Vec::new();
        while self.peek() != b')' {
            // `fn(name: T)` in some signatures
            let save = self.i;
            if self.ident().is_some() && self.peek() == b':' && self.s.get(self.i + 1) != Some(&b':') {
                self.i += 1;
            } else {
                self.i = save;
            }
            params.push(self.ty()?);
            if !self.eat(",") && self.peek() != b')' {
                return None;
            }
        }
        self.i += 1;
        let ret = if self.eat("->") { self.ty()? } else { Ty::unit() };
        Some((params, ret))
    }

    fn bounds(&mut self) -> Option<Vec<TraitRef>> {
        let mut v = Vec::new();
        loop {
            if self.lifetime() {
            } else if let Some(b) = self.bound()? {
                v.push(b);
            }
            if !self.eat("+") {
                break;
            }
        }
        Some(v)
    }

    /// One bound; `Ok(None)`-like for `?Sized`.
    fn bound(&mut self) -> Option<Option<TraitRef>> {
        let maybe = self.eat("?");
        if self.eat("(") {
            let b = self.bound()?;
            return self.eat(")").then_some(b);
        }
        let (segs, args, assoc) = self.path_parts()?;
        if maybe {
            return Some(None);
        }
        let path = model_path(&segs);
        Some(Some(TraitRef { path, args, assoc }))
    }

    /// Segments with the last segment's generic arguments (`Fn(A) -> B`
    /// becomes args `[A]` and `Output = B`).
    #[allow(clippy::type_complexity)]
    fn path_parts(&mut self) -> Option<(Vec<String>, Vec<Ty>, Vec<(Name, Ty)>)> {
        self.eat("::");
        let mut segs = vec![self.ident()?.to_string()];
        let mut args = Vec::new();
        let mut assoc = Vec::new();
        loop {
            if self.peek() == b'<' {
                self.i += 1;
                args.clear();
                assoc.clear();
                while self.peek() != b'>' {
                    if self.peek() == 0 {
                        return None;
                    }
                    if self.lifetime() {
                    } else if self.peek() == b'{' || self.peek().is_ascii_digit() {
                        while !matches!(self.peek(), b',' | b'>' | 0) {
                            self.i += 1;
                        }
                    } else {
                        let save = self.i;
                        let name = self.ident().map(str::to_string);
                        if let Some(n) = name.filter(|_| self.peek() == b'=' && self.s.get(self.i + 1) != Some(&b'=')) {
                            self.i += 1;
                            assoc.push((n.into(), self.ty()?));
                        } else {
                            self.i = save;
                            args.push(self.ty()?);
                        }
                    }
                    if !self.eat(",") && self.peek() != b'>' {
                        return None;
                    }
                }
                self.i += 1;
            } else if self.peek() == b'(' && matches!(segs.last().map(String::as_str), Some("Fn" | "FnMut" | "FnOnce"))
            {
                let (params, ret) = self.fn_tail()?;
                args = vec![Ty::Tuple(params)];
                assoc = vec![("Output".into(), ret)];
            }
            if self.s[self.i..].starts_with(b"::") && self.s.get(self.i + 2).is_some_and(|b| is_ident_byte(*b)) {
                self.i += 2;
                segs.push(self.ident()?.to_string());
            } else {
                break;
            }
        }
        Some((segs, args, assoc))
    }

    fn path_ty(&mut self) -> Option<Ty> {
        let (segs, args, _) = self.path_parts()?;
        Some(resolve_model_path(&segs, args))
    }
}

/// A model's multi-segment path (prelude names spelled in full).
fn model_path(segs: &[String]) -> SymPath {
    if segs.len() == 1
        && let Some(full) = prelude_type(&segs[0]).or_else(|| super::scope::prelude(&segs[0]))
    {
        return SymPath::Extern(full.into());
    }
    SymPath::external(segs)
}

fn resolve_model_path(segs: &[String], args: Vec<Ty>) -> Ty {
    let first = segs[0].as_str();
    if segs.len() == 1 {
        if first == "Self" {
            return Ty::SelfTy;
        }
        if is_primitive(first) {
            return Ty::ext(first, Vec::new());
        }
        if let Some(full) = prelude_type(first) {
            return Ty::ext(full, args);
        }
        return Ty::Param(first.into());
    }
    // `Self::Item`, `T::Output`
    if segs.len() == 2 && (first == "Self" || (first.len() <= 2 && first.starts_with(|c: char| c.is_ascii_uppercase())))
    {
        let base = if first == "Self" { Ty::SelfTy } else { Ty::Param(first.into()) };
        return Ty::Assoc { base: Box::new(base), name: segs[1].as_str().into() };
    }
    Ty::Path { def: SymPath::external(segs), args }
}

/// Prelude types a model may name without a path.
pub(super) fn prelude_type(name: &str) -> Option<&'static str> {
    Some(match name {
        "Option" => "std::option::Option",
        "Result" => "std::result::Result",
        "Vec" => "std::vec::Vec",
        "String" => "std::string::String",
        "Box" => "std::boxed::Box",
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(s: &str) -> String {
        parse_ty(s).map(|t| t.to_string()).unwrap_or_else(|| "<none>".into())
    }

    #[test]
    fn parses_model_types() {
        assert_eq!(p("Result<Self>"), "std::result::Result<Self>");
        assert_eq!(p("&'a mut [T]"), "&mut [T]");
        assert_eq!(p("std::option::Option<&<T as std::ops::Deref>::Target>"), "std::option::Option<&T::Target>");
        assert_eq!(p("(*mut u8, usize, usize)"), "(*u8, usize, usize)");
        assert_eq!(p("impl Iterator<Item = &str> + '_"), "impl std::iter::Iterator<Item = &str>");
        assert_eq!(p("async sqlx::Result<Self>"), "impl std::future::Future<Output = sqlx::Result<Self>>");
        assert_eq!(
            p("Box<dyn FnMut(char) -> bool + Send>"),
            "std::boxed::Box<impl std::ops::FnMut<(char,), Output = bool> + std::marker::Send>"
        );
        assert_eq!(p("[std::option::Option<&mut V>; N]"), "[std::option::Option<&mut V>; _]");
        assert_eq!(p("Option<Self::Item>"), "std::option::Option<Self::Item>");
        assert_eq!(p("fn(&str) -> bool"), "fn(&str) -> bool");
        assert_eq!(p("core::cell::Ref<'b, T>"), "std::cell::Ref<T>");
        assert_eq!(p("()"), "()");
        assert_eq!(p("Vec<T"), "<none>");
        assert_eq!(p("a b"), "<none>");
        let (ps, ret) = parse_sig("(&mut T, T) => T").unwrap_or((None, Ty::Unknown));
        assert_eq!(ps.map(|v| v.len()), Some(2));
        assert_eq!(ret, Ty::Param("T".into()));
        assert_eq!(parse_sig("(A, B)").map(|(p, t)| (p.is_none(), t.to_string())), Some((true, "(A, B)".into())));
        assert_eq!(parse_key("sqlx::Pool<DB>"), Some(("sqlx::Pool".into(), vec!["DB".into()])));
        assert_eq!(parse_key("bad key"), None);
        let tr = parse_trait("std::iter::Iterator<Item = &T>").map(|t| t.assoc.len());
        assert_eq!(tr, Some(1));
    }
}
