//! Command line: arguments (clap derive) → settings → scan → reports →
//! exit code.

use std::collections::HashMap;
use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand, ValueEnum};

use crate::analyze::Limits;
use crate::config::{self, CliRuleOverrides, Config, ConfigError};
use crate::discover::{self, DiscoverOptions, Discovery};
use crate::output::{self, StdoutWrite, eprint_error};
use crate::report::{self, Format, Outcome, human};
use crate::rules::{self, Severity, TestPolicy};
use crate::scan::{self, ScanOptions};

/// Exit codes.
pub mod exit {
    /// No unsuppressed finding at or above the fail level.
    pub const CLEAN: u8 = 0;
    /// Findings at or above the fail level.
    pub const FINDINGS: u8 = 1;
    /// Usage, config or I/O error (or, with `--strict`, a file that could
    /// not be analysed).
    pub const ERROR: u8 = 2;
}

const AFTER_HELP: &str = "\
Exit status: 0 no finding at or above --fail-on; 1 findings; 2 usage, config or I/O error
(or, with --strict, a file or item that could not be analysed, or a baseline entry without
a reason or owner).

Suppress a finding with a comment on its line or the line above (or above an item):
    // sast:allow(<rule-id>): <reason>

Examples:
    cargo sast                                  scan the workspace around the current directory
    cargo sast --fail-on high                   fail only on high and critical findings
    cargo sast -f sarif -o cargo-sast.sarif     write SARIF for GitHub code scanning
    cargo sast audit --advisory-db ~/advisory-db   only check Cargo.lock against the RustSec database
    cargo sast rules                            list the rules
    cargo sast unsafe --deps                    unsafe code per package, dependencies included
    cargo sast deps --diff origin/main          what the dependencies added or updated since main can do
    cargo sast explain unwrap-used              show a rule's documentation";

#[derive(Parser, Debug)]
#[command(
    name = "cargo-sast",
    bin_name = "cargo sast",
    version,
    about = "Fast, precise static security analysis for Rust: finds security defects in source, never builds or runs it.",
    after_help = AFTER_HELP,
    args_conflicts_with_subcommands = true,
    max_term_width = 100
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Cmd>,
    /// When to use colors (NO_COLOR is honoured with `auto`)
    #[arg(long, value_enum, default_value_t = ColorArg::Auto, value_name = "WHEN", global = true)]
    pub color: ColorArg,
    #[command(flatten)]
    pub scan: ScanArgs,
}

#[derive(Subcommand, Debug)]
pub enum Cmd {
    /// List the rules: id, name, severity, CWE, OWASP category, and whether each is enabled
    Rules(RulesArgs),
    /// Show the documentation of a rule
    Explain {
        /// Rule id, e.g. `unwrap-used`
        id: String,
    },
    /// Write the current findings to a baseline file of accepted risks
    /// (`--output FILE`, default sast-baseline.toml at the workspace root);
    /// review fields of existing entries are kept
    Baseline(Box<ScanArgs>),
    /// Inventory of unsafe code per package (with --deps, every dependency in Cargo.lock)
    Unsafe(crate::inventory::UnsafeArgs),
    /// Only audit Cargo.lock against the RustSec advisory database (known-vulnerable, unmaintained and unsound crates)
    Audit(AuditArgs),
    /// What every dependency can do (file system, network, processes, FFI, unsafe, …), what
    /// its build script or proc macro does at build time, and with --diff what an update gained
    Deps(crate::deps::DepsArgs),
}

/// `cargo sast audit`: the output and exit-status options of a scan.
#[derive(Args, Debug, Default)]
pub struct AuditArgs {
    /// The workspace to audit [default: the cargo workspace around the current directory]
    #[arg(value_name = "PATH")]
    pub path: Option<PathBuf>,
    /// RustSec advisory database [default: $CARGO_HOME/advisory-db, i.e. ~/.cargo/advisory-db]
    #[arg(long, value_name = "PATH")]
    pub advisory_db: Option<PathBuf>,
    /// The repository is someone else's: its `[audit]` settings may only tighten the audit
    #[arg(long)]
    pub untrusted_repo: bool,
    #[command(flatten)]
    pub report: ReportArgs,
}

/// The report and exit-status options of the commands that report
/// findings besides the scan (`audit`, `deps`).
#[derive(Args, Debug, Default, Clone)]
pub struct ReportArgs {
    /// Report format; repeat to produce several
    #[arg(long, short = 'f', value_enum, value_name = "FORMAT")]
    pub format: Vec<Format>,
    /// Write the report to FILE (atomically) instead of stdout
    #[arg(long, short = 'o', value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Also write SARIF to FILE
    #[arg(long, value_name = "FILE")]
    pub output_sarif: Option<PathBuf>,
    /// Also write JSON to FILE
    #[arg(long, value_name = "FILE")]
    pub output_json: Option<PathBuf>,
    /// Print only the findings
    #[arg(long, short = 'q')]
    pub quiet: bool,
    /// Show ignored (or approved) findings in the terminal too
    #[arg(long)]
    pub show_suppressed: bool,
    /// SARIF `automationDetails.id`
    #[arg(long, value_name = "CATEGORY")]
    pub category: Option<String>,
    /// Config file [default: sast.toml at the workspace root]
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,
    /// Exit 1 only for findings at or above this severity [default: low]
    #[arg(long, value_enum, value_name = "SEVERITY")]
    pub fail_on: Option<SeverityArg>,
    /// Exit 0 even when there are findings
    #[arg(long)]
    pub exit_zero: bool,
}

impl ReportArgs {
    /// These options as a scan's (for its output plan and exit status).
    pub fn to_scan_args(&self) -> ScanArgs {
        ScanArgs {
            format: self.format.clone(),
            output: self.output.clone(),
            output_sarif: self.output_sarif.clone(),
            output_json: self.output_json.clone(),
            show_suppressed: self.show_suppressed,
            quiet: self.quiet,
            category: self.category.clone(),
            config: self.config.clone(),
            fail_on: self.fail_on,
            exit_zero: self.exit_zero,
            ..Default::default()
        }
    }
}

impl From<&AuditArgs> for ScanArgs {
    fn from(a: &AuditArgs) -> Self {
        ScanArgs {
            paths: a.path.iter().cloned().collect(),
            advisory_db: a.advisory_db.clone(),
            untrusted_repo: a.untrusted_repo,
            audit_only: true,
            ..a.report.to_scan_args()
        }
    }
}

#[derive(Args, Debug)]
pub struct RulesArgs {
    /// Config file [default: sast.toml found from the current directory up]
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,
    /// Print the rules reference as Markdown (lints/README.md)
    #[arg(long)]
    pub markdown: bool,
    /// Print as JSON
    #[arg(long, conflicts_with = "markdown")]
    pub json: bool,
}

#[derive(Args, Debug, Default, Clone)]
pub struct ScanArgs {
    /// Files or directories to scan [default: the cargo workspace around the current directory]
    #[arg(value_name = "PATH")]
    pub paths: Vec<PathBuf>,

    /// Report format; repeat to produce several from one scan
    #[arg(long, short = 'f', value_enum, value_name = "FORMAT", help_heading = "Output")]
    pub format: Vec<Format>,
    /// Write the report to FILE (atomically) instead of stdout; without --format, the human report
    #[arg(long, short = 'o', value_name = "FILE", help_heading = "Output")]
    pub output: Option<PathBuf>,
    /// Also write SARIF to FILE (use with another --format on stdout)
    #[arg(long, value_name = "FILE", help_heading = "Output")]
    pub output_sarif: Option<PathBuf>,
    /// Also write JSON to FILE
    #[arg(long, value_name = "FILE", help_heading = "Output")]
    pub output_json: Option<PathBuf>,
    /// Show suppressed findings in the terminal too
    #[arg(long, help_heading = "Output")]
    pub show_suppressed: bool,
    /// Print only the findings: no summary, no progress bar
    #[arg(long, short = 'q', help_heading = "Output")]
    pub quiet: bool,
    /// Never show a progress bar
    #[arg(long, help_heading = "Output")]
    pub no_progress: bool,
    /// SARIF `automationDetails.id` (distinguishes several uploads of one repository)
    #[arg(long, value_name = "CATEGORY", help_heading = "Output")]
    pub category: Option<String>,

    /// Report only findings not accepted in this baseline file [default: `baseline` in sast.toml]
    #[arg(long, value_name = "FILE", help_heading = "Filtering")]
    pub baseline: Option<PathBuf>,
    /// Ignore the configured baseline
    #[arg(long, conflicts_with = "baseline", help_heading = "Filtering")]
    pub no_baseline: bool,
    /// Report only findings on lines added or changed since this git ref (e.g. `origin/main`)
    #[arg(long, value_name = "GIT-REF", help_heading = "Filtering")]
    pub diff: Option<String>,
    /// The repository is someone else's (CI on pull requests): its config, baseline and
    /// in-source suppressions may only tighten the scan; what would weaken it is not applied and
    /// is listed in the report
    #[arg(long, help_heading = "Filtering")]
    pub untrusted_repo: bool,

    /// Config file [default: sast.toml at the workspace root, else [workspace.metadata.sast] in Cargo.toml]
    #[arg(long, value_name = "FILE", help_heading = "Rules")]
    pub config: Option<PathBuf>,
    /// Run only these rules: ids, tags, `default` or `all` (comma-separated)
    #[arg(long, value_delimiter = ',', value_name = "RULES", help_heading = "Rules")]
    pub select: Option<Vec<String>>,
    /// Run these rules in addition to the selected ones
    #[arg(long, value_delimiter = ',', value_name = "RULES", help_heading = "Rules")]
    pub extend_select: Vec<String>,
    /// Do not run these rules
    #[arg(long, value_delimiter = ',', value_name = "RULES", help_heading = "Rules")]
    pub ignore: Vec<String>,
    /// Findings in test code: skip them, lower their severity, or report them
    #[arg(long, value_enum, value_name = "POLICY", help_heading = "Rules")]
    pub test_code: Option<TestCodeArg>,

    /// Exit 1 only for findings at or above this severity [default: low]
    #[arg(long, value_enum, value_name = "SEVERITY", help_heading = "Exit status")]
    pub fail_on: Option<SeverityArg>,
    /// Exit 0 even when there are findings
    #[arg(long, help_heading = "Exit status")]
    pub exit_zero: bool,
    /// Exit 2 when a file (or an item in it) could not be read or parsed, or a baseline entry
    /// has no reason or owner
    #[arg(long, help_heading = "Exit status")]
    pub strict: bool,

    /// Worker threads, at least 1 [default: all cores]
    #[arg(long, short = 'j', value_name = "N", value_parser = parse_jobs)]
    pub jobs: Option<usize>,
    /// Follow symbolic links while walking directories
    #[arg(long)]
    pub follow_links: bool,
    /// Skip files larger than this many bytes [default: 10485760]
    #[arg(long, value_name = "BYTES")]
    pub max_file_size: Option<u64>,
    /// Do not read or write the analysis cache
    #[arg(long)]
    pub no_cache: bool,
    /// Keep the analysis cache here [default: target/sast-cache of the cargo
    /// workspace; none outside a workspace]
    #[arg(long, value_name = "DIR", conflicts_with = "no_cache")]
    pub cache_dir: Option<PathBuf>,
    /// Benchmark baseline: only parse the files
    #[arg(long, hide = true)]
    pub parse_only: bool,

    /// Do not audit Cargo.lock against the RustSec advisory database
    #[arg(long, help_heading = "Dependencies")]
    pub no_deps_audit: bool,
    /// RustSec advisory database [default: $CARGO_HOME/advisory-db, i.e. ~/.cargo/advisory-db]
    #[arg(long, value_name = "PATH", help_heading = "Dependencies")]
    pub advisory_db: Option<PathBuf>,
    /// `cargo sast audit`: only the dependency audit.
    #[arg(skip)]
    pub audit_only: bool,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum, Default)]
pub enum ColorArg {
    #[default]
    Auto,
    Always,
    Never,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum SeverityArg {
    Low,
    Medium,
    High,
    Critical,
}

impl From<SeverityArg> for Severity {
    fn from(s: SeverityArg) -> Self {
        match s {
            SeverityArg::Low => Severity::Low,
            SeverityArg::Medium => Severity::Medium,
            SeverityArg::High => Severity::High,
            SeverityArg::Critical => Severity::Critical,
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum TestCodeArg {
    Skip,
    Lower,
    Report,
}

impl From<TestCodeArg> for TestPolicy {
    fn from(t: TestCodeArg) -> Self {
        match t {
            TestCodeArg::Skip => TestPolicy::Skip,
            TestCodeArg::Lower => TestPolicy::Lower,
            TestCodeArg::Report => TestPolicy::Report,
        }
    }
}

/// Entry point: `args` as from `std::env::args_os()`.
pub fn main_with_args(args: Vec<std::ffi::OsString>) -> ExitCode {
    let mut args = args;
    // `cargo sast ...` runs `cargo-sast sast ...`.
    if args.get(1).is_some_and(|a| a == "sast") {
        args.remove(1);
    }
    let cli = match Cli::try_parse_from(&args) {
        Ok(c) => c,
        Err(e) => {
            let code = if e.use_stderr() { exit::ERROR } else { exit::CLEAN };
            let _ = e.print();
            return ExitCode::from(code);
        }
    };
    let color = use_color(cli.color, std::io::stdout().is_terminal());
    let ecolor = use_color(cli.color, std::io::stderr().is_terminal());
    let code = match cli.command {
        Some(Cmd::Rules(a)) => cmd_rules(&a),
        Some(Cmd::Explain { id }) => cmd_explain(&id),
        Some(Cmd::Baseline(a)) => cmd_baseline(&a, ecolor),
        Some(Cmd::Audit(a)) => cmd_scan(&ScanArgs::from(&a), color, ecolor),
        Some(Cmd::Unsafe(a)) => crate::inventory::cmd_unsafe(&a),
        Some(Cmd::Deps(a)) => crate::deps::cmd_deps(&a, color, ecolor),
        None => cmd_scan(&cli.scan, color, ecolor),
    };
    ExitCode::from(code)
}

/// `-j N`: a thread count of at least 1 (leave `-j` out for all cores).
pub fn parse_jobs(s: &str) -> Result<usize, String> {
    match s.parse::<usize>() {
        Ok(0) => Err("must be at least 1 (leave out -j to use all cores)".into()),
        Ok(n) => Ok(n),
        Err(e) => Err(e.to_string()),
    }
}

fn use_color(c: ColorArg, is_tty: bool) -> bool {
    match c {
        ColorArg::Always => true,
        ColorArg::Never => false,
        ColorArg::Auto => is_tty && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty()),
    }
}

pub(crate) fn report_config_error(e: &ConfigError, color: bool) -> u8 {
    let mut err = std::io::stderr();
    if human::config_error(e, color, &mut err).is_err() {
        eprint_error(&e.to_string());
    }
    exit::ERROR
}

/// A progress bar on stderr for long scans (500 files or more), shown only
/// on a terminal and, as cargo does, never when `CI` is set or `TERM=dumb`:
/// CI logs and pipes get none.
pub fn progress_bar(enabled: bool, files: usize) -> Option<indicatif::ProgressBar> {
    let set = |k: &str| std::env::var_os(k).is_some_and(|v| !v.is_empty());
    if !enabled
        || files < 500
        || !std::io::stderr().is_terminal()
        || set("CI")
        || std::env::var_os("TERM").is_some_and(|t| t == "dumb")
    {
        return None;
    }
    let pb = indicatif::ProgressBar::new(files as u64);
    let style =
        indicatif::ProgressStyle::with_template("{spinner} scanning {pos}/{len} files {wide_bar} {eta}").ok()?;
    pb.set_style(style);
    pb.set_draw_target(indicatif::ProgressDrawTarget::stderr_with_hz(10));
    Some(pb)
}

/// Find `sast.toml` from `start` up to `stop` (inclusive) or a git root.
pub fn find_config_file(start: &Path, stop: Option<&Path>) -> Option<PathBuf> {
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
struct Configs {
    base: Config,
    per_pkg: HashMap<String, Config>,
    /// `--untrusted-repo`: repository settings not applied.
    not_applied: Vec<crate::finding::Notification>,
}

/// Load the workspace config and per-package configs. Files of the
/// repository stay inside `boundary`; with `untrusted`, only what tightens
/// the scan is kept from them (see [`crate::trust`]).
fn load_configs(
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
        let (kept, dropped) = crate::trust::restrict(&c, base);
        not_applied.extend(crate::trust::notifications(c.source.as_deref(), root, &dropped));
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
struct Scanned {
    outcome: Outcome,
    config: Config,
    workspace_root: Option<PathBuf>,
    /// The scanned repository, resolved: nothing from it leads outside,
    /// and nothing inside it is followed when writing.
    boundary: Option<PathBuf>,
    cwd: PathBuf,
    /// The dependency audit ran without an advisory database.
    audit_missing_db: bool,
}

/// Discover, load config, scan. `Err` carries the exit code after the
/// error was printed.
/// Discover, configure and scan. `line_hashes`: compute GitHub's line
/// hashes (only SARIF carries them).
fn run_scan(a: &ScanArgs, ecolor: bool, line_hashes: bool) -> Result<Scanned, u8> {
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
            let hint = config::suggest(sel, rules::all().iter().map(|r| r.meta().id));
            eprint_error(&format!("unknown rule or tag `{sel}`{hint} (see `cargo sast rules`)"));
            return Err(exit::ERROR);
        }
    }
    let disc =
        discover::discover(&DiscoverOptions { paths: a.paths.clone(), cwd: cwd.clone(), follow_links: a.follow_links });
    if disc.notifications.iter().any(|n| n.kind == "path-not-found") {
        for n in disc.notifications.iter().filter(|n| n.kind == "path-not-found") {
            eprint_error(&n.message);
        }
        return Err(exit::ERROR);
    }
    let anchor = a
        .paths
        .first()
        .map(|p| discover::absolutize(&cwd, p))
        .map(|p| if p.is_dir() { p } else { p.parent().map_or(cwd.clone(), Path::to_path_buf) })
        .unwrap_or_else(|| cwd.clone());
    let boundary = crate::confine::boundary_of(&disc.root);
    let Configs { base: cfg, per_pkg, not_applied } =
        load_configs(a.config.as_deref(), &anchor, Some(&disc), boundary.as_deref(), a.untrusted_repo)
            .map_err(|e| report_config_error(&e, ecolor))?;
    let cli_rules = cli_rule_overrides(a);
    let mut limits = Limits { line_hashes, ..Limits::default() };
    if let Some(m) = a.max_file_size.or(cfg.max_file_size) {
        limits.max_file_size = m;
    }
    let jobs = a.jobs.unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()));
    let workspace_root = disc.workspace_root.clone();
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
                .map(|d| discover::absolutize(&cwd, d))
                .or_else(|| crate::cache::default_dir(workspace_root.as_deref()).filter(|_| !a.untrusted_repo))
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
            eprint_error(&e);
            return Err(exit::ERROR);
        }
    };
    let mut outcome = if a.audit_only {
        crate::audit::empty_outcome(&disc.root, &cwd, a.category.clone())
    } else {
        scan::run(disc, &opts)
    };
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
    }
    outcome.notifications.extend(not_applied);
    Ok(Scanned { outcome, config: cfg, workspace_root, boundary, cwd, audit_missing_db })
}

/// The rule selection given on the command line.
fn cli_rule_overrides(a: &ScanArgs) -> CliRuleOverrides {
    CliRuleOverrides {
        select: a.select.clone(),
        extend_select: a.extend_select.clone(),
        ignore: a.ignore.clone(),
        test_code: a.test_code.map(Into::into),
    }
}

/// Apply `--diff`, `--untrusted-repo` and the baseline to a finished scan.
/// The baseline is matched against every finding of the scan, so that diff
/// mode, which keeps only findings on changed lines, never makes entries
/// look stale.
fn filter_outcome(a: &ScanArgs, s: &mut Scanned) -> Result<(), u8> {
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
            let lines = crate::diff::changed_since(&o.root, reference, &files).map_err(diff_error)?;
            if a.untrusted_repo {
                let base = crate::trust::base_suppressions(&o.root, reference, &s.config, &cli_rule_overrides(a), o)
                    .map_err(diff_error)?;
                crate::trust::restrict_suppressions(o, Some((&lines, &base)));
            }
            Some(lines)
        }
        None => {
            if a.untrusted_repo {
                crate::trust::restrict_suppressions(o, None);
            }
            None
        }
    };
    let keep: Vec<bool> = match &changed {
        Some(c) => o.findings.iter().map(|f| c.contains(&f.location.path, f.location.start.line)).collect(),
        None => vec![true; o.findings.len()],
    };
    let default_file = s.workspace_root.as_ref().map(|r| r.join(crate::baseline::DEFAULT_FILE)).filter(|p| p.is_file());
    // A baseline named on the command line is the user's; one from the
    // repository (its config or the default file) must stay inside it.
    let baseline = if a.no_baseline {
        None
    } else if let Some(p) = &a.baseline {
        Some((discover::absolutize(&s.cwd, p), None, "--baseline"))
    } else {
        s.config
            .baseline
            .clone()
            .map(|p| (p, s.boundary.as_deref(), "`baseline` in the configuration"))
            .or(default_file.map(|p| (p, s.boundary.as_deref(), "")))
    };
    if let Some((path, boundary, from)) = baseline {
        if a.untrusted_repo && boundary.is_some() {
            o.notifications.push(crate::trust::file_not_applied(
                &o.root,
                &path,
                "the repository's baseline would hide the findings it accepts",
            ));
        } else {
            if !path.exists() {
                eprint_error(&format!(
                    "baseline file {} does not exist (named by {from}); write one with `cargo sast baseline --output {}`",
                    crate::report::escape::line(&path.display().to_string()),
                    crate::report::escape::line(&path.display().to_string())
                ));
                return Err(exit::ERROR);
            }
            let b = crate::baseline::Baseline::load(&path, boundary).map_err(|e| report_config_error(&e, false))?;
            let judged = |e: &crate::baseline::Entry| {
                if rules::by_id(&e.rule).is_some() {
                    o.rules.iter().any(|r| r.id == e.rule) && o.analysed.contains(e.path.as_str())
                } else {
                    // An advisory: judged when the audit ran.
                    o.stats.packages_audited > 0
                }
            };
            let mut applied = b.apply(&mut o.findings, crate::time::Date::today(), judged);
            applied.keep_only(&keep);
            o.stats.baselined = applied.hidden_count();
            o.stats.baseline_unreviewed = b.unreviewed().count();
            let shown = path.strip_prefix(&o.root).ok().map(|p| discover::rel_path(Path::new(""), p));
            o.notifications.extend(b.notifications(&applied, shown.as_deref()));
            report::sort_notifications(&mut o.notifications);
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

fn cmd_scan(a: &ScanArgs, color: bool, ecolor: bool) -> u8 {
    let Some(plan) = output_plan(a) else { return exit::ERROR };
    let line_hashes = plan.iter().any(|(f, _)| *f == Format::Sarif);
    let mut scanned = match run_scan(a, ecolor, line_hashes) {
        Ok(s) => s,
        Err(code) => return code,
    };
    if let Err(code) = filter_outcome(a, &mut scanned) {
        return code;
    }
    let fail_on: Severity = a.fail_on.map(Into::into).or(scanned.config.fail_on).unwrap_or(Severity::Low);
    let outcome = &scanned.outcome;

    let hopts = human::HumanOptions { color, show_suppressed: a.show_suppressed, show_elapsed: true };
    let human_report = |o: human::HumanOptions, buf: &mut Vec<u8>| {
        if a.quiet { write_quiet(outcome, o, buf) } else { human::write(outcome, o, buf) }
    };
    let json_report = |buf: &mut Vec<u8>| report::json::write(outcome, buf);
    let writers = Writers { human: &human_report, json: &json_report };
    if let Err(code) = deliver_reports(outcome, &plan, hopts, a.quiet, ecolor, &writers, scanned.boundary.as_deref()) {
        return code;
    }
    if scanned.audit_missing_db && (a.audit_only || a.strict) {
        return exit::ERROR;
    }
    exit_code(outcome, fail_on, a.exit_zero, a.strict)
}

/// How a command renders its own formats (the others are the same for all).
pub(crate) struct Writers<'a> {
    pub human: &'a dyn Fn(human::HumanOptions, &mut Vec<u8>) -> std::io::Result<()>,
    pub json: &'a dyn Fn(&mut Vec<u8>) -> std::io::Result<()>,
}

/// Render each planned format and deliver it; then, when stdout carries a
/// machine format, the human summary on stderr. `Err` is the exit code.
pub(crate) fn deliver_reports(
    outcome: &Outcome,
    plan: &[(Format, Option<PathBuf>)],
    hopts: human::HumanOptions,
    quiet: bool,
    ecolor: bool,
    writers: &Writers<'_>,
    boundary: Option<&Path>,
) -> Result<(), u8> {
    for (fmt, dest) in plan {
        let mut buf = Vec::new();
        let res = match fmt {
            Format::Human => {
                (writers.human)(human::HumanOptions { color: hopts.color && dest.is_none(), ..hopts }, &mut buf)
            }
            Format::Json => (writers.json)(&mut buf),
            Format::Sarif => report::sarif::write(outcome, &mut buf),
            Format::Github => report::github::write(outcome, &mut buf),
            Format::Gitlab => report::gitlab::write(outcome, &mut buf),
        };
        if let Err(e) = res {
            eprint_error(&format!("cannot render the {} report: {e}", fmt.as_str()));
            return Err(exit::ERROR);
        }
        match output::deliver(dest.as_deref(), &buf, boundary) {
            Ok(StdoutWrite::Ok) => {}
            Ok(StdoutWrite::Closed) => break,
            Err(e) => {
                eprint_error(&e);
                return Err(exit::ERROR);
            }
        }
    }
    // Human summary on stderr when stdout carries a machine format.
    if !quiet && !plan.iter().any(|(f, d)| *f == Format::Human && d.is_none()) {
        let mut buf = if ecolor {
            codespan_reporting::term::termcolor::Buffer::ansi()
        } else {
            codespan_reporting::term::termcolor::Buffer::no_color()
        };
        for n in &outcome.notifications {
            let _ = writeln!(buf, "{}", crate::report::escape::line(&n.warning_line()));
        }
        if human::write_summary(outcome, hopts, &mut buf).is_ok() {
            let _ = std::io::stderr().write_all(buf.as_slice());
        }
    }
    Ok(())
}

fn cmd_baseline(a: &ScanArgs, ecolor: bool) -> u8 {
    let args_no_baseline = ScanArgs { no_baseline: true, baseline: None, ..a.clone() };
    // A baseline keeps our own fingerprints, not GitHub's line hashes.
    let mut scanned = match run_scan(&args_no_baseline, ecolor, false) {
        Ok(s) => s,
        Err(code) => return code,
    };
    if let Err(code) = filter_outcome(&args_no_baseline, &mut scanned) {
        return code;
    }
    let path = match &a.output {
        Some(p) => discover::absolutize(&scanned.cwd, p),
        None => scanned.config.baseline.clone().unwrap_or_else(|| {
            scanned.workspace_root.clone().unwrap_or_else(|| scanned.cwd.clone()).join(crate::baseline::DEFAULT_FILE)
        }),
    };
    // Where the user did not name the file, it is the repository's.
    let boundary = if a.output.is_some() { None } else { scanned.boundary.as_deref() };
    let previous = if path.is_file() {
        match crate::baseline::Baseline::load(&path, boundary) {
            Ok(b) => Some(b),
            Err(e) => return report_config_error(&e, ecolor),
        }
    } else {
        None
    };
    let active = scanned.outcome.findings.iter().filter(|f| !f.is_suppressed());
    let b = crate::baseline::Baseline::from_findings(&path, active, previous.as_ref());
    if let Err(e) = output::write_atomic(&path, b.to_toml().as_bytes(), scanned.boundary.as_deref()) {
        eprint_error(&format!("cannot write {}: {e}", path.display()));
        return exit::ERROR;
    }
    let kept = previous
        .map_or(0, |p| b.entries.iter().filter(|e| p.entries.iter().any(|o| o.fingerprint == e.fingerprint)).count());
    let unreviewed = b.unreviewed().count();
    let todo = if unreviewed == 0 {
        String::new()
    } else {
        format!(
            "\n{unreviewed} entr{} no `reason` or `accepted-by` yet: for each, write why the risk is accepted (`reason`) and who accepted it (`accepted-by`); until then scans warn about {} and `--strict` fails.",
            if unreviewed == 1 { "y has" } else { "ies have" },
            if unreviewed == 1 { "it" } else { "them" },
        )
    };
    let _ = writeln!(
        std::io::stderr(),
        "Wrote {} finding(s) to {} ({} kept from the previous baseline).{todo}\n\
         Scans use it automatically when it is `sast-baseline.toml` at the workspace root, or with `--baseline FILE` / `baseline = \"FILE\"` in sast.toml; `--no-baseline` shows everything.",
        b.entries.len(),
        crate::report::escape::line(&path.display().to_string()),
        kept
    );
    exit::CLEAN
}

fn write_quiet(o: &Outcome, opts: human::HumanOptions, w: &mut Vec<u8>) -> std::io::Result<()> {
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
pub fn exit_code(o: &Outcome, fail_on: Severity, exit_zero: bool, strict: bool) -> u8 {
    if strict && (o.stats.files_skipped > 0 || o.stats.files_partial > 0 || o.stats.baseline_unreviewed > 0) {
        return exit::ERROR;
    }
    if exit_zero {
        return exit::CLEAN;
    }
    if o.active().any(|f| f.severity >= fail_on) { exit::FINDINGS } else { exit::CLEAN }
}

fn cmd_rules(a: &RulesArgs) -> u8 {
    if a.markdown {
        let md = rules_markdown();
        return match output::write_stdout(md.as_bytes()) {
            Ok(_) => exit::CLEAN,
            Err(_) => exit::ERROR,
        };
    }
    let cwd = std::env::current_dir().unwrap_or_else(|_| PathBuf::from("."));
    let cfg = match a.config.as_deref() {
        Some(p) => config::load_file(p, None),
        None => find_config_file(&cwd, None).map_or(Ok(Config::default()), |p| {
            let root = discover::find_git_root(&cwd).unwrap_or_else(|| p.parent().unwrap_or(&cwd).to_path_buf());
            config::load_file(&p, crate::confine::boundary_of(&root).as_deref())
        }),
    };
    let cfg = match cfg {
        Ok(c) => c,
        Err(e) => return report_config_error(&e, std::io::stderr().is_terminal()),
    };
    let enabled: Vec<(&str, Severity)> = config::resolve_rules(&cfg, &CliRuleOverrides::default())
        .iter()
        .map(|(r, s)| (r.meta().id, s.severity))
        .collect();
    let mut out = String::new();
    if a.json {
        let list: Vec<serde_json::Value> = rules::sorted()
            .iter()
            .map(|r| {
                let m = r.meta();
                let on = enabled.iter().find(|(id, _)| *id == m.id);
                serde_json::json!({
                    "id": m.id,
                    "name": m.name,
                    "summary": m.summary,
                    "severity": on.map_or(m.severity, |(_, s)| *s).as_str(),
                    "precision": m.precision.as_str(),
                    "cwe": m.cwe.iter().map(|c| format!("CWE-{c}")).collect::<Vec<_>>(),
                    "owasp": m.owasp.iter().map(|o| o.code()).collect::<Vec<_>>(),
                    "tags": m.tags,
                    "enabled": on.is_some(),
                    "default": m.default_enabled,
                    "off_reason": (!m.default_enabled).then_some(m.off_reason),
                })
            })
            .collect();
        out = serde_json::to_string_pretty(&list).unwrap_or_default();
        out.push('\n');
    } else {
        use std::fmt::Write as _;
        let rows: Vec<[String; 6]> = rules::sorted()
            .iter()
            .map(|r| {
                let m = r.meta();
                let on = enabled.iter().find(|(id, _)| *id == m.id);
                [
                    m.id.to_string(),
                    m.name.to_string(),
                    on.map_or(m.severity, |(_, s)| *s).to_string(),
                    m.cwe.iter().map(|c| format!("CWE-{c}")).collect::<Vec<_>>().join(","),
                    m.owasp.iter().map(|o| o.code()).collect::<Vec<_>>().join(","),
                    if on.is_some() { "on".into() } else { "off".into() },
                ]
            })
            .collect();
        let header = ["ID", "NAME", "SEVERITY", "CWE", "OWASP", "STATUS"];
        let mut widths = header.map(str::len);
        for row in &rows {
            for (w, c) in widths.iter_mut().zip(row) {
                *w = (*w).max(c.len());
            }
        }
        let line = |cells: &[&str]| {
            let mut s = String::new();
            for (i, c) in cells.iter().enumerate() {
                if i + 1 == cells.len() {
                    s.push_str(c);
                } else {
                    let _ = write!(s, "{c:<w$}  ", w = widths[i]);
                }
            }
            s.push('\n');
            s
        };
        out.push_str(&line(&header));
        for row in &rows {
            out.push_str(&line(&row.each_ref().map(String::as_str)));
        }
        let off: Vec<_> = rules::sorted().into_iter().map(|r| r.meta()).filter(|m| !m.default_enabled).collect();
        if !off.is_empty() {
            out.push_str("\nOff by default (`--extend-select <ID>` or `extend-select = [\"<ID>\"]` turns one on):\n");
            let w = off.iter().map(|m| m.id.len()).max().unwrap_or(0);
            for m in off {
                let _ = writeln!(out, "  {:<w$}  {}", m.id, m.off_reason);
            }
        }
        let _ = writeln!(
            out,
            "\n{} rules, {} enabled. `cargo sast explain <ID>` shows a rule's documentation.",
            rows.len(),
            enabled.len()
        );
    }
    match output::write_stdout(out.as_bytes()) {
        Ok(_) => exit::CLEAN,
        Err(_) => exit::ERROR,
    }
}

fn cmd_explain(id: &str) -> u8 {
    if let Some(r) = crate::deps::rules::by_id(id) {
        let text =
            format!("# {} ({})\n\n{}\n\n- Reported by `cargo sast deps`\n\n{}", r.id, r.name, r.summary, r.docs());
        return match output::write_stdout(text.as_bytes()) {
            Ok(_) => exit::CLEAN,
            Err(_) => exit::ERROR,
        };
    }
    let Some(rule) = rules::by_id(id) else {
        let hint = config::suggest(id, rules::all().iter().map(|r| r.meta().id));
        eprint_error(&format!("no rule with id `{id}`{hint}; `cargo sast rules` lists them"));
        return exit::ERROR;
    };
    let text = explain_text(rule.meta());
    match output::write_stdout(text.as_bytes()) {
        Ok(_) => exit::CLEAN,
        Err(_) => exit::ERROR,
    }
}

/// `cargo sast explain <id>`: header with metadata, then the docs.
pub fn explain_text(m: &rules::RuleMeta) -> String {
    use std::fmt::Write as _;
    let mut s = String::new();
    let _ = writeln!(s, "# {} ({})\n", m.id, m.name);
    let _ = writeln!(s, "{}\n", m.summary);
    let _ = writeln!(s, "- Severity: {}", m.severity);
    let _ = writeln!(s, "- Precision: {}", m.precision.as_str());
    if !m.cwe.is_empty() {
        let _ = writeln!(s, "- CWE: {}", m.cwe.iter().map(|c| format!("CWE-{c}")).collect::<Vec<_>>().join(", "));
    }
    for o in m.owasp {
        let _ = writeln!(s, "- OWASP Top 10: {} {}", o.code(), o.title());
    }
    if !m.tags.is_empty() {
        let _ = writeln!(s, "- Tags: {}", m.tags.join(", "));
    }
    if m.default_enabled {
        let _ = writeln!(s, "- Enabled by default: yes");
    } else {
        let _ = writeln!(s, "- Enabled by default: no: {}", m.off_reason);
    }
    let policy = match m.test_code {
        TestPolicy::Skip => "not reported",
        TestPolicy::Lower => "reported one severity lower",
        TestPolicy::Report => "reported",
    };
    let _ = writeln!(s, "- In test code: {policy}");
    if !m.clippy.is_empty() {
        let _ = writeln!(
            s,
            "- Also silenced by: {}",
            m.clippy.iter().map(|c| format!("#[allow({c})]")).collect::<Vec<_>>().join(", ")
        );
    }
    if !m.options.is_empty() {
        let _ = writeln!(s, "- Options (`[rule.{}]` in sast.toml):", m.id);
        for o in m.options {
            let _ = writeln!(s, "  - `{}` ({}, default `{}`): {}", o.name, o.kind.describe(), o.default, o.doc);
        }
    }
    s.push('\n');
    s.push_str(&m.docs());
    s
}

/// The generated rules reference (lints/README.md).
pub fn rules_markdown() -> String {
    use std::fmt::Write as _;
    let mut s = String::new();
    s.push_str("<!-- Generated by `cargo sast rules --markdown`; do not edit. The rule files in this directory are the source. -->\n");
    s.push_str("# cargo-sast rules\n\n");
    s.push_str("| Rule | Severity | CWE | OWASP | Default | Summary |\n|---|---|---|---|---|---|\n");
    for r in rules::sorted() {
        let m = r.meta();
        let _ = writeln!(
            s,
            "| [`{}`](#{}) | {} | {} | {} | {} | {} |",
            m.id,
            m.id,
            m.severity,
            m.cwe.iter().map(|c| format!("CWE-{c}")).collect::<Vec<_>>().join(", "),
            m.owasp.iter().map(|o| o.code()).collect::<Vec<_>>().join(", "),
            if m.default_enabled { "on" } else { "off" },
            m.summary.replace('|', "\\|")
        );
    }
    for r in rules::sorted() {
        let m = r.meta();
        let _ = writeln!(s, "\n<a id=\"{}\"></a>\n", m.id);
        let body = explain_text(m);
        // Demote headings one level under the rule's own heading.
        for line in body.lines() {
            if let Some(rest) = line.strip_prefix("# ") {
                let _ = writeln!(s, "## {rest}");
            } else if let Some(rest) = line.strip_prefix("### ") {
                let _ = writeln!(s, "#### {rest}");
            } else {
                let _ = writeln!(s, "{line}");
            }
        }
    }
    s
}
