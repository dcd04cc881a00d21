//! `cargo sast [PATH…]`: configs → scan → filters (trust, baseline, diff) →
//! reports → exit code.

use std::collections::HashMap;
use std::io::Write;
use std::path::{Path, PathBuf};

use super::output::{Writers, deliver_reports, eprint_error};
use crate::cli::ScanArgs;
use crate::cli::exit;
use crate::cli::report_config_error;
use crate::config::{self, CliRuleOverrides, Config, ConfigError};
use crate::engine::facts::Limits;
use crate::engine::outcome::Outcome;
use crate::engine::scan::{self, ScanOptions};
use crate::report::{self, Format, human};
use crate::rules::Severity;
use crate::workspace::discover::{self, DiscoverOptions, Discovery};

/// Find `sast.toml` from `start` up to `stop` (inclusive) or a git root.
pub(super) fn find_config_file(start: &Path, stop: Option<&Path>) -> Option<PathBuf> {
    for dir in start.ancestors() {
        for name in config::CONFIG_FILE_NAMES {
            let p = dir.join(name);
            if p.is_file() {
                return Some(p);
            }
        }
        if Some(dir) == stop || dir.join(".git").exists() {
            break;
        }
    }
    None
}

/// The configuration of a scan, loaded.
pub(crate) struct Configs {
    base: Config,
    per_pkg: HashMap<String, Config>,
    /// `--untrusted-repo`: repository settings not applied.
    not_applied: Vec<crate::finding::Notification>,
}

/// Load the workspace config and per-package configs. Files of the
/// repository stay inside `boundary`; with `untrusted`, only what tightens
/// the scan is kept from them (see [`crate::filter::trust`]).
pub(crate) fn load_configs(
    explicit: Option<&Path>,
    anchor: &Path,
    disc: Option<&Discovery>,
    boundary: Option<&Path>,
    untrusted: bool,
) -> Result<Configs, ConfigError> {
    let ws_root = disc.and_then(|d| d.workspace_root.clone());
    let root = disc.map_or(anchor, |d| d.root.as_path());
    let mut not_applied = Vec::new();
    let mut from_repo = |c: Config, base: &Config| -> Config {
        if !untrusted {
            return c;
        }
        let (kept, dropped) = crate::filter::trust::restrict(&c, base);
        not_applied.extend(crate::filter::trust::notifications(c.source.as_deref(), root, &dropped));
        kept
    };
    let mut base = match explicit {
        Some(p) => config::load_file(p, None)?,
        None => {
            let repo = match find_config_file(anchor, ws_root.as_deref()) {
                Some(p) => config::load_file(&p, boundary)?,
                None => match &ws_root {
                    Some(root) => config::load_cargo_table(
                        &root.join("Cargo.toml"),
                        &["workspace", "metadata", "sast"],
                        boundary,
                    )?
                    .unwrap_or_default(),
                    None => Config::default(),
                },
            };
            from_repo(repo, &Config::default())
        }
    };
    let mut per_pkg = HashMap::new();
    if let Some(d) = disc {
        for p in &d.packages {
            if let Some(c) = config::load_cargo_table(&p.manifest, &["package", "metadata", "sast"], boundary)? {
                let c = from_repo(c, &base);
                if d.packages.len() == 1 {
                    base = base.merged(&c);
                } else {
                    per_pkg.insert(p.name.to_string(), c);
                }
            }
        }
    }
    Ok(Configs { base, per_pkg, not_applied })
}

/// A finished scan with the settings that shape its report.
pub(crate) struct Scanned {
    pub(crate) outcome: Outcome,
    pub(crate) config: Config,
    pub(crate) workspace_root: Option<PathBuf>,
    /// The workspace's packages (from `cargo metadata` when it ran).
    pub(crate) packages: Vec<crate::workspace::metadata::Package>,
    /// The scanned repository, resolved: nothing from it leads outside,
    /// and nothing inside it is followed when writing.
    pub(crate) boundary: Option<PathBuf>,
    pub(crate) cwd: PathBuf,
    /// The dependency audit ran without an advisory database.
    pub(crate) audit_missing_db: bool,
}

/// Discover, load config, scan. `Err` carries the exit code after the
/// error was printed.
/// Discover, configure and scan. `line_hashes`: compute GitHub's line
/// hashes (only SARIF carries them).
pub(crate) fn run_scan(a: &ScanArgs, ecolor: bool, line_hashes: bool) -> Result<Scanned, u8> {
    let cwd = std::env::current_dir().map_err(|e| {
        eprint_error(&format!("cannot determine the current directory: {e}"));
        exit::ERROR
    })?;
    if let Some(c) = &a.config
        && !c.is_file()
    {
        eprint_error(&format!("config file {} does not exist", c.display()));
        return Err(exit::ERROR);
    }
    for sel in a.select.iter().flatten().chain(&a.extend_select).chain(&a.ignore) {
        if !config::selector_is_known(sel) {
            let hint = crate::util::toml::suggest(sel, crate::lints::all().iter().map(|r| r.meta().id));
            eprint_error(&format!("unknown rule or tag `{sel}`{hint} (see `cargo sast rules`)"));
            return Err(exit::ERROR);
        }
    }
    if !a.parse_only && !a.audit_only {
        let _ = crate::engine::ruleset::prewarm(&cli_rule_overrides(a));
    }
    crate::util::phases::mark("start-up", false);
    let dopts = DiscoverOptions { paths: a.paths.clone(), cwd: cwd.clone(), follow_links: a.follow_links };
    // Discovery on a guess of cargo's answer while cargo runs; scanned
    // again in the rare case that cargo says otherwise.
    let (disc, ahead) = discover::discover_ahead(&dopts);
    crate::util::phases::mark("discover", true);
    match scan_discovered(a, ecolor, line_hashes, cwd.clone(), disc, ahead)? {
        Ok(scanned) => Ok(scanned),
        Err(real) => scan_discovered(a, ecolor, line_hashes, cwd, *real, None)?.map_err(|_| exit::ERROR),
    }
}

/// [`run_scan`] on a discovery; `Ok(Err(discovery))`: the discovery was
/// made on a guess that cargo's answer contradicts, scan this one instead.
fn scan_discovered(
    a: &ScanArgs,
    ecolor: bool,
    line_hashes: bool,
    cwd: PathBuf,
    disc: Discovery,
    mut ahead: Option<discover::Ahead>,
) -> Result<Result<Scanned, Box<Discovery>>, u8> {
    // Before an error is reported: it must not come from a wrong guess.
    let mut wrong_guess = || match ahead.take().map(discover::Ahead::settle) {
        Some(discover::Settled::Wrong(real)) => Some(real),
        _ => None,
    };
    if disc.notifications.iter().any(|n| n.kind == "path-not-found") {
        for n in disc.notifications.iter().filter(|n| n.kind == "path-not-found") {
            eprint_error(&n.message);
        }
        return Err(exit::ERROR);
    }
    let anchor = a
        .paths
        .first()
        .map(|p| crate::util::fspath::absolutize(&cwd, p))
        .map(|p| if p.is_dir() { p } else { p.parent().map_or(cwd.clone(), Path::to_path_buf) })
        .unwrap_or_else(|| cwd.clone());
    let boundary = crate::util::confine::boundary_of(&disc.root);
    let Configs { base: cfg, per_pkg, not_applied } =
        match load_configs(a.config.as_deref(), &anchor, Some(&disc), boundary.as_deref(), a.untrusted_repo) {
            Ok(c) => c,
            Err(e) => match wrong_guess() {
                Some(real) => return Ok(Err(real)),
                None => return Err(report_config_error(&e, ecolor)),
            },
        };
    crate::util::phases::mark("configs", false);
    let cli_rules = cli_rule_overrides(a);
    let mut limits = Limits { line_hashes, ..Limits::default() };
    if let Some(m) = a.max_file_size.or(cfg.max_file_size) {
        limits.max_file_size = m;
    }
    let jobs = a.jobs.unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()));
    let workspace_root = disc.workspace_root.clone();
    let packages = disc.packages.clone();
    let opts = ScanOptions {
        config: &cfg,
        package_configs: &per_pkg,
        cli: &cli_rules,
        jobs,
        limits,
        parse_only: a.parse_only,
        progress: !a.quiet && !a.no_progress,
        category: a.category.clone(),
        cwd: cwd.clone(),
        cache_dir: if a.no_cache {
            None
        } else {
            // The repository's own cache directory is its author's: not used
            // when the repository is untrusted (a named one still is).
            a.cache_dir
                .as_ref()
                .map(|d| crate::util::fspath::absolutize(&cwd, d))
                .or_else(|| crate::engine::cache::default_dir(workspace_root.as_deref()).filter(|_| !a.untrusted_repo))
        },
    };
    let audit_req = crate::audit::AuditRequest {
        only: a.audit_only,
        skip: a.no_deps_audit || a.parse_only,
        db: a.advisory_db.clone(),
        jobs,
        max_file_size: limits.max_file_size,
    };
    let audit = match crate::audit::plan(&audit_req, &disc, &cfg, &a.paths, &cwd) {
        Ok(p) => p,
        Err(e) => {
            if let Some(real) = wrong_guess() {
                return Ok(Err(real));
            }
            eprint_error(&e);
            return Err(exit::ERROR);
        }
    };
    let mut outcome = if a.audit_only {
        crate::audit::empty_outcome(&disc.root, &cwd, a.category.clone())
    } else {
        scan::run(disc, &opts)
    };
    let mut packages = packages;
    if let Some(ahead) = ahead.take() {
        match ahead.settle() {
            discover::Settled::Holds(cargo_packages) => packages = cargo_packages,
            discover::Settled::Wrong(real) => return Ok(Err(real)),
        }
        crate::util::phases::mark("cargo metadata", false);
    }
    let mut audit_missing_db = false;
    if let Some(input) = audit {
        let start = std::time::Instant::now();
        match crate::audit::run(&input) {
            Ok(r) => {
                audit_missing_db = r.status == crate::audit::Status::NoDatabase;
                r.merge_into(&mut outcome);
            }
            Err(e) if a.audit_only => {
                eprint_error(&e);
                return Err(exit::ERROR);
            }
            Err(e) => outcome.notifications.push(crate::finding::Notification::new(
                crate::finding::NoteLevel::Warning,
                "audit-failed",
                None,
                format!("dependencies were not audited: {e}"),
            )),
        }
        outcome.elapsed += start.elapsed();
        crate::util::phases::mark("audit", false);
    }
    outcome.notifications.extend(not_applied);
    Ok(Ok(Scanned { outcome, config: cfg, workspace_root, packages, boundary, cwd, audit_missing_db }))
}

/// The workspace kept in memory for `cargo sast lsp`: discovery and
/// configuration as for a scan of `a.paths` (no cache, no audit, no
/// progress bar). A configuration error comes back as it is (the server
/// shows it on the file).
pub(crate) fn load_resident(a: &ScanArgs, cwd: &Path) -> Result<crate::engine::resident::Resident, ConfigError> {
    let disc = discover::discover(&DiscoverOptions {
        paths: a.paths.clone(),
        cwd: cwd.to_path_buf(),
        follow_links: a.follow_links,
    });
    let boundary = crate::util::confine::boundary_of(&disc.root);
    let anchor = a.paths.first().map_or_else(|| cwd.to_path_buf(), |p| crate::util::fspath::absolutize(cwd, p));
    let Configs { base: cfg, per_pkg, .. } =
        load_configs(a.config.as_deref(), &anchor, Some(&disc), boundary.as_deref(), false)?;
    let cli = cli_rule_overrides(a);
    let mut limits = Limits { line_hashes: false, ..Limits::default() };
    if let Some(m) = a.max_file_size.or(cfg.max_file_size) {
        limits.max_file_size = m;
    }
    let opts = ScanOptions {
        config: &cfg,
        package_configs: &per_pkg,
        cli: &cli,
        jobs: a.jobs.unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get())),
        limits,
        parse_only: false,
        progress: false,
        category: None,
        cwd: cwd.to_path_buf(),
        cache_dir: None,
    };
    Ok(crate::engine::resident::Resident::load(disc, &opts))
}

/// Apply `--diff`, `--untrusted-repo` and the baseline to a finished scan.
/// The baseline is matched against every finding of the scan, so that diff
/// mode, which keeps only findings on changed lines, never makes entries
/// look stale.
/// The rule selection given on the command line.
fn cli_rule_overrides(a: &ScanArgs) -> CliRuleOverrides {
    CliRuleOverrides {
        select: a.select.clone(),
        extend_select: a.extend_select.clone(),
        ignore: a.ignore.clone(),
        test_code: a.test_code.map(Into::into),
    }
}

pub(crate) fn filter_outcome(a: &ScanArgs, s: &mut Scanned) -> Result<(), u8> {
    let o = &mut s.outcome;
    let changed = match &a.diff {
        Some(reference) => {
            if discover::find_git_root(&o.root).as_deref() != Some(o.root.as_path()) {
                eprint_error("--diff needs the scanned files to be in a git repository");
                return Err(exit::ERROR);
            }
            let diff_error = |e: String| {
                eprint_error(&format!("--diff: {e}"));
                exit::ERROR
            };
            let mut files: Vec<&str> = o.findings.iter().map(|f| &*f.location.path).collect();
            files.sort_unstable();
            files.dedup();
            let lines = crate::filter::diff::changed_since(&o.root, reference, &files).map_err(diff_error)?;
            if a.untrusted_repo {
                let cli = cli_rule_overrides(a);
                let base = crate::filter::trust::base_suppressions(&o.root, reference, &s.config, &cli, o)
                    .map_err(diff_error)?;
                crate::filter::trust::restrict_suppressions(o, Some((&lines, &base)));
            }
            Some(lines)
        }
        None => {
            if a.untrusted_repo {
                crate::filter::trust::restrict_suppressions(o, None);
            }
            None
        }
    };
    let keep: Vec<bool> = match &changed {
        Some(c) => o.findings.iter().map(|f| c.contains(&f.location.path, f.location.start.line)).collect(),
        None => vec![true; o.findings.len()],
    };
    let default_file =
        s.workspace_root.as_ref().map(|r| r.join(crate::filter::baseline::DEFAULT_FILE)).filter(|p| p.is_file());
    // A baseline named on the command line is the user's; one from the
    // repository (its config or the default file) must stay inside it.
    let baseline = if a.no_baseline {
        None
    } else if let Some(p) = &a.baseline {
        Some((crate::util::fspath::absolutize(&s.cwd, p), None, "--baseline"))
    } else {
        s.config
            .baseline
            .clone()
            .map(|p| (p, s.boundary.as_deref(), "`baseline` in the configuration"))
            .or(default_file.map(|p| (p, s.boundary.as_deref(), "")))
    };
    if let Some((path, boundary, from)) = baseline {
        if a.untrusted_repo && boundary.is_some() {
            o.notifications.push(crate::filter::trust::file_not_applied(
                &o.root,
                &path,
                "the repository's baseline would hide the findings it accepts",
            ));
        } else {
            if !path.exists() {
                eprint_error(&format!(
                    "baseline file {} does not exist (named by {from}); write one with `cargo sast baseline --output {}`",
                    crate::util::escape::line(&path.display().to_string()),
                    crate::util::escape::line(&path.display().to_string())
                ));
                return Err(exit::ERROR);
            }
            let b =
                crate::filter::baseline::Baseline::load(&path, boundary).map_err(|e| report_config_error(&e, false))?;
            let judged = |e: &crate::filter::baseline::Entry| {
                if crate::lints::by_id(&e.rule).is_some() {
                    o.rules.iter().any(|r| r.id == e.rule) && o.analysed.contains(e.path.as_str())
                } else {
                    // An advisory: judged when the audit ran.
                    o.stats.packages_audited > 0
                }
            };
            let mut applied = b.apply(&mut o.findings, crate::util::time::Date::today(), judged);
            applied.keep_only(&keep);
            o.stats.baselined = applied.hidden_count();
            o.stats.baseline_unreviewed = b.unreviewed().count();
            let shown = path.strip_prefix(&o.root).ok().map(|p| crate::util::fspath::rel_path(Path::new(""), p));
            o.notifications.extend(b.notifications(&applied, shown.as_deref()));
            crate::engine::outcome::sort_notifications(&mut o.notifications);
        }
    }
    if changed.is_some() {
        let before = o.findings.len();
        let mut it = keep.iter();
        o.findings.retain(|_| it.next().copied().unwrap_or(true));
        o.stats.outside_diff = before - o.findings.len();
    }
    o.recount();
    Ok(())
}

pub(crate) fn cmd_scan(a: &ScanArgs, color: bool, ecolor: bool) -> u8 {
    if a.timings {
        crate::util::phases::enable();
    }
    let Some(plan) = output_plan(a) else { return exit::ERROR };
    if a.fix {
        return super::cmd_fix::cmd_fix(a, &plan, color, ecolor);
    }
    let line_hashes = plan.iter().any(|(f, _)| *f == Format::Sarif);
    let mut scanned = match run_scan(a, ecolor, line_hashes) {
        Ok(s) => s,
        Err(code) => return code,
    };
    if let Err(code) = filter_outcome(a, &mut scanned) {
        return code;
    }
    crate::util::phases::mark("filters", false);
    let code = report_scan(a, &scanned, &plan, color, ecolor);
    // The process ends now: its memory goes back with it, so the findings
    // and settings are not freed one allocation at a time.
    std::mem::forget(scanned);
    eprint!("{}", crate::util::phases::render());
    code
}

/// Deliver the reports of a filtered scan; the exit code.
pub(super) fn report_scan(
    a: &ScanArgs,
    scanned: &Scanned,
    plan: &[(Format, Option<PathBuf>)],
    color: bool,
    ecolor: bool,
) -> u8 {
    let fail_on: Severity = a.fail_on.map(Into::into).or(scanned.config.fail_on).unwrap_or(Severity::Low);
    let outcome = &scanned.outcome;
    if let Some(mf) = a.message_format {
        return report_rustc_json(a, scanned, mf, fail_on, true);
    }

    let hopts = human::HumanOptions { color, show_suppressed: a.show_suppressed, show_elapsed: true };
    let human_report = |o: human::HumanOptions, buf: &mut Vec<u8>| {
        if a.quiet { write_quiet(outcome, o, buf) } else { human::write(outcome, o, buf) }
    };
    let json_report = |buf: &mut Vec<u8>| report::json::write(outcome, buf);
    let writers = Writers { human: &human_report, json: &json_report };
    if let Err(code) = deliver_reports(outcome, plan, hopts, a.quiet, ecolor, &writers, scanned.boundary.as_deref()) {
        return code;
    }
    crate::util::phases::mark("reports", false);
    if scanned.audit_missing_db && (a.audit_only || a.strict) {
        return exit::ERROR;
    }
    if a.stats {
        eprint_semantic_stats(outcome);
    }
    exit_code(outcome, fail_on, a.exit_zero, a.strict)
}

/// `--message-format json`: the rustc-style lines on stdout (or `-o`),
/// the notifications on stderr; `build-finished` says whether the run
/// passes (exit status 0). `editor-check` asks for no `build-finished`.
pub(super) fn report_rustc_json(
    a: &ScanArgs,
    s: &Scanned,
    mf: crate::cli::args::MessageFormat,
    fail_on: Severity,
    finish: bool,
) -> u8 {
    use crate::cli::args::MessageFormat as M;
    use crate::report::rustc_json;
    let o = &s.outcome;
    let mut code = exit_code(o, fail_on, a.exit_zero, a.strict);
    if s.audit_missing_db && (a.audit_only || a.strict) {
        code = exit::ERROR;
    }
    let style = match mf {
        M::Json => rustc_json::Style::Json,
        M::JsonDiagnosticShort => rustc_json::Style::Short,
        M::JsonDiagnosticRenderedAnsi => rustc_json::Style::Ansi,
    };
    let root = s.workspace_root.as_deref().unwrap_or(&o.root);
    let ws = rustc_json::Workspace { root, packages: &s.packages };
    let mut buf = Vec::new();
    if let Err(e) = rustc_json::write(o, &ws, style, finish.then_some(code == exit::CLEAN), &mut buf) {
        eprint_error(&format!("cannot render the messages: {e}"));
        return exit::ERROR;
    }
    let mut err = std::io::stderr();
    for n in &o.notifications {
        let _ = writeln!(err, "{}", crate::util::escape::line(&n.warning_line()));
    }
    match super::output::deliver(a.output.as_deref(), &buf, s.boundary.as_deref()) {
        Ok(_) => code,
        Err(e) => {
            eprint_error(&e);
            exit::ERROR
        }
    }
}

pub(crate) fn write_quiet(o: &Outcome, opts: human::HumanOptions, w: &mut Vec<u8>) -> std::io::Result<()> {
    let quiet = Outcome {
        findings: o.findings.clone(),
        notifications: Vec::new(),
        rules: o.rules.clone(),
        analysed: Default::default(),
        stats: o.stats.clone(),
        root: o.root.clone(),
        cwd_prefix: o.cwd_prefix.clone(),
        elapsed: o.elapsed,
        category: o.category.clone(),
    };
    let mut full = Vec::new();
    human::write(&quiet, opts, &mut full)?;
    // Drop the two summary lines.
    let text = String::from_utf8_lossy(&full);
    let lines: Vec<&str> = text.lines().collect();
    let keep = lines.len().saturating_sub(2);
    for l in &lines[..keep] {
        writeln!(w, "{l}")?;
    }
    Ok(())
}

/// Which format goes where (`None`: stdout).
pub(crate) fn output_plan(a: &ScanArgs) -> Option<Vec<(Format, Option<PathBuf>)>> {
    let mut plan: Vec<(Format, Option<PathBuf>)> = Vec::new();
    let mut formats = a.format.clone();
    formats.dedup();
    // Without `-f`, stdout (or `-o FILE`) gets the human report, whatever
    // extra reports `--output-sarif` / `--output-json` ask for.
    if formats.is_empty() && (a.output.is_some() || (a.output_sarif.is_none() && a.output_json.is_none())) {
        formats.push(Format::Human);
    }
    for f in &formats {
        let dest = match f {
            Format::Sarif if a.output_sarif.is_some() => a.output_sarif.clone(),
            Format::Json if a.output_json.is_some() => a.output_json.clone(),
            _ => None,
        };
        plan.push((*f, dest));
    }
    if let Some(p) = &a.output_sarif
        && !plan.iter().any(|(f, _)| *f == Format::Sarif)
    {
        plan.push((Format::Sarif, Some(p.clone())));
    }
    if let Some(p) = &a.output_json
        && !plan.iter().any(|(f, _)| *f == Format::Json)
    {
        plan.push((Format::Json, Some(p.clone())));
    }
    if plan.is_empty() {
        plan.push((Format::Human, None));
    }
    let to_stdout: Vec<usize> = plan.iter().enumerate().filter(|(_, (_, d))| d.is_none()).map(|(i, _)| i).collect();
    if let Some(out) = &a.output {
        match to_stdout.as_slice() {
            [i] => plan[*i].1 = Some(out.clone()),
            [] => {
                eprint_error(&format!(
                    "--output {}: no report left to write there (every --format goes to --output-sarif / --output-json); add the format it should hold with -f",
                    out.display()
                ));
                return None;
            }
            _ => {
                eprint_error("--output takes one format; write the others with --output-sarif / --output-json");
                return None;
            }
        }
    } else if to_stdout.len() > 1 {
        eprint_error(
            "only one format can go to stdout; write the others with --output-sarif FILE / --output-json FILE",
        );
        return None;
    }
    Some(plan)
}

/// 0 clean, 1 findings at or above `fail_on`, 2 with `--strict` when a
/// file (or part of one) could not be analysed or a baseline entry has no
/// reason or owner.
/// `--stats`: the semantic model's share of the work (on stderr).
fn eprint_semantic_stats(o: &Outcome) {
    let [fns, bodies, calls, resolved, methods, typed] = o.stats.semantic;
    let pct = |a: u64, b: u64| if b == 0 { 0.0 } else { 100.0 * a as f64 / b as f64 };
    eprintln!(
        "semantic model: {bodies} of {fns} functions inferred ({:.1}%); their calls {calls}, resolved {:.1}% (in the file or with a recipe for the crate index); method receivers typed {:.1}% of {methods}",
        pct(bodies, fns),
        pct(resolved, calls),
        pct(typed, methods)
    );
}

pub(super) fn exit_code(o: &Outcome, fail_on: Severity, exit_zero: bool, strict: bool) -> u8 {
    if strict && (o.stats.files_skipped > 0 || o.stats.files_partial > 0 || o.stats.baseline_unreviewed > 0) {
        return exit::ERROR;
    }
    if exit_zero {
        return exit::CLEAN;
    }
    if o.active().any(|f| f.severity >= fail_on) { exit::FINDINGS } else { exit::CLEAN }
}
