//! The command line: clap arguments of every command.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

use crate::report::Format;
use crate::rules::{Severity, TestPolicy};

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
pub(crate) struct Cli {
    #[command(subcommand)]
    pub command: Option<Cmd>,
    /// When to use colors (NO_COLOR is honoured with `auto`)
    #[arg(long, value_enum, default_value_t = ColorArg::Auto, value_name = "WHEN", global = true)]
    pub color: ColorArg,
    #[command(flatten)]
    pub scan: ScanArgs,
}

#[derive(Subcommand, Debug)]
pub(crate) enum Cmd {
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
    Unsafe(UnsafeArgs),
    /// Only audit Cargo.lock against the RustSec advisory database (known-vulnerable, unmaintained and unsound crates)
    Audit(AuditArgs),
    /// What every dependency can do (file system, network, processes, FFI, unsafe, …), what
    /// its build script or proc macro does at build time, and with --diff what an update gained
    Deps(DepsArgs),
    /// For your editor only: `cargo clippy --message-format=json` (or `cargo check` with
    /// --check), its messages passed through, then cargo-sast's findings in the same format —
    /// rust-analyzer's `check.overrideCommand`. The one mode that BUILDS the code (build
    /// scripts and proc macros run, as with the `cargo check` it replaces): never in CI
    EditorCheck(EditorCheckArgs),
    /// A language server over stdio: findings as you type (diagnostics with the data flow as
    /// related information), hover = the rule's docs, code actions (fixes, `sast:allow`)
    Lsp(Box<ScanArgs>),
}

/// `cargo sast editor-check [SCAN OPTIONS] [-- CARGO ARGS]`.
#[derive(Args, Debug)]
pub(crate) struct EditorCheckArgs {
    /// Run `cargo check` instead of `cargo clippy`
    #[arg(long)]
    pub check: bool,
    #[command(flatten)]
    pub scan: ScanArgs,
    /// Arguments for cargo (after `--`), e.g. `--workspace --all-targets`
    #[arg(last = true, value_name = "CARGO ARGS")]
    pub cargo_args: Vec<String>,
}

/// `cargo sast audit`: the output and exit-status options of a scan.
#[derive(Args, Debug, Default)]
pub(crate) struct AuditArgs {
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
pub(crate) struct ReportArgs {
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
    pub(crate) fn to_scan_args(&self) -> ScanArgs {
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

/// `cargo sast deps`.
#[derive(Args, Debug, Default, Clone)]
pub(crate) struct DepsArgs {
    /// The workspace [default: the cargo workspace around the current directory]
    #[arg(value_name = "PATH")]
    pub path: Option<PathBuf>,
    /// Report what packages added or updated since this git ref gained (Cargo.lock and the
    /// `[deps]` policy are read as they are at the ref)
    #[arg(long, value_name = "GIT-REF")]
    pub diff: Option<String>,
    /// Write what every dependency can do now as the approved policy (`[deps.allow]` in
    /// sast.toml), for review
    #[arg(long, conflicts_with = "diff")]
    pub init: bool,
    /// A `cargo vendor` directory holding the sources [default: `vendor` in [deps], the
    /// directory source of .cargo/config.toml, else the local cargo registry]
    // (`[deps]` is the config table, spelled as `--help` shows it, not a link.)
    #[allow(rustdoc::broken_intra_doc_links)]
    #[arg(long, value_name = "DIR")]
    pub vendor: Option<PathBuf>,
    #[command(flatten)]
    pub report: ReportArgs,
    /// Worker threads [default: all cores]
    #[arg(long, short = 'j', value_name = "N")]
    pub jobs: Option<usize>,
}

#[derive(Args, Debug)]
pub(crate) struct RulesArgs {
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
pub(crate) struct ScanArgs {
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
    /// Print the findings as cargo prints rustc's diagnostics with `--message-format=json`
    /// (one JSON object per line, then `build-finished`): for rust-analyzer's
    /// `check.overrideCommand`
    #[arg(long, value_enum, value_name = "FMT", help_heading = "Output", conflicts_with_all = ["format", "output_sarif", "output_json", "fix"])]
    pub message_format: Option<MessageFormat>,
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

    /// Apply the machine-applicable fixes (rewrites files atomically), scan again, and report
    /// what is left
    #[arg(long, help_heading = "Fixes", conflicts_with = "untrusted_repo")]
    pub fix: bool,
    /// With --fix: also apply the fixes that may change behaviour (maybe-incorrect)
    #[arg(long, requires = "fix", help_heading = "Fixes")]
    pub unsafe_fixes: bool,
    /// With --fix: write nothing, print the changes as a unified diff (exit 1 if there are any)
    #[arg(long, requires = "fix", help_heading = "Fixes")]
    pub dry_run: bool,

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
    /// Benchmark: print each phase's time (serial or parallel) to stderr
    #[arg(long, hide = true)]
    pub timings: bool,
    /// Print what the data-flow engine asked of the semantic model: bodies
    /// inferred, calls resolved, receivers typed (developers)
    #[arg(long, hide = true)]
    pub stats: bool,

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

/// cargo's `--message-format` spellings we print.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub(crate) enum MessageFormat {
    Json,
    JsonDiagnosticShort,
    JsonDiagnosticRenderedAnsi,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum, Default)]
pub(crate) enum ColorArg {
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

/// `-j N`: a thread count of at least 1 (leave `-j` out for all cores).
pub(crate) fn parse_jobs(s: &str) -> Result<usize, String> {
    match s.parse::<usize>() {
        Ok(0) => Err("must be at least 1 (leave out -j to use all cores)".into()),
        Ok(n) => Ok(n),
        Err(e) => Err(e.to_string()),
    }
}

#[derive(Args, Debug, Default)]
pub(crate) struct UnsafeArgs {
    /// Files or directories (each directory with a Cargo.toml counts as a package)
    /// [default: the cargo workspace around the current directory]
    #[arg(value_name = "PATH")]
    pub paths: Vec<PathBuf>,
    /// Also every dependency in Cargo.lock, read from the local cargo registry
    /// (never built or downloaded; run `cargo fetch` first if sources are missing)
    #[arg(long)]
    pub deps: bool,
    /// With --deps: only the dependencies used on this target platform
    /// (e.g. x86_64-unknown-linux-gnu) [default: every platform in Cargo.lock]
    #[arg(long, value_name = "TRIPLE", requires = "deps")]
    pub target: Option<String>,
    /// Report format
    #[arg(long, short = 'f', value_enum, default_value_t = InventoryFormat::Human, value_name = "FORMAT")]
    pub format: InventoryFormat,
    /// Write the report to FILE (atomically) instead of stdout
    #[arg(long, short = 'o', value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// How many files with the most unsafe code to list (per package in JSON)
    #[arg(long, default_value_t = 10, value_name = "N")]
    pub top: usize,
    /// Leave packages without unsafe code out of the table
    #[arg(long)]
    pub only_unsafe: bool,
    /// Worker threads, at least 1 [default: all cores]
    #[arg(long, short = 'j', value_name = "N", value_parser = parse_jobs)]
    pub jobs: Option<usize>,
    /// Follow symbolic links while walking directories
    #[arg(long)]
    pub follow_links: bool,
    /// Never show a progress bar (it is shown on a terminal for 500 files or more)
    #[arg(long)]
    pub no_progress: bool,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum, Default)]
pub(crate) enum InventoryFormat {
    #[default]
    Human,
    Json,
}

impl UnsafeArgs {
    pub(crate) fn options(&self) -> crate::inventory::InventoryOptions {
        crate::inventory::InventoryOptions {
            paths: self.paths.clone(),
            deps: self.deps,
            target: self.target.clone(),
            top: self.top,
            follow_links: self.follow_links,
            progress: !self.no_progress,
        }
    }
}
