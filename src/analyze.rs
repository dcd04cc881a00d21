//! Per-file analysis: read → parse → index → one walk dispatching to rules
//! → suppressions, excerpts and fingerprints. Everything returned is owned
//! data; the syntax tree never leaves this function.

use std::collections::{HashMap, HashSet};
use std::sync::Arc;

use syn::visit::Visit;

use crate::finding::{Excerpt, Finding, NoteLevel, Notification};
use crate::report::fingerprint;
use crate::ruleset::RuleSet;
use crate::secrets::redact::{self, Masks, floor};
use crate::suppress;
use crate::syntax::cx::{Cx, Scope};
use crate::syntax::paths::Imports;
use crate::syntax::walker::{ChildMod, UnsafeStats, WalkFacts, Walker};
use crate::syntax::{FileCtx, FileKind};

/// Limits applied to every file.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    pub max_file_size: u64,
    /// Nesting and chain limits checked before parsing.
    pub shape: crate::syntax::shape::ShapeLimits,
    /// Compute GitHub line hashes (needed by SARIF output only).
    pub line_hashes: bool,
}

impl Default for Limits {
    fn default() -> Self {
        Limits { max_file_size: 10 * 1024 * 1024, shape: Default::default(), line_hashes: true }
    }
}

/// What the analysis of one file produced.
#[derive(Debug, Default)]
pub struct FileFacts {
    pub path: Arc<str>,
    pub findings: Vec<Finding>,
    pub notifications: Vec<Notification>,
    pub child_mods: Vec<ChildMod>,
    pub unsafe_stats: UnsafeStats,
    /// `#![forbid(unsafe_code)]` at the top of the file.
    pub forbids_unsafe: bool,
    /// `#![deny(unsafe_code)]` at the top of the file.
    pub denies_unsafe: bool,
    /// `forbid`/`deny(unsafe_code)` under a `cfg_attr` condition.
    pub unsafe_lint_conditional: bool,
    /// `include!("path")` literals outside test code.
    pub includes: Vec<String>,
    pub lines: u32,
    pub bytes: u64,
    /// The file was parsed and analysed.
    pub analysed: bool,
    /// Source-to-sink flows found inside this file's functions.
    pub taint_hits: Vec<crate::taint::TaintHit>,
    /// Function summaries for the crate-level join.
    pub summaries: Vec<crate::taint::FnSummary>,
    /// Handlers registered with a router in this file.
    pub routes: Vec<(Vec<String>, bool)>,
}

/// Describes the file being analysed.
#[derive(Debug, Clone)]
pub struct FileInput {
    pub path: Arc<str>,
    pub kind: FileKind,
    pub package: Option<Arc<str>>,
    pub is_bin_root: bool,
    /// The package's Rust edition (`None`: unknown, parsed as 2015).
    pub edition: Option<Arc<str>>,
}

/// A pass outside the rule framework that sees each parsed file (the
/// supply-chain capabilities of `cargo sast deps`): called with the file's
/// context (text, lines, imports) and syntax tree, after the walk, before
/// the tree is dropped.
pub type ExtraPass<'a> = &'a mut dyn FnMut(&FileCtx, &syn::File);

/// Analyse raw bytes (not yet known to be UTF-8).
pub fn analyze_bytes(input: &FileInput, bytes: Vec<u8>, set: &RuleSet, limits: &Limits) -> FileFacts {
    analyze_bytes_with(input, bytes, set, limits, None)
}

/// [`analyze_bytes`], handing the parsed file to `extra` too.
pub fn analyze_bytes_with(
    input: &FileInput,
    bytes: Vec<u8>,
    set: &RuleSet,
    limits: &Limits,
    extra: Option<ExtraPass<'_>>,
) -> FileFacts {
    let mut facts = FileFacts { path: input.path.clone(), bytes: bytes.len() as u64, ..Default::default() };
    if bytes.len() as u64 > limits.max_file_size {
        facts.notifications.push(skip(
            input,
            "too-large",
            format!(
                "file is {} bytes, over the {}-byte limit (`max-file-size`); not analysed",
                bytes.len(),
                limits.max_file_size
            ),
        ));
        return facts;
    }
    let text = match String::from_utf8(bytes) {
        Ok(t) => t,
        Err(e) => {
            let at = e.utf8_error().valid_up_to();
            facts.notifications.push(skip(
                input,
                "not-utf8",
                format!("file is not valid UTF-8 (invalid byte at offset {at}); not analysed"),
            ));
            return facts;
        }
    };
    analyze_text_with(input, text, set, limits, extra)
}

/// Analyse source text.
pub fn analyze_text(input: &FileInput, text: String, set: &RuleSet, limits: &Limits) -> FileFacts {
    analyze_text_with(input, text, set, limits, None)
}

/// [`analyze_text`], handing the parsed file to `extra` too.
pub fn analyze_text_with(
    input: &FileInput,
    text: String,
    set: &RuleSet,
    limits: &Limits,
    extra: Option<ExtraPass<'_>>,
) -> FileFacts {
    let mut facts = FileFacts { path: input.path.clone(), bytes: text.len() as u64, ..Default::default() };
    let mut file = FileCtx::new(input.path.clone(), text, input.kind);
    file.package = input.package.clone();
    file.is_bin_root = input.is_bin_root;
    facts.lines = file.lines.line_count() as u32;

    if let Err(deep) = crate::syntax::shape::check(&file.text, &limits.shape) {
        let p = file.lines.pos(&file.text, deep.at as u32);
        facts.notifications.push(
            skip(
                input,
                "too-deeply-nested",
                format!("{} over {} levels deep (limit {}); not analysed", deep.what, deep.depth, deep.limit),
            )
            .at(p.line, p.col),
        );
        return facts;
    }

    let parsed = {
        let src = file.parse_text();
        crate::syntax::recover::parse_file(&src, crate::syntax::recover::Edition::of(input.edition.as_deref()))
    };
    let ast = match parsed {
        Ok(parsed) => {
            for s in &parsed.skipped {
                facts.notifications.push(skipped_item(&file, input, s));
            }
            parsed.file
        }
        Err(e) => {
            let (line, col) = match file.byte_range(e.span()) {
                Some((s, _)) => {
                    let p = file.lines.pos(&file.text, s);
                    (p.line, p.col)
                }
                None => (1, 1),
            };
            // NUL and other control bytes are fine in comments and strings
            // (rustc accepts them there): only a file that does not parse
            // is binary data.
            let note = if text_has_nul(&file.text) {
                skip(input, "binary", "file contains NUL bytes and is not Rust (binary data?); not analysed")
            } else {
                skip(input, "parse-error", format!("could not parse: {e}"))
            };
            facts.notifications.push(note.at(line, col));
            crate::syntax::release_thread_state();
            return facts;
        }
    };
    file.imports = Imports::from_items(&ast.items);
    if set.taint_bits != 0 {
        file.index_fields(&ast.items);
    }
    if memchr::memmem::find(file.text.as_bytes(), b"unsafe").is_some() {
        file.unsafety = crate::syntax::unsafety::UnsafeIndex::from_items(&ast.items);
    }
    facts.analysed = true;

    let active = set.active_for(&file.text);
    let mut allows = suppress::scan(&file);
    let targets: HashSet<usize> = allows.iter().filter(|a| !a.trailing).map(|a| a.target).collect();
    let mut wf = WalkFacts::default();
    // In test code, rules whose findings the test-code policy drops are
    // not run, unless a suppression names them (it must find its finding).
    let test_active: Vec<bool> = active
        .iter()
        .enumerate()
        .map(|(i, &on)| {
            on && (set.in_tests[i] || allows.iter().any(|a| a.rules.iter().any(|r| r == set.rules[i].meta().id)))
        })
        .collect();
    let mut findings = {
        let mut w = Walker::new(&file, set, &active, &mut wf, &targets).with_test_active(&test_active);
        w.visit_file(&ast);
        std::mem::take(&mut w.out)
    };
    if let Some(pass) = extra {
        pass(&file, &ast);
    }
    drop(ast);
    // All span lookups are done: release the thread's span data.
    crate::syntax::release_thread_state();

    findings.sort_by(|a, b| {
        (a.location.byte_start, a.location.byte_end, a.rule, &a.message).cmp(&(
            b.location.byte_start,
            b.location.byte_end,
            b.rule,
            &b.message,
        ))
    });
    findings.dedup_by(|a, b| a.rule == b.rule && a.location == b.location && a.message == b.message);

    // Apply per-rule path excludes.
    findings.retain(|f| {
        set.index_of(f.rule).and_then(|i| set.settings[i].exclude.as_ref()).is_none_or(|g| !g.is_match(&*file.path))
    });

    suppress::extend_coverage(&mut allows, &wf.covered);
    suppress::apply(&mut allows, &mut findings, &file);
    let mut taint_hits = std::mem::take(&mut wf.taint_hits);
    let mut summaries = std::mem::take(&mut wf.summaries);
    {
        // Each site's excerpt starts at the first step of a flow into it in this file.
        let first_in_file = |steps: &[crate::taint::Step]| {
            steps.iter().filter(|st| st.loc.path == file.path).map(|st| st.loc.start.line).min()
        };
        let mut sites: Vec<(&mut crate::taint::SinkSite, Option<u32>)> = Vec::new();
        for h in taint_hits.iter_mut() {
            let first = first_in_file(&h.steps);
            sites.push((&mut h.sink, first));
        }
        for s in summaries.iter_mut() {
            let mut firsts: HashMap<u32, u32> = HashMap::new();
            for fl in &s.flows {
                if let crate::taint::Target::Sink(k) = fl.target
                    && let Some(l) = first_in_file(&fl.steps)
                {
                    let e = firsts.entry(k).or_insert(l);
                    *e = (*e).min(l);
                }
            }
            for (k, site) in s.sinks.iter_mut().enumerate() {
                let first = firsts.get(&(k as u32)).copied();
                sites.push((site, first));
            }
        }
        let site_lines: Vec<(u32, u32)> = sites.iter().map(|(site, first)| site_lines(site, *first)).collect();
        let masks = file_masks(&file, &findings, &site_lines);
        finalize_sites(&file, set, &mut allows, sites, &masks, limits.line_hashes);
    }
    report_suppression_problems(&file, set, &allows, &mut findings);

    let masks = finalize(&file, &mut findings, limits.line_hashes);
    // Data-flow steps are worded from the code: mask what they repeat.
    for h in &mut taint_hits {
        h.steps.iter_mut().for_each(|st| masks.redact(&mut st.msg));
        redact_site(&masks, &mut h.sink);
    }
    for sm in &mut summaries {
        sm.flows.iter_mut().flat_map(|fl| fl.steps.iter_mut()).for_each(|st| masks.redact(&mut st.msg));
        sm.label_steps.iter_mut().flatten().for_each(|st| masks.redact(&mut st.msg));
        sm.sinks.iter_mut().for_each(|site| redact_site(&masks, site));
    }
    facts.taint_hits = taint_hits;
    facts.summaries = summaries;
    facts.routes = std::mem::take(&mut wf.routes);
    if let Some(i) = set.rules.iter().position(|r| crate::secrets::is_pack_rule(r.meta().id)) {
        set.settings[i].secrets.apply_allowlists(&mut findings);
    }
    facts.findings = findings;
    facts.child_mods = wf.child_mods;
    facts.unsafe_stats = wf.unsafe_stats;
    facts.forbids_unsafe = wf.forbids_unsafe;
    facts.denies_unsafe = wf.denies_unsafe;
    facts.unsafe_lint_conditional = wf.unsafe_lint_conditional;
    facts.includes = wf.includes;
    facts
}

/// An item that does not parse, left out of the analysis of its file.
fn skipped_item(file: &FileCtx, input: &FileInput, s: &crate::syntax::recover::Skipped) -> Notification {
    let line_of =
        |span, end: bool| file.byte_range(span).map(|(a, b)| file.lines.pos(&file.text, if end { b } else { a }));
    let at = line_of(s.error_span, false);
    let lines = match (line_of(s.first, false), line_of(s.last, true)) {
        (Some(a), Some(b)) if a.line != b.line => format!("lines {}–{}", a.line, b.line),
        (Some(a), _) => format!("line {}", a.line),
        _ => "this item".to_string(),
    };
    let n = skip(
        input,
        "parse-error",
        format!("could not parse: {}; the item on {lines} is not analysed (the rest of the file is)", s.message),
    );
    match at {
        Some(p) => n.at(p.line, p.col),
        None => n,
    }
}

fn skip(input: &FileInput, kind: &'static str, message: impl Into<String>) -> Notification {
    Notification::new(NoteLevel::Error, kind, Some(input.path.clone()), message)
}

fn text_has_nul(text: &str) -> bool {
    text.as_bytes().contains(&0)
}

/// Findings about the suppressions themselves.
fn report_suppression_problems(file: &FileCtx, set: &RuleSet, allows: &[suppress::Allow], findings: &mut Vec<Finding>) {
    let invalid = set.index_of("invalid-suppression");
    let unused = set.index_of("unused-suppression");
    if invalid.is_none() && unused.is_none() {
        return;
    }
    let scope = Scope::default();
    let mut extra = Vec::new();
    for a in allows {
        let loc = suppress::location(file, a);
        let (s, e) = (loc.byte_start, loc.byte_end);
        let mut report = |idx: usize, msg: String, help: &str| {
            let mut cx =
                Cx { file, scope: &scope, rule: set.rules[idx].meta(), settings: &set.settings[idx], out: &mut extra };
            cx.report_range(s, e, msg).help(help.to_string());
        };
        if let Some(i) = invalid {
            if let Some(why) = &a.malformed {
                report(
                    i,
                    format!("malformed suppression comment: {why}"),
                    "write `// sast:allow(<rule-id>): <reason>`",
                );
                continue;
            }
            for r in &a.rules {
                if crate::rules::by_id(r).is_none() {
                    let hint = crate::config::suggest(r, crate::rules::all().iter().map(|x| x.meta().id));
                    report(
                        i,
                        format!("suppression names unknown rule `{r}`{hint}"),
                        "use an id listed by `cargo sast rules`",
                    );
                }
            }
            if a.reason.is_none() {
                report(
                    i,
                    "suppression without a reason".to_string(),
                    "add the reason after a colon: `// sast:allow(<rule-id>): <why this is safe>`",
                );
            }
        }
        if let Some(i) = unused {
            for (r, used) in a.rules.iter().zip(&a.used) {
                // Only judge rules that ran on this file.
                if !used && set.index_of(r).is_some() {
                    report(
                        i,
                        format!("suppression of `{r}` matches no finding"),
                        "remove the suppression, or move it to the line of the finding (or the line above it)",
                    );
                }
            }
        }
    }
    findings.extend(extra);
}

fn redact_site(masks: &Masks, site: &mut crate::taint::SinkSite) {
    masks.redact(&mut site.what);
    if let Some(b) = &mut site.built_with {
        masks.redact(b);
    }
}

/// The lines a sink site's excerpt shows: from the first step of a flow
/// into it in this file (at most 40 lines up) to its end.
fn site_lines(site: &crate::taint::SinkSite, first: Option<u32>) -> (u32, u32) {
    let line = site.loc.start.line;
    let last = site.loc.end.line.max(line);
    let first = first.filter(|&f| f <= line && line - f <= 40).unwrap_or(line);
    (first, last)
}

/// Give taint sink sites what a finding needs once the file is gone:
/// excerpt, GitHub line hash, normalised line, suppression, severity.
fn finalize_sites(
    file: &FileCtx,
    set: &RuleSet,
    allows: &mut [suppress::Allow],
    sites: Vec<(&mut crate::taint::SinkSite, Option<u32>)>,
    masks: &Masks,
    line_hashes: bool,
) {
    if sites.is_empty() {
        return;
    }
    let lines: Vec<u32> = sites.iter().map(|(s, _)| s.loc.start.line).collect();
    let hashes =
        if line_hashes { fingerprint::line_hashes(&masks.apply(&file.text, 0), &lines) } else { HashMap::new() };
    let mut norms = NormLines::default();
    for (site, first) in sites {
        let (first, last) = site_lines(site, first);
        let line = site.loc.start.line;
        site.excerpt = Some(make_excerpt(file, first, last, &site.loc, masks));
        site.line_hash = hashes.get(&line).cloned().unwrap_or_default();
        site.norm_line = norms.get(file, masks, line).0.clone();
        site.suppression = suppress::covering(allows, site.rule, line as usize - 1, file);
        site.severity = set.index_of(site.rule).map(|i| set.settings[i].severity);
    }
}

/// The lines a finding's excerpt shows: its own, its labels' and its
/// flow's in the same file, at most 41.
fn excerpt_lines(f: &Finding) -> (u32, u32) {
    let mut first = f.location.start.line;
    let mut last = f.location.end.line.max(first);
    for loc in f.labels.iter().map(|l| &l.location).chain(f.flow.iter().map(|s| &s.location)) {
        if loc.path == f.location.path {
            first = first.min(loc.start.line);
            last = last.max(loc.end.line);
        }
    }
    if last - first > 40 {
        first = f.location.start.line;
        last = f.location.end.line.min(first + 40);
    }
    (first, last)
}

/// Every masked range of the file: the findings' secrets, and any
/// secret-looking token on a line some excerpt shows (`more`: lines of
/// excerpts besides the findings').
fn file_masks(file: &FileCtx, findings: &[Finding], more: &[(u32, u32)]) -> Masks {
    let mut ranges: Vec<(u32, u32)> = findings.iter().flat_map(|f| f.masks.iter().copied()).collect();
    let mut lines: Vec<(u32, u32)> = findings.iter().map(excerpt_lines).chain(more.iter().copied()).collect();
    lines.sort_unstable();
    let mut spans: Vec<(usize, usize)> = Vec::new();
    let mut merged: Option<(u32, u32)> = None;
    let n = file.lines.line_count() as u32;
    let span = |(a, b): (u32, u32)| {
        let start = file.lines.line_start(a.clamp(1, n) as usize - 1) as usize;
        (start, file.lines.line_range(&file.text, b.clamp(1, n) as usize - 1).1.max(start))
    };
    for (a, b) in lines {
        match &mut merged {
            Some(m) if a <= m.1 + 1 => m.1 = m.1.max(b),
            _ => {
                if let Some(m) = merged.replace((a, b)) {
                    spans.push(span(m));
                }
            }
        }
    }
    if let Some(m) = merged {
        spans.push(span(m));
    }
    ranges.extend(redact::detect_in_lines(&file.text, &spans));
    Masks::new(&file.text, ranges)
}

/// Excerpts longer than this show only the finding's own lines, and a
/// longer line only a window around the finding (4,000 findings on one
/// long line must not hold 4,000 copies of it).
const EXCERPT_MAX: usize = 4096;
/// Context kept on each side of the finding in such a window.
const WINDOW_CONTEXT: usize = 240;

/// Lines `first..=last` (1-based) of the file, with masked ranges.
fn make_excerpt(file: &FileCtx, first: u32, last: u32, loc: &crate::finding::Location, masks: &Masks) -> Excerpt {
    let bounds = |first: u32, last: u32| {
        let start = file.lines.line_start(first as usize - 1) as usize;
        let (_, end) = file.lines.line_range(&file.text, last as usize - 1);
        (start, end.max(start))
    };
    let mut first = first;
    let (mut start, mut end) = bounds(first, last);
    let mut clipped = 0;
    if end - start > EXCERPT_MAX {
        first = loc.start.line;
        (start, end) = bounds(first, loc.end.line.max(first));
    }
    if end - start > EXCERPT_MAX {
        let ws = floor(&file.text, (loc.byte_start as usize).saturating_sub(WINDOW_CONTEXT).max(start));
        let wanted = (loc.byte_end as usize).saturating_add(WINDOW_CONTEXT).min(ws + EXCERPT_MAX);
        end = floor(&file.text, wanted.min(end).max(ws));
        clipped = file.lines.pos(&file.text, ws as u32).col - 1;
        start = ws;
    }
    let text = file.text.get(start..end).unwrap_or("");
    Excerpt {
        first_line: first,
        byte_offset: start as u32,
        text: masks.apply(text, start as u32).into_owned(),
        clipped,
    }
}

/// Normalised masked lines (whitespace runs collapsed), each computed
/// once however many findings it has, with a hash for counting repeats.
#[derive(Default)]
struct NormLines(HashMap<u32, (String, u128)>);

impl NormLines {
    fn get(&mut self, file: &FileCtx, masks: &Masks, line: u32) -> &(String, u128) {
        self.0.entry(line).or_insert_with(|| {
            let l = line as usize - 1;
            let masked = masks.apply(file.line_text(l), file.lines.line_start(l));
            let norm = masked.split_whitespace().collect::<Vec<_>>().join(" ");
            let h = xxhash_rust::xxh3::xxh3_128(norm.as_bytes());
            (norm, h)
        })
    }
}

/// Attach excerpts, masks and fingerprints. Masked ranges (secrets) are
/// masked in every input: excerpts, our fingerprint and GitHub's line
/// hash, and wherever a finding's words repeat a secret. Returns the
/// file's masks.
pub(crate) fn finalize(file: &FileCtx, findings: &mut [Finding], line_hashes: bool) -> Masks {
    if findings.is_empty() {
        return Masks::default();
    }
    let lines: Vec<u32> = findings.iter().map(|f| f.location.start.line).collect();
    // Every secret found in the file is masked in every excerpt of it, not
    // only in its own finding's (another finding may show the same line).
    let masks = file_masks(file, findings, &[]);
    let hashes =
        if line_hashes { fingerprint::line_hashes(&masks.apply(&file.text, 0), &lines) } else { HashMap::new() };
    let mut norms = NormLines::default();
    let mut seen: HashMap<(&'static str, u128), u32> = HashMap::new();
    // The hash state after rule, path and line, per rule and line.
    let mut prefixes: HashMap<(&'static str, u32), xxhash_rust::xxh3::Xxh3> = HashMap::new();
    for f in findings.iter_mut() {
        let (first, last) = excerpt_lines(f);
        let excerpt = make_excerpt(file, first, last, &f.location, &masks);
        let line = f.location.start.line;
        let (norm, h) = norms.get(file, &masks, line);
        let n = seen.entry((f.rule, *h)).or_insert(0);
        *n += 1;
        let prefix =
            prefixes.entry((f.rule, line)).or_insert_with(|| fingerprint::own_prefix(f.rule, &f.location.path, norm));
        f.fingerprint = fingerprint::own_occurrence(prefix, *n);
        f.line_hash = hashes.get(&f.location.start.line).cloned().unwrap_or_default();
        f.excerpt = Some(excerpt);
        redact_finding(&masks, f);
    }
    masks
}

/// Mask the secrets of the file wherever a finding's words repeat them.
fn redact_finding(masks: &Masks, f: &mut Finding) {
    masks.redact(&mut f.message);
    f.labels.iter_mut().for_each(|l| masks.redact(&mut l.message));
    f.flow.iter_mut().for_each(|s| masks.redact(&mut s.message));
    f.notes.iter_mut().for_each(|n| masks.redact(n));
    if let Some(h) = &mut f.help {
        masks.redact(h);
    }
    if let Some(s) = &mut f.suppression {
        masks.redact(&mut s.justification);
    }
}
