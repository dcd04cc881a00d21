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
    Applicability, Edit, Excerpt, Finding, FlowStep, Label, Location, NoteLevel, Notification, Pos, Suggestion,
    Suppression, SuppressionKind,
};
use crate::rules::Severity;
use crate::taint::api::ApiFacts;
use crate::taint::sem::SemStats;
use crate::taint::{
    ArgFields, CallSite, Callee, FlowOut, FnSummary, LabelOut, Shape, SinkSite, SourceKind, Step, TaintHit, Target,
};

/// Bytes being encoded. Paths equal to the file's own (most locations)
/// are written as a marker, not repeated.
pub(crate) struct Writer {
    buf: Vec<u8>,
    file: Option<Arc<str>>,
}

impl Writer {
    fn push(&mut self, b: u8) {
        self.buf.push(b);
    }

    fn extend_from_slice(&mut self, b: &[u8]) {
        self.buf.extend_from_slice(b);
    }
}

/// Length marking "the file's own path".
const SAME_FILE: u32 = u32::MAX;

/// Bytes being decoded.
pub(crate) struct Reader<'a> {
    buf: &'a [u8],
    file: Option<Arc<str>>,
}

impl<'a> Reader<'a> {
    pub(crate) fn new(buf: &'a [u8]) -> Self {
        Reader { buf, file: None }
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
    let mut w = Writer { buf: Vec::with_capacity(256), file: None };
    facts.path.put(&mut w);
    w.file = Some(facts.path.clone());
    facts.put(&mut w);
    w.buf
}

/// Decode a whole entry: trailing bytes mean damage. Locations share the
/// file's path (one allocation per file, as when analysed).
pub(crate) fn decode(buf: &[u8]) -> Option<FileFacts> {
    let mut r = Reader::new(buf);
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
    let mut w = Writer { buf: Vec::with_capacity(256), file: None };
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
    let mut w = Writer { buf: Vec::with_capacity(256), file: None };
    (hits.len() as u32).put(&mut w);
    for h in hits {
        h.put(&mut w);
    }
    w.buf
}

/// [`encode_hits`]'s bytes back; trailing bytes mean damage.
pub(crate) fn decode_hits(buf: &[u8]) -> Option<Vec<TaintHit>> {
    let mut r = Reader::new(buf);
    let hits = Vec::<TaintHit>::get(&mut r)?;
    r.is_empty().then_some(hits)
}

macro_rules! codec_int {
    ($($t:ty),*) => {$(
        impl Codec for $t {
            fn put(&self, w: &mut Writer) {
                w.extend_from_slice(&self.to_le_bytes());
            }
            fn get(r: &mut Reader<'_>) -> Option<Self> {
                r.array().map(<$t>::from_le_bytes)
            }
        }
    )*};
}
codec_int!(u8, u16, u32, u64);

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

fn put_str(s: &str, w: &mut Writer) {
    (s.len() as u32).put(w);
    w.extend_from_slice(s.as_bytes());
}

fn get_str<'a>(r: &mut Reader<'a>) -> Option<&'a str> {
    let n = r.len()?;
    std::str::from_utf8(r.take(n)?).ok()
}

impl Codec for String {
    fn put(&self, w: &mut Writer) {
        put_str(self, w);
    }
    fn get(r: &mut Reader<'_>) -> Option<Self> {
        get_str(r).map(String::from)
    }
}

impl Codec for Arc<str> {
    fn put(&self, w: &mut Writer) {
        match &w.file {
            Some(f) if f == self => SAME_FILE.put(w),
            _ => put_str(self, w),
        }
    }
    fn get(r: &mut Reader<'_>) -> Option<Self> {
        let mut peek = Reader::new(r.buf);
        if u32::get(&mut peek)? == SAME_FILE {
            r.buf = peek.buf;
            return r.file.clone();
        }
        get_str(r).map(Arc::from)
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

impl<T: Codec> Codec for Vec<T> {
    fn put(&self, w: &mut Writer) {
        (self.len() as u32).put(w);
        for v in self {
            v.put(w);
        }
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

codec_struct!(Pos { line, col, col_utf16 });
codec_struct!(Location { path, byte_start, byte_end, start, end });
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
    parses,
    converts_length,
    documented_panics,
    char_cut,
    excerpt,
    line_hash,
    norm_line,
    suppression,
    in_test,
    severity,
    fix,
});
codec_struct!(TaintHit { sink, source_kind, source_desc, steps, in_test });
codec_struct!(FlowOut { label, target, steps, shape, sanitized, err, decoded, joined, wire });
codec_struct!(CallSite { callee, loc, name, arity });
codec_struct!(FnSummary {
    name,
    impl_type,
    inline_mods,
    params,
    extractor_params,
    guard_params,
    responds,
    has_self,
    in_test,
    loc,
    labels,
    label_steps,
    flows,
    calls,
    sinks,
    checks,
    arg_fields,
    ret_fields,
    api,
    lib_params,
    self_fields,
});
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
});
codec_struct!(ApiFacts { mods, uses, types });
codec_struct!(ArgFields { call, arg, fields });
codec_struct!(SemStats { fns, bodies, calls, calls_resolved, methods, receivers_known });

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
mod tests {
    use super::*;

    fn loc(path: &str, line: u32) -> Location {
        Location {
            path: path.into(),
            byte_start: 10,
            byte_end: 20,
            start: Pos { line, col: 3, col_utf16: 3 },
            end: Pos { line, col: 9, col_utf16: 8 },
        }
    }

    fn sample() -> FileFacts {
        let mut props = serde_json::Map::new();
        props.insert("package".into(), serde_json::json!({"name": "x", "n": [1, 2]}));
        let finding = Finding {
            rule: "unwrap-used",
            severity: Severity::Medium,
            message: "m é".into(),
            location: loc("src/a.rs", 4),
            labels: vec![Label { location: loc("src/a.rs", 5), message: "l".into() }],
            help: Some("h".into()),
            notes: vec!["n1".into(), "n2".into()],
            flow: vec![FlowStep { location: loc("src/b.rs", 1), message: "f".into() }],
            in_test: true,
            test_value: true,
            fingerprint: "fp".into(),
            line_hash: "lh:1".into(),
            suppression: Some(Suppression {
                kind: SuppressionKind::InSource,
                justification: "why".into(),
                location: Some(loc("src/a.rs", 3)),
            }),
            excerpt: Some(Excerpt { first_line: 2, byte_offset: 7, text: "let x = y;\n".into(), clipped: 0 }),
            masks: vec![(1, 2), (5, 9)],
            properties: props,
            suggestions: vec![crate::finding::Suggestion {
                message: "s".into(),
                applicability: crate::finding::Applicability::MaybeIncorrect,
                edits: vec![crate::finding::Edit { location: loc("src/a.rs", 4), replacement: "r".into() }],
            }],
        };
        let sink = SinkSite {
            rule: "sql-injection",
            loc: loc("src/db.rs", 9),
            what: "w".into(),
            help: "h".into(),
            built_with: Some("format!".into()),
            weak: true,
            numeric: false,
            any_shape: true,
            parses: true,
            converts_length: true,
            documented_panics: true,
            char_cut: true,
            excerpt: None,
            line_hash: String::new(),
            norm_line: "q".into(),
            suppression: None,
            in_test: false,
            severity: Some(Severity::High),
            fix: vec![crate::finding::Edit { location: loc("src/a.rs", 9), replacement: ":?".into() }],
        };
        FileFacts {
            path: "src/a.rs".into(),
            findings: vec![finding],
            notifications: vec![Notification::new(NoteLevel::Warning, "parse-error", Some("src/a.rs".into()), "x")],
            child_mods: vec![ChildMod {
                name: "m".into(),
                path_attr: Some("p.rs".into()),
                cfg_paths: vec!["u.rs".into()],
                is_test: true,
                inline_parents: vec!["a".into()],
            }],
            unsafe_stats: UnsafeStats {
                functions: 1,
                methods: 2,
                blocks: 3,
                blocks_documented: 4,
                impls: 5,
                traits: 6,
                extern_blocks: 7,
            },
            forbids_unsafe: true,
            denies_unsafe: false,
            unsafe_lint_conditional: true,
            includes: vec!["gen.rs".into()],
            lines: 99,
            bytes: 1 << 40,
            analysed: true,
            taint_hits: vec![TaintHit {
                sink: sink.clone(),
                source_kind: SourceKind::Environment,
                source_desc: "env".into(),
                steps: vec![Step { loc: loc("src/a.rs", 2), msg: "s".into() }],
                in_test: false,
            }],
            summaries: vec![sample_summary(sink)],
            routes: vec![(vec!["api".into(), "h".into()], true, vec![1])],
            sem_stats: SemStats { fns: 1, bodies: 2, calls: 3, calls_resolved: 4, methods: 5, receivers_known: 6 },
            api: ApiFacts {
                mods: vec![(vec!["a".into()], true)],
                uses: vec![(vec![], vec!["a".into(), "f".into()], false)],
                types: vec![(vec!["a".into()], "T".into())],
            },
        }
    }

    fn sample_summary(sink: SinkSite) -> FnSummary {
        // A flow that adds nothing on the way (the first flow below sets every flag).
        let plain = |label, target, shape| FlowOut {
            label,
            target,
            steps: vec![],
            shape,
            sanitized: crate::taint::Mask::EMPTY,
            err: false,
            decoded: false,
            joined: false,
            wire: false,
        };
        FnSummary {
            name: "f".into(),
            impl_type: Some("T".into()),
            inline_mods: vec!["a".into()],
            params: vec!["x".into()],
            extractor_params: vec![(1, "Query".into(), Shape::Number)],
            guard_params: vec![(2, "Tenant".into())],
            responds: true,
            has_self: true,
            in_test: false,
            loc: Some(loc("src/a.rs", 1)),
            labels: vec![
                LabelOut::Source { kind: SourceKind::Remote, desc: "d".into() },
                LabelOut::Param(2),
                LabelOut::CallRet(0),
                LabelOut::CallOk(0),
                LabelOut::Checked { call: 1, arg: 2 },
                LabelOut::ParamField { param: 1, field: "base".into() },
                LabelOut::CallRetField { call: 1, field: "path".into() },
            ],
            label_steps: vec![None, Some(Step { loc: loc("src/a.rs", 2), msg: "p".into() })],
            flows: vec![
                FlowOut {
                    label: 0,
                    target: Target::Ret,
                    steps: vec![],
                    shape: Shape::Text,
                    sanitized: crate::taint::Mask::of(0).union(crate::taint::Mask::of(1)),
                    err: true,
                    decoded: true,
                    joined: true,
                    wire: true,
                },
                plain(1, Target::Arg { call: 0, arg: 1 }, Shape::Text),
                plain(5, Target::ArgField { call: 0, arg: 1, field: 1 }, Shape::Text),
                plain(6, Target::RetField { field: 0 }, Shape::Text),
                plain(2, Target::Sink(0), Shape::Number),
            ],
            calls: vec![
                CallSite {
                    callee: Callee::Path { segs: vec!["db".into(), "run".into()], via_import: true },
                    loc: None,
                    name: "run".into(),
                    arity: 2,
                },
                CallSite {
                    callee: Callee::Method { name: "exec".into(), recv_type: None, on_self: true },
                    loc: Some(loc("src/a.rs", 7)),
                    name: "exec".into(),
                    arity: 1,
                },
            ],
            sinks: vec![sink],
            checks: vec![(1, crate::taint::Mask::of(2))],
            arg_fields: vec![ArgFields { call: 0, arg: 1, fields: vec!["base".into(), "name".into()] }],
            ret_fields: vec!["path".into()],
            api: true,
            lib_params: vec![(1, "a path".into())],
            self_fields: vec!["len".into()],
        }
    }

    #[test]
    fn facts_round_trip_exactly() {
        let facts = sample();
        let bytes = encode(&facts);
        let back = decode(&bytes).expect("decodes");
        assert_eq!(format!("{back:?}"), format!("{facts:?}"));
        // The file's own path is stored once; other paths in full.
        let text = String::from_utf8_lossy(&bytes);
        assert_eq!(text.matches("src/a.rs").count(), 1);
        assert_eq!(text.matches("src/db.rs").count(), 2);
        assert!(Arc::ptr_eq(&back.path, &back.findings[0].location.path));
        assert_eq!(encode(&back), bytes);
        assert!(std::ptr::eq(back.findings[0].rule, crate::lints::by_id("unwrap-used").unwrap().meta().id));
    }

    #[test]
    fn damaged_entries_are_rejected_not_misread() {
        let bytes = encode(&sample());
        // Every truncation fails; so does a trailing byte.
        for cut in 0..bytes.len() {
            assert!(decode(&bytes[..cut]).is_none(), "truncated at {cut}");
        }
        let mut longer = bytes.clone();
        longer.push(0);
        assert!(decode(&longer).is_none());
        // A huge length is refused before anything is allocated.
        let mut bad = bytes.clone();
        bad[..4].copy_from_slice(&(u32::MAX - 1).to_le_bytes());
        assert!(decode(&bad).is_none());
        // The same-file marker before the file is known is damage too.
        bad[..4].copy_from_slice(&SAME_FILE.to_le_bytes());
        assert!(decode(&bad).is_none());
    }
}
