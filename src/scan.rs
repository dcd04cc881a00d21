//! The scan: discovered files analysed in parallel (rayon workers with
//! large stacks), then the crate-level join (module tree: which files are
//! test code), then filtering by test-code policy.

use std::collections::{HashMap, HashSet};
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Instant;

use rayon::prelude::*;

use crate::analyze::{self, FileFacts, FileInput, Limits};
use crate::config::{CliRuleOverrides, Config, resolve_rules};
use crate::discover::{Discovery, SourceFile};
use crate::finding::{Finding, NoteLevel, Notification};
use crate::report::{Outcome, RuleDescriptor, Stats, severity_index};
use crate::rules::TestPolicy;
use crate::ruleset::RuleSet;

/// Stack size of worker threads: deep (but accepted) nesting must not
/// overflow the recursive parser, walker or drop glue.
pub const WORKER_STACK: usize = 256 * 1024 * 1024;

/// Inputs of a scan besides the discovered files.
pub struct ScanOptions<'a> {
    pub config: &'a Config,
    /// `[package.metadata.sast]` per package name.
    pub package_configs: &'a HashMap<String, Config>,
    pub cli: &'a CliRuleOverrides,
    pub jobs: usize,
    pub limits: Limits,
    /// Only parse (benchmark baseline): no rules, no join.
    pub parse_only: bool,
    pub progress: bool,
    pub category: Option<String>,
    pub cwd: PathBuf,
}

/// Per-file analysis results plus discovery facts, before filtering.
pub struct Analysed {
    pub files: Vec<(SourceFile, FileFacts)>,
    pub rules: Vec<RuleDescriptor>,
}

pub fn run(disc: Discovery, opts: &ScanOptions<'_>) -> Outcome {
    let start = Instant::now();
    let base_rules = resolve_rules(opts.config, opts.cli);
    let ran: Vec<RuleDescriptor> =
        base_rules.iter().map(|(r, s)| RuleDescriptor::from_meta(r.meta(), s.severity)).collect();
    let base_set = Arc::new(if opts.parse_only { RuleSet::new(Vec::new()) } else { RuleSet::new(base_rules) });
    let mut sets: HashMap<String, Arc<RuleSet>> = HashMap::new();
    for (pkg, pc) in opts.package_configs {
        let merged = opts.config.merged(pc);
        sets.insert(pkg.clone(), Arc::new(RuleSet::new(resolve_rules(&merged, opts.cli))));
    }

    let excludes = crate::config::build_globs(&opts.config.exclude);
    let mut excluded = disc.excluded;
    // The secrets pack also reads `.env`, TOML, YAML, JSON, … files.
    let text_files =
        if !opts.parse_only && crate::secrets::text::wanted(&base_set, &sets) { disc.text_files } else { Vec::new() };
    let files: Vec<SourceFile> = disc
        .files
        .into_iter()
        .chain(text_files)
        .filter(|f| {
            let pkg_ex = f
                .package
                .as_deref()
                .and_then(|p| opts.package_configs.get(p))
                .and_then(|c| crate::config::build_globs(&c.exclude));
            let hit =
                excludes.as_ref().is_some_and(|g| g.is_match(&*f.rel)) || pkg_ex.is_some_and(|g| g.is_match(&*f.rel));
            if hit {
                excluded += 1;
            }
            !hit
        })
        .collect();

    let progress = crate::cli::progress_bar(opts.progress, files.len());
    let pool = rayon::ThreadPoolBuilder::new().num_threads(opts.jobs.max(1)).stack_size(WORKER_STACK).build();
    let work = |f: &SourceFile| {
        let set = f.package.as_deref().and_then(|p| sets.get(p)).unwrap_or(&base_set);
        let facts = analyse_one(f, set, &opts.limits, opts.parse_only);
        if let Some(p) = &progress {
            p.inc(1);
        }
        facts
    };
    let facts: Vec<FileFacts> = match pool {
        Ok(pool) => pool.install(|| files.par_iter().map(work).collect()),
        Err(_) => files.iter().map(work).collect(),
    };
    if let Some(p) = progress {
        p.finish_and_clear();
    }
    let analysed = Analysed { files: files.into_iter().zip(facts).collect(), rules: ran };
    let mut outcome = finish(analysed, disc.notifications, &disc.root, base_set.as_ref(), &sets);
    outcome.stats.files_excluded = excluded;
    outcome.elapsed = start.elapsed();
    outcome.category = opts.category.clone();
    outcome.cwd_prefix = crate::discover::rel_path(&disc.root, &opts.cwd);
    if outcome.cwd_prefix == opts.cwd.to_string_lossy() {
        outcome.cwd_prefix.clear();
    }
    outcome
}

/// Read and analyse one file; a panic becomes a notification.
fn analyse_one(f: &SourceFile, set: &RuleSet, limits: &Limits, parse_only: bool) -> FileFacts {
    let input = FileInput { path: f.rel.clone(), kind: f.kind, package: f.package.clone(), is_bin_root: f.is_bin_root };
    let bytes = match read_limited(&f.abs, limits.max_file_size) {
        Ok(b) => b,
        Err(e) => {
            return FileFacts {
                path: f.rel.clone(),
                notifications: vec![Notification::new(
                    NoteLevel::Error,
                    "unreadable",
                    Some(f.rel.clone()),
                    format!("cannot read file: {e}"),
                )],
                ..Default::default()
            };
        }
    };
    let run = || {
        if parse_only {
            parse_only_facts(&input, bytes)
        } else if f.abs.extension().is_none_or(|x| x != "rs") && crate::secrets::text::is_text_file(&f.abs) {
            crate::secrets::text::analyze(&input, bytes, set)
        } else {
            analyze::analyze_bytes(&input, bytes, set, limits)
        }
    };
    match catch_unwind(AssertUnwindSafe(run)) {
        Ok(facts) => facts,
        Err(payload) => {
            proc_macro2::extra::invalidate_current_thread_spans();
            let msg = payload
                .downcast_ref::<&str>()
                .map(|s| s.to_string())
                .or_else(|| payload.downcast_ref::<String>().cloned())
                .unwrap_or_else(|| "unknown panic".into());
            FileFacts {
                path: f.rel.clone(),
                notifications: vec![Notification::new(
                    NoteLevel::Error,
                    "internal-error",
                    Some(f.rel.clone()),
                    format!("internal error while analysing this file (please report it): {msg}"),
                )],
                ..Default::default()
            }
        }
    }
}

/// Read a file, refusing to load more than `limit + 1` bytes of it.
fn read_limited(path: &Path, limit: u64) -> std::io::Result<Vec<u8>> {
    use std::io::Read;
    let file = std::fs::File::open(path)?;
    let mut buf = Vec::new();
    file.take(limit.saturating_add(1)).read_to_end(&mut buf)?;
    Ok(buf)
}

fn parse_only_facts(input: &FileInput, bytes: Vec<u8>) -> FileFacts {
    let mut facts = FileFacts { path: input.path.clone(), bytes: bytes.len() as u64, ..Default::default() };
    if let Ok(text) = String::from_utf8(bytes) {
        let file = crate::syntax::FileCtx::new(input.path.clone(), text, input.kind);
        facts.lines = file.lines.line_count() as u32;
        let src = file.parse_text();
        facts.analysed = syn::parse_file(&src).is_ok();
        proc_macro2::extra::invalidate_current_thread_spans();
    }
    facts
}

/// The crate-level join and the final filtering.
pub fn finish(
    analysed: Analysed,
    mut notifications: Vec<Notification>,
    root: &Path,
    base_set: &RuleSet,
    sets: &HashMap<String, Arc<RuleSet>>,
) -> Outcome {
    let test_files = test_module_files(&analysed.files);
    let mut stats = Stats::default();
    let mut findings: Vec<Finding> = Vec::new();
    for (sf, facts) in analysed.files {
        let set = sf.package.as_deref().and_then(|p| sets.get(p)).map_or(base_set, |s| s.as_ref());
        let is_test_file = test_files.contains(&*sf.rel);
        if facts.analysed {
            stats.files_scanned += 1;
        }
        stats.lines += facts.lines as u64;
        if facts.notifications.iter().any(Notification::is_skipped_file) {
            stats.files_skipped += 1;
        }
        notifications.extend(facts.notifications);
        for mut f in facts.findings {
            if is_test_file {
                f.in_test = true;
            }
            if f.in_test {
                let policy = set.index_of(f.rule).map_or(TestPolicy::Skip, |i| set.settings[i].test_code);
                match policy {
                    TestPolicy::Skip => continue,
                    TestPolicy::Lower => f.severity = f.severity.lowered(),
                    TestPolicy::Report => {}
                }
            }
            findings.push(f);
        }
    }
    findings.sort_by(|a, b| {
        (&a.location.path, a.location.start.line, a.location.start.col, a.rule, &a.message).cmp(&(
            &b.location.path,
            b.location.start.line,
            b.location.start.col,
            b.rule,
            &b.message,
        ))
    });
    notifications.sort_by(|a, b| (&a.path, a.line, a.kind, &a.message).cmp(&(&b.path, b.line, b.kind, &b.message)));
    notifications.dedup();
    for f in &findings {
        if f.is_suppressed() {
            stats.suppressed += 1;
        } else {
            stats.by_severity[severity_index(f.severity)] += 1;
        }
    }
    Outcome {
        findings,
        notifications,
        rules: analysed.rules,
        stats,
        root: root.to_path_buf(),
        cwd_prefix: String::new(),
        elapsed: Default::default(),
        category: None,
    }
}

/// Files that are test modules: declared with `#[cfg(test)] mod x;` (or
/// from test code), and every module below them.
fn test_module_files(files: &[(SourceFile, FileFacts)]) -> HashSet<String> {
    let by_path: HashMap<PathBuf, usize> = files.iter().enumerate().map(|(i, (f, _))| (f.abs.clone(), i)).collect();
    let mut children: Vec<Vec<(usize, bool)>> = vec![Vec::new(); files.len()];
    for (i, (sf, facts)) in files.iter().enumerate() {
        for m in &facts.child_mods {
            for cand in module_candidates(&sf.abs, sf.is_crate_root, m) {
                if let Some(&j) = by_path.get(&cand) {
                    children[i].push((j, m.is_test));
                    break;
                }
            }
        }
    }
    let mut marked = vec![false; files.len()];
    let mut stack: Vec<usize> = Vec::new();
    for kids in &children {
        for &(j, is_test) in kids {
            if is_test && !marked[j] {
                marked[j] = true;
                stack.push(j);
            }
        }
    }
    while let Some(i) = stack.pop() {
        for &(j, _) in &children[i] {
            if !marked[j] {
                marked[j] = true;
                stack.push(j);
            }
        }
    }
    files.iter().zip(marked).filter(|(_, m)| *m).map(|((f, _), _)| f.rel.to_string()).collect()
}

/// Where the file of `mod name;` declared in `parent` may be.
pub fn module_candidates(parent: &Path, is_crate_root: bool, m: &crate::syntax::walker::ChildMod) -> Vec<PathBuf> {
    let Some(dir) = parent.parent() else {
        return Vec::new();
    };
    let stem = parent.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
    let mod_rs = is_crate_root || stem == "mod" || stem == "lib" || stem == "main";
    let mut base = if mod_rs { dir.to_path_buf() } else { dir.join(&stem) };
    if let Some(p) = &m.path_attr {
        let rel = if m.inline_parents.is_empty() { dir.to_path_buf() } else { base.join(m.inline_parents.join("/")) };
        return vec![crate::discover::absolutize(&rel, Path::new(p))];
    }
    for p in &m.inline_parents {
        base.push(p);
    }
    vec![base.join(format!("{}.rs", m.name)), base.join(&m.name).join("mod.rs")]
}

/// Scan one in-memory source file as a whole scan would (analysis, test
/// policy, sorting): for fixtures, docs examples and fuzzing.
pub fn scan_source(
    path: &str,
    text: &str,
    kind: crate::syntax::FileKind,
    is_bin_root: bool,
    config: &Config,
) -> Outcome {
    let rules = resolve_rules(config, &CliRuleOverrides::default());
    let ran: Vec<RuleDescriptor> = rules.iter().map(|(r, s)| RuleDescriptor::from_meta(r.meta(), s.severity)).collect();
    let set = RuleSet::new(rules);
    let rel: Arc<str> = path.into();
    let input = FileInput { path: rel.clone(), kind, package: None, is_bin_root };
    let facts = analyze::analyze_text(&input, text.to_string(), &set, &Limits::default());
    let sf = SourceFile {
        abs: PathBuf::from(path),
        rel,
        package: None,
        kind,
        edition: None,
        is_bin_root,
        is_crate_root: is_bin_root,
    };
    finish(Analysed { files: vec![(sf, facts)], rules: ran }, Vec::new(), Path::new(""), &set, &HashMap::new())
}
