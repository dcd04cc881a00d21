//! The values the evaluator tracks: facts (label, shape, rules it is safe
//! for, path), the environment of locals, hints about locals, hits.

use rustc_hash::FxHashMap as HashMap;

use proc_macro2::Span;

use crate::taint::model::SourceKind;
use crate::taint::{Mask, Shape, SinkSite, Step};

pub(super) const NO_PATH: u32 = u32::MAX;
/// Facts kept per value (the first ones found win).
pub(super) const MAX_FACTS: usize = 12;
/// Steps kept per path.
pub(super) const MAX_STEPS: usize = 12;
/// Expression nesting the evaluator follows before giving up on a subtree.
pub(super) const MAX_DEPTH: u32 = 200;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) struct Fact {
    pub(super) label: u32,
    pub(super) path: u32,
    pub(super) shape: Shape,
    /// Rules this value is safe for.
    pub(super) sanitized: Mask,
    /// The value went through a weak sink (`Path::join`): its site, or
    /// `NO_PATH`. Reported only if the value leaves the function unchecked.
    pub(super) weak: u32,
    /// The value was joined onto a base path as the part pushed
    /// (`base.join(value)`): built into a path, not used as one whole.
    pub(super) joined: bool,
    /// The value was the base of a path built from it, with nothing it
    /// carries in the part joined on (`dir.join("tool")`): it chose a
    /// directory, not the whole path (`SinkModel::program`).
    pub(super) in_base: bool,
    /// Error-only: the value sits in an error (`Err(..)`, `bail!`,
    /// `anyhow!`), not in the success value (see `errors`).
    pub(super) err: bool,
    /// The value went into a library call whose result carries it: it is
    /// in that result's success value, never in its error (a library's
    /// error does not quote its arguments: see `errors`).
    pub(super) in_ok: bool,
    /// Went through a decoder: what the label was safe for as single-line
    /// text no longer holds (`lines`).
    pub(super) decoded: bool,
    /// A number decoded from bytes or text (see [`decoded`]).
    pub(super) wire: bool,
    /// Text of a value its type validated (`uri.path()`): parsing it again
    /// cannot fail (see `valid_text`).
    pub(super) valid_text: bool,
}

pub(super) type Taint = Vec<Fact>;

pub(super) fn union(a: &mut Taint, b: &[Fact]) {
    for f in b {
        if a.len() >= MAX_FACTS {
            return;
        }
        if !a.iter().any(|x| {
            x.label == f.label
                && x.shape == f.shape
                && x.sanitized == f.sanitized
                && x.err == f.err
                && x.in_ok == f.in_ok
                && x.decoded == f.decoded
                && x.wire == f.wire
                && x.valid_text == f.valid_text
                && x.in_base == f.in_base
        }) {
            a.push(*f);
        }
    }
}

/// The facts as values of another shape. Text made a number keeps none of
/// its sanitisations for rules whose sinks take numbers: a body capped in
/// size (`Limited`) says nothing of a length read from it.
pub(super) fn with_shape(t: &[Fact], shape: Shape) -> Taint {
    let mut out = Vec::with_capacity(t.len());
    for f in t {
        let to_number = f.shape == Shape::Text && shape == Shape::Number;
        let sanitized = if to_number { f.sanitized.without(crate::taint::numeric_rules()) } else { f.sanitized };
        // A number made of valid text is no valid text of that type.
        let valid_text = f.valid_text && !to_number;
        union(&mut out, &[Fact { shape, sanitized, valid_text, ..*f }]);
    }
    out
}

/// The facts as numbers decoded from what they held: `u32::from_be_bytes`,
/// `read_u32`, `parse`, `hi << 8 | lo`, a cast of what an object read off
/// the input gives (`file.size() as usize`). Under the library threat model
/// only such numbers are the caller's data: a count or an offset the code
/// computed over the caller's buffer (`bytes.len()`, a position found in
/// it) stays inside it.
pub(super) fn decoded(t: &[Fact]) -> Taint {
    with_shape(t, Shape::Number).into_iter().map(|f| Fact { wire: true, ..f }).collect()
}

/// A call by this name decodes a number from bytes or text: `from_be_bytes`
/// and friends, byteorder's and `bytes::Buf`'s `read_u32`/`get_u32`,
/// `parse`, `from_str_radix`. (`u32::from`, `try_from` convert a number.)
pub(super) fn decodes_number(name: &str) -> bool {
    let typed = |rest: &str| {
        matches!(rest, "uint" | "int" | "uint128" | "int128")
            || rest.strip_prefix(['u', 'i', 'f']).is_some_and(|r| {
                r.split('_').next().is_some_and(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
            })
    };
    (name.starts_with("from_") && name.ends_with("_bytes"))
        || matches!(name, "parse" | "from_str_radix")
        || name.strip_prefix("read_").or_else(|| name.strip_prefix("get_")).is_some_and(typed)
}

/// A number propagator's result: decoded when the call's name says so.
pub(super) fn as_number(t: &[Fact], name: &str) -> Taint {
    if decodes_number(name) { decoded(t) } else { with_shape(t, Shape::Number) }
}

pub(super) fn sanitize(t: &[Fact], bits: Mask) -> Taint {
    t.iter().map(|f| Fact { sanitized: f.sanitized.union(bits), ..*f }).collect()
}

#[derive(Clone, Debug)]
pub(super) enum Label {
    Source {
        kind: SourceKind,
        desc: String,
    },
    Param(u16),
    /// `param.field` read while the parameter was untouched.
    ParamField {
        param: u16,
        field: String,
    },
    CallRet(u32),
    /// The success value of call `.0`'s result (after `?`, `unwrap`, `Ok(v)`).
    CallOk(u32),
    /// Argument `arg` of call `call`, where the call returned true (a
    /// predicate: `if is_local(&t) { … }`; see `guard::call_checks`).
    Checked {
        call: u32,
        arg: u16,
    },
    /// Field `field` of what call `call` returned (`v.path` where `v` holds
    /// only that call's result).
    CallRetField {
        call: u32,
        field: String,
    },
}

/// One step of a path: where (a span, turned into a location only if the
/// path is reported) and what (an index into `msgs`).
pub(super) struct PathNode {
    pub(super) parent: u32,
    pub(super) span: Span,
    pub(super) msg: u32,
}

/// What we know about a local's type or construction.
#[derive(Clone, Debug, Default)]
pub(super) struct Hint {
    /// Resolved type path (`sqlx::PgPool`), if known.
    pub(super) ty: Option<Vec<String>>,
    /// A `Command` whose program is a shell.
    pub(super) shell: bool,
    /// … invoked with `-c` (or `/C`).
    pub(super) dash_c: bool,
    /// A list of arguments holding a shell's command flag (`let argv =
    /// vec!["-c", line]`), for `.args(argv)`.
    pub(super) shell_flags: bool,
    /// The elements of the list literal the local was bound to (`let argv
    /// = vec!["-l", "--", name]`), for `.args(argv)` (see `argv`).
    pub(super) list: Option<std::rc::Rc<Vec<syn::Expr>>>,
    /// An HTTP response builder with an HTML content type.
    pub(super) html: bool,
    /// A `Command` of a program that parses options: where its argument
    /// list stands (see `argv`).
    pub(super) argv: Option<super::argv::Argv>,
    /// A path normalised (`canonicalize`, `clean`, …): a `starts_with`
    /// check on it is a containment check (see `paths`).
    pub(super) normalised: bool,
    /// The width in bits of the integer the local holds, when its
    /// initialiser says (`u32::from_le_bytes(..) ^ crc`, `r.read_u32()?`):
    /// see `tables`.
    pub(super) int_bits: Option<u8>,
    /// The width in bits of the elements of the slice, array or `Vec`
    /// the local holds, when its declared type says (`src: &[u8]`): an
    /// element read (`src[i]`, `*src.get_unchecked(i)`) is that wide.
    pub(super) elem_bits: Option<u8>,
    /// An upper bound in bits of the size the local holds, set by each
    /// `let` (`Some(None)`: not known), unknown again once assigned;
    /// `None` until a `let` binds it (see `size_bound`).
    pub(super) size_bits: Option<Option<u32>>,
    /// The size its `let` bound it to when the crate or the callers
    /// decide (`taint::size`: a field or a method of another file, a
    /// parameter): set when `size_bits` is not small, cleared once
    /// assigned.
    pub(super) size_open: Option<std::rc::Rc<[crate::taint::size::SizeOp]>>,
    /// Its `let` bound it to the length of something already in memory
    /// (`let start = out.len()`), cleared once assigned: a size that adds
    /// a bounded step to it grows what is held by that step.
    pub(super) held_len: bool,
    /// The count a `vec![x; n]` (`n * k`, `n as usize`) its `let` bound
    /// was sized by: a read that fills the vector pays for `n` (see
    /// `read_loop`).
    pub(super) filled_by: Option<String>,
    /// A `bool` local holding a condition: its guards (`let ok = …; if ok`).
    pub(super) cond: Vec<super::guard::GuardFact>,
    /// The host of this URL local (`let host = url.host_str()?`): an
    /// allow-list check of the host is a host check of the URL.
    pub(super) host_of: Option<String>,
    /// The addresses this URL local's host resolves to (`let addrs =
    /// lookup_host((host, port))`): a check of each is an address check
    /// of the URL (`Guard::ResolvedAddressCheck`).
    pub(super) addrs_of: Option<String>,
    /// A local built from a struct literal (`let p = Opts { a, b }`): its
    /// fields, tracked one by one in the environment as `p.a`, `p.b`.
    pub(super) fields: Option<Vec<String>>,
    /// What a wrapper parameter derefs to (`body: Json<Value>` → `Value`):
    /// indexing `body[..]` indexes that type.
    pub(super) deref_ty: Option<Vec<String>>,
    /// The other end of a channel this local is one end of (`let (tx,
    /// rx) = mpsc::channel()`): see `channels`.
    pub(super) peer: Option<String>,
}

/// What each local (and tracked field, `p.a`) holds. Cloned at every
/// branch: the names are shared, not copied.
#[derive(Clone, Default, Debug)]
pub(super) struct Env(HashMap<std::rc::Rc<str>, Taint>);

impl Env {
    pub(super) fn get(&self, name: &str) -> Option<&Taint> {
        self.0.get(name)
    }

    pub(super) fn contains_key(&self, name: &str) -> bool {
        self.0.contains_key(name)
    }

    /// Set what `name` holds (its name allocated only when new).
    pub(super) fn insert(&mut self, name: &str, t: Taint) {
        match self.0.get_mut(name) {
            Some(v) => *v = t,
            None => {
                self.0.insert(name.into(), t);
            }
        }
    }

    /// What `name` holds, empty when new.
    pub(super) fn slot(&mut self, name: &str) -> &mut Taint {
        let key = self.0.get_key_value(name).map_or_else(|| name.into(), |(k, _)| k.clone());
        self.0.entry(key).or_default()
    }

    pub(super) fn iter(&self) -> impl Iterator<Item = (&str, &Taint)> {
        self.0.iter().map(|(k, v)| (&**k, v))
    }

    /// Set what `name` holds unless it holds something already.
    pub(super) fn insert_absent(&mut self, name: &str, t: Taint) {
        if !self.0.contains_key(name) {
            self.0.insert(name.into(), t);
        }
    }

    pub(super) fn shared_keys(&self) -> impl Iterator<Item = &std::rc::Rc<str>> {
        self.0.keys()
    }

    pub(super) fn retain(&mut self, mut keep: impl FnMut(&str, &mut Taint) -> bool) {
        self.0.retain(|k, v| keep(k, v));
    }

    pub(super) fn into_entries(self) -> impl Iterator<Item = (std::rc::Rc<str>, Taint)> {
        self.0.into_iter()
    }

    /// Merge `t` into what `name` holds (sharing the name).
    pub(super) fn union_into(&mut self, name: std::rc::Rc<str>, t: &Taint) {
        union(self.0.entry(name).or_default(), t);
    }
}

/// A sink reached by tainted facts (before they are sorted into direct
/// findings and summary flows).
pub(super) struct Hit {
    pub(super) site: usize,
    pub(super) facts: Taint,
}

/// A source-to-sink flow found inside one function.
pub(crate) struct DirectFinding {
    pub sink: SinkSite,
    pub source_kind: SourceKind,
    pub source_desc: String,
    pub steps: Vec<Step>,
}
