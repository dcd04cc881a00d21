//! [`Ty`]: the semantic type of a value, as inference knows it.
//!
//! Nominal types name their definition by a [`SymPath`]: an external
//! canonical path (`std::string::String`, `sqlx::Pool`, primitives such as
//! `str`), or a crate item (`SymPath::Crate`, or file-relative before the
//! join). What one file cannot know is kept as a deferred [`SymTy`] that
//! the crate index evaluates at the join.

use std::fmt;

use super::path::{Name, SymPath};

/// A type.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub enum Ty {
    #[default]
    Unknown,
    /// `!` (and expressions that never produce a value: `return`, `panic!`).
    Never,
    /// A nominal type with its generic arguments.
    Path {
        def: SymPath,
        args: Vec<Ty>,
    },
    Ref {
        mutable: bool,
        inner: Box<Ty>,
    },
    Ptr(Box<Ty>),
    Tuple(Vec<Ty>),
    Slice(Box<Ty>),
    Array(Box<Ty>),
    /// Closures, fn items and fn pointers.
    Fn {
        params: Vec<Ty>,
        ret: Box<Ty>,
    },
    /// `impl A + B`, `dyn A + B`, and generic parameters with bounds: a
    /// value known only by the traits it implements.
    Bounds(Vec<TraitRef>),
    /// A generic parameter without known bounds (in models: the type's own
    /// parameters, substituted on use).
    Param(Name),
    /// `Self` (in trait and impl signatures, and models).
    SelfTy,
    /// An associated type: `Self::Item`, `T::Output`, `<X as Tr>::Err`.
    Assoc {
        base: Box<Ty>,
        name: Name,
    },
    /// Deferred to the join.
    Sym(Box<SymTy>),
}

/// A trait with its arguments and associated-type bindings
/// (`Iterator<Item = String>`, `AsRef<Path>`).
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct TraitRef {
    pub path: SymPath,
    pub args: Vec<Ty>,
    pub assoc: Vec<(Name, Ty)>,
}

impl TraitRef {
    pub fn new(path: SymPath) -> Self {
        TraitRef { path, args: Vec::new(), assoc: Vec::new() }
    }

    /// The binding of an associated type (`Item`).
    pub fn assoc_ty(&self, name: &str) -> Option<&Ty> {
        self.assoc.iter().find(|(n, _)| &**n == name).map(|(_, t)| t)
    }
}

/// A type one file cannot work out: what the crate index computes at the
/// join.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum SymTy {
    /// What calling the fn (or tuple-struct / variant constructor) named by
    /// the path returns.
    RetOf(SymPath),
    /// What the method `name` returns on a receiver of this type.
    MethodRet(Ty, Name),
    /// The type of a named or tuple field.
    FieldOf(Ty, Name),
    /// An operation applied to a deferred type.
    Op(Ty, Op),
    /// The type of the value a path names (a const, a static, a unit
    /// struct or variant, a fn item).
    PathTy(SymPath),
    /// The type of field `field` of the constructor `ctor` (a variant or
    /// tuple/named struct) in a pattern matched against a value of type
    /// `ty`.
    PatField { ty: Ty, ctor: SymPath, field: Name },
}

/// Operations on a type that inference applies (`?`, `.await`, `*`, …).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Op {
    /// `?`: `Result<T, _>`/`Option<T>` → `T`.
    Try,
    /// `.await`: a future's output.
    Await,
    /// `*x`, and auto-deref.
    Deref,
    /// `x[i]`: the element.
    Index,
    /// What `for` yields over it.
    IterItem,
}

pub const STRING: &str = "std::string::String";
pub const OPTION: &str = "std::option::Option";
pub const RESULT: &str = "std::result::Result";
pub const VEC: &str = "std::vec::Vec";
pub const BOX: &str = "std::boxed::Box";
pub const FUTURE: &str = "std::future::Future";
pub const ITERATOR: &str = "std::iter::Iterator";
pub const INTO_ITERATOR: &str = "std::iter::IntoIterator";
pub const DEREF: &str = "std::ops::Deref";

impl Ty {
    /// An external nominal type.
    pub fn ext(path: &str, args: Vec<Ty>) -> Ty {
        Ty::Path { def: SymPath::Extern(path.into()), args }
    }

    /// `()`.
    pub fn unit() -> Ty {
        Ty::Tuple(Vec::new())
    }

    pub fn string() -> Ty {
        Ty::ext(STRING, Vec::new())
    }

    /// `&str`.
    pub fn str_ref() -> Ty {
        Ty::Ref { mutable: false, inner: Box::new(Ty::ext("str", Vec::new())) }
    }

    pub fn reference(inner: Ty, mutable: bool) -> Ty {
        Ty::Ref { mutable, inner: Box::new(inner) }
    }

    /// `impl Future<Output = t>` (what an `async fn` call gives).
    pub fn future(t: Ty) -> Ty {
        let mut tr = TraitRef::new(SymPath::Extern(FUTURE.into()));
        tr.assoc.push(("Output".into(), t));
        Ty::Bounds(vec![tr])
    }

    /// `impl Iterator<Item = t>`.
    pub fn iter_of(t: Ty) -> Ty {
        let mut tr = TraitRef::new(SymPath::Extern(ITERATOR.into()));
        tr.assoc.push(("Item".into(), t));
        Ty::Bounds(vec![tr])
    }

    pub fn sym(s: SymTy) -> Ty {
        Ty::Sym(Box::new(s))
    }

    pub fn is_unknown(&self) -> bool {
        matches!(self, Ty::Unknown)
    }

    /// Known at least in part (not `Unknown`, not `!`).
    pub fn is_known(&self) -> bool {
        !matches!(self, Ty::Unknown | Ty::Never)
    }

    /// Contains something only the join can work out.
    pub fn is_deferred(&self) -> bool {
        match self {
            Ty::Sym(_) => true,
            Ty::Path { def, args } => {
                matches!(def, SymPath::Unresolved { .. } | SymPath::Rel { supers: 1.., .. })
                    || args.iter().any(Ty::is_deferred)
            }
            Ty::Ref { inner, .. } | Ty::Ptr(inner) | Ty::Slice(inner) | Ty::Array(inner) => inner.is_deferred(),
            Ty::Tuple(v) => v.iter().any(Ty::is_deferred),
            _ => false,
        }
    }

    /// The definition path of a nominal type (through references).
    pub fn def(&self) -> Option<&SymPath> {
        match self.strip_refs() {
            Ty::Path { def, .. } => Some(def),
            _ => None,
        }
    }

    /// The external canonical path of a nominal type (through references).
    pub fn extern_path(&self) -> Option<&str> {
        self.def().and_then(SymPath::as_extern)
    }

    /// Exactly this external type (through references).
    pub fn is_ext(&self, path: &str) -> bool {
        self.extern_path() == Some(path)
    }

    /// Generic argument `i` of a nominal type.
    pub fn arg(&self, i: usize) -> Ty {
        match self.strip_refs() {
            Ty::Path { args, .. } => args.get(i).cloned().unwrap_or_default(),
            _ => Ty::Unknown,
        }
    }

    /// The type without any `&`/`&mut`.
    pub fn strip_refs(&self) -> &Ty {
        let mut t = self;
        while let Ty::Ref { inner, .. } = t {
            t = inner;
        }
        t
    }

    /// A string type: `String`, `str`, `Cow<str>` and references to them.
    pub fn is_string_like(&self) -> bool {
        match self.strip_refs() {
            Ty::Path { def: SymPath::Extern(p), args } => {
                &**p == STRING
                    || &**p == "str"
                    || (&**p == "std::borrow::Cow" && args.first().is_some_and(|a| a.is_ext("str")))
            }
            _ => false,
        }
    }

    /// Replace `Self` and generic parameters (`Param(name)` → `args[i]`
    /// where `params[i] == name`).
    pub fn subst(&self, self_ty: Option<&Ty>, params: &[Name], args: &[Ty]) -> Ty {
        if !self.has_vars() {
            return self.clone();
        }
        match self {
            Ty::SelfTy => self_ty.cloned().unwrap_or_default(),
            Ty::Param(n) => match params.iter().position(|p| p == n) {
                Some(i) => args.get(i).cloned().unwrap_or_default(),
                None => self.clone(),
            },
            _ => self.map_children(&mut |c| c.subst(self_ty, params, args)),
        }
    }

    /// This type with each direct child type mapped by `f` (paths kept).
    pub fn map_children(&self, f: &mut dyn FnMut(&Ty) -> Ty) -> Ty {
        match self {
            Ty::Path { def, args } => Ty::Path { def: def.clone(), args: args.iter().map(&mut *f).collect() },
            Ty::Ref { mutable, inner } => Ty::Ref { mutable: *mutable, inner: Box::new(f(inner)) },
            Ty::Ptr(i) => Ty::Ptr(Box::new(f(i))),
            Ty::Slice(i) => Ty::Slice(Box::new(f(i))),
            Ty::Array(i) => Ty::Array(Box::new(f(i))),
            Ty::Tuple(v) => Ty::Tuple(v.iter().map(&mut *f).collect()),
            Ty::Fn { params, ret } => Ty::Fn { params: params.iter().map(&mut *f).collect(), ret: Box::new(f(ret)) },
            Ty::Bounds(b) => Ty::Bounds(
                b.iter()
                    .map(|t| TraitRef {
                        path: t.path.clone(),
                        args: t.args.iter().map(&mut *f).collect(),
                        assoc: t.assoc.iter().map(|(n, a)| (n.clone(), f(a))).collect(),
                    })
                    .collect(),
            ),
            Ty::Assoc { base, name } => Ty::Assoc { base: Box::new(f(base)), name: name.clone() },
            Ty::Sym(x) => Ty::Sym(Box::new(match &**x {
                SymTy::RetOf(p) => SymTy::RetOf(p.clone()),
                SymTy::MethodRet(t, n) => SymTy::MethodRet(f(t), n.clone()),
                SymTy::FieldOf(t, n) => SymTy::FieldOf(f(t), n.clone()),
                SymTy::Op(t, o) => SymTy::Op(f(t), *o),
                SymTy::PathTy(p) => SymTy::PathTy(p.clone()),
                SymTy::PatField { ty, ctor, field } => {
                    SymTy::PatField { ty: f(ty), ctor: ctor.clone(), field: field.clone() }
                }
            })),
            Ty::Unknown | Ty::Never | Ty::Param(_) | Ty::SelfTy => self.clone(),
        }
    }

    /// Mentions `Self` or a generic parameter.
    pub fn has_vars(&self) -> bool {
        match self {
            Ty::SelfTy | Ty::Param(_) => true,
            Ty::Path { args, .. } | Ty::Tuple(args) => args.iter().any(Ty::has_vars),
            Ty::Ref { inner, .. } | Ty::Ptr(inner) | Ty::Slice(inner) | Ty::Array(inner) => inner.has_vars(),
            Ty::Fn { params, ret } => ret.has_vars() || params.iter().any(Ty::has_vars),
            Ty::Bounds(b) => b.iter().any(|t| t.args.iter().chain(t.assoc.iter().map(|(_, t)| t)).any(Ty::has_vars)),
            Ty::Assoc { base, .. } => base.has_vars(),
            Ty::Sym(x) => match &**x {
                SymTy::RetOf(_) | SymTy::PathTy(_) => false,
                SymTy::MethodRet(t, _) | SymTy::FieldOf(t, _) | SymTy::Op(t, _) => t.has_vars(),
                SymTy::PatField { ty, .. } => ty.has_vars(),
            },
            Ty::Unknown | Ty::Never => false,
        }
    }

    /// Nesting depth (inference refuses to build absurdly deep types).
    pub fn depth(&self) -> usize {
        match self {
            Ty::Path { args: v, .. } | Ty::Tuple(v) => 1 + v.iter().map(Ty::depth).max().unwrap_or(0),
            Ty::Ref { inner, .. } | Ty::Ptr(inner) | Ty::Slice(inner) | Ty::Array(inner) => 1 + inner.depth(),
            Ty::Fn { ret, .. } => 1 + ret.depth(),
            Ty::Assoc { base, .. } => 1 + base.depth(),
            Ty::Bounds(b) => 1 + b.iter().flat_map(|t| t.assoc.iter().map(|(_, t)| t.depth())).max().unwrap_or(0),
            Ty::Sym(x) => {
                1 + match &**x {
                    SymTy::RetOf(_) | SymTy::PathTy(_) => 0,
                    SymTy::MethodRet(t, _) | SymTy::FieldOf(t, _) | SymTy::Op(t, _) => t.depth(),
                    SymTy::PatField { ty, .. } => ty.depth(),
                }
            }
            _ => 1,
        }
    }

    /// What `?` gives, when the type says so without any lookup.
    pub fn try_output(&self) -> Option<Ty> {
        match self {
            Ty::Path { def: SymPath::Extern(p), args } if &**p == RESULT || &**p == OPTION => {
                Some(args.first().cloned().unwrap_or_default())
            }
            Ty::Path { def: SymPath::Extern(p), args } if &**p == "std::task::Poll" => {
                args.first().and_then(Ty::try_output).map(|t| Ty::ext("std::task::Poll", vec![t]))
            }
            _ => None,
        }
    }

    /// What `.unwrap()`/`.expect()`/`.unwrap_or…()` give on `Option`/`Result`.
    pub fn unwrapped(&self) -> Option<Ty> {
        match self.strip_refs() {
            Ty::Path { def: SymPath::Extern(p), args } if &**p == RESULT || &**p == OPTION => {
                Some(args.first().cloned().unwrap_or_default())
            }
            _ => None,
        }
    }

    /// The binding of an associated type in `impl Trait<Assoc = T>` bounds.
    pub fn bound_assoc(&self, trait_path: &str, name: &str) -> Option<Ty> {
        match self {
            Ty::Bounds(b) => b.iter().find(|t| t.path.is(trait_path)).and_then(|t| t.assoc_ty(name)).cloned(),
            _ => None,
        }
    }
}

impl fmt::Display for Ty {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let list = |f: &mut fmt::Formatter<'_>, v: &[Ty]| -> fmt::Result {
            for (i, t) in v.iter().enumerate() {
                if i > 0 {
                    f.write_str(", ")?;
                }
                write!(f, "{t}")?;
            }
            Ok(())
        };
        match self {
            Ty::Unknown => f.write_str("_"),
            Ty::Never => f.write_str("!"),
            Ty::Path { def, args } => {
                write!(f, "{def}")?;
                if !args.is_empty() {
                    f.write_str("<")?;
                    list(f, args)?;
                    f.write_str(">")?;
                }
                Ok(())
            }
            Ty::Ref { mutable, inner } => write!(f, "&{}{inner}", if *mutable { "mut " } else { "" }),
            Ty::Ptr(i) => write!(f, "*{i}"),
            Ty::Tuple(v) => {
                f.write_str("(")?;
                list(f, v)?;
                f.write_str(if v.len() == 1 { ",)" } else { ")" })
            }
            Ty::Slice(i) => write!(f, "[{i}]"),
            Ty::Array(i) => write!(f, "[{i}; _]"),
            Ty::Fn { params, ret } => {
                f.write_str("fn(")?;
                list(f, params)?;
                write!(f, ") -> {ret}")
            }
            Ty::Bounds(b) => {
                f.write_str("impl ")?;
                for (i, t) in b.iter().enumerate() {
                    if i > 0 {
                        f.write_str(" + ")?;
                    }
                    write!(f, "{}", t.path)?;
                    if !t.args.is_empty() || !t.assoc.is_empty() {
                        f.write_str("<")?;
                        list(f, &t.args)?;
                        for (j, (n, a)) in t.assoc.iter().enumerate() {
                            if j > 0 || !t.args.is_empty() {
                                f.write_str(", ")?;
                            }
                            write!(f, "{n} = {a}")?;
                        }
                        f.write_str(">")?;
                    }
                }
                Ok(())
            }
            Ty::Param(n) => f.write_str(n),
            Ty::SelfTy => f.write_str("Self"),
            Ty::Assoc { base, name } => write!(f, "{base}::{name}"),
            Ty::Sym(s) => match &**s {
                SymTy::RetOf(p) => write!(f, "ret({p})"),
                SymTy::MethodRet(t, n) => write!(f, "{t}.{n}()"),
                SymTy::FieldOf(t, n) => write!(f, "{t}.{n}"),
                SymTy::Op(t, o) => write!(f, "{o:?}({t})"),
                SymTy::PathTy(p) => write!(f, "type({p})"),
                SymTy::PatField { ty, ctor, field } => write!(f, "{ty} as {ctor}.{field}"),
            },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn substitution_and_peeling() {
        let opt = Ty::ext(OPTION, vec![Ty::Param("T".into())]);
        let s = opt.subst(None, &["T".into()], &[Ty::string()]);
        assert_eq!(s.to_string(), "std::option::Option<std::string::String>");
        assert_eq!(s.try_output(), Some(Ty::string()));
        let r = Ty::reference(Ty::ext(RESULT, vec![Ty::string(), Ty::Unknown]), false);
        assert_eq!(r.unwrapped(), Some(Ty::string()));
        assert_eq!(r.try_output(), None, "`?` does not see through a reference");
        assert_eq!(Ty::SelfTy.subst(Some(&Ty::string()), &[], &[]), Ty::string());
        let f = Ty::future(Ty::string());
        assert_eq!(f.bound_assoc(FUTURE, "Output"), Some(Ty::string()));
        assert!(Ty::str_ref().is_string_like());
        assert!(Ty::sym(SymTy::RetOf(SymPath::Crate(["f".into()].into()))).is_deferred());
    }
}
