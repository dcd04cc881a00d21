//! What a path names, as far as one file can tell ([`SymPath`]).
//!
//! A path written in a file resolves, with that file alone, to an external
//! canonical path (`std::path::Path`), an absolute path of the current crate
//! (`crate::db::run`), a path relative to the file's own module (its items,
//! `self::`, `super::`: only the join knows where the file sits), a path
//! that starts at `Self`, a local variable, or nothing yet (a name that may
//! come from a glob import of a crate module, resolved at the join).

use std::fmt;
use std::sync::Arc;

/// An interned-by-sharing name or path string.
pub type Name = Arc<str>;

/// A path's segments, shared: a path is cloned at every inferred
/// expression and type, so a clone is a reference count, not a copy.
pub type Segs = Arc<[Name]>;

/// A path resolved as far as one file allows.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum SymPath {
    /// A canonical path in an external crate (`std::path::Path`; `core` and
    /// `alloc` are spelled `std`), or a primitive type (`str`, `u32`).
    Extern(Name),
    /// An absolute path in the current crate: `crate::a::b` is `[a, b]`.
    Crate(Segs),
    /// Relative to the module of the file: `supers` levels above it, then
    /// `segs` (the file's own items are `supers: 0`).
    Rel { supers: u8, segs: Segs },
    /// A path that starts at `Self` (`Self::new` is `[new]`).
    SelfTy(Segs),
    /// A local variable or parameter.
    Local(Name),
    /// Not known in this file: a name that glob imports of crate modules
    /// (`globs`, paths of this file's scope) may bring; failing that, a path
    /// of more than one segment names an external crate.
    Unresolved { segs: Segs, globs: Arc<[SymPath]> },
}

impl SymPath {
    /// An external path from its segments (`core`/`alloc` → `std`).
    pub fn external<S: AsRef<str>>(segs: &[S]) -> SymPath {
        let mut s = String::new();
        for (i, seg) in segs.iter().enumerate() {
            if i > 0 {
                s.push_str("::");
            }
            let seg = seg.as_ref();
            s.push_str(if i == 0 { normalize_root(seg) } else { seg });
        }
        SymPath::Extern(s.into())
    }

    /// The external canonical path, if this is one.
    pub fn as_extern(&self) -> Option<&str> {
        match self {
            SymPath::Extern(p) => Some(p),
            _ => None,
        }
    }

    /// Exactly this external path (`std::mem::transmute`).
    pub fn is(&self, canonical: &str) -> bool {
        self.as_extern() == Some(canonical)
    }

    /// The last segment (`run` for `crate::db::run`).
    pub fn last(&self) -> &str {
        match self {
            SymPath::Extern(p) => p.rsplit("::").next().unwrap_or(p),
            SymPath::Local(n) => n,
            SymPath::Crate(s)
            | SymPath::Rel { segs: s, .. }
            | SymPath::SelfTy(s)
            | SymPath::Unresolved { segs: s, .. } => s.last().map_or("", |n| n),
        }
    }

    /// This path with one more segment.
    pub fn join(&self, seg: &str) -> SymPath {
        let mut p = self.clone();
        match &mut p {
            SymPath::Extern(s) => *s = format!("{s}::{seg}").into(),
            SymPath::Local(_) => {}
            SymPath::Crate(s)
            | SymPath::Rel { segs: s, .. }
            | SymPath::SelfTy(s)
            | SymPath::Unresolved { segs: s, .. } => *s = s.iter().cloned().chain([seg.into()]).collect(),
        }
        p
    }

    /// This path without its last segment (`None` when nothing is left).
    pub fn parent(&self) -> Option<SymPath> {
        let mut p = self.clone();
        match &mut p {
            SymPath::Extern(s) => {
                let (head, _) = s.rsplit_once("::")?;
                *s = head.into();
            }
            SymPath::Local(_) => return None,
            SymPath::SelfTy(s) => {
                let (_, head) = s.split_last()?;
                *s = head.into();
            }
            SymPath::Crate(s) | SymPath::Rel { segs: s, .. } | SymPath::Unresolved { segs: s, .. } => {
                let (_, head) = s.split_last()?;
                if head.is_empty() {
                    return None;
                }
                *s = head.into();
            }
        }
        Some(p)
    }

    /// Whether the path names something of the current crate (as opposed to
    /// an external crate, a local or `Self`); unresolved paths may.
    pub fn is_crate_item(&self) -> bool {
        matches!(self, SymPath::Crate(_) | SymPath::Rel { .. })
    }
}

impl fmt::Display for SymPath {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let segs = |f: &mut fmt::Formatter<'_>, pre: &str, s: &[Name]| {
            f.write_str(pre)?;
            for (i, x) in s.iter().enumerate() {
                if i > 0 || !pre.is_empty() {
                    f.write_str("::")?;
                }
                f.write_str(x)?;
            }
            Ok(())
        };
        match self {
            SymPath::Extern(p) => f.write_str(p),
            SymPath::Crate(s) => segs(f, "crate", s),
            SymPath::Rel { supers, segs: s } => {
                let pre = vec!["super"; *supers as usize].join("::");
                segs(f, if pre.is_empty() { "self" } else { &pre }, s)
            }
            SymPath::SelfTy(s) => segs(f, "Self", s),
            SymPath::Local(n) => f.write_str(n),
            SymPath::Unresolved { segs: s, .. } => segs(f, "", s),
        }
    }
}

/// `core` and `alloc` are spelled `std`.
pub fn normalize_root(s: &str) -> &str {
    match s {
        "core" | "alloc" => "std",
        other => other,
    }
}

/// Primitive types (they live in the type namespace everywhere).
pub fn is_primitive(name: &str) -> bool {
    matches!(
        name,
        "bool"
            | "char"
            | "str"
            | "u8"
            | "u16"
            | "u32"
            | "u64"
            | "u128"
            | "usize"
            | "i8"
            | "i16"
            | "i32"
            | "i64"
            | "i128"
            | "isize"
            | "f32"
            | "f64"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn external_paths_are_normalised_and_printed() {
        let p = SymPath::external(&["core", "mem", "swap"]);
        assert!(p.is("std::mem::swap"));
        assert_eq!(p.last(), "swap");
        assert_eq!(p.parent(), Some(SymPath::Extern("std::mem".into())));
        assert_eq!(p.join("x").to_string(), "std::mem::swap::x");
        let r = SymPath::Rel { supers: 2, segs: ["a".into(), "b".into()].into() };
        assert_eq!(r.to_string(), "super::super::a::b");
        assert_eq!(SymPath::Crate(["db".into()].into()).to_string(), "crate::db");
        assert!(r.is_crate_item());
        assert_eq!(SymPath::Crate(["db".into()].into()).parent(), None);
    }
}
