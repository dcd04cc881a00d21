//! A small binary encoding of [`FileFacts`] for the on-disk cache.
//!
//! The report formats serialise findings with serde and leave out what
//! only the engine needs (byte offsets, excerpts, masks, line hashes), so
//! the cache has its own encoding: little-endian integers, length-prefixed
//! strings and lists, one byte per enum variant. Structs list every field
//! (`codec_struct!` builds a struct literal), so a new field that is not
//! cached fails to compile instead of being lost. Decoding checks every
//! length and tag and returns `None` on anything unexpected: a damaged
//! entry is a cache miss, never a wrong result.

use std::sync::Arc;

use crate::engine::facts::FileFacts;
use crate::engine::walker::{ChildMod, UnsafeStats};
use crate::finding::{
    Applicability, Edit, Excerpt, Finding, FlowStep, Label, NoteLevel, Notification, Suggestion, Suppression,
    SuppressionKind,
};
use crate::rules::Severity;
use crate::taint::api::ApiFacts;
use crate::taint::macros::MacroFacts;
use crate::taint::sem::SemStats;
use crate::taint::size::{SizeFacts, SizeOp};
use crate::taint::{
    ArgFields, ArgSize, CallSite, Callee, FnBody, FnHead, LabelOut, Shape, SinkSite, SourceKind, Step, TaintHit, Target,
};

mod blocks;
mod compact;
mod deflated;
mod strings;

#[cfg(test)]
use blocks::{decode_list, encode_list, encode_summaries};
pub(crate) use blocks::{pack_list, pack_summaries, unpack_bodies, unpack_heads, unpack_list};

/// Bytes being encoded. Paths equal to the file's own (most locations)
/// are written as a marker, not repeated; in a block that numbers its
/// strings (`strings`), so is any string written before.
pub(crate) struct Writer {
    buf: Vec<u8>,
    file: Option<Arc<str>>,
    strings: Option<strings::Seen>,
    /// The last location's start offset and line (the next is written
    /// from them).
    last: (u32, u32),
}

impl Writer {
    /// A block of `file`'s facts (`None`: paths in full) whose strings are
    /// written once each when `numbered`.
    fn new(capacity: usize, file: Option<Arc<str>>, numbered: bool) -> Self {
        Writer { buf: Vec::with_capacity(capacity), file, strings: numbered.then(strings::Seen::default), last: (0, 0) }
    }

    fn push(&mut self, b: u8) {
        self.buf.push(b);
    }

    fn extend_from_slice(&mut self, b: &[u8]) {
        self.buf.extend_from_slice(b);
    }
}

/// Length marking "the file's own path" (others are written as their
/// length plus one).
const SAME_FILE: u32 = 0;

/// Bytes being decoded; in a block that numbers its strings, the strings
/// read so far, by number.
pub(crate) struct Reader<'a> {
    buf: &'a [u8],
    file: Option<Arc<str>>,
    strings: Option<Vec<&'a str>>,
    last: (u32, u32),
}

impl<'a> Reader<'a> {
    pub(crate) fn new(buf: &'a [u8]) -> Self {
        Reader { buf, file: None, strings: None, last: (0, 0) }
    }

    /// A block that numbers its strings ([`Writer::new`]).
    fn numbered(buf: &'a [u8], file: Option<Arc<str>>) -> Self {
        Reader { buf, file, strings: Some(Vec::new()), last: (0, 0) }
    }

    fn take(&mut self, n: usize) -> Option<&'a [u8]> {
        if n > self.buf.len() {
            return None;
        }
        let (head, rest) = self.buf.split_at(n);
        self.buf = rest;
        Some(head)
    }

    fn array<const N: usize>(&mut self) -> Option<[u8; N]> {
        self.take(N)?.try_into().ok()
    }

    /// A length that cannot exceed what is left (each item takes a byte
    /// or more), so a corrupt length never allocates gigabytes.
    fn len(&mut self) -> Option<usize> {
        let n = u32::get(self)? as usize;
        (n <= self.buf.len()).then_some(n)
    }

    pub(crate) fn is_empty(&self) -> bool {
        self.buf.is_empty()
    }
}

pub(crate) trait Codec: Sized {
    fn put(&self, w: &mut Writer);
    fn get(r: &mut Reader<'_>) -> Option<Self>;
}

/// The file's path, then its facts (where that path is a marker).
pub(crate) fn encode(facts: &FileFacts) -> Vec<u8> {
    let mut w = Writer::new(256, None, true);
    facts.path.put(&mut w);
    w.file = Some(facts.path.clone());
    facts.put(&mut w);
    w.buf
}

/// Decode a whole entry: trailing bytes mean damage. Locations share the
/// file's path (one allocation per file, as when analysed).
pub(crate) fn decode(buf: &[u8]) -> Option<FileFacts> {
    let mut r = Reader::numbered(buf, None);
    r.file = Some(Arc::<str>::get(&mut r)?);
    let facts = FileFacts::get(&mut r)?;
    r.is_empty().then_some(facts)
}

/// A hash of what the module tree and the cross-file join read of one
/// file: its path, `mod` declarations, function summaries (with their
/// locations), routes and API facts — not its own findings, so an edit
/// that changes none of these (a comment, a literal, a message) keeps the
/// join's last result ([`super::JoinSlot`]).
pub(crate) fn join_inputs_hash(facts: &FileFacts) -> u128 {
    let mut w = Writer::new(256, None, false);
    facts.path.put(&mut w);
    w.file = Some(facts.path.clone());
    facts.child_mods.put(&mut w);
    facts.summaries.put(&mut w);
    facts.routes.put(&mut w);
    facts.api.put(&mut w);
    xxhash_rust::xxh3::xxh3_128(&w.buf)
}

/// The cross-file join's hits (paths written in full).
pub(crate) fn encode_hits(hits: &[TaintHit]) -> Vec<u8> {
    let mut w = Writer::new(256, None, false);
    put_slice(hits, &mut w);
    w.buf
}

/// [`encode_hits`]'s bytes back; trailing bytes mean damage.
pub(crate) fn decode_hits(buf: &[u8]) -> Option<Vec<TaintHit>> {
    let mut r = Reader::new(buf);
    let hits = Vec::<TaintHit>::get(&mut r)?;
    r.is_empty().then_some(hits)
}

impl Codec for u8 {
    fn put(&self, w: &mut Writer) {
        w.push(*self);
    }
    fn get(r: &mut Reader<'_>) -> Option<Self> {
        r.array().map(u8::from_le_bytes)
    }
}

/// Wider integers as LEB128 varints: seven bits a byte, low bits first,
/// the high bit set on every byte but the last. Most are small (lengths,
/// lines, columns, indices, empty masks' words): one or two bytes instead
/// of four or eight, which halves what a file's summaries take while they
/// wait for the join (`Held::Packed`) and the cache's size.
fn put_varint(mut v: u64, w: &mut Writer) {
    while v >= 0x80 {
        w.push(v as u8 | 0x80);
        v >>= 7;
    }
    w.push(v as u8);
}

/// A varint of at most `bits` bits; a value that does not fit, an
/// overlong encoding or the end of the input is damage.
fn get_varint(r: &mut Reader<'_>, bits: u32) -> Option<u64> {
    let mut v: u64 = 0;
    for (i, &b) in r.buf.iter().enumerate() {
        let shift = 7 * i as u32;
        let part = u64::from(b & 0x7f);
        // Bits past the width would be lost: damage.
        if shift >= bits || (shift == 63 && part > 1) {
            return None;
        }
        v |= part << shift;
        if b & 0x80 == 0 {
            r.buf = &r.buf[i + 1..];
            return (bits == 64 || v >> bits == 0).then_some(v);
        }
    }
    None
}

macro_rules! codec_varint {
    ($($t:ty),*) => {$(
        impl Codec for $t {
            fn put(&self, w: &mut Writer) {
                put_varint(u64::from(*self), w);
            }
            fn get(r: &mut Reader<'_>) -> Option<Self> {
                get_varint(r, <$t>::BITS).and_then(|v| <$t>::try_from(v).ok())
            }
        }
    )*};
}
codec_varint!(u16, u32, u64);

impl Codec for crate::taint::Mask {
    fn put(&self, w: &mut Writer) {
        self.words().iter().for_each(|x| x.put(w));
    }
    fn get(r: &mut Reader<'_>) -> Option<Self> {
        let mut words = *crate::taint::Mask::EMPTY.words();
        for x in &mut words {
            *x = u64::get(r)?;
        }
        Some(crate::taint::Mask::from_words(words))
    }
}

impl Codec for bool {
    fn put(&self, w: &mut Writer) {
        w.push(u8::from(*self));
    }
    fn get(r: &mut Reader<'_>) -> Option<Self> {
        match u8::get(r)? {
            0 => Some(false),
            1 => Some(true),
            _ => None,
        }
    }
}

/// A string: its length and bytes; in a block that numbers its strings,
/// twice its length and its bytes the first time, twice its number plus
/// one after.
fn put_str(s: &str, w: &mut Writer) {
    let Some(seen) = &w.strings else {
        (s.len() as u32).put(w);
        return w.extend_from_slice(s.as_bytes());
    };
    if s.len() >= strings::MIN_LEN
        && let Some(n) = seen.find(s, &w.buf)
    {
        return put_varint(u64::from(n) * 2 + 1, w);
    }
    put_varint(s.len() as u64 * 2, w);
    let at = w.buf.len();
    w.extend_from_slice(s.as_bytes());
    if s.len() >= strings::MIN_LEN
        && let Some(seen) = &mut w.strings
    {
        seen.add(s, at);
    }
}

fn get_str<'a>(r: &mut Reader<'a>) -> Option<&'a str> {
    if r.strings.is_none() {
        let n = r.len()?;
        return std::str::from_utf8(r.take(n)?).ok();
    }
    let tag = get_varint(r, 64)?;
    if tag % 2 == 1 {
        return r.strings.as_ref()?.get(usize::try_from(tag / 2).ok()?).copied();
    }
    let n = usize::try_from(tag / 2).ok()?;
    let s = std::str::from_utf8(r.take(n)?).ok()?;
    if n >= strings::MIN_LEN {
        r.strings.as_mut()?.push(s);
    }
    Some(s)
}

impl Codec for String {
    fn put(&self, w: &mut Writer) {
        put_str(self, w);
    }
    fn get(r: &mut Reader<'_>) -> Option<Self> {
        get_str(r).map(String::from)
    }
}

/// A path: `SAME_FILE` for the file's own, else its length plus one and
/// its bytes.
impl Codec for Arc<str> {
    fn put(&self, w: &mut Writer) {
        match &w.file {
            Some(f) if f == self => SAME_FILE.put(w),
            _ => {
                (self.len() as u32 + 1).put(w);
                w.extend_from_slice(self.as_bytes());
            }
        }
    }
    fn get(r: &mut Reader<'_>) -> Option<Self> {
        let n = u32::get(r)?;
        if n == SAME_FILE {
            return r.file.clone();
        }
        let n = n as usize - 1;
        if n > r.buf.len() {
            return None;
        }
        std::str::from_utf8(r.take(n)?).ok().map(Arc::from)
    }
}

/// Rule ids and notification kinds: the engine's own `&'static str`s.
impl Codec for &'static str {
    fn put(&self, w: &mut Writer) {
        put_str(self, w);
    }
    fn get(r: &mut Reader<'_>) -> Option<Self> {
        get_str(r).map(intern)
    }
}

/// The static string equal to `s`: a rule id, else (notification kinds)
/// [`crate::util::intern::intern`].
fn intern(s: &str) -> &'static str {
    match crate::lints::by_id(s) {
        Some(rule) => rule.meta().id,
        None => crate::util::intern::intern(s),
    }
}

impl<T: Codec> Codec for Option<T> {
    fn put(&self, w: &mut Writer) {
        match self {
            None => w.push(0),
            Some(v) => {
                w.push(1);
                v.put(w);
            }
        }
    }
    fn get(r: &mut Reader<'_>) -> Option<Self> {
        match u8::get(r)? {
            0 => Some(None),
            1 => T::get(r).map(Some),
            _ => None,
        }
    }
}

/// A list: its length, then each item.
fn put_slice<T: Codec>(list: &[T], w: &mut Writer) {
    (list.len() as u32).put(w);
    for v in list {
        v.put(w);
    }
}

impl<T: Codec> Codec for Vec<T> {
    fn put(&self, w: &mut Writer) {
        put_slice(self, w);
    }
    fn get(r: &mut Reader<'_>) -> Option<Self> {
        let n = r.len()?;
        let mut out = Vec::with_capacity(n);
        for _ in 0..n {
            out.push(T::get(r)?);
        }
        Some(out)
    }
}

impl<A: Codec, B: Codec> Codec for (A, B) {
    fn put(&self, w: &mut Writer) {
        self.0.put(w);
        self.1.put(w);
    }
    fn get(r: &mut Reader<'_>) -> Option<Self> {
        Some((A::get(r)?, B::get(r)?))
    }
}

impl<A: Codec, B: Codec, C: Codec> Codec for (A, B, C) {
    fn put(&self, w: &mut Writer) {
        self.0.put(w);
        self.1.put(w);
        self.2.put(w);
    }
    fn get(r: &mut Reader<'_>) -> Option<Self> {
        Some((A::get(r)?, B::get(r)?, C::get(r)?))
    }
}

/// Finding properties (SARIF/JSON `properties`): as JSON text.
impl Codec for serde_json::Map<String, serde_json::Value> {
    fn put(&self, w: &mut Writer) {
        put_str(&serde_json::Value::Object(self.clone()).to_string(), w);
    }
    fn get(r: &mut Reader<'_>) -> Option<Self> {
        match serde_json::from_str(get_str(r)?).ok()? {
            serde_json::Value::Object(m) => Some(m),
            _ => None,
        }
    }
}

macro_rules! codec_struct {
    ($t:ty { $($f:ident),* $(,)? }) => {
        impl Codec for $t {
            fn put(&self, w: &mut Writer) {
                $(self.$f.put(w);)*
            }
            fn get(r: &mut Reader<'_>) -> Option<Self> {
                Some(Self { $($f: Codec::get(r)?,)* })
            }
        }
    };
}

macro_rules! codec_enum {
    ($t:ty { $($v:ident = $n:literal),* $(,)? }) => {
        impl Codec for $t {
            fn put(&self, w: &mut Writer) {
                w.push(match self { $(Self::$v => $n,)* });
            }
            fn get(r: &mut Reader<'_>) -> Option<Self> {
                Some(match u8::get(r)? { $($n => Self::$v,)* _ => return None })
            }
        }
    };
}

codec_enum!(Severity { Low = 0, Medium = 1, High = 2, Critical = 3 });
codec_enum!(NoteLevel { Note = 0, Warning = 1, Error = 2 });
codec_enum!(SuppressionKind { InSource = 0, External = 1 });
codec_enum!(Applicability { MachineApplicable = 0, MaybeIncorrect = 1, HasPlaceholders = 2, Unspecified = 3 });
codec_enum!(Shape { Text = 0, Number = 1 });
codec_enum!(SourceKind { Remote = 0, CommandLine = 1, Environment = 2, Stdin = 3, File = 4, Network = 5, Library = 6, Archive = 7 });

codec_struct!(Label { location, message });
codec_struct!(FlowStep { location, message });
codec_struct!(Excerpt { first_line, byte_offset, text, clipped });
codec_struct!(Suppression { kind, justification, location });
codec_struct!(Finding {
    rule,
    severity,
    message,
    location,
    labels,
    help,
    notes,
    flow,
    in_test,
    test_value,
    fingerprint,
    line_hash,
    suppression,
    excerpt,
    masks,
    properties,
    suggestions,
});
codec_struct!(Edit { location, replacement });
codec_struct!(Suggestion { message, applicability, edits });
codec_struct!(Notification { level, kind, path, line, col, message });
codec_struct!(ChildMod { name, path_attr, cfg_paths, is_test, inline_parents });
codec_struct!(UnsafeStats { functions, methods, blocks, blocks_documented, impls, traits, extern_blocks });
codec_struct!(Step { loc, msg });
codec_struct!(SinkSite {
    rule,
    loc,
    what,
    help,
    built_with,
    weak,
    numeric,
    any_shape,
    program,
    parses,
    converts_length,
    documented_panics,
    char_cut,
    size,
    excerpt,
    line_hash,
    norm_line,
    suppression,
    in_test,
    severity,
    fix,
});
codec_struct!(TaintHit { sink, source_kind, source_desc, steps, in_test });
codec_struct!(CallSite { callee, loc, name, arity });
codec_struct!(ArgSize { call, arg, ops });
codec_struct!(FnHead {
    name,
    impl_type,
    impl_trait,
    inline_mods,
    params,
    extractor_params,
    guard_params,
    responds,
    has_self,
    in_test,
    api,
    loc,
    calls,
    self_fields,
    self_pushed,
    self_writes,
    sink_flows,
});
codec_struct!(FnBody { labels, label_steps, flows, sinks, checks, arg_fields, arg_sizes, ret_fields, lib_params });
codec_struct!(FileFacts {
    path,
    findings,
    notifications,
    child_mods,
    unsafe_stats,
    forbids_unsafe,
    denies_unsafe,
    unsafe_lint_conditional,
    includes,
    lines,
    bytes,
    analysed,
    taint_hits,
    summaries,
    routes,
    sem_stats,
    api,
    sizes,
    macros,
});
codec_struct!(MacroFacts { returning, other, asked, told });
codec_struct!(SizeFacts { fields, rets, consts });
codec_struct!(ApiFacts { mods, uses, types });
codec_struct!(ArgFields { call, arg, fields });
codec_struct!(SemStats { fns, bodies, calls, calls_resolved, methods, receivers_known });

impl<A: Codec, B: Codec, C: Codec, D: Codec> Codec for (A, B, C, D) {
    fn put(&self, w: &mut Writer) {
        self.0.put(w);
        self.1.put(w);
        self.2.put(w);
        self.3.put(w);
    }
    fn get(r: &mut Reader<'_>) -> Option<Self> {
        Some((A::get(r)?, B::get(r)?, C::get(r)?, D::get(r)?))
    }
}

impl Codec for SizeOp {
    fn put(&self, w: &mut Writer) {
        match self {
            SizeOp::Bits(b) => {
                w.push(0);
                b.put(w);
            }
            SizeOp::Konst(b) => {
                w.push(1);
                b.put(w);
            }
            SizeOp::Field(ty, name) => {
                w.push(2);
                ty.put(w);
                name.put(w);
            }
            SizeOp::Ret(ty, name, method) => {
                w.push(3);
                ty.put(w);
                name.put(w);
                method.put(w);
            }
            SizeOp::Const(name) => {
                w.push(4);
                name.put(w);
            }
            SizeOp::Mul => w.push(5),
            SizeOp::Add => w.push(6),
            SizeOp::Max => w.push(7),
            SizeOp::Min => w.push(8),
            SizeOp::Param(i) => {
                w.push(9);
                i.put(w);
            }
        }
    }
    fn get(r: &mut Reader<'_>) -> Option<Self> {
        Some(match u8::get(r)? {
            0 => SizeOp::Bits(u32::get(r)?),
            1 => SizeOp::Konst(u32::get(r)?),
            2 => SizeOp::Field(Option::get(r)?, String::get(r)?),
            3 => SizeOp::Ret(Option::get(r)?, String::get(r)?, bool::get(r)?),
            4 => SizeOp::Const(String::get(r)?),
            5 => SizeOp::Mul,
            6 => SizeOp::Add,
            7 => SizeOp::Max,
            8 => SizeOp::Min,
            9 => SizeOp::Param(u16::get(r)?),
            _ => return None,
        })
    }
}

impl Codec for Target {
    fn put(&self, w: &mut Writer) {
        match *self {
            Target::Ret => w.push(0),
            Target::Arg { call, arg } => {
                w.push(1);
                call.put(w);
                arg.put(w);
            }
            Target::Sink(s) => {
                w.push(2);
                s.put(w);
            }
            Target::ArgField { call, arg, field } => {
                w.push(3);
                call.put(w);
                arg.put(w);
                field.put(w);
            }
            Target::RetField { field } => {
                w.push(4);
                field.put(w);
            }
            Target::SelfField(field) => {
                w.push(5);
                field.put(w);
            }
        }
    }
    fn get(r: &mut Reader<'_>) -> Option<Self> {
        Some(match u8::get(r)? {
            0 => Target::Ret,
            1 => Target::Arg { call: u32::get(r)?, arg: u16::get(r)? },
            2 => Target::Sink(u32::get(r)?),
            3 => Target::ArgField { call: u32::get(r)?, arg: u16::get(r)?, field: u16::get(r)? },
            4 => Target::RetField { field: u16::get(r)? },
            5 => Target::SelfField(u16::get(r)?),
            _ => return None,
        })
    }
}

impl Codec for LabelOut {
    fn put(&self, w: &mut Writer) {
        match self {
            LabelOut::Source { kind, desc } => {
                w.push(0);
                kind.put(w);
                desc.put(w);
            }
            LabelOut::Param(p) => {
                w.push(1);
                p.put(w);
            }
            LabelOut::CallRet(c) => {
                w.push(2);
                c.put(w);
            }
            LabelOut::CallOk(c) => {
                w.push(3);
                c.put(w);
            }
            LabelOut::Checked { call, arg } => {
                w.push(4);
                call.put(w);
                arg.put(w);
            }
            LabelOut::ParamField { param, field } => {
                w.push(5);
                param.put(w);
                field.put(w);
            }
            LabelOut::CallRetField { call, field } => {
                w.push(6);
                call.put(w);
                field.put(w);
            }
        }
    }
    fn get(r: &mut Reader<'_>) -> Option<Self> {
        Some(match u8::get(r)? {
            0 => LabelOut::Source { kind: SourceKind::get(r)?, desc: String::get(r)? },
            1 => LabelOut::Param(u16::get(r)?),
            2 => LabelOut::CallRet(u32::get(r)?),
            3 => LabelOut::CallOk(u32::get(r)?),
            4 => LabelOut::Checked { call: u32::get(r)?, arg: u16::get(r)? },
            5 => LabelOut::ParamField { param: u16::get(r)?, field: String::get(r)? },
            6 => LabelOut::CallRetField { call: u32::get(r)?, field: String::get(r)? },
            _ => return None,
        })
    }
}

impl Codec for Callee {
    fn put(&self, w: &mut Writer) {
        match self {
            Callee::Path { segs, via_import } => {
                w.push(0);
                segs.put(w);
                via_import.put(w);
            }
            Callee::Method { name, recv_type, on_self } => {
                w.push(1);
                name.put(w);
                recv_type.put(w);
                on_self.put(w);
            }
        }
    }
    fn get(r: &mut Reader<'_>) -> Option<Self> {
        Some(match u8::get(r)? {
            0 => Callee::Path { segs: Codec::get(r)?, via_import: bool::get(r)? },
            1 => Callee::Method { name: String::get(r)?, recv_type: Codec::get(r)?, on_self: bool::get(r)? },
            _ => return None,
        })
    }
}

#[cfg(test)]
mod tests;
