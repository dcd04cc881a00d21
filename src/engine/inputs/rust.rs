//! Rust files: read → parse (with recovery) → index → one walk dispatching
//! to the enabled rules → suppressions → the common finish. The syntax tree
//! never leaves this module.

use std::collections::{HashMap, HashSet};

use syn::visit::Visit;

use crate::engine::facts::{FileFacts, FileInput, Limits, file_masks, finalize_sites, redact_site, site_lines};
use crate::engine::ruleset::RuleSet;
use crate::engine::suppress;
use crate::engine::walker::{WalkFacts, Walker};
use crate::finding::{Finding, NoteLevel, Notification};
use crate::rules::cx::{Cx, Scope};
use crate::rules::file::FileCtx;
use crate::rules::suppression::Allow;
use crate::syntax::paths::Imports;

/// A pass outside the rule framework that sees each parsed file (the
/// supply-chain capabilities of `cargo sast deps`): called with the file's
/// context (text, lines, imports) and syntax tree, after the walk, before
/// the tree is dropped.
pub(crate) type ExtraPass<'a> = &'a mut dyn FnMut(&FileCtx, &syn::File);

/// Analyse raw bytes (not yet known to be UTF-8); `extra` sees the parsed file.
pub(crate) fn analyze_bytes(
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

/// The one walk over the tree, with the file's semantic model for the taint
/// engine (built on first need, once; bodies are inferred only where a
/// call needs it).
fn walk(
    file: &FileCtx,
    ast: &syn::File,
    set: &RuleSet,
    (active, test_active): (&[bool], &[bool]),
    wf: &mut WalkFacts,
    targets: &HashSet<usize>,
) -> (Vec<crate::finding::Finding>, crate::taint::sem::SemStats) {
    let lazy = crate::taint::sem::LazySem::new(ast);
    let sem_file = (!set.taint_bits.is_empty()).then(|| crate::taint::sem::SemFile::new(&lazy));
    let mut w =
        Walker::new(file, set, active, wf, targets).with_test_active(test_active).with_semantic(sem_file.as_ref());
    w.visit_file(ast);
    let findings = std::mem::take(&mut w.out);
    drop(w);
    let stats = sem_file.as_ref().map(|s| s.stats.get()).unwrap_or_default();
    (findings, stats)
}

/// What the data-flow rules read of the file's items, and what it tells
/// the other files of its crate (sizes, API, macros), with what the scan
/// told it of theirs.
fn crate_facts(file: &mut FileCtx, items: &[syn::Item], set: &RuleSet, input: &FileInput, facts: &mut FileFacts) {
    file.index_fields(items);
    file.crate_macros = input.macros.clone();
    facts.api = crate::taint::api::collect(items);
    facts.sizes = crate::taint::size::of_file(set.taint_bits, items);
    facts.macros =
        crate::taint::macros::MacroFacts { told: input.macros.clone(), ..crate::taint::macros::defined(&file.text) };
}

/// Analyse source text.
pub(crate) fn analyze_text(input: &FileInput, text: String, set: &RuleSet, limits: &Limits) -> FileFacts {
    analyze_text_with(input, text, set, limits, None)
}

/// [`analyze_text`], handing the parsed file to `extra` too.
fn analyze_text_with(
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

    match crate::syntax::shape::check_with_runs(&file.text, &limits.shape) {
        Ok(Some(runs)) => file.set_comment_runs(runs),
        Ok(None) => {}
        Err(deep) => {
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
    }

    // Text-only, so known before the parse, which leaves out the test
    // bodies no rule reads (`syntax::prune`).
    let active = set.active_for(&file.text);
    let mut allows = suppress::scan(&file);
    let test_active = test_active(set, &active, &allows);
    let parsed = parse(&mut file, input, set, &test_active, extra.is_none());
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
    if !set.taint_bits.is_empty() {
        crate_facts(&mut file, &ast.items, set, input, &mut facts);
    }
    // Built once: `memmem::find` builds its searcher on every call.
    static UNSAFE: std::sync::LazyLock<memchr::memmem::Finder<'static>> =
        std::sync::LazyLock::new(|| memchr::memmem::Finder::new(b"unsafe"));
    if UNSAFE.find(file.text.as_bytes()).is_some() {
        file.unsafety = crate::rules::unsafety::UnsafeIndex::from_items(&ast.items);
    }
    facts.analysed = true;

    let targets: HashSet<usize> = allows.iter().filter(|a| !a.trailing).map(|a| a.target).collect();
    let mut wf = WalkFacts::default();
    let (mut findings, sem_stats) = walk(&file, &ast, set, (&active, &test_active), &mut wf, &targets);
    facts.sem_stats = sem_stats;
    facts.macros.asked = file.asked_macros();
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
    finish_sinks(&file, set, &mut allows, &findings, &mut taint_hits, &mut summaries, limits);
    check_suppressions(&file, set, &allows, &mut findings);

    let masks = super::finish(&file, set, &mut findings, limits);
    // Data-flow steps are worded from the code: mask what they repeat.
    for h in &mut taint_hits {
        h.steps.iter_mut().for_each(|st| masks.redact(&mut st.msg));
        redact_site(&masks, &mut h.sink);
    }
    for sm in &mut summaries {
        sm.body.flows.iter_mut().flat_map(|fl| fl.steps.iter_mut()).for_each(|st| masks.redact(&mut st.msg));
        sm.body.label_steps.iter_mut().flatten().for_each(|st| masks.redact(&mut st.msg));
        sm.body.sinks.iter_mut().for_each(|site| redact_site(&masks, site));
    }
    // Kept until the join and the report: at their exact size.
    use crate::util::compact::exact;
    facts.taint_hits = taint_hits;
    facts.summaries = exact(summaries).into();
    facts.routes = std::mem::take(&mut wf.routes);
    facts.findings = findings.into();
    facts.child_mods = wf.child_mods;
    facts.unsafe_stats = wf.unsafe_stats;
    facts.forbids_unsafe = wf.forbids_unsafe;
    facts.denies_unsafe = wf.denies_unsafe;
    facts.unsafe_lint_conditional = wf.unsafe_lint_conditional;
    facts.includes = wf.includes;
    facts
}

/// In test code, rules whose findings the test-code policy drops are not
/// run, unless a suppression names them (it must find its finding).
fn test_active(set: &RuleSet, active: &[bool], allows: &[Allow]) -> Vec<bool> {
    active
        .iter()
        .enumerate()
        .map(|(i, &on)| {
            on && (set.in_tests[i] || allows.iter().any(|a| a.rules.iter().any(|r| r == set.rules[i].meta().id)))
        })
        .collect()
}

/// The file's syntax tree. With `rules_only` (no pass outside the rules,
/// which may read every part of the tree) the parse leaves out the test
/// bodies no rule reads (`syntax::prune`: where they start goes to
/// `file.left_out`) and the doc comments (`syntax::docs`: the rules that
/// read docs read them from the text, `file.docs`).
fn parse(
    file: &mut FileCtx,
    input: &FileInput,
    set: &RuleSet,
    test_active: &[bool],
    rules_only: bool,
) -> syn::Result<crate::syntax::recover::Parsed> {
    let (src, comments) = if rules_only {
        let (src, comments) = file.parse_text_without_docs();
        (src, Some(comments))
    } else {
        (file.parse_text(), None)
    };
    let (parsed, left_out) = match rules_only.then(|| parse_pruned(file, &src, set, test_active)).flatten() {
        Some((ast, starts)) => (Ok(crate::syntax::recover::Parsed { file: ast, skipped: Vec::new() }), starts),
        None => (
            crate::syntax::recover::parse_file(&src, crate::syntax::recover::Edition::of(input.edition.as_deref())),
            Vec::new(),
        ),
    };
    file.left_out = left_out;
    file.docs = comments.filter(crate::syntax::docs::Comments::has_docs);
    parsed
}

/// The file parsed without the test bodies the walker would skip
/// (`syntax::prune`), and where those bodies start; `None` when it may
/// hold none, or its tokens do not lex or parse (the caller then parses
/// it as it is, with recovery).
fn parse_pruned(file: &FileCtx, src: &str, set: &RuleSet, test_active: &[bool]) -> Option<(syn::File, Vec<u32>)> {
    static TEST: std::sync::LazyLock<memchr::memmem::Finder<'static>> =
        std::sync::LazyLock::new(|| memchr::memmem::Finder::new(b"test"));
    let test_file = file.kind.is_test_like();
    // Every test body is needed when the data flow runs in test code.
    if set.taint_runs_in_tests() || (!test_file && TEST.find(src.as_bytes()).is_none()) {
        return None;
    }
    let tokens: proc_macro2::TokenStream = src.parse().ok()?;
    let text = |span| file.byte_range(span).and_then(|(s, e)| file.text.get(s as usize..e as usize));
    let keep = |body: &str| crate::engine::walker::test_code_needed(set, test_active, body);
    let (tokens, spans) =
        crate::syntax::prune::test_bodies(tokens, test_file, &crate::syntax::prune::Ask { text: &text, keep: &keep });
    let file_ast = syn::parse2(tokens).ok()?;
    let mut starts: Vec<u32> = spans.into_iter().filter_map(|s| file.byte_range(s).map(|(b, _)| b)).collect();
    starts.sort_unstable();
    Some((file_ast, starts))
}

/// The sink sites of the file's data flows (direct hits and summaries):
/// each excerpt starts at the first step of a flow into it in this file,
/// masked like the findings, and their suppressions applied.
fn finish_sinks(
    file: &FileCtx,
    set: &RuleSet,
    allows: &mut [Allow],
    findings: &[Finding],
    taint_hits: &mut [crate::taint::TaintHit],
    summaries: &mut [crate::taint::FnSummary],
    limits: &Limits,
) {
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
        for fl in &s.body.flows {
            if let crate::taint::Target::Sink(k) = fl.target
                && let Some(l) = first_in_file(&fl.steps)
            {
                let e = firsts.entry(k).or_insert(l);
                *e = (*e).min(l);
            }
        }
        for (k, site) in s.body.sinks.iter_mut().enumerate() {
            let first = firsts.get(&(k as u32)).copied();
            sites.push((site, first));
        }
    }
    let site_lines: Vec<(u32, u32)> = sites.iter().map(|(site, first)| site_lines(site, *first)).collect();
    let masks = file_masks(file, findings, &site_lines);
    finalize_sites(file, set, allows, sites, &masks, limits.line_hashes);
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

/// The rules that judge the `sast:allow` comments themselves.
fn check_suppressions(file: &FileCtx, set: &RuleSet, allows: &[Allow], findings: &mut Vec<Finding>) {
    if allows.is_empty() {
        return;
    }
    let scope = Scope::default();
    let ran = |id: &str| set.index_of(id).is_some();
    for (rule, settings) in set.rules.iter().zip(&set.settings) {
        let mut cx = Cx { file, scope: &scope, rule: rule.meta(), settings, out: findings };
        rule.check_suppressions(&mut cx, allows, &ran);
    }
}
