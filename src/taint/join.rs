//! The crate-level join: connect function summaries across functions and
//! files of the workspace.
//!
//! Calls are resolved from syntax: `crate::`/`self::`/`super::` paths,
//! `use` imports (already applied per file), workspace crate names, methods
//! by receiver type or `Self`, and — for calls whose callee cannot be
//! named more precisely — a function or method name that is unique in the
//! workspace. A call that resolves to nothing is a library call: its result
//! carries its arguments' taint.
//!
//! Then, for every sink reached by a parameter or by a call's result:
//! results are expanded through callees' parameter→return summaries (what
//! a call returns), and parameters are followed up through every caller's
//! argument (who passes what in), until sources are found. Each source →
//! sink pair is one finding with the concatenated path.

use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};
use std::sync::atomic::{AtomicBool, Ordering};

use crate::util::phases;

use super::{
    Callee, FlowOut, FnBody, FnHead, LabelOut, Mask, REST_FIELD, SourceKind, Step, TaintHit, Target, rule_bit,
};

mod bounds;
mod dispatch;
mod fields;
mod params;
mod path;
mod sinks;
mod unit;

use path::{End, extend, extend_flow, push_origin, target_order};
pub(crate) use unit::{Bodies, Unit};

type FnId = usize;

/// A write into a field of `self`: the function, the flow's index, and
/// whether it went through a container method (`FnHead::self_pushed`).
type SelfWrite = (FnId, usize, bool);

struct Func<'a> {
    unit: usize,
    /// Its index in the unit's heads and bodies.
    ix: usize,
    s: &'a FnHead,
    /// The file's module path, and the function's inline modules.
    module: std::borrow::Cow<'a, [String]>,
}

#[derive(Clone, Debug)]
enum From {
    Source {
        kind: SourceKind,
        desc: String,
        in_test: bool,
    },
    /// A parameter, or one of its fields (`opts.base`).
    Param(u16, Option<String>),
    /// A reader parameter of another API function of the same type, kept
    /// in a field of `self` (`Decoder::new(reader)` storing `self.inner`):
    /// the library caller's data when the field is read in a method.
    ApiParam(FnId, u16),
    /// A parameter (or its field) of another function: one of the type's
    /// methods stored it in a field of `self` (`self.queue.push(cmd)`)
    /// that this function reads. Followed from that function's callers.
    ParamOf(FnId, u16, Option<String>),
}

/// Where a value comes from, the path it took, and what happened to it on
/// the way (became a number, was sanitised for some rules).
#[derive(Clone, Debug)]
struct Origin {
    from: From,
    steps: Vec<Step>,
    /// What the path so far did to the value (the ends of the flows it
    /// went along, folded by `extend`).
    end: End,
    /// Came back out of a call's result on the way (a value the callee
    /// built, or an object carrying it whole): too coarse for the library
    /// threat model's text values.
    via_return: bool,
}

impl Origin {
    /// Where a value starts, before any step: text, nothing checked.
    fn at(from: From) -> Self {
        Origin { from, steps: Vec::new(), end: End::TEXT, via_return: false }
    }
}

/// Bound on paths explored per sink (keeps pathological call graphs cheap).
const MAX_ORIGINS: usize = 32;
/// Steps kept per path (the first few and the last ones).
const MAX_PATH: usize = 24;
const MAX_DEPTH: usize = 24;
/// The labels one question (where a flow into a sink comes from) may visit.
/// Within a function, a chain of library calls each carrying its arguments
/// forms a graph whose paths grow exponentially (a decoder's state updated
/// through a loop of calls): past this many visits the question ends with
/// what it found, and nothing worked out after that is memoised, so other
/// questions do not inherit the cut. A question that reuses an earlier one's
/// memo spends less, so where the budget bites the answer may depend on the
/// order of the questions (the bench corpus's findings are the same without
/// the budget).
const QUERY_BUDGET: u32 = 20_000;

pub(crate) struct Join<'a> {
    funcs: Vec<Func<'a>>,
    units: &'a [Unit],
    /// (crate key, full path) → functions. The maps borrow their keys
    /// from the summaries where they can: one string per function
    /// instead of five, in the run's serial tail.
    by_path: HashMap<(&'a str, String), Vec<FnId>>,
    /// (type name, method name) → functions
    by_type: HashMap<(&'a str, &'a str), Vec<FnId>>,
    /// (crate trait, method name) → its impls and default body (`dispatch`).
    by_trait: HashMap<(&'a str, &'a str), Vec<FnId>>,
    /// Calls dispatched through a crate trait, by index into `resolved`:
    /// the bodies they reach.
    dispatched: HashMap<usize, Box<[FnId]>>,
    /// The types the workspace's impls are for.
    impl_types: HashSet<&'a str>,
    /// name → the one method of that name in the workspace (`None`: several)
    method_by_name: HashMap<&'a str, Option<FnId>>,
    /// name → the one free function of that name (`None`: several)
    free_by_name: HashMap<&'a str, Option<FnId>>,
    /// crate name (`vault_core`) → crate key
    crates: HashMap<String, String>,
    /// The resolved callee of each call site: `resolved[call_base[f] + c]`
    /// for call `c` of `f` (resolved once, in parallel, before the walk).
    resolved: Vec<Option<FnId>>,
    call_base: Vec<usize>,
    /// Functions registered as request handlers by a router.
    handlers: HashSet<FnId>,
    /// Handler parameters that receive request data from the filters
    /// before them (warp).
    filter_params: HashMap<FnId, Vec<u16>>,
    /// What each library crate makes nameable (the library threat model).
    exposure: super::api::Exposure,
    /// (crate key, type, field) → the functions of the type's impls that
    /// store into that field, with the flow's index (`Target::SelfField`).
    /// And whether it writes through a container method (`self_pushed`).
    self_writes: HashMap<(String, String, String), Vec<SelfWrite>>,
    /// The functions the sinks' questions asked about (for `--timings`:
    /// how much of the summaries the join reads).
    asked: Box<[AtomicBool]>,
}

/// One worker's questions to the join: its memos and its budget. The
/// index (`Join`) is shared and read-only, so the sinks are asked about
/// in parallel, a fixed share of the functions per `Query` (`run`).
pub(super) struct Query<'a, 'j> {
    j: &'j Join<'a>,
    /// Each function's flows ordered by target (indices into `flows`),
    /// built on the first question about the function: what flows into
    /// one argument or the return is a binary search, not a scan of every
    /// flow of the function per call.
    by_target: Vec<Option<Box<[u32]>>>,
    ret_memo: HashMap<FnId, Vec<Origin>>,
    in_progress: HashSet<FnId>,
    /// `ret_origins` of one returned field (a struct literal's or a
    /// tuple's element): memoised, or recursive parsers that return
    /// `(pos, node)` take exponential time.
    ret_field_memo: HashMap<(FnId, u16), Vec<Origin>>,
    field_in_progress: HashSet<(FnId, u16)>,
    /// What each (crate key, type, field) holds from sources, once worked
    /// out (`None` while in progress: a cycle gives nothing more).
    self_field_memo: HashMap<(String, String, String), Option<Vec<Origin>>>,
    /// What an argument of a call carries (`arg_origins`), memoised like
    /// `ret_origins`: a callee that returns what it was passed maps each of
    /// its return origins back to the caller's argument, a library call's
    /// result carries its arguments, and chains of such calls (a parser's
    /// cursor threaded through its helpers, a decoder's state) revisit the
    /// same arguments once per path through them, exponentially many.
    arg_memo: HashMap<(FnId, u32, u16, Option<String>), Vec<Origin>>,
    arg_in_progress: HashSet<(FnId, u32, u16, Option<String>)>,
    /// Visits left to the current sink's question (`QUERY_BUDGET`).
    budget: u32,
}

impl<'a> std::ops::Deref for Query<'a, '_> {
    type Target = Join<'a>;
    fn deref(&self) -> &Join<'a> {
        self.j
    }
}

impl<'a, 'j> Query<'a, 'j> {
    fn new(j: &'j Join<'a>) -> Self {
        Query {
            j,
            by_target: vec![None; j.funcs.len()],
            ret_memo: HashMap::default(),
            in_progress: HashSet::default(),
            ret_field_memo: HashMap::default(),
            field_in_progress: HashSet::default(),
            self_field_memo: HashMap::default(),
            arg_memo: HashMap::default(),
            arg_in_progress: HashSet::default(),
            budget: QUERY_BUDGET,
        }
    }

    /// Note that a question reads `f`'s summary (read first: a store only
    /// the first time keeps the workers from writing one cache line).
    fn ask(&self, f: FnId) {
        if let Some(a) = self.asked.get(f)
            && !a.load(Ordering::Relaxed)
        {
            a.store(true, Ordering::Relaxed);
        }
    }

    /// The flows of `f` whose target is `t`, in the order of the summary.
    fn flows_to(&mut self, f: FnId, t: Target) -> impl Iterator<Item = &'a FlowOut> + use<'a> {
        self.ask(f);
        let s: &'a FnBody = self.body(f);
        let ix = self.by_target[f].get_or_insert_with(|| {
            let mut ix: Vec<u32> = (0..s.flows.len() as u32).collect();
            ix.sort_by_key(|&k| target_order(s.flows[k as usize].target));
            ix.into_boxed_slice()
        });
        let key = target_order(t);
        let lo = ix.partition_point(|&k| target_order(s.flows[k as usize].target) < key);
        let hi = lo + ix[lo..].partition_point(|&k| target_order(s.flows[k as usize].target) == key);
        let picked: Vec<u32> = ix[lo..hi].to_vec();
        picked.into_iter().map(move |k| &s.flows[k as usize])
    }

    /// What a label of function `f` stands for, as origins.
    fn origins_of(&mut self, f: FnId, label: u32, depth: usize) -> Vec<Origin> {
        self.ask(f);
        if self.budget == 0 {
            return Vec::new();
        }
        self.budget -= 1;
        let s = self.funcs[f].s;
        match self.body(f).labels.get(label as usize) {
            Some(LabelOut::Source { kind, desc }) => {
                vec![Origin::at(From::Source { kind: *kind, desc: desc.clone(), in_test: s.in_test })]
            }
            Some(LabelOut::ParamField { param, field }) => {
                let mut out = vec![Origin::at(From::Param(*param, Some(field.clone())))];
                if *param == 0 && s.has_self {
                    out.extend(self.self_field_origins(f, field, depth));
                }
                out
            }
            Some(LabelOut::Param(i)) => vec![Origin::at(From::Param(*i, None))],
            Some(LabelOut::CallRet(c)) => self.call_result(f, *c, depth, false),
            Some(LabelOut::CallOk(c)) => self.call_result(f, *c, depth, true),
            Some(LabelOut::CallRetField { call, field }) => self.call_field_result(f, *call, field, depth),
            Some(LabelOut::Checked { call, arg }) => {
                // What went into the predicate, safe for what it checks.
                let bits = match self.callee(f, *call) {
                    Some(g) => {
                        self.body(g).checks.iter().filter(|(i, _)| i == arg).fold(Mask::EMPTY, |m, c| m.union(c.1))
                    }
                    None => Mask::EMPTY,
                };
                // The checked value's own path goes on from where it entered.
                let mut out = Vec::new();
                for fl in self.flows_to(f, Target::Arg { call: *call, arg: *arg }) {
                    for o in self.origins_of(f, fl.label, depth + 1) {
                        push_origin(
                            &mut out,
                            extend(o, &[], End { sanitized: fl.sanitized.union(bits), ..End::of_flow(fl) }, None),
                        );
                    }
                }
                out
            }
            None => Vec::new(),
        }
    }

    /// Origins of what call `c` in `f` returns (`ok_only`: of its success
    /// value, without what the callee returns only inside errors).
    fn call_result(&mut self, f: FnId, c: u32, depth: usize, ok_only: bool) -> Vec<Origin> {
        self.ask(f);
        if depth > MAX_DEPTH {
            return Vec::new();
        }
        let s = self.funcs[f].s;
        // The step is written only for a call something comes out of.
        let ret_step = || {
            let call = s.calls.get(c as usize)?;
            Some(Step { loc: call.loc.clone()?, msg: format!("returned by `{}`", call.name) })
        };
        let mut out = Vec::new();
        match self.callee(f, c) {
            Some(g) => {
                let rets = self.ret_origins(g, depth + 1);
                if rets.is_empty() {
                    return out;
                }
                let ret_step = ret_step();
                for o in rets {
                    if ok_only && o.end.err {
                        continue;
                    }
                    self.through_call(f, c, o, ret_step.as_ref(), depth, true, &mut out);
                }
            }
            None => {
                // A library call: the result carries every argument's taint.
                let arity = s.calls.get(c as usize).map_or(0, |x| x.arity);
                let mut step: Option<Option<Step>> = None;
                for j in 0..arity {
                    for o in self.arg_origins(f, c, j, None, depth + 1) {
                        let mut o = extend(o, &[], End::TEXT, step.get_or_insert_with(ret_step).as_ref());
                        o.via_return = true;
                        push_origin(&mut out, o);
                    }
                }
            }
        }
        out
    }

    /// A callee's return origin seen from the caller `f` of call `c`: a
    /// source as it is, a parameter as what `f` passed in it. `whole`: the
    /// result is an object the callee built from it (`via_return`); a
    /// field of the struct literal it returns (`Cur { buf, pos: 0 }`)
    /// holds what the callee put there, and is the caller's value still
    /// when the callee passed it on as it was.
    #[allow(clippy::too_many_arguments)]
    fn through_call(
        &mut self,
        f: FnId,
        c: u32,
        o: Origin,
        ret_step: Option<&Step>,
        depth: usize,
        whole: bool,
        out: &mut Vec<Origin>,
    ) {
        match o.from {
            From::Source { .. } | From::ApiParam(..) | From::ParamOf(..) => {
                let mut o = o;
                o.steps.extend(ret_step.cloned());
                push_origin(out, o);
            }
            From::Param(index, ref field) => {
                for o2 in self.arg_origins(f, c, index, field.as_deref(), depth + 1) {
                    let mut o2 = extend(o2, &o.steps, o.end, ret_step);
                    o2.via_return |= whole || o.via_return;
                    push_origin(out, o2);
                }
            }
        }
    }

    /// Origins of field `field` of what call `c` in `f` returned: the
    /// callee's flows into that field when its tainted returns are struct
    /// literals (`ret_fields`), else the whole success value.
    fn call_field_result(&mut self, f: FnId, c: u32, field: &str, depth: usize) -> Vec<Origin> {
        self.ask(f);
        if depth > MAX_DEPTH {
            return Vec::new();
        }
        let Some(g) = self.callee(f, c) else { return self.call_result(f, c, depth, true) };
        let callee = self.body(g);
        if callee.ret_fields.is_empty() {
            return self.call_result(f, c, depth, true);
        }
        // A field the literals set untainted (or not at all): nothing.
        // A part of a field (`pair.0`) the returns do not track part by
        // part: the whole field.
        let mut name = field;
        let k = loop {
            if let Some(k) = callee.ret_fields.iter().position(|x| x == name) {
                break Some(k);
            }
            match name.rsplit_once('.') {
                Some((outer, _)) => name = outer,
                None => break None,
            }
        };
        let Some(k) = k else { return Vec::new() };
        let s = self.funcs[f].s;
        let ret_step = s.calls.get(c as usize).and_then(|x| {
            x.loc.clone().map(|loc| Step { loc, msg: format!("field `{field}` returned by `{}`", x.name) })
        });
        let mut out = Vec::new();
        for o in self.ret_field_origins(g, k as u16, depth + 1) {
            self.through_call(f, c, o, ret_step.as_ref(), depth, false, &mut out);
        }
        out
    }

    /// What `g` puts into returned field `k`, as origins in `g` (memoised
    /// like `ret_origins`).
    fn ret_field_origins(&mut self, g: FnId, k: u16, depth: usize) -> Vec<Origin> {
        self.ask(g);
        if let Some(m) = self.ret_field_memo.get(&(g, k)) {
            return m.clone();
        }
        if !self.field_in_progress.insert((g, k)) {
            return Vec::new(); // recursion
        }
        let mut out = Vec::new();
        for fl in self.flows_to(g, Target::RetField { field: k }).filter(|fl| !fl.err) {
            for o in self.origins_of(g, fl.label, depth) {
                push_origin(&mut out, extend_flow(o, fl));
            }
        }
        self.field_in_progress.remove(&(g, k));
        if self.budget > 0 {
            self.ret_field_memo.insert((g, k), out.clone());
        }
        out
    }

    /// Origins of what `f` passes as argument `arg` of call `c` (of its
    /// field `field` only, when `f` tracks that argument's fields).
    fn arg_origins(&mut self, f: FnId, c: u32, arg: u16, field: Option<&str>, depth: usize) -> Vec<Origin> {
        let key = (f, c, arg, field.map(str::to_string));
        if let Some(m) = self.arg_memo.get(&key) {
            return m.clone();
        }
        if !self.arg_in_progress.insert(key.clone()) {
            return Vec::new(); // a loop back to this argument
        }
        let out = self.arg_origins_once(f, c, arg, field, depth);
        self.arg_in_progress.remove(&key);
        if self.budget > 0 {
            self.arg_memo.insert(key, out.clone());
        }
        out
    }

    /// [`Self::arg_origins`], worked out.
    fn arg_origins_once(&mut self, f: FnId, c: u32, arg: u16, field: Option<&str>, depth: usize) -> Vec<Origin> {
        self.ask(f);
        let (s, body) = (self.funcs[f].s, self.body(f));
        // The field's own flows, or those of the rest (`REST_FIELD`: the
        // fields the caller did not assign one by one, then read as from
        // a whole argument).
        let tracked = field.and_then(|name| {
            let a = body.arg_fields.iter().find(|a| a.call == c && a.arg == arg)?;
            let own = a.fields.iter().position(|x| x == name).map(|k| (k, false));
            Some(own.or_else(|| a.fields.iter().position(|x| x == REST_FIELD).map(|k| (k, true))))
        });
        let whole_field = match tracked {
            None | Some(Some((_, true))) => field,
            Some(_) => None,
        };
        let flows: Vec<&FlowOut> = match tracked {
            // A field the caller set untainted (or not at all): nothing flows.
            Some(None) => Vec::new(),
            Some(Some((k, _))) => self.flows_to(f, Target::ArgField { call: c, arg, field: k as u16 }).collect(),
            None => self.flows_to(f, Target::Arg { call: c, arg }).collect(),
        };
        if flows.is_empty() {
            return Vec::new();
        }
        let call_step = s
            .calls
            .get(c as usize)
            .and_then(|x| x.loc.clone().map(|loc| Step { loc, msg: format!("passed to `{}`", x.name) }));
        let mut out = Vec::new();
        for fl in flows {
            // The path of an argument: where the value entered this function, then the call.
            let mut steps: Vec<Step> = body.label_steps.get(fl.label as usize).cloned().flatten().into_iter().collect();
            steps.extend(call_step.clone());
            // A parameter passed on whole (`self.helper()`): the callee's
            // field is the same field of this function's parameter.
            if let (Some(name), Some(LabelOut::Param(p))) = (whole_field, body.labels.get(fl.label as usize)) {
                let o = Origin::at(From::Param(*p, Some(name.to_string())));
                push_origin(&mut out, extend(o, &steps, End::of_flow(fl), None));
                continue;
            }
            // What a call returned, passed on whole (`let o = Opts::new(..);
            // helper(&o)`): the callee's field is that field of the result.
            if let (Some(name), Some(LabelOut::CallRet(c2) | LabelOut::CallOk(c2))) =
                (whole_field, body.labels.get(fl.label as usize))
            {
                for o in self.call_field_result(f, *c2, name, depth + 1) {
                    push_origin(&mut out, extend(o, &steps, End::of_flow(fl), None));
                }
                continue;
            }
            for o in self.origins_of(f, fl.label, depth) {
                push_origin(&mut out, extend(o, &steps, End::of_flow(fl), None));
            }
        }
        out
    }

    /// Origins of what `f` returns.
    fn ret_origins(&mut self, f: FnId, depth: usize) -> Vec<Origin> {
        self.ask(f);
        if let Some(m) = self.ret_memo.get(&f) {
            return m.clone();
        }
        if !self.in_progress.insert(f) {
            return Vec::new(); // recursion
        }
        let mut out = Vec::new();
        for fl in self.flows_to(f, Target::Ret) {
            for o in self.origins_of(f, fl.label, depth) {
                push_origin(&mut out, extend_flow(o, fl));
            }
        }
        self.in_progress.remove(&f);
        if self.budget > 0 {
            self.ret_memo.insert(f, out.clone());
        }
        out
    }
}

impl<'a> Join<'a> {
    pub(crate) fn new(units: &'a [Unit], crates: HashMap<String, String>) -> Self {
        let mut j = Join {
            funcs: Vec::new(),
            units,
            by_path: HashMap::default(),
            by_type: HashMap::default(),
            by_trait: HashMap::default(),
            dispatched: HashMap::default(),
            impl_types: HashSet::default(),
            method_by_name: HashMap::default(),
            free_by_name: HashMap::default(),
            crates,
            resolved: Vec::new(),
            call_base: Vec::new(),
            handlers: HashSet::default(),
            filter_params: HashMap::default(),
            exposure: super::api::Exposure::default(),
            self_writes: HashMap::default(),
            asked: Box::default(),
        };
        for (ui, u) in units.iter().enumerate() {
            for (ix, s) in u.heads.iter().enumerate() {
                let module: std::borrow::Cow<'a, [String]> = if s.inline_mods.is_empty() {
                    std::borrow::Cow::Borrowed(&u.module)
                } else {
                    std::borrow::Cow::Owned(u.module.iter().chain(&s.inline_mods).cloned().collect())
                };
                let id = j.funcs.len();
                // `module::Type::name`, as `[module.., Type, name].join("::")`.
                let mut path = module.join("::");
                let mut sep = !module.is_empty();
                for seg in s.impl_type.iter().chain([&s.name]) {
                    if sep {
                        path.push_str("::");
                    }
                    path.push_str(seg);
                    sep = true;
                }
                if let Some(t) = &s.impl_type {
                    j.by_type.entry((t.as_str(), s.name.as_str())).or_default().push(id);
                    j.impl_types.insert(t.as_str());
                }
                j.by_path.entry((u.crate_key.as_str(), path)).or_default().push(id);
                // Built once: resolving a call by name is a lookup, not a
                // scan of every same-named function (O(calls × fns)).
                for (m, on) in [(&mut j.method_by_name, s.has_self), (&mut j.free_by_name, s.impl_type.is_none())] {
                    if on {
                        m.entry(s.name.as_str()).and_modify(|one| *one = None).or_insert(Some(id));
                    }
                }
                if let Some(t) = &s.impl_type {
                    for &(k, i) in &s.self_writes {
                        if let Some(field) = s.self_fields.get(i as usize) {
                            let key = (u.crate_key.clone(), t.clone(), field.clone());
                            j.self_writes.entry(key).or_default().push((id, k as usize, s.self_pushed.contains(&i)));
                        }
                    }
                }
                j.funcs.push(Func { unit: ui, ix, s, module });
                j.index_trait_method(id);
            }
        }
        phases::mark("join index", false);
        j.resolve_all();
        phases::mark("join calls", true);
        j.resolve_dispatch();
        j.asked = (0..j.funcs.len()).map(|_| AtomicBool::new(false)).collect();
        j
    }

    /// Resolve every call site of every function (in parallel: resolution
    /// reads only the maps built above).
    fn resolve_all(&mut self) {
        let mut base = 0;
        self.call_base = self
            .funcs
            .iter()
            .map(|f| {
                let b = base;
                base += f.s.calls.len();
                b
            })
            .collect();
        use rayon::prelude::*;
        let this = &*self;
        let per_fn: Vec<Vec<Option<FnId>>> = (0..this.funcs.len())
            .into_par_iter()
            .map(|f| (0..this.funcs[f].s.calls.len() as u32).map(|c| this.resolve(f, c)).collect())
            .collect();
        self.resolved = per_fn.into_iter().flatten().collect();
    }

    /// The library threat model: parameters of the API functions that
    /// `exposure` makes nameable are sources.
    pub(crate) fn with_exposure(mut self, exposure: super::api::Exposure) -> Self {
        self.exposure = exposure;
        self
    }

    /// What only a question reads of `f` (its file's bodies are opened
    /// the first time; empty if they did not open).
    fn body(&self, f: FnId) -> &'a FnBody {
        let func = &self.funcs[f];
        let units: &'a [Unit] = self.units;
        // One body per head (`Unit::bodies`), and `ix` is the head's index.
        &units[func.unit].bodies()[func.ix]
    }

    /// The one method `name` of type `ty` in the workspace.
    fn of_type(&self, ty: &str, name: &str) -> Option<FnId> {
        Self::unique(self.by_type.get(&(ty, name)))
    }

    fn unique(v: Option<&Vec<FnId>>) -> Option<FnId> {
        match v.map(Vec::as_slice) {
            Some([one]) => Some(*one),
            _ => None,
        }
    }

    fn callee(&self, f: FnId, call: u32) -> Option<FnId> {
        if call as usize >= self.funcs[f].s.calls.len() {
            return None;
        }
        self.resolved.get(self.call_base[f] + call as usize).copied().flatten()
    }

    fn resolve(&self, f: FnId, call: u32) -> Option<FnId> {
        let func = &self.funcs[f];
        let site = func.s.calls.get(call as usize)?;
        let crate_key = &self.units[func.unit].crate_key;
        match &site.callee {
            Callee::Method { name, recv_type, on_self } => {
                let ty = recv_type.as_deref().or(if *on_self { func.s.impl_type.as_deref() } else { None });
                // A workspace type without a method of that name, named by
                // the caller (not `self`): the receiver's type was a guess (in
                // `svc.store().load(id)` a getter's result is taken for its
                // receiver's type), so the name decides, as for an unknown
                // receiver. (A method whose summary was dropped, having no
                // flow, is missing too: the arity check below still holds.)
                if let Some(t) = ty
                    && (*on_self || self.by_type.contains_key(&(t, name.as_str())) || !self.impl_types.contains(t))
                {
                    return self.of_type(t, name);
                }
                // Unknown receiver: a method name unique in the workspace.
                self.method_by_name
                    .get(name.as_str())
                    .copied()
                    .flatten()
                    .filter(|&one| self.funcs[one].s.params.len() == site.arity as usize)
            }
            Callee::Path { segs, via_import } => self.resolve_segs(crate_key, &func.module, segs, *via_import),
        }
    }

    /// Resolve a path written in module `module` of crate `crate_key`.
    fn resolve_segs(&self, crate_key: &str, module: &[String], segs: &[String], via_import: bool) -> Option<FnId> {
        let first = segs.first()?;
        let (key, rest): (String, Vec<String>) = match first.as_str() {
            "crate" => (crate_key.to_string(), segs[1..].to_vec()),
            "self" => {
                let mut p = module.to_vec();
                p.extend(segs[1..].iter().cloned());
                (crate_key.to_string(), p)
            }
            "super" => {
                let mut p = module.to_vec();
                let mut i = 0;
                while segs.get(i).is_some_and(|s| s == "super") {
                    p.pop();
                    i += 1;
                }
                p.extend(segs[i..].iter().cloned());
                (crate_key.to_string(), p)
            }
            name if self.crates.contains_key(name) => (self.crates[name].clone(), segs[1..].to_vec()),
            _ if !via_import => {
                let mut p = module.to_vec();
                p.extend(segs.iter().cloned());
                (crate_key.to_string(), p)
            }
            _ => return None, // an external crate
        };
        if let Some(id) = Self::unique(self.by_path.get(&(key.as_str(), rest.join("::")))) {
            return Some(id);
        }
        // `Type::method` where the type sits in another module.
        if rest.len() >= 2 {
            let t = &rest[rest.len() - 2];
            if t.chars().next().is_some_and(char::is_uppercase) {
                return self.of_type(t, &rest[rest.len() - 1]);
            }
        }
        // A free function named once in the workspace (a glob import, a re-export).
        if segs.len() == 1 || via_import {
            let name = rest.last()?;
            if let Some(&Some(one)) = self.free_by_name.get(name.as_str()) {
                return Some(one);
            }
        }
        None
    }

    /// Callers of each function: (caller, call index).
    fn callers(&self) -> HashMap<FnId, Vec<(FnId, u32)>> {
        let mut map: HashMap<FnId, Vec<(FnId, u32)>> = HashMap::default();
        for f in 0..self.funcs.len() {
            for c in 0..self.funcs[f].s.calls.len() as u32 {
                if let Some(g) = self.callee(f, c) {
                    map.entry(g).or_default().push((f, c));
                }
                for &g in self.dispatched(f, c).into_iter().flatten() {
                    map.entry(g).or_default().push((f, c));
                }
            }
        }
        map
    }

    /// Every source → sink flow that needs more than one function.
    pub(crate) fn run(mut self) -> Vec<TaintHit> {
        let callers = self.callers();
        for u in self.units {
            for (segs, via, data) in &u.routes {
                if let Some(h) = self.resolve_segs(&u.crate_key, &u.module, segs, *via) {
                    self.handlers.insert(h);
                    if !data.is_empty() {
                        self.filter_params.entry(h).or_default().extend(data.iter().copied());
                    }
                }
            }
        }
        // The sinks' questions in parallel: a fixed number of shares of the
        // functions, each with its own memos, so the findings do not depend
        // on the number of threads (a memo holds only fully worked-out
        // answers, so sharing one changes the work, not the answers, except
        // where a recursive cycle or the budget cuts a question short).
        phases::mark("join callers", false);
        use rayon::prelude::*;
        let this = &self;
        let shares = sinks::shares(&this.funcs);
        let hits = shares.into_par_iter().map(|fns| Query::new(this).sinks_in(fns, &callers)).flatten().collect();
        phases::mark("join questions", true);
        self.count_asked();
        hits
    }

    /// For `--timings`: the functions and files the join holds, and how
    /// many of them the sinks' questions read.
    fn count_asked(&self) {
        let asked = |f: &FnId| self.asked[*f].load(Ordering::Relaxed);
        use phases::count;
        count("join functions", || self.funcs.len() as u64);
        count("join functions asked", || (0..self.funcs.len()).filter(asked).count() as u64);
        count("join files", || self.units.len() as u64);
        count("join files opened", || self.units.iter().filter(|u| u.opened()).count() as u64);
        count("join files asked", || {
            let files: HashSet<usize> = (0..self.funcs.len()).filter(asked).map(|f| self.funcs[f].unit).collect();
            files.len() as u64
        });
    }
}

#[cfg(test)]
mod tests;
