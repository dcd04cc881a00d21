//! Per-file analysis: read → parse → index → one walk dispatching to rules
//! → suppressions, excerpts and fingerprints. Everything returned is owned
//! data; the syntax tree never leaves this function.

use std::collections::{HashMap, HashSet};
use std::sync::Arc;

use syn::visit::Visit;

use crate::finding::{Excerpt, Finding, NoteLevel, Notification};
use crate::report::fingerprint;
use crate::ruleset::RuleSet;
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

    if text_has_nul(&file.text) {
        facts.notifications.push(skip(input, "binary", "file contains NUL bytes (binary data?); not analysed"));
        return facts;
    }
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
        syn::parse_file(&src)
    };
    let ast = match parsed {
        Ok(ast) => ast,
        Err(e) => {
            let (line, col) = match file.byte_range(e.span()) {
                Some((s, _)) => {
                    let p = file.lines.pos(&file.text, s);
                    (p.line, p.col)
                }
                None => (1, 1),
            };
            facts.notifications.push(skip(input, "parse-error", format!("could not parse: {e}")).at(line, col));
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
        let masks = file_masks(&findings);
        finalize_sites(&file, set, &mut allows, sites, &masks, limits.line_hashes);
    }
    report_suppression_problems(&file, set, &allows, &mut findings);

    finalize(&file, &mut findings, limits.line_hashes);
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

/// Give taint sink sites what a finding needs once the file is gone:
/// excerpt, GitHub line hash, normalised line, suppression, severity.
fn finalize_sites(
    file: &FileCtx,
    set: &RuleSet,
    allows: &mut [suppress::Allow],
    sites: Vec<(&mut crate::taint::SinkSite, Option<u32>)>,
    masks: &[(u32, u32)],
    line_hashes: bool,
) {
    if sites.is_empty() {
        return;
    }
    let lines: Vec<u32> = sites.iter().map(|(s, _)| s.loc.start.line).collect();
    let hashes = if line_hashes { fingerprint::line_hashes(&file.text, &lines) } else { HashMap::new() };
    for (site, first) in sites {
        let line = site.loc.start.line;
        let last = site.loc.end.line.max(line);
        let first = first.filter(|&f| f <= line && line - f <= 40).unwrap_or(line);
        site.excerpt = Some(make_excerpt(file, first, last, masks));
        site.line_hash = hashes.get(&line).cloned().unwrap_or_default();
        site.norm_line = file.line_text(line as usize - 1).split_whitespace().collect::<Vec<_>>().join(" ");
        site.suppression = suppress::covering(allows, site.rule, line as usize - 1, file);
        site.severity = set.index_of(site.rule).map(|i| set.settings[i].severity);
    }
}

/// Every masked range (secrets) of the file's findings, sorted.
fn file_masks(findings: &[Finding]) -> Vec<(u32, u32)> {
    let mut masks: Vec<(u32, u32)> = findings.iter().flat_map(|f| f.masks.iter().copied()).collect();
    masks.sort_unstable();
    masks.dedup();
    masks
}

/// Lines `first..=last` (1-based) of the file, with masked ranges.
fn make_excerpt(file: &FileCtx, first: u32, last: u32, masks: &[(u32, u32)]) -> Excerpt {
    let start = file.lines.line_start(first as usize - 1);
    let (_, end) = file.lines.line_range(&file.text, last as usize - 1);
    let mut text = file.text.get(start as usize..end).unwrap_or("").to_string();
    for &(ms, me) in masks.iter().filter(|&&(ms, me)| me > start && (ms as usize) < end) {
        text = mask(&text, ms.saturating_sub(start), me.saturating_sub(start).min(text.len() as u32));
    }
    Excerpt { first_line: first, byte_offset: start, text }
}

/// Attach excerpts, masks and fingerprints. Masked ranges (secrets) are
/// masked in every input: excerpts, our fingerprint and GitHub's line hash.
pub(crate) fn finalize(file: &FileCtx, findings: &mut [Finding], line_hashes: bool) {
    if findings.is_empty() {
        return;
    }
    let lines: Vec<u32> = findings.iter().map(|f| f.location.start.line).collect();
    // Every secret found in the file is masked in every excerpt of it, not
    // only in its own finding's (another finding may show the same line).
    let masks = file_masks(findings);
    let hashes = if !line_hashes {
        HashMap::new()
    } else if masks.is_empty() {
        fingerprint::line_hashes(&file.text, &lines)
    } else {
        let mut text = file.text.clone();
        for &(s, e) in &masks {
            text = mask(&text, s, e);
        }
        fingerprint::line_hashes(&text, &lines)
    };
    let mut seen: std::collections::HashMap<(String, &'static str, String), u32> = std::collections::HashMap::new();
    for f in findings.iter_mut() {
        let mut first = f.location.start.line;
        let mut last = f.location.end.line.max(first);
        for l in &f.labels {
            if l.location.path == f.location.path {
                first = first.min(l.location.start.line);
                last = last.max(l.location.end.line);
            }
        }
        for s in &f.flow {
            if s.location.path == f.location.path {
                first = first.min(s.location.start.line);
                last = last.max(s.location.end.line);
            }
        }
        if last - first > 40 {
            first = f.location.start.line;
            last = f.location.end.line.min(first + 40);
        }
        let excerpt = make_excerpt(file, first, last, &masks);
        let line_text = file.line_text(f.location.start.line as usize - 1);
        let mut norm_line = line_text.to_string();
        let ls = file.lines.line_start(f.location.start.line as usize - 1);
        let le = ls + norm_line.len() as u32;
        for &(ms, me) in masks.iter().filter(|&&(ms, me)| me > ls && ms < le) {
            norm_line = mask(&norm_line, ms.saturating_sub(ls), me.saturating_sub(ls).min(norm_line.len() as u32));
        }
        let norm: String = norm_line.split_whitespace().collect::<Vec<_>>().join(" ");
        let key = (f.location.path.to_string(), f.rule, norm);
        let n = seen.entry(key.clone()).or_insert(0);
        *n += 1;
        f.fingerprint = fingerprint::own(f.rule, &key.0, &key.2, *n);
        f.line_hash = hashes.get(&f.location.start.line).cloned().unwrap_or_default();
        f.excerpt = Some(excerpt);
    }
}

/// Replace the chars of `text[s..e]` (byte offsets) with `*`, keeping at
/// most a quarter (and at most four) of them visible so the finding stays
/// recognisable without revealing the secret. Quotes and line breaks stay,
/// and each masked char becomes as many `*` as it had bytes, so byte
/// offsets and line numbers into the text are unchanged.
pub fn mask(text: &str, s: u32, e: u32) -> String {
    let (s, e) = (s as usize, (e as usize).min(text.len()));
    if s >= e || !text.is_char_boundary(s) || !text.is_char_boundary(e) {
        return text.to_string();
    }
    let secret = &text[s..e];
    let visible = (secret.chars().filter(|&c| c != '"').count() / 4).min(4);
    let mut out = String::with_capacity(text.len());
    out.push_str(&text[..s]);
    let mut shown = 0;
    for c in secret.chars() {
        if c == '"' || c == '\n' || c == '\r' {
            out.push(c);
        } else if shown < visible {
            out.push(c);
            shown += 1;
        } else {
            out.extend(std::iter::repeat_n('*', c.len_utf8()));
        }
    }
    out.push_str(&text[e..]);
    out
}
