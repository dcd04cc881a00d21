//! The scan: discovered files analysed in parallel (rayon workers with
//! large stacks), then the crate-level join (module tree: which files are
//! test code), then filtering by test-code policy.

use std::collections::HashMap;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Instant;

use crate::config::{CliRuleOverrides, Config, resolve_rules};
use crate::engine::cache::{Cache, Entry, JoinSlot};
use crate::engine::facts::{FileFacts, FileInput, Limits};
use crate::engine::inputs;
use crate::engine::inputs::{ExtraPass, InputKind};
use crate::engine::modules::ModuleTree;
use crate::engine::outcome::{Outcome, RuleDescriptor, Stats, sort_findings, sort_notifications};
use crate::engine::ruleset::RuleSet;
use crate::finding::{Finding, NoteLevel, Notification};
use crate::rules::TestPolicy;
use crate::workspace::FileKind;
use crate::workspace::discover::{Discovery, SourceFile};

pub use crate::engine::workers::WORKER_STACK;
pub(crate) use crate::engine::workers::in_parallel;
use crate::engine::workers::{map_on, worker_pool};

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
    /// Directory of the on-disk cache (`None`: no cache).
    pub cache_dir: Option<PathBuf>,
}

/// Per-file analysis results plus discovery facts, before filtering.
pub(crate) struct Analysed {
    pub files: Vec<(SourceFile, FileFacts)>,
    pub rules: Vec<RuleDescriptor>,
}

/// The rule sets of a scan: the rules that ran, the workspace's set, and
/// one per package with its own `[package.metadata.sast]`.
pub(crate) type RuleSets = (Vec<RuleDescriptor>, Arc<RuleSet>, HashMap<String, Arc<RuleSet>>);

/// Build the rule sets of a scan from its options.
pub(crate) fn rule_sets(disc: &Discovery, opts: &ScanOptions<'_>) -> RuleSets {
    let base_rules = resolve_rules(opts.config, opts.cli);
    let ran: Vec<RuleDescriptor> =
        base_rules.iter().map(|(r, s)| RuleDescriptor::from_meta(r.meta(), s.severity)).collect();
    let crates: Arc<std::collections::HashSet<String>> =
        Arc::new(disc.packages.iter().map(|p| p.name.replace('-', "_")).collect());
    let with_models = |set: RuleSet, cfg: &Config| {
        let set = set.with_workspace_crates(crates.clone());
        match &cfg.taint_models {
            Some(m) => set.with_models(m.clone()),
            None => set,
        }
    };
    let base_set = Arc::new(if opts.parse_only {
        RuleSet::new(Vec::new())
    } else {
        with_models(RuleSet::new(base_rules), opts.config)
    });
    let mut sets: HashMap<String, Arc<RuleSet>> = HashMap::new();
    for (pkg, pc) in opts.package_configs {
        let merged = opts.config.merged(pc);
        sets.insert(pkg.clone(), Arc::new(with_models(RuleSet::new(resolve_rules(&merged, opts.cli)), &merged)));
    }
    (ran, base_set, sets)
}

pub fn run(disc: Discovery, opts: &ScanOptions<'_>) -> Outcome {
    let start = Instant::now();
    let started = std::time::SystemTime::now();
    let (ran, base_set, sets) = rule_sets(&disc, opts);

    let excludes = crate::util::glob::build_globs(&opts.config.exclude);
    let mut excluded = disc.excluded;
    // The secrets pack also reads `.env`, TOML, YAML, JSON, … files.
    let text_files = if !opts.parse_only && crate::engine::inputs::text::wanted(&base_set, &sets) {
        disc.text_files
    } else {
        Vec::new()
    };
    let files: Vec<SourceFile> = disc
        .files
        .into_iter()
        .chain(text_files)
        .filter(|f| {
            let pkg_ex = f
                .package
                .as_deref()
                .and_then(|p| opts.package_configs.get(p))
                .and_then(|c| crate::util::glob::build_globs(&c.exclude));
            let hit =
                excludes.as_ref().is_some_and(|g| g.is_match(&*f.rel)) || pkg_ex.is_some_and(|g| g.is_match(&*f.rel));
            if hit {
                excluded += 1;
            }
            !hit
        })
        .collect();

    crate::util::phases::mark("rule sets and excludes", false);
    // The cache: one fingerprint per rule set, one file for the scan.
    let cache_dir = opts.cache_dir.as_deref().filter(|_| !opts.parse_only);
    // Nothing inside the scanned tree is followed to read or write the cache.
    let boundary = crate::util::confine::boundary_of(&disc.root);
    let cache = cache_dir.map(|d| {
        let (slot, base_fp) = base_set.fingerprint(&opts.limits);
        let fps: HashMap<&str, u128> = sets.iter().map(|(p, s)| (p.as_str(), s.fingerprint(&opts.limits).1)).collect();
        (Cache::open(d, slot, boundary.as_deref()), base_fp, fps)
    });

    crate::util::phases::mark("cache load", false);
    let progress = crate::util::progress::progress_bar(opts.progress, files.len());
    // `macros`: what the file is told of other files' macros (`crate_macros`).
    let analyse = |f: &SourceFile, macros: &[String]| {
        let pkg = f.package.as_deref();
        let set = pkg.and_then(|p| sets.get(p)).unwrap_or(&base_set);
        let input = FileInput { macros: macros.to_vec(), ..input_of(f) };
        match &cache {
            Some((c, base_fp, fps)) => {
                let fp = pkg.and_then(|p| fps.get(p)).copied().unwrap_or(*base_fp);
                let (facts, entry, stamp) = analyse_cached(f, &input, set, fp, &opts.limits, c);
                // What the join reads of this file, for its slot's key.
                let h = crate::engine::cache::codec::join_inputs_hash(&facts);
                (facts, entry, h, stamp)
            }
            None => {
                let mut facts = match read_limited(&f.abs, opts.limits.max_file_size) {
                    Ok(bytes) => analyse_bytes(f, &input, bytes, set, &opts.limits, opts.parse_only, None),
                    Err(e) => unreadable(f, &e),
                };
                facts.pack();
                (facts, None, 0, None)
            }
        }
    };
    let work = |f: &SourceFile| {
        let out = analyse(f, &[]);
        if let Some(p) = &progress {
            p.inc(1);
        }
        out
    };
    let pool = worker_pool(opts.jobs);
    let mut results = map_on(pool.as_ref(), &files, &work);
    if let Some(p) = progress {
        p.finish_and_clear();
    }
    let looked_again =
        crate::engine::crate_macros::look_again(pool.as_ref(), &files, &mut results, |r| &r.0.macros, &analyse);
    crate::util::phases::mark("analyse files", true);
    crate::util::phases::held("packed results", || results.iter().map(|(f, ..)| f.packed_len() as u64).sum());
    // Counted like `files_scanned`: Rust files that were analysed.
    let cached = results.iter().filter(|(f, e, ..)| f.analysed && matches!(e, Some(Entry::Old(..)))).count();
    let (facts, entries, join_inputs, stamps) = split(results, looked_again);
    let join_slot = cache.as_ref().map(|(c, base_fp, _)| JoinSlot::new(c, *base_fp, join_inputs.iter().zip(&files)));
    drop(join_inputs);
    let mut notes = disc.notifications;
    if let (Some((c, ..)), Some(dir)) = (&cache, cache_dir)
        && let Err(e) = c.save(&entries, &stamps, started)
    {
        notes.push(Notification::new(
            NoteLevel::Note,
            "cache-not-written",
            None,
            format!("cannot write the analysis cache in {}: {e} (use --cache-dir or --no-cache)", dir.display()),
        ));
    }
    // The encoded entries (a copy of every analysed file's facts) are
    // written: not held through the join.
    drop((cache, entries, stamps));
    crate::util::phases::mark("cache save", false);
    let analysed = Analysed { files: files.into_iter().zip(facts).collect(), rules: ran };
    // The join's parallel parts run on the same workers (`--jobs`).
    let finish = || finish(analysed, notes, &disc.root, base_set.as_ref(), &sets, join_slot.as_ref());
    let mut outcome = match &pool {
        Some(pool) => pool.install(finish),
        None => finish(),
    };
    crate::util::phases::mark("collect findings", false);
    outcome.stats.files_excluded = excluded;
    outcome.stats.files_cached = cached;
    outcome.elapsed = start.elapsed();
    outcome.category = opts.category.clone();
    outcome.cwd_prefix = crate::util::fspath::rel_path(&disc.root, &opts.cwd);
    if outcome.cwd_prefix == opts.cwd.to_string_lossy() {
        outcome.cwd_prefix.clear();
    }
    outcome
}

/// What the scan's analysis of a file gives: its facts, its cache entry,
/// the hash of what the join reads of it, its stamp.
type Analysis = (FileFacts, Option<Entry>, u128, Option<StampRecord>);

/// The analysed files' facts, cache entries, join input hashes and
/// stamps. The first analysis of a file looked at again stays in the
/// cache: the next run starts from it.
fn split(
    results: Vec<Analysis>,
    looked_again: Vec<Analysis>,
) -> (Vec<FileFacts>, Vec<Entry>, Vec<u128>, Vec<StampRecord>) {
    let mut facts = Vec::with_capacity(results.len());
    let mut entries = Vec::with_capacity(results.len());
    let mut join_inputs = Vec::with_capacity(results.len());
    let mut stamps = Vec::new();
    for (f, e, h, st) in results {
        facts.push(f);
        entries.extend(e);
        join_inputs.push(h);
        stamps.extend(st);
    }
    for (_, e, _, st) in looked_again {
        entries.extend(e);
        stamps.extend(st);
    }
    (facts, entries, join_inputs, stamps)
}

/// Analyse one file on a read the caller already did; a panic becomes a
/// notification.
pub(crate) fn analyse_read(
    f: &SourceFile,
    read: std::io::Result<Vec<u8>>,
    set: &RuleSet,
    limits: &Limits,
    parse_only: bool,
) -> FileFacts {
    analyse_read_with(f, read, set, limits, parse_only, None)
}

/// Read (unless `bytes` are given) and analyse one file, told of other
/// files' macros that only return (`crate_macros`).
pub(crate) fn analyse_told(
    f: &SourceFile,
    bytes: Option<Vec<u8>>,
    set: &RuleSet,
    limits: &Limits,
    macros: &[String],
) -> FileFacts {
    let input = FileInput { macros: macros.to_vec(), ..input_of(f) };
    match bytes.map_or_else(|| read_limited(&f.abs, limits.max_file_size), Ok) {
        Ok(bytes) => analyse_bytes(f, &input, bytes, set, limits, false, None),
        Err(e) => unreadable(f, &e),
    }
}

/// [`analyse_read`], handing the parsed file to `extra` too.
pub(crate) fn analyse_read_with(
    f: &SourceFile,
    read: std::io::Result<Vec<u8>>,
    set: &RuleSet,
    limits: &Limits,
    parse_only: bool,
    extra: Option<ExtraPass<'_>>,
) -> FileFacts {
    match read {
        Ok(bytes) => analyse_bytes(f, &input_of(f), bytes, set, limits, parse_only, extra),
        Err(e) => unreadable(f, &e),
    }
}

/// A file's stamp for the next run: its id in the stat index, its
/// metadata, the cache key of its bytes.
type StampRecord = (u128, crate::engine::cache::stat::Stamp, u128);

/// [`analyse_told`] through the cache: a hit is decoded instead of
/// analysed; the entry to keep for the next run comes back with the facts,
/// and the file's stamp. A file whose stamp is the last run's is not even
/// read (`cache::stat`).
fn analyse_cached(
    f: &SourceFile,
    input: &FileInput,
    set: &RuleSet,
    fingerprint: u128,
    limits: &Limits,
    cache: &Cache,
) -> (FileFacts, Option<Entry>, Option<StampRecord>) {
    use crate::engine::cache::stat;
    let id = stat::stat_id(fingerprint, input, &f.abs);
    let stamp = stat::stamp(&f.abs);
    if let Some(st) = stamp
        && let Some(key) = cache.stats.key_of(id, &st)
        && let Some((facts, entry)) = cache.get(key)
        && facts.path == input.path
    {
        return (facts, Some(entry), Some((id, st, key)));
    }
    let bytes = match read_limited(&f.abs, limits.max_file_size) {
        Ok(b) => b,
        Err(e) => return (unreadable(f, &e), None, None),
    };
    let key = crate::engine::cache::file_key(fingerprint, input, &bytes);
    let record = stamp.map(|st| (id, st, key));
    if let Some((facts, entry)) = cache.get(key) {
        return (facts, Some(entry), record);
    }
    let mut facts = analyse_bytes(f, input, bytes, set, limits, false, None);
    facts.pack();
    // An internal error may not happen next time: never keep it.
    let keep = !facts.notifications.iter().any(|n| n.kind == "internal-error");
    let entry = keep.then(|| Entry::New(key, crate::engine::cache::codec::encode(&facts)));
    (facts, entry, record.filter(|_| keep))
}

fn input_of(f: &SourceFile) -> FileInput {
    FileInput {
        path: f.rel.clone(),
        kind: f.kind,
        package: f.package.clone(),
        is_bin_root: f.is_bin_root,
        edition: f.edition.clone(),
        macros: Vec::new(),
    }
}

fn unreadable(f: &SourceFile, e: &std::io::Error) -> FileFacts {
    FileFacts {
        path: f.rel.clone(),
        notifications: vec![Notification::new(
            NoteLevel::Error,
            "unreadable",
            Some(f.rel.clone()),
            format!("cannot read file: {e}"),
        )],
        ..Default::default()
    }
}

fn analyse_bytes(
    f: &SourceFile,
    input: &FileInput,
    bytes: Vec<u8>,
    set: &RuleSet,
    limits: &Limits,
    parse_only: bool,
    extra: Option<ExtraPass<'_>>,
) -> FileFacts {
    let run = || {
        if parse_only {
            parse_only_facts(input, bytes)
        } else {
            inputs::analyze(InputKind::of(&f.abs), input, bytes, set, limits, extra)
        }
    };
    match catch_unwind(AssertUnwindSafe(run)) {
        Ok(facts) => facts,
        Err(payload) => {
            crate::syntax::release_thread_state();
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

/// Read a file, refusing to load more than `limit + 1` bytes of it (and
/// to block on a FIFO or read a device).
fn read_limited(path: &Path, limit: u64) -> std::io::Result<Vec<u8>> {
    crate::util::fsread::read_at_most(path, limit.saturating_add(1))
}

fn parse_only_facts(input: &FileInput, bytes: Vec<u8>) -> FileFacts {
    let mut facts = FileFacts { path: input.path.clone(), bytes: bytes.len() as u64, ..Default::default() };
    if let Ok(text) = String::from_utf8(bytes) {
        // Nothing but `syn::parse_file` (which skips a BOM and a shebang):
        // the floor the full scan is measured against.
        facts.lines = memchr::memchr_iter(b'\n', text.as_bytes()).count() as u32 + 1;
        facts.analysed = syn::parse_file(&text).is_ok();
        crate::syntax::release_thread_state();
    }
    facts
}

/// The crate-level join and the final filtering.
pub(crate) fn finish(
    analysed: Analysed,
    mut notifications: Vec<Notification>,
    root: &Path,
    base_set: &RuleSet,
    sets: &HashMap<String, Arc<RuleSet>>,
    join_slot: Option<&JoinSlot>,
) -> Outcome {
    let tree = ModuleTree::build(&analysed.files);
    crate::util::phases::mark("module tree", false);
    let set_of = |sf: &SourceFile| sf.package.as_deref().and_then(|p| sets.get(p)).map_or(base_set, |s| s.as_ref());
    // Each file's rule set and whether it is test code, by path.
    let file_info: HashMap<Arc<str>, (&RuleSet, bool)> =
        analysed.files.iter().enumerate().map(|(i, (sf, _))| (sf.rel.clone(), (set_of(sf), tree.test[i]))).collect();
    let mut analysed = analysed;
    let taint = taint_findings(&mut analysed.files, &tree, join_slot, &mut notifications, |h| {
        let set = file_info.get(&h.sink.loc.path).map_or(base_set, |i| i.0);
        let settings = set.index_of(h.sink.rule).map(|i| &set.settings[i]);
        crate::taint::accepts_source(h.sink.rule, settings, h.source_kind)
    });
    crate::util::phases::mark("join hits", false);
    let mut stats = Stats::default();
    let mut analysed_paths = std::collections::HashSet::new();
    let mut findings: Vec<Finding> = Vec::new();
    for (i, (sf, mut facts)) in analysed.files.into_iter().enumerate() {
        let (set, is_test_file) = (set_of(&sf), tree.test[i]);
        let skipped = facts.notifications.iter().any(Notification::is_skipped_file);
        if facts.analysed {
            stats.files_scanned += 1;
        }
        // Text files (secrets) are not counted as scanned, but were read.
        if facts.analysed || (!skipped && !sf.rel.ends_with(".rs")) {
            analysed_paths.insert(sf.rel.clone());
        }
        stats.lines += facts.lines as u64;
        let s = &facts.sem_stats;
        for (acc, n) in
            stats.semantic.iter_mut().zip([s.fns, s.bodies, s.calls, s.calls_resolved, s.methods, s.receivers_known])
        {
            *acc += n as u64;
        }
        if skipped {
            if facts.analysed {
                stats.files_partial += 1;
            } else {
                stats.files_skipped += 1;
            }
        }
        notifications.extend(facts.notifications);
        let Some(own) = facts.findings.take_open(&facts.path) else {
            notifications.push(Notification::new(
                NoteLevel::Error,
                "internal-error",
                Some(facts.path.clone()),
                "internal error: this file's findings did not decode (please report it)",
            ));
            continue;
        };
        for f in own {
            if let Some(f) = apply_test_policy(f, set, is_test_file) {
                findings.push(f);
            }
        }
    }
    for f in taint {
        let (set, is_test_file) = file_info.get(&f.location.path).copied().unwrap_or((base_set, false));
        if let Some(f) = apply_test_policy(f, set, is_test_file) {
            findings.push(f);
        }
    }
    sort_findings(&mut findings);
    sort_notifications(&mut notifications);
    let mut outcome = Outcome {
        findings,
        notifications,
        rules: analysed.rules,
        analysed: analysed_paths,
        stats,
        root: root.to_path_buf(),
        cwd_prefix: String::new(),
        elapsed: Default::default(),
        category: None,
    };
    outcome.recount();
    outcome
}

/// The test-code policy, in one place. Findings in test code are
/// reported, lowered or skipped per the rule's `test-code` setting; under
/// `lower` (the secrets pack's default) a name-based guess at a secret
/// whose value looks like a test value (`secrets::policy`) is dropped, and
/// only `report` keeps it.
fn apply_test_policy(mut f: Finding, set: &RuleSet, is_test_file: bool) -> Option<Finding> {
    if is_test_file {
        f.in_test = true;
    }
    if f.in_test {
        let policy = set.index_of(f.rule).map_or(TestPolicy::Skip, |i| set.settings[i].test_code);
        match policy {
            TestPolicy::Skip => return None,
            TestPolicy::Lower if f.test_value => return None,
            TestPolicy::Lower => f.severity = f.severity.lowered(),
            TestPolicy::Report => {}
        }
    }
    Some(f)
}

/// Taint findings: flows inside functions, and flows the crate-level join
/// finds across functions and files.
fn taint_findings(
    files: &mut [(SourceFile, FileFacts)],
    tree: &ModuleTree,
    join_slot: Option<&JoinSlot>,
    notifications: &mut Vec<Notification>,
    accept: impl Fn(&crate::taint::TaintHit) -> bool,
) -> Vec<Finding> {
    let mut hits: Vec<crate::taint::TaintHit> = Vec::new();
    for (_, facts) in files.iter_mut() {
        hits.append(&mut facts.taint_hits);
    }
    // The last run's join when it would read the same (see `JoinSlot`).
    match join_slot.and_then(JoinSlot::get) {
        Some(joined) => hits.extend(joined),
        None => {
            let joined = join(files, tree, notifications);
            if let Some(slot) = join_slot {
                slot.put(&joined);
            }
            hits.extend(joined);
        }
    }
    bounded_sizes(files, tree, &mut hits);
    crate::taint::findings_from_hits(hits, accept)
}

/// Hits whose allocation size the crate's declarations bound, dropped: a
/// field, a function or a constant of another file of the sink's crate
/// (`taint::size`).
fn bounded_sizes(files: &[(SourceFile, FileFacts)], tree: &ModuleTree, hits: &mut Vec<crate::taint::TaintHit>) {
    if hits.iter().all(|h| h.sink.size.is_empty()) {
        return;
    }
    let mut crates: HashMap<&str, crate::taint::size::CrateSizes<'_>> = HashMap::default();
    let mut crate_of: HashMap<&str, &str> = HashMap::default();
    for (i, (_, facts)) in files.iter().enumerate() {
        crates.entry(tree.crate_key[i].as_str()).or_default().add(&facts.sizes);
        crate_of.insert(&facts.path, tree.crate_key[i].as_str());
    }
    hits.retain(|h| {
        h.sink.size.is_empty()
            || !crate_of
                .get(&*h.sink.loc.path)
                .and_then(|k| crates.get(k)?.bound(&h.sink.size))
                .is_some_and(crate::taint::size::Bound::bounded)
    });
}

/// The cross-file join over the files' summaries: its hits.
fn join(
    files: &mut [(SourceFile, FileFacts)],
    tree: &ModuleTree,
    notifications: &mut Vec<Notification>,
) -> Vec<crate::taint::TaintHit> {
    // The library threat model: what each library crate makes nameable.
    let api: Vec<crate::taint::api::FileApi<'_>> = files
        .iter()
        .enumerate()
        .map(|(i, (sf, facts))| {
            let lib_root = sf.is_crate_root && sf.kind == FileKind::Lib;
            (tree.crate_key[i].as_str(), tree.module[i].as_slice(), lib_root, &facts.api)
        })
        .collect();
    let exposure = crate::taint::api::Exposure::build(&api);
    drop(api);
    // Every file's heads read from its packed summaries, in parallel; the
    // block is kept, its bodies packed, until a question of the join reads
    // one of them (`taint::parts`), and freed with the units.
    use crate::taint::join::{Bodies, Unit};
    use rayon::prelude::*;
    let opened: Vec<Option<(Vec<crate::taint::FnHead>, Bodies)>> =
        files.par_iter_mut().map(|(_, facts)| facts.summaries.take_heads(&facts.path)).collect();
    let unreadable = |sf: &SourceFile| {
        Notification::new(
            NoteLevel::Error,
            "internal-error",
            Some(sf.rel.clone()),
            "internal error: this file's function summaries could not be read back for the cross-file data-flow \
             analysis (please report it; `--no-cache` may avoid it)"
                .to_string(),
        )
    };
    let (mut units, mut of_file) = (Vec::new(), Vec::new());
    for (i, ((sf, facts), opened)) in files.iter_mut().zip(opened).enumerate() {
        let (heads, bodies) = opened.unwrap_or_else(|| {
            notifications.push(unreadable(sf));
            (Vec::new(), Bodies::Open(Vec::new()))
        });
        if heads.is_empty() && facts.routes.is_empty() {
            continue;
        }
        let routes = std::mem::take(&mut facts.routes);
        units.push(Unit::new(tree.crate_key[i].clone(), tree.module[i].clone(), heads, bodies, routes));
        of_file.push(i);
    }
    crate::util::phases::mark("join heads", true);
    let mut hits = Vec::new();
    if !units.is_empty() {
        hits = crate::taint::join::Join::new(&units, tree.crates.iter().map(|(k, v)| (k.clone(), v.clone())).collect())
            .with_exposure(exposure)
            .run();
    }
    for (u, &i) in units.iter().zip(&of_file) {
        if u.failed() {
            notifications.push(unreadable(&files[i].0));
        }
    }
    // The summaries are freed on an idle worker while the serial tail goes
    // on (a million small allocations: ~1% of a scan's CPU, all of it on the
    // critical path when dropped here).
    rayon::spawn(move || drop(units));
    hits
}

/// Scan one in-memory source file as a whole scan would (analysis, test
/// policy, sorting): for fixtures, docs examples and fuzzing.
pub fn scan_source(
    path: &str,
    text: &str,
    kind: crate::workspace::FileKind,
    is_bin_root: bool,
    config: &Config,
) -> Outcome {
    scan_source_with(path, text, kind, is_bin_root, config, &CliRuleOverrides::default())
}

/// [`scan_source`] with the rule selection of a command line.
pub(crate) fn scan_source_with(
    path: &str,
    text: &str,
    kind: crate::workspace::FileKind,
    is_bin_root: bool,
    config: &Config,
    cli: &CliRuleOverrides,
) -> Outcome {
    let rules = resolve_rules(config, cli);
    let ran: Vec<RuleDescriptor> = rules.iter().map(|(r, s)| RuleDescriptor::from_meta(r.meta(), s.severity)).collect();
    let set = match &config.taint_models {
        Some(m) => RuleSet::new(rules).with_models(m.clone()),
        None => RuleSet::new(rules),
    };
    let rel: Arc<str> = path.into();
    let input = FileInput { path: rel.clone(), kind, package: None, is_bin_root, edition: None, macros: Vec::new() };
    let facts = crate::engine::inputs::rust::analyze_text(&input, text.to_string(), &set, &Limits::default());
    let sf = SourceFile {
        abs: PathBuf::from(path),
        rel,
        package: None,
        kind,
        edition: None,
        is_bin_root,
        // A library file scanned on its own is its crate's root.
        is_crate_root: is_bin_root || kind == FileKind::Lib,
    };
    finish(Analysed { files: vec![(sf, facts)], rules: ran }, Vec::new(), Path::new(""), &set, &HashMap::new(), None)
}

/// Scan a directory as `cargo sast DIR` would (discovery, parallel
/// analysis, join), with this configuration: for workspace fixtures and
/// tests.
pub fn scan_dir(dir: &Path, config: &Config) -> Outcome {
    let disc = crate::workspace::discover::discover(&crate::workspace::discover::DiscoverOptions {
        paths: vec![dir.to_path_buf()],
        cwd: dir.to_path_buf(),
        follow_links: false,
    });
    let opts = ScanOptions {
        config,
        package_configs: &HashMap::new(),
        cli: &CliRuleOverrides::default(),
        jobs: 1,
        limits: Limits::default(),
        parse_only: false,
        progress: false,
        category: None,
        cwd: dir.to_path_buf(),
        cache_dir: None,
    };
    run(disc, &opts)
}
