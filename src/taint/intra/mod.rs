//! Intra-procedural taint analysis of one function body.
//!
//! The body is evaluated once, in order, as an abstract interpreter: each
//! local value carries a set of *facts* — which label it derives from (a
//! source, a parameter of this function, or the result of a call to a
//! workspace function resolved later), its shape (text or number), the rules
//! it has been sanitised for, and the path of steps it took. Branches are
//! evaluated from the same state and merged; a branch that cannot fall
//! through (returns, breaks) is not merged, which is what makes guards like
//! `if !ALLOWED.contains(&x) { return; }` sanitise `x` below them.
//!
//! Facts whose label is a source and that reach a sink are findings right
//! away. Facts from parameters and call results are recorded as flows in the
//! function's summary; the crate-level join (`join.rs`) connects them across
//! functions and files.

mod addrs;
mod argv;
mod call;
mod channels;
mod char_cut;
mod dispatch;
mod errors;
mod expr;
mod field_writes;
mod fills;
mod guard;
mod library;
mod lines;
mod links;
mod macro_calls;
mod opt_out;
mod path_parts;
mod paths;
mod pattern;
mod read_loop;
mod resolved;
mod sink;
mod size_bound;
mod state;
mod stmt;
mod tables;
mod tuples;
mod valid_text;
mod values;
mod views;

use rustc_hash::FxHashMap as HashMap;

use proc_macro2::Span;
use syn::spanned::Spanned;
use syn::{FnArg, Pat, Type};

use super::model::{Models, SourceKind};
use super::{CallSite, FlowOut, FnHead, FnSummary, LabelOut, Mask, Shape, SinkSite, Step, Target, keep_ends, rule_bit};
use crate::rules::file::FileCtx;
use crate::rules::web;
use crate::syntax::{FnKind, FnLike};

pub(crate) use self::state::DirectFinding;
use self::state::*;
use self::values::*;

pub(crate) struct FnAnalysis<'a> {
    file: &'a FileCtx,
    models: &'a Models,
    /// Crate names of the workspace.
    workspace: &'a std::collections::HashSet<String>,
    /// Taint rules enabled for this file (bit set).
    enabled: Mask,
    env: Env,
    hints: HashMap<String, Hint>,
    labels: Vec<Label>,
    paths: Vec<PathNode>,
    calls: Vec<CallSite>,
    sinks: Vec<SinkSite>,
    hits: Vec<Hit>,
    flows: Vec<(Fact, Target)>,
    returns: Taint,
    depth: u32,
    /// Diverged: the current path returned/broke/continued.
    diverged: bool,
    /// Closures with parameters bound to a local (`let run = |c: &str| ..`):
    /// a call `run(x)` analyses the body again with `x`'s taint in `c`.
    closures: HashMap<String, std::rc::Rc<syn::ExprClosure>>,
    /// Closures that read a channel end before anything was sent on it
    /// (a worker thread's loop over `rx`): run again when a send reaches
    /// that end (see `channels`).
    channel_readers: Vec<(String, std::rc::Rc<syn::ExprClosure>)>,
    self_type: Option<String>,
    param_names: Vec<String>,
    /// Byte range of the function body (for conditions on its text).
    body: (u32, u32),
    extractor_params: Vec<(u16, String, Shape)>,
    /// Handler parameters of the crate's own types: request guards.
    guard_params: Vec<(u16, String)>,
    /// Where each label starts (its first path node).
    label_paths: Vec<u32>,
    /// Step messages, shared by the facts that take the same step.
    msgs: Vec<String>,
    /// Where each call site is (its location is worked out only for calls
    /// a flow goes through).
    call_spans: Vec<Span>,
    /// The semantic model of the body (receiver types, callee paths),
    /// inferred on first need.
    sem: Option<Box<dyn super::sem::FnSemantic + 'a>>,
    /// Parameters by name: their index and the fact they start with (a
    /// field read while a parameter still holds it gets a field label).
    param_facts: HashMap<String, (u16, Fact)>,
    /// Field labels made so far (`opts.base` → its taint).
    field_labels: HashMap<String, Taint>,
    /// The fields' taint of each struct literal evaluated, by the
    /// literal's address (read back when it is a call's argument).
    struct_fields: HashMap<usize, Vec<(String, Taint)>>,
    /// Arguments with tracked fields for the next recorded call.
    pending_fields: Vec<(u16, Vec<(String, Taint)>)>,
    /// What bounds each argument of the call about to be recorded as a
    /// size (`ArgSize`, staged by `stage_sizes`).
    pending_sizes: Vec<(u16, Vec<crate::taint::size::SizeOp>)>,
    arg_fields: Vec<super::ArgFields>,
    arg_sizes: Vec<super::ArgSize>,
    /// The fields of the struct literals returned so far (`None`: no
    /// literal yet), and whether a tainted return was something else.
    ret_struct: Option<Vec<(String, Taint)>>,
    ret_other: bool,
    /// What each parameter is safe for at every `Ok(())` return (a
    /// validator returning `Result<(), E>`), and whether a return was
    /// something else (then nothing is known).
    ok_unit: Option<Vec<Mask>>,
    ok_unit_unknown: bool,
    /// Rules a link sink of which was reached by unchecked data (`links`).
    linked: Mask,
    /// Sinks reached only by facts checked for their rule (`links`).
    checked_hits: Vec<Hit>,
    /// Fields of the own type this function writes (`self.f = v`,
    /// `Self { f: v }`), for `Target::SelfField`.
    self_fields: Vec<String>,
    /// The function is a request handler (lookups of request data that
    /// may be missing are reported only there).
    handler: bool,
    /// Its docs have a `# Panics` section: a panic is its contract.
    documented_panics: bool,
    /// The body's inference was skipped for a call that could not need it
    /// (`sem_extern_method`): it is done on the next question.
    infer_skipped: bool,
    /// The file's own functions (`size_bound`: what a helper returns).
    file_fns: Option<&'a dyn super::sem::FileFns>,
    /// Working out what this function returns, in bits (`size_bound`):
    /// the bound of every return so far (`Some(None)`: unknown; `None`:
    /// not asked).
    ret_bits: Option<Option<u32>>,
    /// A difference of two variables was compared with a limit and is
    /// tracked under its own key (`guard::diff_key`).
    differences: bool,
    /// The trait the function implements; receivers known by a trait.
    traits: dispatch::Traits,
    /// A container method is writing into its receiver (`views`): a field
    /// of `self` written now is in `self_pushed`.
    pushing: bool,
    self_pushed: Vec<u16>,
    /// Working out what the file writes into a field (`field_writes`).
    probe: Option<field_writes::FieldProbe>,
    /// Names `size_bound` is evaluating an expression under, with their
    /// widths: a `match` arm's binding, a closure's parameter.
    bound_names: std::cell::RefCell<Vec<BoundName>>,
}

/// A name `size_bound` evaluates an expression under (`bound_names`).
struct BoundName {
    name: String,
    /// Its width, when known.
    bits: Option<u32>,
    /// What it holds in `SizeOp`s, when open to the crate.
    ops: Option<Vec<crate::taint::size::SizeOp>>,
}

impl<'a> FnAnalysis<'a> {
    /// The source text of the function's body (empty if out of range).
    pub(super) fn body_text(&self) -> &'a str {
        self.file.text.get(self.body.0 as usize..self.body.1 as usize).unwrap_or("")
    }

    pub(crate) fn new(
        file: &'a FileCtx,
        models: &'a Models,
        enabled: Mask,
        workspace: &'a std::collections::HashSet<String>,
        sem: Option<Box<dyn super::sem::FnSemantic + 'a>>,
    ) -> Self {
        FnAnalysis {
            file,
            models,
            workspace,
            enabled,
            env: Env::default(),
            hints: HashMap::default(),
            labels: Vec::new(),
            paths: Vec::new(),
            calls: Vec::new(),
            sinks: Vec::new(),
            hits: Vec::new(),
            flows: Vec::new(),
            returns: Vec::new(),
            depth: 0,
            diverged: false,
            closures: HashMap::default(),
            channel_readers: Vec::new(),
            self_type: None,
            param_names: Vec::new(),
            body: (0, 0),
            extractor_params: Vec::new(),
            guard_params: Vec::new(),
            label_paths: Vec::new(),
            msgs: Vec::new(),
            call_spans: Vec::new(),
            sem,
            param_facts: HashMap::default(),
            field_labels: HashMap::default(),
            struct_fields: HashMap::default(),
            pending_fields: Vec::new(),
            pending_sizes: Vec::new(),
            arg_fields: Vec::new(),
            arg_sizes: Vec::new(),
            ret_struct: None,
            ret_other: false,
            ok_unit: None,
            ok_unit_unknown: false,
            linked: Mask::EMPTY,
            checked_hits: Vec::new(),
            self_fields: Vec::new(),
            handler: false,
            documented_panics: false,
            infer_skipped: false,
            file_fns: None,
            ret_bits: None,
            differences: false,
            traits: dispatch::Traits::default(),
            pushing: false,
            self_pushed: Vec::new(),
            probe: None,
            bound_names: std::cell::RefCell::default(),
        }
    }

    /// The file's own functions, for what a helper returns.
    pub(crate) fn with_file_fns(mut self, fns: Option<&'a dyn super::sem::FileFns>) -> Self {
        self.file_fns = fns;
        self
    }

    /// A step message, for [`node`](Self::node).
    fn msg(&mut self, msg: String) -> u32 {
        self.msgs.push(msg);
        (self.msgs.len() - 1) as u32
    }

    fn node(&mut self, parent: u32, span: Span, msg: u32) -> u32 {
        self.paths.push(PathNode { parent, span, msg });
        (self.paths.len() - 1) as u32
    }

    fn step(&mut self, t: &[Fact], span: Span, msg: &str) -> Taint {
        let msg = self.msg(msg.to_string());
        let mut out = Vec::with_capacity(t.len());
        for f in t {
            let path = self.node(f.path, span, msg);
            out.push(Fact { path, ..*f });
        }
        out
    }

    fn new_label(&mut self, label: Label, span: Span, msg: String, shape: Shape) -> Taint {
        self.labels.push(label);
        let id = (self.labels.len() - 1) as u32;
        let msg = self.msg(msg);
        let path = self.node(NO_PATH, span, msg);
        self.label_paths.push(path);
        vec![Fact {
            label: id,
            path,
            shape,
            sanitized: Mask::EMPTY,
            weak: NO_PATH,
            joined: false,
            in_base: false,
            err: false,
            in_ok: false,
            decoded: false,
            wire: false,
            valid_text: false,
        }]
    }

    fn source(&mut self, kind: SourceKind, label: String, span: Span, shape: Shape) -> Taint {
        let desc = kind.describe(&label);
        let msg = format!("source: {desc}");
        self.new_label(Label::Source { kind, desc }, span, msg, shape)
    }

    fn steps_of(&self, path: u32) -> Vec<Step> {
        // Nodes with a location, innermost first; a step at the same place
        // as the one before it is not repeated.
        let mut nodes: Vec<((u32, u32), u32)> = Vec::new();
        let mut p = path;
        while p != NO_PATH && nodes.len() < 64 {
            let n = &self.paths[p as usize];
            if let Some(range) = self.file.byte_range(n.span) {
                match nodes.last_mut() {
                    // Same place as the step after it: the earlier one stands.
                    Some(last) if last.0 == range => last.1 = n.msg,
                    _ => nodes.push((range, n.msg)),
                }
            }
            p = n.parent;
        }
        nodes.reverse();
        keep_ends(&mut nodes, 1, MAX_STEPS);
        nodes
            .into_iter()
            .map(|((s, e), m)| Step { loc: self.file.location(s, e), msg: self.msgs[m as usize].clone() })
            .collect()
    }

    /// The first step of a label's path.
    fn label_step(&self, label: usize) -> Option<Step> {
        let n = self.paths.get(*self.label_paths.get(label)? as usize)?;
        let (s, e) = self.file.byte_range(n.span)?;
        Some(Step { loc: self.file.location(s, e), msg: self.msgs[n.msg as usize].clone() })
    }

    /// Analyse a function; returns direct findings and the summary.
    /// `self`, parameter `pidx`: a label of its own.
    fn bind_self(&mut self, r: &syn::Receiver, pidx: u16) {
        let t = self.new_label(Label::Param(pidx), r.self_token.span, "`self`".into(), Shape::Text);
        if let [fact] = t.as_slice() {
            self.param_facts.insert("self".into(), (pidx, *fact));
        }
        self.env.insert("self", t);
        self.param_names.push("self".into());
    }

    /// The type hints a parameter's declared type gives its names. A
    /// generic parameter's type (`base: B`, `generic`) says nothing of which
    /// methods it has: not the crate's type `B`.
    fn param_type_hints(&mut self, pt: &syn::PatType, generic: bool) {
        self.elem_bits_hint(pt);
        if let Some(ty) = type_path(&pt.ty, self.file).filter(|_| !generic) {
            for n in pat_names(&pt.pat) {
                self.hints.entry(n).or_default().ty = Some(ty.clone());
            }
        }
        let Some(inner) = wrapped_type(&pt.ty) else { return };
        match &*pt.pat {
            // `body: Json<Value>`: `body[..]` indexes a `Value`.
            Pat::Ident(pi) if !generic => {
                if let Some(ty) = type_path(inner, self.file) {
                    self.hints.entry(pi.ident.to_string()).or_default().deref_ty = Some(ty);
                }
            }
            // `Query(f): Query<Filter>`: `f` is a `Filter`.
            Pat::TupleStruct(ts) if ts.elems.len() == 1 => {
                if let Some(ty) = type_path(inner, self.file) {
                    for n in pat_names(&pt.pat) {
                        self.hints.entry(n).or_default().ty = Some(ty.clone());
                    }
                }
            }
            _ => {}
        }
    }

    pub(crate) fn run(mut self, f: &FnLike<'_>, in_test: bool) -> (Vec<DirectFinding>, FnSummary) {
        self.self_type = match f.kind {
            FnKind::Method(imp) => web::type_name(&imp.self_ty),
            _ => None,
        };
        self.read_traits(f);
        self.body = self.file.byte_range(f.block.brace_token.span.join()).unwrap_or((0, 0));
        let handler = web::is_request_handler(f, &self.file.imports);
        self.handler = handler;
        // The docs are read only in files that say `Panics` somewhere.
        self.documented_panics =
            self.file.text_contains("Panics") && self.file.fn_docs(f).lines().any(|l| l.trim() == "# Panics");
        let route_params = if handler { web::route_params(f.attrs) } else { Vec::new() };
        let mut pidx: u16 = 0;
        let mut has_self = false;
        for arg in &f.sig.inputs {
            match arg {
                FnArg::Receiver(r) => {
                    has_self = true;
                    self.bind_self(r, pidx);
                    pidx += 1;
                }
                FnArg::Typed(pt) => {
                    let name = pat_name(&pt.pat).unwrap_or_else(|| format!("#{pidx}"));
                    let shape = shape_of_type(&pt.ty);
                    let extractor = if handler {
                        self.extractor_label(&pt.ty).or_else(|| {
                            // Rocket: `#[get("/<name>?<q>")]` binds route
                            // segments and query values to the parameters so named.
                            // A `PathBuf` from `<path..>` is Rocket's segments
                            // guard: `..` and dot-files are refused.
                            let segments_guard = web::type_name(&pt.ty).is_some_and(|t| t == "PathBuf");
                            (route_params.contains(&name) && !segments_guard).then(|| "route parameter".to_string())
                        })
                    } else {
                        None
                    };
                    let stream = match (&extractor, shape) {
                        (None, Some(_)) => self.type_source(&pt.ty),
                        _ => None,
                    };
                    let taint = if let Some(src) = stream {
                        let desc = format!("{} `{}`", src.label, name.trim_start_matches('#'));
                        let t = self.source(src.kind, desc, pt.pat.span(), src.shape);
                        if src.rules.is_empty() {
                            t
                        } else {
                            // Safe for every rule but those it reaches.
                            sanitize(&t, Mask::ALL.without(super::mask::of_ids(&src.rules)))
                        }
                    } else {
                        match (extractor, shape) {
                            (_, None) => Vec::new(),
                            (Some(desc), Some(shape)) => {
                                let desc = format!("{desc} `{}`", name.trim_start_matches('#'));
                                let t = self.source(SourceKind::Remote, desc, pt.pat.span(), shape);
                                self.param_marks(&pt.ty, t)
                            }
                            (None, Some(shape)) => {
                                if let Some(desc) = self.extractor_label(&pt.ty) {
                                    // A source if a router registers this function.
                                    let desc = SourceKind::Remote
                                        .describe(&format!("{desc} `{}`", name.trim_start_matches('#')));
                                    self.extractor_params.push((pidx, desc, shape));
                                } else if handler
                                    && let Some(t) =
                                        web::type_name(&pt.ty).filter(|t| t.starts_with(char::is_uppercase))
                                {
                                    // Maybe a request guard (Rocket's `FromRequest`): the join looks.
                                    self.guard_params.push((pidx, t));
                                }
                                let t = self.new_label(
                                    Label::Param(pidx),
                                    pt.pat.span(),
                                    format!("parameter `{name}`"),
                                    shape,
                                );
                                let t = self.param_marks(&pt.ty, t);
                                if let ([fact], Some(n)) = (t.as_slice(), pat_name(&pt.pat)) {
                                    self.param_facts.insert(n, (pidx, *fact));
                                }
                                t
                            }
                        }
                    };
                    let generic = is_type_param(&pt.ty, &f.sig.generics);
                    self.param_type_hints(pt, generic);
                    self.param_trait(pt);
                    self.bind_pat(&pt.pat, &taint);
                    self.param_names.push(name);
                    pidx += 1;
                }
            }
        }
        let body = self.eval_block(f.block);
        let mut ret = std::mem::take(&mut self.returns);
        if !self.diverged {
            union(&mut ret, &body);
            match f.block.stmts.last() {
                Some(syn::Stmt::Expr(e, None)) => self.note_return(e, &body),
                _ => self.ret_other |= !body.is_empty(),
            }
        }
        let ret_fields = self.ret_field_flows();
        for fact in &ret {
            self.flows.push((*fact, Target::Ret));
            // Only straight from a source: a helper's callers decide what
            // happens to a joined path they get back.
            if fact.weak != NO_PATH
                && matches!(self.labels[fact.label as usize], Label::Source { .. })
                && let Some(site) = self.sinks.get(fact.weak as usize)
                && let Some(bit) = rule_bit(site.rule)
                && !fact.sanitized.contains(bit)
                && errors::reaches(fact, site.rule)
            {
                self.hits.push(Hit { site: fact.weak as usize, facts: vec![*fact] });
            }
        }
        self.finish(f, has_self, in_test, ret_fields)
    }

    /// A returned value: the fields of a struct literal (through `Some`,
    /// `Ok`), or something else that carries taint.
    fn note_return(&mut self, e: &syn::Expr, t: &Taint) {
        self.note_ok_unit(e);
        match self.returned_fields(e) {
            Some(mut fields) => {
                let acc = self.ret_struct.get_or_insert_with(Vec::new);
                // The parts of a field (`pair.0`) count only when every
                // return that sets the field tracks them.
                let whole_only = |fs: &[(String, Taint)], outer: &str| {
                    fs.iter().any(|(n, _)| n == outer)
                        && !fs.iter().any(|(n, _)| n.strip_prefix(outer).is_some_and(|r| r.starts_with('.')))
                };
                let parent = |n: &str| n.rsplit_once('.').map(|(o, _)| o.to_string());
                let drop_acc: Vec<String> = acc
                    .iter()
                    .filter_map(|(n, _)| parent(n).filter(|o| whole_only(&fields, o)).map(|_| n.clone()))
                    .collect();
                fields.retain(|(n, _)| parent(n).is_none_or(|o| !whole_only(acc, &o)));
                acc.retain(|(n, _)| !drop_acc.contains(n));
                for (name, ft) in fields {
                    match acc.iter_mut().find(|(n, _)| *n == name) {
                        Some((_, a)) => union(a, &ft),
                        None => acc.push((name, ft)),
                    }
                }
            }
            None => self.ret_other |= !t.is_empty(),
        }
    }

    /// The fields a returned expression gives: a struct literal's, through
    /// `Some`/`Ok` and the tails of blocks, `if` and `match` (arms that give
    /// `None`, an error or diverge add nothing); `None` when a part is
    /// something else.
    fn returned_fields(&self, e: &syn::Expr) -> Option<Vec<(String, Taint)>> {
        use syn::Expr as E;
        let merge = |parts: Vec<Option<Vec<(String, Taint)>>>| {
            let mut acc: Vec<(String, Taint)> = Vec::new();
            for part in parts {
                for (name, t) in part? {
                    match acc.iter_mut().find(|(n, _)| *n == name) {
                        Some((_, a)) => union(a, &t),
                        None => acc.push((name, t)),
                    }
                }
            }
            Some(acc)
        };
        match strip_parens_refs_derefs(e) {
            E::Call(c) => {
                let E::Path(p) = &*c.func else { return None };
                let name = p.path.get_ident()?.to_string();
                match (name.as_str(), c.args.len()) {
                    ("Some" | "Ok", 1) => self.returned_fields(&c.args[0]),
                    ("Err", _) => Some(Vec::new()),
                    _ => None,
                }
            }
            E::Path(p) if p.path.is_ident("None") => Some(Vec::new()),
            E::Return(_) | E::Macro(_) | E::Continue(_) | E::Break(_) => Some(Vec::new()),
            E::Block(b) => self.tail_fields(&b.block),
            E::If(x) => merge(vec![
                self.tail_fields(&x.then_branch),
                x.else_branch.as_ref().map_or(Some(Vec::new()), |(_, e)| self.returned_fields(e)),
            ]),
            E::Match(m) => merge(m.arms.iter().map(|a| self.returned_fields(&a.body)).collect()),
            // A local whose fields were assigned one by one: its rest is
            // no field of a literal the join could name.
            other => self.fields_of(other).filter(|f| f.iter().all(|(n, _)| n != stmt::REST)),
        }
    }

    fn tail_fields(&self, b: &syn::Block) -> Option<Vec<(String, Taint)>> {
        match b.stmts.last() {
            Some(syn::Stmt::Expr(e, None)) => self.returned_fields(e),
            // Ends with a statement: no value, or diverges (`return …;`).
            _ => Some(Vec::new()),
        }
    }

    /// When every tainted return is a struct literal: its field names, and
    /// a flow per field (`Target::RetField`).
    fn ret_field_flows(&mut self) -> Vec<String> {
        let Some(fields) = self.ret_struct.take().filter(|_| !self.ret_other) else { return Vec::new() };
        for (k, (_, t)) in fields.iter().enumerate() {
            for fact in t {
                self.flows.push((*fact, Target::RetField { field: k as u16 }));
            }
        }
        fields.into_iter().map(|(n, _)| n).collect()
    }

    /// A request extractor's source label, by the parameter's canonical
    /// type (`axum::extract::Path`, never `std::path::Path`); by its last
    /// segment only when nothing in the file says which type it is.
    fn extractor_label(&self, ty: &Type) -> Option<String> {
        let (key, name) = match self.sem.as_ref().map(|s| s.param_type(ty)) {
            Some(Some(Ok(canonical))) => {
                let name = canonical.rsplit("::").next().unwrap_or(&canonical).to_string();
                (canonical, name)
            }
            Some(Some(Err(last))) => (self.models.extractors_by_last.get(&last)?.clone(), last),
            Some(None) => return None,
            // Items inside macros: no semantic model.
            None => {
                let last = web::resolved_type_name(ty, &self.file.imports)?;
                (self.models.extractors_by_last.get(&last)?.clone(), last)
            }
        };
        self.models.extractors.get(&key).map(|l| l.replace("{type}", &name))
    }

    /// A value stored in a field of the own type (`self.len = n`, a field
    /// of `Self { .. }`): a flow the join reads back in the type's other
    /// methods.
    fn self_field_flow(&mut self, field: &str, t: &Taint) {
        if t.is_empty() || self.self_type.is_none() {
            return;
        }
        let idx = match self.self_fields.iter().position(|f| f == field) {
            Some(i) => i,
            None => {
                self.self_fields.push(field.to_string());
                self.self_fields.len() - 1
            }
        };
        for f in t {
            self.flows.push((*f, Target::SelfField(idx as u16)));
        }
        if self.pushing && !self.self_pushed.contains(&(idx as u16)) {
            self.self_pushed.push(idx as u16);
        }
    }

    /// A parameter whose type the models name as a source wherever its
    /// value comes from (a `TcpStream`: bytes another machine wrote).
    fn type_source(&self, ty: &Type) -> Option<&'a super::model::SourceModel> {
        if self.models.type_sources.is_empty() {
            return None;
        }
        let models: &'a Models = self.models;
        match self.sem.as_ref()?.param_type(ty)? {
            Ok(canonical) => models.type_sources.get(&canonical),
            Err(_) => None,
        }
    }

    fn finish(
        mut self,
        f: &FnLike<'_>,
        has_self: bool,
        in_test: bool,
        ret_fields: Vec<String>,
    ) -> (Vec<DirectFinding>, FnSummary) {
        let mut direct = Vec::new();
        let head = FnHead {
            name: f.sig.ident.to_string(),
            impl_type: self.self_type.clone(),
            params: self.param_names.clone(),
            extractor_params: self.extractor_params.clone(),
            guard_params: std::mem::take(&mut self.guard_params),
            has_self,
            in_test,
            ..Default::default()
        };
        let mut summary = FnSummary { head, body: Default::default() };
        self.writes_through_links();
        // Sinks: direct findings for sources; flows for the rest.
        let mut strong_rules: Vec<(&'static str, u32)> = Vec::new();
        for hit in &self.hits {
            let site = &self.sinks[hit.site];
            if site.weak {
                continue;
            }
            for fact in &hit.facts {
                if matches!(self.labels[fact.label as usize], Label::Source { .. }) {
                    strong_rules.push((site.rule, fact.label));
                }
            }
        }
        for hit in &self.hits {
            let site = &self.sinks[hit.site];
            for fact in &hit.facts {
                match &self.labels[fact.label as usize] {
                    Label::Source { kind, desc } => {
                        if site.weak && strong_rules.contains(&(site.rule, fact.label)) {
                            continue;
                        }
                        direct.push(DirectFinding {
                            sink: site.clone(),
                            source_kind: *kind,
                            source_desc: desc.clone(),
                            steps: self.steps_of(fact.path),
                        });
                    }
                    _ => {
                        summary.body.flows.push(self.flow_out(fact, Target::Sink(hit.site as u32)));
                    }
                }
            }
        }
        for (fact, target) in &self.flows {
            summary.body.flows.push(self.flow_out(fact, *target));
        }
        summary.body.labels = self
            .labels
            .iter()
            .map(|l| match l {
                Label::Source { kind, desc } => LabelOut::Source { kind: *kind, desc: desc.clone() },
                Label::Param(i) => LabelOut::Param(*i),
                Label::ParamField { param, field } => LabelOut::ParamField { param: *param, field: field.clone() },
                Label::CallRet(c) => LabelOut::CallRet(*c),
                Label::CallOk(c) => LabelOut::CallOk(*c),
                Label::Checked { call, arg } => LabelOut::Checked { call: *call, arg: *arg },
                Label::CallRetField { call, field } => LabelOut::CallRetField { call: *call, field: field.clone() },
            })
            .collect();
        summary.head.calls = std::mem::take(&mut self.calls);
        summary.body.checks = self.checks_of(f, &summary.body.flows);
        if !super::keeps_summary(&summary, f) {
            // Dropped by `analyze_fn`: nothing more to work out.
            return (direct, summary);
        }
        summary.head.responds = !has_self
            && !self.handler
            && !self.extractor_params.is_empty()
            && web::returns_response(f, &self.file.imports);
        summary.head.loc = self.file.byte_range(f.sig.ident.span()).map(|(s, e)| self.file.location(s, e));
        // Locations only for what a flow uses (`compact` drops the rest).
        let (used_labels, used_calls) = summary.used_labels_and_calls();
        summary.body.label_steps =
            used_labels.iter().enumerate().map(|(i, &used)| if used { self.label_step(i) } else { None }).collect();
        for ((c, span), &used) in summary.head.calls.iter_mut().zip(&self.call_spans).zip(&used_calls) {
            if used {
                c.loc = self.file.byte_range(*span).map(|(s, e)| self.file.location(s, e));
            }
        }
        summary.head.api = library::is_api(f);
        summary.body.lib_params = self.library_params(f);
        summary.body.arg_fields = std::mem::take(&mut self.arg_fields);
        summary.body.arg_sizes = std::mem::take(&mut self.arg_sizes);
        summary.body.ret_fields = ret_fields;
        summary.head.self_fields = std::mem::take(&mut self.self_fields);
        summary.head.self_pushed = std::mem::take(&mut self.self_pushed);
        if summary.is_useful() {
            summary.head.impl_trait = self.own_trait(f);
        }
        summary.body.sinks = self.sinks;
        (direct, summary)
    }

    fn flow_out(&self, fact: &Fact, target: Target) -> FlowOut {
        FlowOut {
            label: fact.label,
            target,
            // Into a call: the join rebuilds the path from where the value
            // entered the function and the call site (see `compact`).
            steps: if matches!(target, Target::Arg { .. } | Target::ArgField { .. }) {
                Vec::new()
            } else {
                self.steps_of(fact.path)
            },
            shape: fact.shape,
            sanitized: fact.sanitized,
            err: fact.err,
            decoded: fact.decoded,
            joined: fact.joined,
            in_base: fact.in_base,
            wire: fact.wire,
        }
    }
}

/// `B`, `&B`, `&mut B` for a type parameter `B` of the function.
fn is_type_param(ty: &Type, generics: &syn::Generics) -> bool {
    match ty {
        Type::Reference(r) => is_type_param(&r.elem, generics),
        Type::Path(p) if p.qself.is_none() => {
            p.path.get_ident().is_some_and(|i| generics.type_params().any(|g| g.ident == *i))
        }
        _ => false,
    }
}
