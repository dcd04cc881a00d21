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

use rustc_hash::FxHashMap as HashMap;

use proc_macro2::Span;
use syn::spanned::Spanned;
use syn::{Block, Expr, ExprCall, ExprMethodCall, FnArg, Lit, Macro, Pat, Stmt, Type};

use super::model::{Evidence, Models, SinkModel, SourceKind};
use super::{
    CallSite, Callee, FlowOut, FnSummary, LabelOut, Mask, Shape, SinkSite, Step, Target, keep_ends, mask, rule_bit,
};
use crate::rules::file::FileCtx;
use crate::rules::taint::{Guard, MacroArgs};
use crate::rules::web;
use crate::syntax::paths::Resolved;
use crate::syntax::{FnKind, FnLike, macros};

const NO_PATH: u32 = u32::MAX;
/// Facts kept per value (the first ones found win).
const MAX_FACTS: usize = 12;
/// Steps kept per path.
const MAX_STEPS: usize = 12;
/// Expression nesting the evaluator follows before giving up on a subtree.
const MAX_DEPTH: u32 = 200;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Fact {
    label: u32,
    path: u32,
    shape: Shape,
    /// Rules this value is safe for.
    sanitized: Mask,
    /// The value went through a weak sink (`Path::join`): its site, or
    /// `NO_PATH`. Reported only if the value leaves the function unchecked.
    weak: u32,
}

type Taint = Vec<Fact>;

fn union(a: &mut Taint, b: &[Fact]) {
    for f in b {
        if a.len() >= MAX_FACTS {
            return;
        }
        if !a.iter().any(|x| x.label == f.label && x.shape == f.shape && x.sanitized == f.sanitized) {
            a.push(*f);
        }
    }
}

fn with_shape(t: &[Fact], shape: Shape) -> Taint {
    let mut out = Vec::with_capacity(t.len());
    for f in t {
        union(&mut out, &[Fact { shape, ..*f }]);
    }
    out
}

fn sanitize(t: &[Fact], bits: Mask) -> Taint {
    t.iter().map(|f| Fact { sanitized: f.sanitized.union(bits), ..*f }).collect()
}

#[derive(Clone, Debug)]
enum Label {
    Source { kind: SourceKind, desc: String },
    Param(u16),
    CallRet(u32),
}

/// One step of a path: where (a span, turned into a location only if the
/// path is reported) and what (an index into `msgs`).
struct PathNode {
    parent: u32,
    span: Span,
    msg: u32,
}

/// What we know about a local's type or construction.
#[derive(Clone, Debug, Default)]
struct Hint {
    /// Resolved type path (`sqlx::PgPool`), if known.
    ty: Option<Vec<String>>,
    /// A `Command` whose program is a shell.
    shell: bool,
    /// … invoked with `-c` (or `/C`).
    dash_c: bool,
    /// An HTTP response builder with an HTML content type.
    html: bool,
}

type Env = HashMap<String, Taint>;

/// A sink reached by tainted facts (before they are sorted into direct
/// findings and summary flows).
struct Hit {
    site: usize,
    facts: Taint,
}

/// A source-to-sink flow found inside one function.
pub struct DirectFinding {
    pub rule: &'static str,
    pub sink: SinkSite,
    pub source_kind: SourceKind,
    pub source_desc: String,
    pub steps: Vec<Step>,
}

pub struct FnAnalysis<'a> {
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
    /// Local closures: name → (param names, body)
    self_type: Option<String>,
    param_names: Vec<String>,
    /// Byte range of the function body (for conditions on its text).
    body: (u32, u32),
    extractor_params: Vec<(u16, String, Shape)>,
    /// Where each label starts (its first path node).
    label_paths: Vec<u32>,
    /// Step messages, shared by the facts that take the same step.
    msgs: Vec<String>,
    /// Where each call site is (its location is worked out only for calls
    /// a flow goes through).
    call_spans: Vec<Span>,
}

impl<'a> FnAnalysis<'a> {
    pub fn new(
        file: &'a FileCtx,
        models: &'a Models,
        enabled: Mask,
        workspace: &'a std::collections::HashSet<String>,
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
            self_type: None,
            param_names: Vec::new(),
            body: (0, 0),
            extractor_params: Vec::new(),
            label_paths: Vec::new(),
            msgs: Vec::new(),
            call_spans: Vec::new(),
        }
    }

    // ----- labels and paths -------------------------------------------------

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
        vec![Fact { label: id, path, shape, sanitized: Mask::EMPTY, weak: NO_PATH }]
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

    // ----- entry ------------------------------------------------------------

    /// Analyse a function; returns direct findings and the summary.
    pub fn run(mut self, f: &FnLike<'_>, in_test: bool) -> (Vec<DirectFinding>, FnSummary) {
        self.self_type = match f.kind {
            FnKind::Method(imp) => web::type_name(&imp.self_ty),
            _ => None,
        };
        self.body = self.file.byte_range(f.block.brace_token.span.join()).unwrap_or((0, 0));
        let handler = web::is_request_handler(f, &self.file.imports);
        let mut pidx: u16 = 0;
        let mut has_self = false;
        for arg in &f.sig.inputs {
            match arg {
                FnArg::Receiver(r) => {
                    has_self = true;
                    let t = self.new_label(Label::Param(pidx), r.self_token.span, "`self`".into(), Shape::Text);
                    self.env.insert("self".into(), t);
                    self.param_names.push("self".into());
                    pidx += 1;
                }
                FnArg::Typed(pt) => {
                    let name = pat_name(&pt.pat).unwrap_or_else(|| format!("#{pidx}"));
                    let shape = shape_of_type(&pt.ty);
                    let extractor = if handler { self.extractor_label(&pt.ty) } else { None };
                    let taint = match (extractor, shape) {
                        (_, None) => Vec::new(),
                        (Some(desc), Some(shape)) => {
                            let desc = format!("{desc} `{}`", name.trim_start_matches('#'));
                            self.source(SourceKind::Remote, desc, pt.pat.span(), shape)
                        }
                        (None, Some(shape)) => {
                            if let Some(desc) = self.extractor_label(&pt.ty) {
                                // A source if a router registers this function.
                                let desc =
                                    SourceKind::Remote.describe(&format!("{desc} `{}`", name.trim_start_matches('#')));
                                self.extractor_params.push((pidx, desc, shape));
                            }
                            self.new_label(Label::Param(pidx), pt.pat.span(), format!("parameter `{name}`"), shape)
                        }
                    };
                    if let Some(ty) = type_path(&pt.ty, self.file) {
                        for n in pat_names(&pt.pat) {
                            self.hints.entry(n).or_default().ty = Some(ty.clone());
                        }
                    }
                    // `Query(f): Query<Filter>`: `f` is a `Filter`.
                    if let (Pat::TupleStruct(ts), Some(inner)) = (&*pt.pat, wrapped_type(&pt.ty))
                        && ts.elems.len() == 1
                        && let Some(ty) = type_path(inner, self.file)
                    {
                        for n in pat_names(&pt.pat) {
                            self.hints.entry(n).or_default().ty = Some(ty.clone());
                        }
                    }
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
        }
        for fact in &ret {
            self.flows.push((*fact, Target::Ret));
            // Only straight from a source: a helper's callers decide what
            // happens to a joined path they get back.
            if fact.weak != NO_PATH
                && matches!(self.labels[fact.label as usize], Label::Source { .. })
                && let Some(site) = self.sinks.get(fact.weak as usize)
                && let Some(bit) = rule_bit(site.rule)
                && !fact.sanitized.contains(bit)
            {
                self.hits.push(Hit { site: fact.weak as usize, facts: vec![*fact] });
            }
        }
        self.finish(f, has_self, in_test)
    }

    fn extractor_label(&self, ty: &Type) -> Option<String> {
        let name = web::resolved_type_name(ty, &self.file.imports)?;
        self.models.extractors.get(&name).map(|l| l.replace("{type}", &name))
    }

    fn finish(mut self, f: &FnLike<'_>, has_self: bool, in_test: bool) -> (Vec<DirectFinding>, FnSummary) {
        let mut direct = Vec::new();
        let mut summary = FnSummary {
            name: f.sig.ident.to_string(),
            impl_type: self.self_type.clone(),
            params: self.param_names.clone(),
            extractor_params: self.extractor_params.clone(),
            has_self,
            in_test,
            loc: self.file.byte_range(f.sig.ident.span()).map(|(s, e)| self.file.location(s, e)),
            ..Default::default()
        };
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
                            rule: site.rule,
                            sink: site.clone(),
                            source_kind: *kind,
                            source_desc: desc.clone(),
                            steps: self.steps_of(fact.path),
                        });
                    }
                    _ => {
                        summary.flows.push(self.flow_out(fact, Target::Sink(hit.site as u32)));
                    }
                }
            }
        }
        for (fact, target) in &self.flows {
            summary.flows.push(self.flow_out(fact, *target));
        }
        summary.labels = self
            .labels
            .iter()
            .map(|l| match l {
                Label::Source { kind, desc } => LabelOut::Source { kind: *kind, desc: desc.clone() },
                Label::Param(i) => LabelOut::Param(*i),
                Label::CallRet(c) => LabelOut::CallRet(*c),
            })
            .collect();
        summary.calls = std::mem::take(&mut self.calls);
        // Locations only for what a flow uses (`compact` drops the rest).
        let (used_labels, used_calls) = summary.used_labels_and_calls();
        summary.label_steps =
            used_labels.iter().enumerate().map(|(i, &used)| if used { self.label_step(i) } else { None }).collect();
        for ((c, span), &used) in summary.calls.iter_mut().zip(&self.call_spans).zip(&used_calls) {
            if used {
                c.loc = self.file.byte_range(*span).map(|(s, e)| self.file.location(s, e));
            }
        }
        summary.sinks = self.sinks;
        (direct, summary)
    }

    fn flow_out(&self, fact: &Fact, target: Target) -> FlowOut {
        FlowOut {
            label: fact.label,
            target,
            // Into a call: the join rebuilds the path from where the value
            // entered the function and the call site (see `compact`).
            steps: if matches!(target, Target::Arg { .. }) { Vec::new() } else { self.steps_of(fact.path) },
            shape: fact.shape,
            sanitized: fact.sanitized,
        }
    }

    // ----- statements -------------------------------------------------------

    fn eval_block(&mut self, b: &Block) -> Taint {
        let mut last = Vec::new();
        for (i, stmt) in b.stmts.iter().enumerate() {
            if self.diverged {
                break;
            }
            let is_last = i + 1 == b.stmts.len();
            match stmt {
                Stmt::Local(l) => {
                    let mut t = match &l.init {
                        Some(init) => {
                            let t = self.eval(&init.expr);
                            if let Some((_, els)) = &init.diverge {
                                let saved = self.env.clone();
                                let d = self.diverged;
                                self.eval(els);
                                self.env = saved;
                                self.diverged = d;
                            }
                            t
                        }
                        None => Vec::new(),
                    };
                    // `let x: u64 = …` narrows the shape.
                    if let Pat::Type(pt) = &l.pat {
                        match shape_of_type(&pt.ty) {
                            None => t.clear(),
                            Some(Shape::Number) => t = with_shape(&t, Shape::Number),
                            Some(Shape::Text) => {}
                        }
                        if let Some(ty) = type_path(&pt.ty, self.file) {
                            for n in pat_names(&pt.pat) {
                                self.hints.entry(n).or_default().ty = Some(ty.clone());
                            }
                        }
                    }
                    if let Some(init) = &l.init {
                        self.hint_from_init(&l.pat, &init.expr);
                    }
                    if let Some(name) = pat_name(&l.pat)
                        && !t.is_empty()
                    {
                        t = self.step(&t, pat_span(&l.pat), &format!("assigned to `{name}`"));
                    }
                    self.bind_pat(&l.pat, &t);
                    last = Vec::new();
                }
                Stmt::Expr(e, semi) => {
                    let t = self.eval(e);
                    last = if semi.is_none() && is_last { t } else { Vec::new() };
                }
                Stmt::Macro(m) => {
                    let t = self.eval_macro(&m.mac);
                    last = if m.semi_token.is_none() && is_last { t } else { Vec::new() };
                }
                Stmt::Item(_) => {}
            }
        }
        last
    }

    /// Remember what a `let` initialiser tells about the variable's type.
    fn hint_from_init(&mut self, pat: &Pat, init: &Expr) {
        let Some(name) = pat_name(pat) else { return };
        let h = self.hint_of(init);
        if h.ty.is_some() || h.shell || h.html {
            let e = self.hints.entry(name).or_default();
            if h.ty.is_some() {
                e.ty = h.ty;
            }
            e.shell |= h.shell;
            e.dash_c |= h.dash_c;
            e.html |= h.html;
        }
    }

    /// What an expression's construction tells: `Command::new("sh")`,
    /// `reqwest::Client::new()`, `Client::builder()….build()`.
    fn hint_of(&self, e: &Expr) -> Hint {
        match strip_parens_refs_derefs(e) {
            Expr::Call(c) => {
                let Expr::Path(p) = &*c.func else { return Hint::default() };
                let r = self.file.imports.resolve(&p.path);
                let mut h = Hint::default();
                if let Some(t) = self.models.returns.get(&r.to_path_string()) {
                    h.ty = Some(t.clone());
                } else if r.segs.len() >= 2 && r.segs[r.segs.len() - 2].chars().next().is_some_and(char::is_uppercase) {
                    // `Type::new(..)`, `Type::builder()`: the type itself.
                    h.ty = Some(r.segs[..r.segs.len() - 1].to_vec());
                }
                if r.ends_with("Command::new")
                    && let Some(arg) = c.args.first()
                    && let Some(prog) = str_lit(arg)
                {
                    h.shell = is_shell(&prog);
                }
                h
            }
            Expr::MethodCall(m) => {
                let mut h = match strip_parens_refs_derefs(&m.receiver) {
                    Expr::Path(p) if p.path.segments.len() == 1 => {
                        self.hints.get(&p.path.segments[0].ident.to_string()).cloned().unwrap_or_default()
                    }
                    other => self.hint_of(other),
                };
                let name = m.method.to_string();
                if name == "arg" || name == "args" {
                    if m.args.iter().any(arg_has_shell_flag) {
                        h.dash_c = true;
                    }
                } else if matches!(name.as_str(), "content_type" | "insert_header" | "append_header" | "header")
                    && m.args.iter().any(|a| self.file.snippet(a.span()).to_ascii_lowercase().contains("html"))
                {
                    h.html = true;
                } else if name == "build"
                    && let Some(ty) = &mut h.ty
                    && let Some(l) = ty.last_mut()
                    && l.ends_with("Builder")
                {
                    // `ClientBuilder::new()…build()` is a `Client`.
                    *l = l.trim_end_matches("Builder").to_string();
                }
                h
            }
            Expr::Path(p) if p.path.segments.len() == 1 => {
                self.hints.get(&p.path.segments[0].ident.to_string()).cloned().unwrap_or_default()
            }
            _ => Hint::default(),
        }
    }

    fn bind_pat(&mut self, pat: &Pat, t: &Taint) {
        for name in pat_names(pat) {
            self.env.insert(name, t.clone());
        }
    }

    // ----- expressions -----------------------------------------------------

    fn eval(&mut self, e: &Expr) -> Taint {
        if self.depth > MAX_DEPTH {
            return Vec::new();
        }
        self.depth += 1;
        let t = self.eval_inner(e);
        self.depth -= 1;
        t
    }

    fn eval_inner(&mut self, e: &Expr) -> Taint {
        match e {
            Expr::Lit(_) | Expr::Const(_) | Expr::Continue(_) => Vec::new(),
            Expr::Path(p) => {
                if p.qself.is_none() && p.path.segments.len() == 1 {
                    let name = p.path.segments[0].ident.to_string();
                    self.env.get(&name).cloned().unwrap_or_default()
                } else {
                    Vec::new()
                }
            }
            Expr::Paren(x) => self.eval(&x.expr),
            Expr::Group(x) => self.eval(&x.expr),
            Expr::Reference(x) => self.eval(&x.expr),
            Expr::RawAddr(x) => self.eval(&x.expr),
            Expr::Unary(x) => match x.op {
                syn::UnOp::Not(_) => {
                    self.eval(&x.expr);
                    Vec::new()
                }
                _ => self.eval(&x.expr),
            },
            Expr::Cast(x) => {
                let t = self.eval(&x.expr);
                match shape_of_type(&x.ty) {
                    Some(Shape::Number) => with_shape(&t, Shape::Number),
                    None => Vec::new(),
                    Some(Shape::Text) => t,
                }
            }
            Expr::Field(x) => {
                if let Expr::Path(p) = &*x.base
                    && p.path.segments.len() == 1
                    && let syn::Member::Named(n) = &x.member
                {
                    let key = format!("{}.{}", p.path.segments[0].ident, n);
                    if let Some(t) = self.env.get(&key) {
                        return t.clone();
                    }
                }
                let t = self.eval(&x.base);
                // The field's declared type narrows the shape.
                match self.field_type(&x.base, &x.member) {
                    Some(ft) if ft.inert => Vec::new(),
                    Some(ft) if ft.numeric => with_shape(&t, Shape::Number),
                    _ => t,
                }
            }
            Expr::Index(x) => {
                self.eval(&x.index);
                self.eval(&x.expr)
            }
            Expr::Try(x) => self.eval(&x.expr),
            Expr::Await(x) => self.eval(&x.base),
            Expr::Tuple(x) => self.union_all(x.elems.iter()),
            Expr::Array(x) => self.union_all(x.elems.iter()),
            Expr::Repeat(x) => {
                let t = self.eval(&x.expr);
                self.eval(&x.len);
                t
            }
            Expr::Range(x) => {
                let mut t = Vec::new();
                if let Some(s) = &x.start {
                    union(&mut t, &self.eval(s));
                }
                if let Some(s) = &x.end {
                    union(&mut t, &self.eval(s));
                }
                t
            }
            Expr::Struct(x) => {
                let mut t = Vec::new();
                for f in &x.fields {
                    union(&mut t, &self.eval(&f.expr));
                }
                if let Some(r) = &x.rest {
                    union(&mut t, &self.eval(r));
                }
                t
            }
            Expr::Binary(x) => self.eval_binary(x),
            Expr::Assign(x) => {
                let t = self.eval(&x.right);
                self.assign(&x.left, t, false);
                Vec::new()
            }
            Expr::Block(x) => self.eval_block(&x.block),
            Expr::Unsafe(x) => self.eval_block(&x.block),
            Expr::Async(x) => self.eval_block(&x.block),
            Expr::TryBlock(x) => self.eval_block(&x.block),
            Expr::If(x) => self.eval_if(x),
            Expr::Match(x) => self.eval_match(x),
            Expr::ForLoop(x) => {
                let it = self.eval(&x.expr);
                let before = self.env.clone();
                let d = self.diverged;
                self.bind_pat(&x.pat, &it);
                for _ in 0..2 {
                    self.eval_block(&x.body);
                    self.diverged = d;
                }
                self.merge_from(before);
                Vec::new()
            }
            Expr::While(x) => {
                let before = self.env.clone();
                let d = self.diverged;
                for _ in 0..2 {
                    self.eval(&x.cond);
                    self.eval_block(&x.body);
                    self.diverged = d;
                }
                self.merge_from(before);
                Vec::new()
            }
            Expr::Loop(x) => {
                let before = self.env.clone();
                let d = self.diverged;
                for _ in 0..2 {
                    self.eval_block(&x.body);
                    self.diverged = d;
                }
                self.merge_from(before);
                Vec::new()
            }
            Expr::Let(x) => {
                let t = self.eval(&x.expr);
                self.bind_pat(&x.pat, &t);
                Vec::new()
            }
            Expr::Return(x) => {
                if let Some(v) = &x.expr {
                    let t = self.eval(v);
                    union(&mut self.returns, &t);
                }
                self.diverged = true;
                Vec::new()
            }
            Expr::Break(x) => {
                if let Some(v) = &x.expr {
                    self.eval(v);
                }
                self.diverged = true;
                Vec::new()
            }
            Expr::Closure(c) => {
                // A closure stored for later: analyse its body with its
                // parameters untainted, for sinks on captured values.
                let saved = self.env.clone();
                let d = self.diverged;
                let r = self.returns.clone();
                self.eval(&c.body);
                self.env = saved;
                self.diverged = d;
                self.returns = r;
                Vec::new()
            }
            Expr::MethodCall(m) => self.eval_method(m),
            Expr::Call(c) => self.eval_call(c),
            Expr::Macro(m) => self.eval_macro(&m.mac),
            Expr::Yield(x) => {
                if let Some(v) = &x.expr {
                    self.eval(v);
                }
                Vec::new()
            }
            _ => Vec::new(),
        }
    }

    fn union_all<'e>(&mut self, it: impl Iterator<Item = &'e Expr>) -> Taint {
        let mut t = Vec::new();
        for e in it {
            let x = self.eval(e);
            union(&mut t, &x);
        }
        t
    }

    fn eval_binary(&mut self, x: &syn::ExprBinary) -> Taint {
        use syn::BinOp::*;
        let l = self.eval(&x.left);
        let r = self.eval(&x.right);
        match x.op {
            Add(_) => {
                let mut t = l;
                union(&mut t, &r);
                // `n + 1` is arithmetic; `s + "x"` is concatenation.
                if is_number_lit(&x.left) || is_number_lit(&x.right) { with_shape(&t, Shape::Number) } else { t }
            }
            Sub(_) | Mul(_) | Div(_) | Rem(_) | BitAnd(_) | BitOr(_) | BitXor(_) | Shl(_) | Shr(_) => {
                let mut t = l;
                union(&mut t, &r);
                with_shape(&t, Shape::Number)
            }
            AddAssign(_) | SubAssign(_) | MulAssign(_) | DivAssign(_) | RemAssign(_) | BitOrAssign(_)
            | BitAndAssign(_) | BitXorAssign(_) | ShlAssign(_) | ShrAssign(_) => {
                let mut t = l;
                union(&mut t, &r);
                self.assign(&x.left, t, true);
                Vec::new()
            }
            _ => Vec::new(), // comparisons and logic yield booleans
        }
    }

    /// `x = v`, `x.f = v`, `x += v`.
    fn assign(&mut self, lhs: &Expr, t: Taint, weak: bool) {
        match strip_parens_refs_derefs(lhs) {
            Expr::Path(p) if p.path.segments.len() == 1 => {
                let name = p.path.segments[0].ident.to_string();
                if weak {
                    let e = self.env.entry(name).or_default();
                    union(e, &t);
                } else {
                    self.env.insert(name, t);
                }
            }
            Expr::Field(f) => {
                if let Expr::Path(p) = &*f.base
                    && p.path.segments.len() == 1
                    && let syn::Member::Named(n) = &f.member
                {
                    let base = p.path.segments[0].ident.to_string();
                    let key = format!("{base}.{n}");
                    let e = self.env.entry(key).or_default();
                    if weak {
                        union(e, &t);
                    } else {
                        *e = t.clone();
                    }
                    // The whole object now (may) carry it too.
                    let whole = self.env.entry(base).or_default();
                    union(whole, &t);
                }
            }
            Expr::Index(ix) => {
                // `v[i] = x` taints the collection.
                self.assign(&ix.expr, t, true);
            }
            Expr::Unary(u) => self.assign(&u.expr, t, weak),
            _ => {}
        }
    }

    fn merge_from(&mut self, other: Env) {
        for (k, v) in other {
            let e = self.env.entry(k).or_default();
            union(e, &v);
        }
    }

    /// Evaluate `body` in a copy of the current state, returning its value
    /// and its final state (None when it diverged).
    fn branch(&mut self, start: &Env, f: impl FnOnce(&mut Self) -> Taint) -> (Taint, Option<Env>) {
        self.env = start.clone();
        let d = self.diverged;
        let t = f(self);
        let diverged = self.diverged;
        self.diverged = d;
        let env = std::mem::take(&mut self.env);
        (t, (!diverged).then_some(env))
    }

    fn join_envs(&mut self, envs: Vec<Option<Env>>, start: Env) {
        let live: Vec<Env> = envs.into_iter().flatten().collect();
        if live.is_empty() {
            self.env = start;
            self.diverged = true;
            return;
        }
        let mut it = live.into_iter();
        self.env = it.next().unwrap_or_default();
        for e in it {
            self.merge_from(e);
        }
    }

    fn eval_if(&mut self, x: &syn::ExprIf) -> Taint {
        self.eval(&x.cond);
        let guard = self.guard_of(&x.cond);
        let start = self.env.clone();
        let (then_t, then_env) = self.branch(&start, |s| {
            if let Some((var, bits, true)) = &guard {
                s.sanitize_var(var, *bits);
            }
            s.eval_block(&x.then_branch)
        });
        let (else_t, else_env) = self.branch(&start, |s| {
            if let Some((var, bits, false)) = &guard {
                s.sanitize_var(var, *bits);
            }
            match &x.else_branch {
                Some((_, e)) => s.eval(e),
                None => Vec::new(),
            }
        });
        self.join_envs(vec![then_env, else_env], start);
        let mut t = then_t;
        union(&mut t, &else_t);
        t
    }

    fn eval_match(&mut self, x: &syn::ExprMatch) -> Taint {
        let scrut = self.eval(&x.expr);
        let scrut_var = var_of(&x.expr);
        let start = self.env.clone();
        let mut envs = Vec::new();
        let mut value = Vec::new();
        for arm in &x.arms {
            let (pat, guard) = match &arm.pat {
                Pat::Guard(g) => (&*g.pat, Some(&*g.guard)),
                p => (p, None),
            };
            let literal_arm = pat_is_literal(pat);
            let (t, env) = self.branch(&start, |s| {
                if literal_arm {
                    // Matched against literals: an allow-list.
                    if let Some(v) = &scrut_var {
                        s.sanitize_var(v, Mask::ALL);
                    }
                } else {
                    s.bind_pat(pat, &scrut);
                }
                if let Some(g) = guard {
                    s.eval(g);
                }
                s.eval(&arm.body)
            });
            union(&mut value, &t);
            envs.push(env);
        }
        if x.arms.is_empty() {
            self.env = start;
            return Vec::new();
        }
        self.join_envs(envs, start);
        value
    }

    fn sanitize_var(&mut self, var: &str, bits: Mask) {
        let current = match self.env.get(var) {
            Some(t) => Some(t.clone()),
            // `q.next`: start from the object's taint.
            None => var.split_once('.').and_then(|(base, _)| self.env.get(base).cloned()),
        };
        if let Some(t) = current {
            let s = sanitize(&t, bits);
            self.env.insert(var.to_string(), s);
        }
    }

    /// A condition that, when true (`.2 == true`) or false, makes a variable
    /// safe: comparisons with literals, allow-list lookups, validators,
    /// containment checks, host checks, size limits.
    fn guard_of(&self, cond: &Expr) -> Option<(String, Mask, bool)> {
        match strip_parens_refs_derefs(cond) {
            Expr::Unary(u) if matches!(u.op, syn::UnOp::Not(_)) => {
                self.guard_of(&u.expr).map(|(v, b, when)| (v, b, !when))
            }
            Expr::Binary(b) => {
                use syn::BinOp::*;
                match b.op {
                    Eq(_) => {
                        let var = match (var_of(&b.left), var_of(&b.right)) {
                            (Some(v), _) if is_literalish(&b.right) => v,
                            (_, Some(v)) if is_literalish(&b.left) => v,
                            _ => {
                                return self
                                    .host_guard(&b.left, &b.right)
                                    .map(|v| (v, mask::guarded_by(Guard::HostAllowList), true));
                            }
                        };
                        Some((var, Mask::ALL, true))
                    }
                    Ne(_) => {
                        let eq = Expr::Binary(syn::ExprBinary {
                            attrs: Vec::new(),
                            left: b.left.clone(),
                            op: Eq(syn::token::EqEq::default()),
                            right: b.right.clone(),
                        });
                        self.guard_of(&eq).map(|(v, bits, when)| (v, bits, !when))
                    }
                    Gt(_) | Ge(_) => {
                        // `n > MAX` guards allocation sizes (true: too big).
                        let v = var_of(&b.left)?;
                        is_literalish(&b.right).then(|| (v, mask::guarded_by(Guard::UpperBound), false))
                    }
                    Lt(_) | Le(_) => {
                        let v = var_of(&b.left)?;
                        is_literalish(&b.right).then(|| (v, mask::guarded_by(Guard::UpperBound), true))
                    }
                    And(_) => {
                        self.guard_of(&b.left).filter(|g| g.2).or_else(|| self.guard_of(&b.right).filter(|g| g.2))
                    }
                    Or(_) => {
                        let l = self.guard_of(&b.left)?;
                        let r = self.guard_of(&b.right)?;
                        if l.0 != r.0 {
                            return None;
                        }
                        match (l.2, r.2) {
                            // `x == "a" || x == "b"`: either accepted value.
                            (true, true) => Some((l.0, l.1.intersection(r.1), true)),
                            // `x.contains("..") || x.contains('/')`: false means both checks passed.
                            (false, false) => Some((l.0, l.1.union(r.1), false)),
                            _ => None,
                        }
                    }
                    _ => None,
                }
            }
            Expr::MethodCall(m) => {
                let name = m.method.to_string();
                match name.as_str() {
                    // ALLOWED.contains(&x), set.contains(x)
                    "contains" | "contains_key" | "binary_search" => {
                        let arg = m.args.first()?;
                        // `x.contains("..")`: a test on the value itself; true means reject.
                        if let Some(v) = var_of(&m.receiver)
                            && let Some(lit) = lit_text(arg)
                        {
                            return (lit.contains("..") || lit == "/" || lit == "\\")
                                .then(|| (v, mask::guarded_by(Guard::PathContainment), false));
                        }
                        // `ALLOWED.contains(&x)`: an allow-list; true means accepted.
                        let v = var_of(arg)?;
                        Some((v, Mask::ALL, true))
                    }
                    "starts_with" => {
                        // canonical.starts_with(&base)
                        let v = var_of(&m.receiver)?;
                        let arg = m.args.first()?;
                        (!is_literalish(arg)
                            || self
                                .hints
                                .get(&v)
                                .and_then(|h| h.ty.as_ref())
                                .is_some_and(|t| t.last().is_some_and(|l| l.contains("Path"))))
                        .then(|| (v, mask::guarded_by(Guard::PathContainment), true))
                    }
                    "is_match" => {
                        // ALLOWED_RE.is_match(&x)
                        let v = var_of(m.args.first()?)?;
                        Some((v, Mask::ALL, true))
                    }
                    "chars" | "bytes" => None,
                    "all" => {
                        // x.chars().all(|c| c.is_ascii_alphanumeric())
                        let recv = strip_parens_refs_derefs(&m.receiver);
                        let Expr::MethodCall(inner) = recv else { return None };
                        let v = var_of(&inner.receiver)?;
                        matches!(inner.method.to_string().as_str(), "chars" | "bytes").then(|| (v, Mask::ALL, true))
                    }
                    _ => None,
                }
            }
            Expr::Call(c) => {
                // is_valid(&x), validate_name(&x), is_safe_path(&x)
                let Expr::Path(p) = &*c.func else { return None };
                let name = p.path.segments.last()?.ident.to_string().to_ascii_lowercase();
                let validator =
                    ["valid", "allowed", "safe", "sanitize", "check", "whitelist", "allowlist", "permitted"]
                        .iter()
                        .any(|w| name.contains(w));
                if !validator {
                    return None;
                }
                let v = c.args.iter().find_map(var_of)?;
                Some((v, Mask::ALL, true))
            }
            // `if let Some(x) = ALLOWED.get(..)`: no sanitisation of the scrutinee.
            _ => None,
        }
    }

    /// `url.host_str() == Some("api.example.com")` and friends.
    fn host_guard(&self, a: &Expr, b: &Expr) -> Option<String> {
        for (x, other) in [(a, b), (b, a)] {
            if let Expr::MethodCall(m) = strip_parens_refs_derefs(x)
                && matches!(m.method.to_string().as_str(), "host_str" | "host" | "domain" | "authority")
                && is_literalish(other)
            {
                return var_of(&m.receiver);
            }
        }
        None
    }

    // ----- calls ----------------------------------------------------------

    fn eval_args(&mut self, args: &syn::punctuated::Punctuated<Expr, syn::Token![,]>) -> Vec<Taint> {
        args.iter().map(|a| self.eval(a)).collect()
    }

    fn eval_call(&mut self, c: &ExprCall) -> Taint {
        let Expr::Path(p) = &*c.func else {
            // A call through an expression: closures, function pointers.
            self.eval(&c.func);
            let args = self.eval_args(&c.args);
            let mut t = Vec::new();
            for a in &args {
                union(&mut t, a);
            }
            return t;
        };
        let args = self.eval_args(&c.args);
        let resolved = self.file.imports.resolve(&p.path);
        let path = resolved.to_path_string();
        let last = resolved.last().to_string();
        let span = p.path.segments.last().map_or_else(|| c.func.span(), |s| s.ident.span());

        // `Args::parse()` (clap/structopt derive): command-line source.
        if c.args.is_empty()
            && resolved.segs.len() >= 2
            && matches!(last.as_str(), "parse" | "from_args" | "try_parse" | "parse_from" | "try_parse_from")
        {
            return self.source(
                SourceKind::CommandLine,
                format!("`{}::{last}()`", resolved.segs[resolved.segs.len() - 2]),
                span,
                Shape::Text,
            );
        }
        // Sinks.
        let models = self.models;
        if let Some(sinks) = models.fn_sinks.get(&path) {
            let hint = Hint::default();
            for s in sinks {
                if self.condition_holds(s, &hint, c.args.iter().collect()) {
                    self.check_sink(s, &args, None, span, c.args.iter().collect());
                }
            }
        } else if resolved.segs.len() == 1 {
            // `Html(body)`, `Redirect::to` via import: match by last segments.
            if let Some(sinks) = self.sinks_by_suffix(&resolved) {
                for s in sinks {
                    self.check_sink(s, &args, None, span, c.args.iter().collect());
                }
            }
        }
        if let Some(src) = models.fn_sources.get(&path) {
            let desc = match c.args.first().and_then(str_lit) {
                Some(lit) => format!("{} `{lit}`", src.label),
                None => src.label.clone(),
            };
            return self.source(src.kind, desc, span, Shape::Text);
        }
        let mut all = Vec::new();
        for a in &args {
            union(&mut all, a);
        }
        if let Some(rules) = self.models.fn_sanitizers.get(&path) {
            return sanitize(&all, mask::of_ids(rules));
        }
        if self.models.fn_cleansers.contains(&path) {
            return Vec::new();
        }
        if let Some(&number) = self.models.fn_propagators.get(&path) {
            return if number { with_shape(&all, Shape::Number) } else { all };
        }
        // Tuple-struct and enum-variant constructors: `Some(x)`, `Wrapper(x)`.
        if last.chars().next().is_some_and(char::is_uppercase) {
            return all;
        }
        if resolved.segs.first().is_some_and(|r| r == "std") {
            return all;
        }
        if resolved.via_import
            && resolved
                .segs
                .first()
                .is_some_and(|r| !matches!(r.as_str(), "crate" | "self" | "super") && !self.workspace.contains(r))
        {
            // Another crate's function without a model: its result carries
            // its arguments' taint.
            return all;
        }
        // A workspace function (or an unknown library one): resolved by the join.
        self.call_site(
            Callee::Path { segs: resolved.segs.clone(), via_import: resolved.via_import },
            span,
            &last,
            &args,
        )
    }

    /// Sinks matched by the last one or two segments when the path is not
    /// fully resolved (an item imported from a prelude or glob).
    fn sinks_by_suffix(&self, r: &Resolved) -> Option<&'a [SinkModel]> {
        self.models.fn_sinks_by_last.get(r.last()).map(Vec::as_slice)
    }

    /// Record a call to be resolved by the join; its result is a label.
    fn call_site(&mut self, callee: Callee, span: Span, name: &str, args: &[Taint]) -> Taint {
        let id = self.record_call(callee, span, name, args);
        self.new_label(Label::CallRet(id), span, format!("returned by `{name}`"), Shape::Text)
    }

    /// Record a call site and the flows into its arguments (receiver first
    /// for methods). Argument flows keep no path (see `flow_out`): the join
    /// rebuilds it from where the value entered the function and the call.
    fn record_call(&mut self, callee: Callee, span: Span, name: &str, args: &[Taint]) -> u32 {
        let id = self.calls.len() as u32;
        self.calls.push(CallSite { callee, loc: None, name: name.to_string(), arity: args.len() as u16 });
        self.call_spans.push(span);
        for (j, a) in args.iter().enumerate() {
            for f in a {
                self.flows.push((*f, Target::Arg { call: id, arg: j as u16 }));
            }
        }
        id
    }

    fn receiver_type(&self, recv: &Expr) -> Option<Vec<String>> {
        match strip_parens_refs_derefs(recv) {
            Expr::Path(p) if p.path.segments.len() == 1 => {
                let n = p.path.segments[0].ident.to_string();
                if n == "self" {
                    return self.self_type.clone().map(|t| vec![t]);
                }
                self.hints.get(&n).and_then(|h| h.ty.clone())
            }
            Expr::Field(f) => match &f.member {
                syn::Member::Named(n) => {
                    if let Some(base) = var_of(&f.base)
                        && let Some(t) = self.hints.get(&format!("{base}.{n}")).and_then(|h| h.ty.clone())
                    {
                        return Some(t);
                    }
                    self.field_type(&f.base, &f.member).map(|ft| ft.path).filter(|p| !p.is_empty())
                }
                _ => None,
            },
            other => self.hint_of(other).ty,
        }
    }

    /// The declared type of `base.field` when `base`'s struct is defined in
    /// this file.
    fn field_type(&self, base: &Expr, member: &syn::Member) -> Option<crate::rules::file::FieldType> {
        let syn::Member::Named(field) = member else { return None };
        let ty = self.receiver_type(base)?;
        let name = ty.last()?;
        self.file.fields.get(&(name.clone(), field.to_string())).cloned()
    }

    fn eval_method(&mut self, m: &ExprMethodCall) -> Taint {
        let name = m.method.to_string();
        let span = m.method.span();
        let recv = self.eval(&m.receiver);

        // Iterator adaptors and combinators with closures: bind the closure's
        // parameters to the receiver's taint and evaluate its body.
        let mut closure_result = Vec::new();
        let mut args: Vec<Taint> = Vec::with_capacity(m.args.len());
        for a in &m.args {
            if let Expr::Closure(cl) = strip_parens_refs_derefs(a) {
                let saved = self.env.clone();
                let d = self.diverged;
                let r = self.returns.clone();
                for p in &cl.inputs {
                    self.bind_pat(p, &recv);
                }
                let t = self.eval(&cl.body);
                self.env = saved;
                self.diverged = d;
                self.returns = r;
                union(&mut closure_result, &t);
                args.push(Vec::new());
            } else {
                args.push(self.eval(a));
            }
        }

        // The receiver's type, worked out when first needed: nothing below
        // changes what it depends on (hints' types, `self`'s type).
        let mut rty: Option<Option<Vec<String>>> = None;
        let models = self.models;

        // Sources on methods (`stdin.read_line(&mut buf)`, `req.query_string()`).
        if let Some(cands) = models.method_sources.get(&name) {
            let rty = rty.get_or_insert_with(|| self.receiver_type(&m.receiver));
            for (types, src) in cands {
                if types_match(types, rty.as_deref()) {
                    let t = self.source(src.kind, src.label.clone(), span, Shape::Text);
                    if src.taints_arg0 {
                        if let Some(a) = m.args.first() {
                            self.assign(strip_ref_mut(a), t, true);
                        }
                        return Vec::new();
                    }
                    return t;
                }
            }
        }

        // Sinks.
        let mut weak_site = None;
        if let Some(cands) = models.method_sinks.get(&name) {
            let rty = rty.get_or_insert_with(|| self.receiver_type(&m.receiver));
            let mut hint = self.hint_of(&m.receiver);
            // `.args(["-c", line])`: the flag and the line in one call.
            if (name == "arg" || name == "args") && m.args.iter().any(arg_has_shell_flag) {
                hint.dash_c = true;
            }
            for (types, s) in cands {
                let known = rty.as_deref().is_some_and(|t| types.is_empty() || types_match(types, Some(t)));
                // A library type that is not a match rules the sink out; a
                // workspace type (or none) needs evidence.
                let library_type = rty
                    .as_ref()
                    .and_then(|t| t.first())
                    .is_some_and(|r| r == "std" || self.models.known_crates.contains(r));
                let evidence = if known {
                    Evidence::Always
                } else if !library_type {
                    s.unknown_receiver
                } else {
                    Evidence::Never
                };
                if !self.condition_holds(s, &hint, m.args.iter().collect()) {
                    continue;
                }
                match evidence {
                    Evidence::Never => continue,
                    Evidence::Always => {}
                    Evidence::SqlText | Evidence::UrlText => {
                        // Require the argument to look like SQL / a URL.
                        let text = m.args.iter().map(|a| self.arg_text(a)).collect::<Vec<_>>().join(" ");
                        let ok =
                            if evidence == Evidence::SqlText { looks_like_sql(&text) } else { looks_like_url(&text) };
                        if !ok {
                            continue;
                        }
                    }
                }
                let mut with_recv = args.clone();
                with_recv.push(recv.clone());
                if let Some(site) = self.check_sink(s, &with_recv, Some(args.len()), span, m.args.iter().collect()) {
                    weak_site = Some(site);
                }
            }
        }

        // Command builders: remember `.arg("-c")` on a shell command.
        if (name == "arg" || name == "args")
            && m.args.iter().any(arg_has_shell_flag)
            && let Some(v) = var_of(&m.receiver)
        {
            self.hints.entry(v).or_default().dash_c = true;
        }

        let has_closure = m.args.iter().any(|a| matches!(strip_parens_refs_derefs(a), Expr::Closure(_)));
        let mut all = if has_closure && maps_through_closure(&name) { Vec::new() } else { recv.clone() };
        for a in &args {
            union(&mut all, a);
        }
        union(&mut all, &closure_result);

        // Mutation of the receiver: `s.push_str(x)`, `v.push(x)`, `map.insert(k, x)`.
        if matches!(
            name.as_str(),
            "push"
                | "push_str"
                | "insert"
                | "extend"
                | "extend_from_slice"
                | "append"
                | "push_back"
                | "push_front"
                | "write_str"
                | "write_all"
                | "write"
                | "set"
        ) && args.iter().any(|a| !a.is_empty())
        {
            let mut t = Vec::new();
            for a in &args {
                union(&mut t, a);
            }
            self.assign(&m.receiver, t, true);
        }

        if let Some(rules) = self.models.method_sanitizers.get(&name) {
            return sanitize(&recv, mask::of_ids(rules));
        }
        if self.models.method_cleansers.contains(&name) {
            return Vec::new();
        }
        if name == "parse" || name == "parse_str" {
            // `s.parse::<u64>()` yields a number; `parse()` keeps the
            // receiver's taint (the `let` type annotation narrows it).
            return match m.turbofish.as_ref().and_then(|t| t.args.first()) {
                Some(syn::GenericArgument::Type(ty)) => match shape_of_type(ty) {
                    Some(s) => with_shape(&recv, s),
                    None => Vec::new(),
                },
                _ => recv,
            };
        }
        if let Some(site) = weak_site {
            // `base.join(input)`: the result remembers the weak sink.
            let mut t = all.clone();
            for f in &mut t {
                if f.weak == NO_PATH {
                    f.weak = site;
                }
            }
            return t;
        }
        if let Some(&number) = self.models.method_propagators.get(&name) {
            return if number { with_shape(&all, Shape::Number) } else { all };
        }
        // `self.helper(x)`: a workspace method, resolved by the join.
        if matches!(strip_parens_refs_derefs(&m.receiver), Expr::Path(p) if p.path.is_ident("self")) {
            let mut with_self = vec![recv];
            with_self.extend(args);
            let callee = Callee::Method { name: name.clone(), recv_type: self.self_type.clone(), on_self: true };
            return self.call_site(callee, span, &name, &with_self);
        }
        // Other methods: the result carries the receiver's and arguments'
        // taint (builders, wrappers, conversions), and calls into the
        // workspace are recorded so summaries can see what flows in.
        let rty = rty.unwrap_or_else(|| self.receiver_type(&m.receiver));
        let workspace_type = rty
            .as_ref()
            .and_then(|t| t.first())
            .is_some_and(|r| r == "crate" || !(r == "std" || self.models.known_crates.contains(r)));
        if (workspace_type || !is_common_method(&name)) && !all.is_empty() {
            let callee =
                Callee::Method { name: name.clone(), recv_type: rty.and_then(|t| t.last().cloned()), on_self: false };
            let mut with_self = vec![recv];
            with_self.extend(args);
            self.record_call(callee, span, &name, &with_self);
        }
        all
    }

    /// Engine-checked conditions of a sink model.
    fn condition_holds(&self, s: &SinkModel, hint: &Hint, args: Vec<&Expr>) -> bool {
        match s.when.as_deref() {
            None => true,
            Some("shell") => hint.shell && hint.dash_c,
            Some("html-response") => hint.html,
            Some("location-header") => {
                args.iter().any(|a| self.file.snippet(a.span()).to_ascii_lowercase().contains("location"))
            }
            Some("xml-entities") => {
                let body = self.file.text.get(self.body.0 as usize..self.body.1 as usize).unwrap_or("");
                let compact: String = body.chars().filter(|c| !c.is_whitespace()).collect();
                compact.contains("no_ent:true")
                    || compact.contains("dtd_load:true")
                    || compact.contains("XML_PARSE_NOENT")
            }
            Some(_) => false,
        }
    }

    /// The text of an argument, looking through a variable to its
    /// formatted value when possible (for SQL/URL evidence).
    fn arg_text(&self, a: &Expr) -> String {
        self.file.snippet(a.span()).to_string()
    }

    /// Tainted arguments at sink positions become hits. A weak sink (see
    /// `run`) is not a hit: its site is returned, for the value to remember.
    fn check_sink(
        &mut self,
        s: &SinkModel,
        args: &[Taint],
        recv_index: Option<usize>,
        span: Span,
        exprs: Vec<&Expr>,
    ) -> Option<u32> {
        let bit = rule_bit(&s.rule)?;
        if !self.enabled.contains(bit) {
            return None;
        }
        let mut facts = Vec::new();
        for &pos in &s.args {
            let idx = if pos == usize::MAX { recv_index.unwrap_or(usize::MAX) } else { pos };
            let Some(t) = args.get(idx) else { continue };
            for f in t {
                if f.sanitized.contains(bit) {
                    continue;
                }
                if s.numeric != (f.shape == Shape::Number) {
                    continue;
                }
                union(&mut facts, &[*f]);
            }
        }
        if facts.is_empty() {
            return None;
        }
        let built_with = exprs.iter().find_map(|e| self.built_with(e));
        // Models only name registered rules (`Models::add` checks).
        let rule: &'static str = mask::rule_id(bit);
        let (start, end) = self.file.byte_range(span)?;
        let site = SinkSite {
            rule,
            loc: self.file.location(start, end),
            what: s.what.clone(),
            help: s.help.clone(),
            built_with,
            weak: s.weak,
            numeric: s.numeric,
            ..Default::default()
        };
        let facts = self.step(&facts, span, &format!("reaches {}", s.what));
        self.sinks.push(site);
        if s.weak {
            // Remembered on the value; see `run`.
            return Some((self.sinks.len() - 1) as u32);
        }
        self.hits.push(Hit { site: self.sinks.len() - 1, facts });
        None
    }

    /// `format!` / `concat!` / `+` used to build a sink argument.
    fn built_with(&self, e: &Expr) -> Option<String> {
        match strip_parens_refs_derefs(e) {
            Expr::Macro(m) => {
                let n = macros::macro_name(&m.mac);
                matches!(n.as_str(), "format" | "concat").then(|| format!("`{n}!`"))
            }
            Expr::Binary(b) if matches!(b.op, syn::BinOp::Add(_)) => Some("string concatenation".into()),
            Expr::MethodCall(mc)
                if matches!(mc.method.to_string().as_str(), "as_str" | "as_ref" | "clone" | "to_string") =>
            {
                self.built_with(&mc.receiver)
            }
            _ => None,
        }
    }

    fn eval_macro(&mut self, mac: &Macro) -> Taint {
        let name = macros::macro_name(mac);
        if macros::is_opaque(&name) {
            return Vec::new();
        }
        let args = macros::parse_args_cached(mac);
        let mut ts: Vec<Taint> = Vec::with_capacity(args.len());
        for a in args.iter() {
            ts.push(self.eval(&a.expr));
        }
        // Inline captures in format strings: `format!("{name}")`.
        let mut captures = Vec::new();
        if let Some(first) = args.first()
            && let Expr::Lit(l) = &first.expr
            && let Lit::Str(s) = &l.lit
        {
            for p in macros::format_placeholders(&s.value()) {
                if let macros::Placeholder::Name(n) = p
                    && !args.iter().any(|a| a.name.as_ref().is_some_and(|x| *x == n))
                    && let Some(t) = self.env.get(&n)
                {
                    union(&mut captures, &t.clone());
                }
            }
        }
        let models = self.models;
        if let Some(sinks) = models.macro_sinks.get(&name) {
            let span = mac.path.segments.last().map_or_else(|| mac.path.span(), |s| s.ident.span());
            for s in sinks {
                let mut sink_args = ts.clone();
                // Log injection: Debug formatting (`{:?}`, `?x`) escapes newlines.
                if mask::spec(&s.rule).is_some_and(|sp| sp.macro_args == MacroArgs::DebugEscaped) {
                    sink_args = self.log_args(mac, &args, &ts);
                    union(&mut sink_args[0], &captures);
                    let all: Vec<usize> = (0..sink_args.len()).collect();
                    let model = SinkModel { args: all, ..s.clone() };
                    self.check_sink(&model, &sink_args, None, span, Vec::new());
                    continue;
                }
                if let Some(first) = sink_args.get_mut(0) {
                    union(first, &captures);
                }
                self.check_sink(s, &sink_args, None, span, args.iter().map(|a| &a.expr).collect());
            }
        }
        match name.as_str() {
            "format" | "concat" | "format_args" => {
                let mut t = captures;
                for x in ts.iter().skip(usize::from(name != "concat")) {
                    union(&mut t, x);
                }
                if t.is_empty() {
                    return t;
                }
                let span = mac.path.segments.last().map_or_else(|| mac.path.span(), |s| s.ident.span());
                self.step(&t, span, &format!("formatted into a string with `{name}!`"))
            }
            "write" | "writeln" => {
                // write!(buf, "{}", x) taints buf
                let mut t = captures;
                for x in ts.iter().skip(2) {
                    union(&mut t, x);
                }
                if let Some(target) = args.first() {
                    self.assign(strip_ref_mut(&target.expr), t, true);
                }
                Vec::new()
            }
            "vec" => {
                let mut t = Vec::new();
                if let Some(first) = ts.first() {
                    union(&mut t, first);
                }
                t
            }
            "dbg" => ts.into_iter().next().unwrap_or_default(),
            _ => Vec::new(),
        }
    }

    /// Arguments of a logging macro that can inject newlines: Display-formatted
    /// values (Debug formatting and structured `?field` escape them).
    fn log_args(&self, mac: &Macro, args: &[macros::MacroArg], ts: &[Taint]) -> Vec<Taint> {
        let raw = self.file.snippet(mac.tokens.span());
        let mut out: Vec<Taint> = vec![Vec::new(); ts.len().max(1)];
        // Find the format string (first string literal argument).
        let fmt_idx = args.iter().position(|a| matches!(&a.expr, Expr::Lit(l) if matches!(l.lit, Lit::Str(_))));
        let placeholders = fmt_idx
            .and_then(|i| match &args[i].expr {
                Expr::Lit(l) => match &l.lit {
                    Lit::Str(s) => Some(s.value()),
                    _ => None,
                },
                _ => None,
            })
            .map(|s| debug_flags(&s))
            .unwrap_or_default();
        let mut next = 0usize;
        for (i, a) in args.iter().enumerate() {
            if Some(i) == fmt_idx || a.name.as_ref().is_some_and(|n| n == "target") {
                continue;
            }
            let t = &ts[i];
            if t.is_empty() {
                continue;
            }
            match fmt_idx {
                Some(f) if i > f => {
                    let debug = placeholders.get(next).copied().unwrap_or(false);
                    next += 1;
                    if !debug {
                        union(&mut out[i], t);
                    }
                }
                _ => {
                    // Structured field before the message: `%x` is Display.
                    let text = self.file.snippet(a.expr.span());
                    let display = raw.contains(&format!("%{text}"));
                    if display {
                        union(&mut out[i], t);
                    }
                }
            }
        }
        out
    }
}

/// For each `{}`-style placeholder in order: is it Debug-formatted?
fn debug_flags(fmt: &str) -> Vec<bool> {
    let mut out = Vec::new();
    let b = fmt.as_bytes();
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'{' {
            if b.get(i + 1) == Some(&b'{') {
                i += 2;
                continue;
            }
            let Some(end) = fmt[i..].find('}') else { break };
            let inner = &fmt[i + 1..i + end];
            let is_named = inner.split(':').next().is_some_and(|n| !n.is_empty() && n.parse::<usize>().is_err());
            if !is_named {
                out.push(inner.contains('?'));
            }
            i += end + 1;
        } else {
            i += 1;
        }
    }
    out
}

// ----- helpers -------------------------------------------------------------

fn strip_parens_refs_derefs(e: &Expr) -> &Expr {
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

fn strip_ref_mut(e: &Expr) -> &Expr {
    match e {
        Expr::Reference(r) => &r.expr,
        other => other,
    }
}

/// The local variable (or `var.field`) an expression reads (through refs,
/// `as_str()`, `trim()`…).
fn var_of(e: &Expr) -> Option<String> {
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

fn is_literalish(e: &Expr) -> bool {
    match strip_parens_refs_derefs(e) {
        Expr::Lit(_) => true,
        Expr::Path(p) => {
            p.path.segments.last().is_some_and(|s| crate::syntax::exprs::is_const_name(&s.ident.to_string()))
        }
        Expr::Call(c) => c.args.iter().all(is_literalish) && matches!(&*c.func, Expr::Path(_)),
        _ => false,
    }
}

fn is_number_lit(e: &Expr) -> bool {
    matches!(strip_parens_refs_derefs(e), Expr::Lit(l) if matches!(l.lit, Lit::Int(_) | Lit::Float(_)))
}

fn pat_is_literal(p: &Pat) -> bool {
    match p {
        Pat::Lit(_) => true,
        Pat::Or(o) => o.cases.iter().all(pat_is_literal),
        Pat::Paren(x) => pat_is_literal(&x.pat),
        Pat::Reference(r) => pat_is_literal(&r.pat),
        Pat::Path(_) => true, // enum variants / constants
        _ => false,
    }
}

fn pat_span(p: &Pat) -> Span {
    match p {
        Pat::Ident(i) => i.ident.span(),
        Pat::Type(t) => pat_span(&t.pat),
        other => other.span(),
    }
}

/// The single name a pattern binds (`x`, `mut x`, `x: T`).
fn pat_name(p: &Pat) -> Option<String> {
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
fn pat_names(p: &Pat) -> Vec<String> {
    let mut out = Vec::new();
    collect_names(p, &mut out);
    out
}

fn collect_names(p: &Pat, out: &mut Vec<String>) {
    match p {
        Pat::Ident(i) => {
            out.push(i.ident.to_string());
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
fn shape_of_type(ty: &Type) -> Option<Shape> {
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
fn type_path(ty: &Type, file: &FileCtx) -> Option<Vec<String>> {
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
fn wrapped_type(ty: &Type) -> Option<&Type> {
    let Type::Path(p) = ty else { return None };
    let syn::PathArguments::AngleBracketed(a) = &p.path.segments.last()?.arguments else { return None };
    match a.args.first()? {
        syn::GenericArgument::Type(t) => Some(t),
        _ => None,
    }
}

/// Does a receiver type satisfy a model's `receiver-types`?
fn types_match(types: &[String], actual: Option<&[String]>) -> bool {
    if types.is_empty() {
        return true;
    }
    let Some(actual) = actual else { return false };
    let full = actual.join("::");
    let last = actual.last().map_or("", String::as_str);
    types.iter().any(|t| {
        *t == full
            || t.rsplit("::").next() == Some(last)
                && (actual.len() == 1 || full.ends_with(t.as_str()) || t.ends_with(&full))
    })
}

fn str_lit(e: &Expr) -> Option<String> {
    crate::syntax::exprs::str_lit(e)
}

/// A string or char literal's text.
fn lit_text(e: &Expr) -> Option<String> {
    match strip_parens_refs_derefs(e) {
        Expr::Lit(l) => match &l.lit {
            Lit::Str(s) => Some(s.value()),
            Lit::Char(c) => Some(c.value().to_string()),
            _ => None,
        },
        _ => None,
    }
}

fn is_shell(prog: &str) -> bool {
    let base = prog.rsplit(['/', '\\']).next().unwrap_or(prog).to_ascii_lowercase();
    matches!(
        base.as_str(),
        "sh" | "bash" | "zsh" | "dash" | "ksh" | "fish" | "cmd" | "cmd.exe" | "powershell" | "powershell.exe" | "pwsh"
    )
}

fn arg_has_shell_flag(a: &Expr) -> bool {
    let flags = ["-c", "/c", "/C", "-Command", "-command"];
    match crate::syntax::exprs::strip_parens_and_refs(a) {
        Expr::Lit(_) => str_lit(a).is_some_and(|s| flags.contains(&s.as_str())),
        Expr::Array(arr) => arr.elems.iter().any(arg_has_shell_flag),
        Expr::Macro(m) if m.mac.path.is_ident("vec") => {
            macros::parse_args_cached(&m.mac).iter().any(|x| arg_has_shell_flag(&x.expr))
        }
        _ => false,
    }
}

fn looks_like_sql(text: &str) -> bool {
    let up = text.to_ascii_uppercase();
    let kws = [
        "SELECT ", "INSERT ", "UPDATE ", "DELETE ", "DROP ", "CREATE ", "ALTER ", " WHERE ", " FROM ", "INTO ", " SET ",
    ];
    kws.iter().filter(|k| up.contains(*k)).count() >= 1
        && (up.contains("FORMAT!") || up.contains('+') || up.contains('{'))
}

fn looks_like_url(text: &str) -> bool {
    text.contains("http://") || text.contains("https://") || text.to_ascii_lowercase().contains("url")
}

/// Combinators whose result is what their closure returns (not the receiver).
fn maps_through_closure(name: &str) -> bool {
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
fn is_common_method(name: &str) -> bool {
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
