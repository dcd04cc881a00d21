//! The data-flow (taint) engine: untrusted input reaching dangerous sinks.
//!
//! - `model`: sources, sinks, sanitizers and propagators as data
//!   (`lints/models/*.toml`, plus `[taint]` in sast.toml).
//! - `intra`: one function at a time, in the parallel per-file phase:
//!   source-to-sink flows inside the function are findings at once; flows
//!   from parameters and into calls are kept as a compact summary.
//! - `join`: after all files, summaries are connected across functions and
//!   files of the workspace (parameter → return, parameter → sink), giving
//!   inter-procedural findings with the whole path.
//!
//! - `mask`: sets of rules (what a value is safe for, what is enabled),
//!   one bit per rule of the catalog.
//!
//! One rule per sink family lives in `lints/taint/`: its docs, metadata and
//! `TaintSpec` (the guards that make a value safe for it, how a macro
//! sink's arguments reach it). The engine reads the specs of the enabled
//! rules and names no rule itself.

pub(crate) mod api;
pub(crate) mod intra;
pub(crate) mod join;
pub(crate) mod macros;
pub(crate) mod mask;
pub(crate) mod model;
mod parts;
pub(crate) mod sem;
pub(crate) mod size;

use std::sync::{Arc, OnceLock};

use crate::finding::{Excerpt, Location, Suppression};
use crate::rules::Severity;
use crate::rules::file::FileCtx;
use crate::syntax::FnLike;

pub(crate) use mask::{Mask, rule_bit};

/// Do values inside errors reach this rule's sinks? (Error messages are
/// logged and rendered; they are not opened, run or queried.)
pub(crate) fn errors_reach(rule: &str) -> bool {
    mask::spec(rule).is_some_and(|s| s.error_values)
}
pub(crate) use model::{Models, SourceKind};
pub(crate) use parts::{FnBody, FnHead};

/// Is a library parameter that reaches this rule's sinks whole an attack
/// (see `TaintSpec::library_whole`)?
pub(crate) fn library_whole(rule: &str) -> bool {
    mask::spec(rule).is_some_and(|s| s.library_whole)
}

/// Text can carry injection payloads; numbers cannot (but can size allocations).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub(crate) enum Shape {
    Text,
    Number,
}

/// One step of a flow path.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Step {
    pub loc: Location,
    pub msg: String,
}

/// Where a flow ends inside a function.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub(crate) enum Target {
    /// The function's return value.
    Ret,
    /// Argument `arg` of call site `call` (receiver = 0 for methods).
    Arg { call: u32, arg: u16 },
    /// Sink site index.
    Sink(u32),
    /// Field `field` (an index into the call's [`ArgFields`] entry) of
    /// argument `arg` of call `call`: a struct literal or a local whose
    /// fields are tracked.
    ArgField { call: u32, arg: u16, field: u16 },
    /// Field `field` (an index into [`FnBody::ret_fields`]) of the
    /// return value, when every tainted return is a struct literal.
    RetField { field: u16 },
    /// Field `.0` (an index into [`FnHead::self_fields`]) of the value
    /// of the method's own type: `self.len = n` in a method, a field of
    /// `Self { .. }` built in an associated fn. The join reads it back
    /// where another method of the type reads `self.len`.
    SelfField(u16),
}

/// In `ArgFields::fields`: every field of the argument not listed on its
/// own (a local whose fields were assigned one by one: `info.size = n`).
pub(crate) const REST_FIELD: &str = "..";

/// An argument whose fields the caller tracks one by one: the fields of a
/// callee's parameter are resolved from the flows into each
/// (`Target::ArgField`), not from the whole argument.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct ArgFields {
    pub call: u32,
    pub arg: u16,
    pub fields: Vec<String>,
}

/// A flow recorded in a summary: label → target, with its path.
#[derive(Clone, Debug)]
pub(crate) struct FlowOut {
    pub label: u32,
    pub target: Target,
    pub steps: Vec<Step>,
    pub shape: Shape,
    pub sanitized: Mask,
    /// Error-only: the value reaches the target inside an error.
    pub err: bool,
    /// A decoder on the way (percent, base64): what the label was safe for
    /// as single-line text no longer holds (`intra::lines`).
    pub decoded: bool,
    /// The value was joined onto a base path on the way (`base.join(v)`).
    pub joined: bool,
    /// The value was the base of a path built on the way, with nothing it
    /// carries in the part joined on (`v.join("tool")`): it chose a
    /// directory, not the whole path.
    pub in_base: bool,
    /// A number decoded from bytes or text on the way (`from_be_bytes`,
    /// `read_u32`, `parse`, `hi << 8 | lo`, a cast of what a reader gave):
    /// the library threat model's numbers (see `intra::state::decoded`).
    pub wire: bool,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum LabelOut {
    Source {
        kind: SourceKind,
        desc: String,
    },
    Param(u16),
    /// Field `field` of parameter `param`, read as `param.field` while the
    /// parameter was untouched: the join resolves it from the caller's
    /// flows into that field when it tracks them (`ArgFields`).
    ParamField {
        param: u16,
        field: String,
    },
    CallRet(u32),
    /// The success value of a call's result (`?`, `unwrap`, `Ok(v)`): the
    /// callee's error-only returns do not reach it.
    CallOk(u32),
    /// Argument `arg` of call `call` where the call returned true: safe
    /// for what the callee's `checks` say of that parameter.
    Checked {
        call: u32,
        arg: u16,
    },
    /// Field `field` of what call `call` returned (`variant(..).path`):
    /// resolved from the callee's flows into that field of its return
    /// value when it has them (`FnBody::ret_fields`), else from the
    /// whole result.
    CallRetField {
        call: u32,
        field: String,
    },
}

/// How a call names its callee.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Callee {
    /// `helper(x)`, `db::audit(x)`, `Store::open(x)` (after import resolution).
    Path { segs: Vec<String>, via_import: bool },
    /// `recv.name(..)`; the receiver is argument 0. `recv_type` is the
    /// receiver's type name, when known.
    Method { name: String, recv_type: Option<String>, on_self: bool },
}

#[derive(Clone, Debug)]
pub(crate) struct CallSite {
    pub callee: Callee,
    pub loc: Option<Location>,
    pub name: String,
    pub arity: u16,
}

/// What bounds argument `arg` of call `call` as a size (`size::SizeOp`s,
/// postfix, in the caller's terms: its own parameters are
/// `SizeOp::Param`), for an argument whose types or the crate bound it
/// (`n_u16 as usize`, `hdr.len as usize`, a constant) or that passes on
/// a parameter: the join judges a callee's allocation sized by its
/// parameter with what each caller passes (`join::bounds`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct ArgSize {
    pub call: u32,
    pub arg: u16,
    pub ops: Vec<size::SizeOp>,
}

/// A sink reached inside a function, with what reports need.
#[derive(Clone, Debug, Default)]
pub(crate) struct SinkSite {
    pub rule: &'static str,
    pub loc: Location,
    pub what: String,
    pub help: String,
    /// How the argument was built (`format!`), for the message.
    pub built_with: Option<String>,
    pub weak: bool,
    /// The dangerous argument is a number (allocation sizes).
    pub numeric: bool,
    /// Text and numbers alike reach it.
    pub any_shape: bool,
    /// The value names the program to run (`SinkModel::program`).
    pub program: bool,
    /// An `unwrap` of a parse, decode or conversion (`when = "fallible"`):
    /// the whole value is what fails, not an offset into it.
    pub parses: bool,
    /// That parse is a slice made an array (`b.try_into().unwrap()`,
    /// `<[u8; 4]>::try_from(b)`): what fails is the length the caller
    /// passed, not the content of its bytes.
    pub converts_length: bool,
    /// The enclosing function documents its panics (`# Panics`).
    pub documented_panics: bool,
    /// A `str` cut at an offset worked out from a length (`&s[..s.len().
    /// min(N)]`): any text with a multi-byte character there panics, so
    /// the whole text is what matters, in any function.
    pub char_cut: bool,
    /// An allocation size whose bound the crate's other files decide
    /// (`size::SizeOp`s, postfix; empty when none is open): the
    /// crate-level step drops the hit when they bound it.
    pub size: Vec<size::SizeOp>,
    // Filled in when the file is finalised:
    pub excerpt: Option<Excerpt>,
    pub line_hash: String,
    pub norm_line: String,
    pub suppression: Option<Suppression>,
    pub in_test: bool,
    pub severity: Option<Severity>,
    /// Edits that would make the sink safe but may change what it does
    /// (log injection: `{}` → `{:?}`); empty when there is none.
    pub fix: Vec<crate::finding::Edit>,
}

/// A function's summary for the join, in the two parts the join reads
/// differently (`parts`).
#[derive(Clone, Debug, Default)]
pub(crate) struct FnSummary {
    pub head: FnHead,
    pub body: FnBody,
}

impl FnSummary {
    /// Worth keeping for the join: something flows somewhere.
    pub(crate) fn is_useful(&self) -> bool {
        !self.body.flows.is_empty() || !self.body.checks.is_empty()
    }

    /// Which labels and calls the flows use: a flow's label, the call a flow
    /// goes into, and the call whose result a used label is.
    pub(crate) fn used_labels_and_calls(&self) -> (Vec<bool>, Vec<bool>) {
        let mut used_labels = vec![false; self.body.labels.len()];
        let mut used_calls = vec![false; self.head.calls.len()];
        for fl in &self.body.flows {
            if let Some(u) = used_labels.get_mut(fl.label as usize) {
                *u = true;
            }
            if let Target::Arg { call, .. } | Target::ArgField { call, .. } = fl.target
                && let Some(u) = used_calls.get_mut(call as usize)
            {
                *u = true;
            }
        }
        for (l, &used) in self.body.labels.iter().zip(&used_labels) {
            if let (
                LabelOut::CallRet(c)
                | LabelOut::CallOk(c)
                | LabelOut::Checked { call: c, .. }
                | LabelOut::CallRetField { call: c, .. },
                true,
            ) = (l, used)
                && let Some(u) = used_calls.get_mut(*c as usize)
            {
                *u = true;
            }
        }
        (used_labels, used_calls)
    }

    /// Drop labels and calls no flow refers to (renumbering the rest), so
    /// summaries stay small until the join.
    pub(crate) fn compact(&mut self) {
        use crate::util::compact::exact;
        let (used_labels, used_calls) = self.used_labels_and_calls();
        let mut label_map = vec![u32::MAX; self.body.labels.len()];
        let mut call_map = vec![u32::MAX; self.head.calls.len()];
        // Kept until the join: every vector at its exact size.
        let mut calls = Vec::with_capacity(used_calls.iter().filter(|&&u| u).count());
        for (i, c) in std::mem::take(&mut self.head.calls).into_iter().enumerate() {
            if used_calls[i] {
                call_map[i] = calls.len() as u32;
                calls.push(c);
            }
        }
        self.head.calls = calls;
        self.body.arg_fields.retain_mut(|a| {
            a.call = call_map.get(a.call as usize).copied().unwrap_or(u32::MAX);
            a.call != u32::MAX
        });
        self.body.arg_sizes.retain_mut(|a| {
            a.call = call_map.get(a.call as usize).copied().unwrap_or(u32::MAX);
            a.call != u32::MAX
        });
        let kept = used_labels.iter().filter(|&&u| u).count();
        let mut labels = Vec::with_capacity(kept);
        let mut label_steps = Vec::with_capacity(kept);
        let mut old_steps = std::mem::take(&mut self.body.label_steps);
        for (i, l) in std::mem::take(&mut self.body.labels).into_iter().enumerate() {
            if used_labels[i] {
                label_map[i] = labels.len() as u32;
                labels.push(match l {
                    LabelOut::CallRet(c) => LabelOut::CallRet(call_map[c as usize]),
                    LabelOut::CallOk(c) => LabelOut::CallOk(call_map[c as usize]),
                    LabelOut::Checked { call, arg } => LabelOut::Checked { call: call_map[call as usize], arg },
                    LabelOut::CallRetField { call, field } => {
                        LabelOut::CallRetField { call: call_map[call as usize], field }
                    }
                    other => other,
                });
                label_steps.push(old_steps.get_mut(i).and_then(Option::take));
            }
        }
        self.body.labels = labels;
        self.body.label_steps = label_steps;
        for fl in &mut self.body.flows {
            fl.label = label_map[fl.label as usize];
            match fl.target {
                Target::Arg { call, arg } => fl.target = Target::Arg { call: call_map[call as usize], arg },
                Target::ArgField { call, arg, field } => {
                    fl.target = Target::ArgField { call: call_map[call as usize], arg, field }
                }
                Target::Ret | Target::RetField { .. } | Target::Sink(_) | Target::SelfField(_) => {}
            }
            // Arguments keep no path: the join rebuilds it from where the
            // value entered the function (`label_steps`) and the call.
            if matches!(fl.target, Target::Arg { .. } | Target::ArgField { .. }) {
                fl.steps = Vec::new();
            } else {
                keep_ends(&mut fl.steps, 2, 6);
                fl.steps = exact(std::mem::take(&mut fl.steps));
            }
        }
        self.body.flows = exact(std::mem::take(&mut self.body.flows));
        self.head.params = exact(std::mem::take(&mut self.head.params));
        self.body.sinks = exact(std::mem::take(&mut self.body.sinks));
        self.body.arg_fields = exact(std::mem::take(&mut self.body.arg_fields));
        self.body.arg_sizes = exact(std::mem::take(&mut self.body.arg_sizes));
    }
}

/// Shorten a long path to `max` entries: its first `head` and its last
/// `max - head`.
pub(crate) fn keep_ends<T>(v: &mut Vec<T>, head: usize, max: usize) {
    if v.len() > max {
        let tail = v.split_off(v.len() - (max - head));
        v.truncate(head);
        v.extend(tail);
    }
}

/// A source-to-sink flow, ready to become a finding.
#[derive(Clone, Debug)]
pub(crate) struct TaintHit {
    pub sink: SinkSite,
    pub source_kind: SourceKind,
    pub source_desc: String,
    pub steps: Vec<Step>,
    pub in_test: bool,
}

/// Does this rule (with these settings) report flows from this kind of source?
pub(crate) fn accepts_source(
    rule: &'static str,
    settings: Option<&crate::rules::settings::RuleSettings>,
    kind: SourceKind,
) -> bool {
    let name = kind.as_str();
    if let Some(crate::rules::settings::OptValue::StrList(list)) = settings.and_then(|s| s.options.get("sources")) {
        return list.iter().any(|k| k == name);
    }
    crate::lints::by_id(rule)
        .and_then(|r| r.meta().option("sources"))
        .is_none_or(|o| o.default.split(',').any(|k| k.trim() == name))
}

/// The built-in models, loaded once.
pub(crate) fn builtin_models() -> &'static Arc<Models> {
    static MODELS: OnceLock<Arc<Models>> = OnceLock::new();
    MODELS.get_or_init(|| Arc::new(Models::builtin().unwrap_or_default()))
}

/// What the analysis of a file's functions shares.
pub(crate) struct FileTaint<'a> {
    pub file: &'a FileCtx,
    pub models: &'a Models,
    /// Crate names of the workspace.
    pub workspace: &'a std::collections::HashSet<String>,
    /// Taint rules enabled for this file.
    pub enabled: Mask,
    /// The file's semantic model (none for items inside macros).
    pub sem: Option<&'a sem::SemFile<'a>>,
}

/// Rules some built-in sink of which takes a number (allocation sizes).
pub(crate) fn numeric_rules() -> Mask {
    static RULES: OnceLock<Mask> = OnceLock::new();
    *RULES.get_or_init(|| {
        let m = builtin_models();
        let fns = m.fn_sinks.values().flatten();
        let methods = m.method_sinks.values().flatten().map(|(_, s)| s);
        let macros = m.macro_sinks.values().flatten();
        fns.chain(methods)
            .chain(macros)
            .filter(|s| s.numeric)
            .filter_map(|s| rule_bit(&s.rule))
            .fold(Mask::EMPTY, |acc, b| acc.union(Mask::of(b)))
    })
}

/// Is a function's summary kept for the join? When something flows
/// somewhere, and also when nothing flows into the result of a function
/// that returns a value: its callers must resolve it (a clean result), not
/// take it for a library call whose result carries its arguments.
pub(crate) fn keeps_summary(summary: &FnSummary, f: &FnLike<'_>) -> bool {
    summary.is_useful() || (matches!(f.sig.output, syn::ReturnType::Type(..)) && !f.sig.inputs.is_empty())
}

/// Analyse one function.
pub(crate) fn analyze_fn(
    cx: &FileTaint<'_>,
    f: &FnLike<'_>,
    in_test: bool,
    inline_mods: &[String],
) -> (Vec<TaintHit>, Option<FnSummary>) {
    let fsem =
        cx.sem.map(|s| Box::new(sem::FnSem::new(s, *f, cx.models, &cx.file.imports)) as Box<dyn sem::FnSemantic + '_>);
    let (direct, mut summary) = intra::FnAnalysis::new(cx.file, cx.models, cx.enabled, cx.workspace, fsem)
        .with_file_fns(cx.sem.map(|s| s as &dyn sem::FileFns))
        .run(f, in_test);
    let hits = direct
        .into_iter()
        .map(|d| TaintHit {
            sink: d.sink,
            source_kind: d.source_kind,
            source_desc: d.source_desc,
            steps: d.steps,
            in_test,
        })
        .collect();
    if !keeps_summary(&summary, f) {
        return (hits, None);
    }
    summary.head.inline_mods = inline_mods.to_vec();
    summary.compact();
    (hits, Some(summary))
}

/// Turn source → sink hits into findings: one per sink and rule (the
/// shortest path wins; other sources are mentioned in a note).
pub(crate) fn findings_from_hits(
    mut hits: Vec<TaintHit>,
    accept: impl Fn(&TaintHit) -> bool,
) -> Vec<crate::finding::Finding> {
    use std::collections::HashMap;
    hits.retain(|h| accept(h));
    // Per sink: a source outside the library's API first (request data is
    // the stronger story), then the shortest path.
    let lib = |h: &TaintHit| h.source_kind == SourceKind::Library;
    hits.sort_by(|a, b| {
        (&a.sink.loc.path, a.sink.loc.byte_start, a.sink.rule, lib(a), a.steps.len(), &a.source_desc).cmp(&(
            &b.sink.loc.path,
            b.sink.loc.byte_start,
            b.sink.rule,
            lib(b),
            b.steps.len(),
            &b.source_desc,
        ))
    });
    let mut out: Vec<crate::finding::Finding> = Vec::new();
    let mut others: Vec<Vec<String>> = Vec::new();
    let mut index: HashMap<(std::sync::Arc<str>, u32, &'static str), usize> = HashMap::new();
    for h in hits {
        if h.sink.rule.is_empty() {
            continue;
        }
        let key = (h.sink.loc.path.clone(), h.sink.loc.byte_start, h.sink.rule);
        if let Some(&i) = index.get(&key) {
            let d = h.source_desc.clone();
            if !others[i].contains(&d) && out[i].message.find(&d).is_none() {
                others[i].push(d);
            }
            // A remote source outranks local ones.
            if !h.source_kind.is_local() && out[i].severity < h.sink.severity.unwrap_or(out[i].severity) {
                out[i].severity = h.sink.severity.unwrap_or(out[i].severity);
            }
            out[i].in_test &= h.in_test || h.sink.in_test;
            continue;
        }
        index.insert(key, out.len());
        others.push(Vec::new());
        out.push(hit_to_finding(h));
    }
    for (f, o) in out.iter_mut().zip(others) {
        if !o.is_empty() {
            let n = o.len();
            f.notes.push(format!(
                "also reachable from {n} other source{}: {}",
                if n == 1 { "" } else { "s" },
                o.join(", ")
            ));
        }
    }
    // Fingerprints: rule, path, the sink's line, occurrence.
    let mut seen: HashMap<(std::sync::Arc<str>, &'static str, String), u32> = HashMap::new();
    out.sort_by(|a, b| {
        (&a.location.path, a.location.byte_start, a.rule).cmp(&(&b.location.path, b.location.byte_start, b.rule))
    });
    for f in &mut out {
        let norm = std::mem::take(&mut f.fingerprint);
        let n = seen.entry((f.location.path.clone(), f.rule, norm.clone())).or_insert(0);
        *n += 1;
        f.fingerprint = crate::finding::fingerprint::own(f.rule, &f.location.path, &norm, *n);
    }
    out
}

fn hit_to_finding(h: TaintHit) -> crate::finding::Finding {
    let base = h
        .sink
        .severity
        .or_else(|| crate::lints::by_id(h.sink.rule).map(|r| r.meta().severity))
        .unwrap_or(Severity::Medium);
    let severity = if h.source_kind.is_local() { base.lowered() } else { base };
    let built_with = h.sink.built_with.clone().or_else(|| {
        h.steps.iter().rev().find_map(|s| s.msg.strip_prefix("formatted into a string with ").map(str::to_string))
    });
    let built = built_with.map(|b| format!(" built with {b}")).unwrap_or_default();
    let message = format!("{} reaches {}{built}", h.source_desc, h.sink.what);
    let flow: Vec<crate::finding::FlowStep> =
        h.steps.into_iter().map(|s| crate::finding::FlowStep { location: s.loc, message: s.msg }).collect();
    let mut notes = Vec::new();
    if h.source_kind.is_local() {
        notes.push(format!(
            "ranked one level lower: {} is controlled by whoever runs the program",
            h.source_kind.noun()
        ));
    }
    crate::finding::Finding {
        rule: h.sink.rule,
        severity,
        message,
        location: h.sink.loc.clone(),
        labels: Vec::new(),
        help: (!h.sink.help.is_empty()).then(|| h.sink.help.clone()),
        notes,
        flow,
        in_test: h.in_test || h.sink.in_test,
        test_value: false,
        // The normalised line, turned into the fingerprint afterwards.
        fingerprint: h.sink.norm_line.clone(),
        line_hash: h.sink.line_hash.clone(),
        suppression: h.sink.suppression.clone(),
        excerpt: h.sink.excerpt.clone(),
        masks: Vec::new(),
        properties: Default::default(),
        suggestions: sink_suggestion(h.sink.fix),
    }
}

/// The sink's fix as a suggestion: never machine-applicable (a Debug
/// rendering may print what Display hid).
fn sink_suggestion(fix: Vec<crate::finding::Edit>) -> Vec<crate::finding::Suggestion> {
    if fix.is_empty() {
        return Vec::new();
    }
    vec![crate::finding::Suggestion {
        message: "format the value with `{:?}`: Debug escapes line breaks (it may also print fields Display hid)"
            .into(),
        applicability: crate::finding::Applicability::MaybeIncorrect,
        edits: fix,
    }]
}
