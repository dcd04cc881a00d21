//! The dependency audit: every package of the workspace's `Cargo.lock`
//! against the RustSec advisory database, with reachability.
//!
//! - `lockfile`: Cargo.lock packages, positions and dependency graph;
//! - `advisory`: the advisory format and the database on disk;
//! - `version`: which versions an advisory affects (RustSec's semantics);
//! - `score`: CVSS vector → score → severity band;
//! - `manifest`: where members declare their dependencies;
//! - `reach`: calls of an advisory's affected functions in the workspace.
//!
//! The audit never touches the network. One finding per vulnerable package
//! version and advisory, at the package's entry in Cargo.lock, with the
//! member's Cargo.toml line and the call sites of affected functions as
//! related locations. Each matched advisory becomes a rule of the report
//! (id `RUSTSEC-YYYY-NNNN`).
//!
//! `Finding.rule` is a `&'static str` (every other rule id is a constant);
//! advisory ids are interned once per process with `Box::leak`, which is
//! bounded by the number of distinct advisories matched (a few hundred at
//! the very most, usually none).

pub(crate) mod advisory;
mod matching;
pub(crate) mod reach;
pub(crate) mod score;
pub(crate) mod version;

use self::matching::{Ctx, pascal};

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use self::advisory::Advisory;
use crate::config::AuditConfig;
use crate::engine::outcome::{Outcome, RuleDescriptor, sort_findings, sort_notifications};
use crate::finding::{Finding, NoteLevel, Notification};
use crate::rules::{Owasp, Precision, Severity};
use crate::util::time::Date;

/// How to get a clone of the database, for messages.
pub(crate) const DB_URL: &str = "https://github.com/rustsec/advisory-db";

/// An advisory database is "stale" when its newest advisory is older than this.
pub(crate) const STALE_DAYS: i64 = 90;

/// CWE-1395: Dependency on Vulnerable Third-Party Component.
const CWE_VULNERABLE_DEPENDENCY: u32 = 1395;
/// CWE-1104: Use of Unmaintained Third Party Components.
const CWE_UNMAINTAINED: u32 = 1104;

/// Where the database comes from.
#[derive(Clone, Debug)]
pub(crate) enum DbChoice {
    /// `--advisory-db` or `[audit] advisory-db`: must exist.
    Explicit(PathBuf),
    /// `$CARGO_HOME/advisory-db` (cargo-audit's place), when there is one.
    Default(Option<PathBuf>),
}

/// `$CARGO_HOME/advisory-db`, else `~/.cargo/advisory-db`.
pub(crate) fn default_db_path() -> Option<PathBuf> {
    crate::workspace::metadata::cargo_home().map(|h| h.join("advisory-db"))
}

/// Everything the audit needs, owned.
#[derive(Clone, Debug)]
pub(crate) struct AuditInput {
    pub lock_path: PathBuf,
    /// Project root: reported paths are relative to it.
    pub root: PathBuf,
    /// Workspace members: package name and manifest path.
    pub members: Vec<(String, PathBuf)>,
    /// The workspace's Rust files, for reachability.
    pub files: Vec<reach::SourceFile>,
    pub db: DbChoice,
    pub config: AuditConfig,
    pub jobs: usize,
    pub max_file_size: u64,
    pub today: Date,
}

/// Did the audit run?
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Status {
    Audited,
    /// No database was found at the default place (a note says how to get one).
    NoDatabase,
}

/// The audit's results, to merge into a scan's `Outcome`.
#[derive(Debug)]
pub(crate) struct AuditReport {
    pub status: Status,
    pub findings: Vec<Finding>,
    pub rules: Vec<RuleDescriptor>,
    pub notifications: Vec<Notification>,
    pub packages: usize,
    pub advisories: usize,
}

impl AuditReport {
    /// Add the audit to a scan's outcome: findings, rules, notifications
    /// and counts, keeping the outcome's order and invariants.
    pub(crate) fn merge_into(self, o: &mut Outcome) {
        o.findings.extend(self.findings);
        sort_findings(&mut o.findings);
        o.recount();
        o.rules.extend(self.rules);
        o.rules.sort_by(|a, b| a.id.cmp(&b.id));
        o.rules.dedup_by(|a, b| a.id == b.id);
        o.notifications.extend(self.notifications);
        sort_notifications(&mut o.notifications);
        o.stats.packages_audited = self.packages;
        o.stats.advisories = self.advisories;
    }
}

fn note(level: NoteLevel, kind: &'static str, message: String) -> Notification {
    Notification::new(level, kind, None, message)
}

/// Run the audit. `Err` for what makes it impossible (an unreadable or
/// broken Cargo.lock, an explicit database path that is not one).
pub(crate) fn run(input: &AuditInput) -> Result<AuditReport, String> {
    // Cargo.lock and the members' manifests are the repository's: read
    // only inside it.
    let boundary = crate::util::confine::boundary_of(&input.root);
    let lock_text =
        crate::util::confine::read_string(&input.lock_path, boundary.as_deref(), crate::util::fsread::limit::LOCKFILE)
            .map_err(|e| format!("cannot read {}: {e}", input.lock_path.display()))?;
    let lock = crate::workspace::lockfile::parse(&lock_text)
        .map_err(|e| format!("{} is not a valid lock file: {e}", input.lock_path.display()))?;
    let mut notes = Vec::new();
    let db_path = match &input.db {
        DbChoice::Explicit(p) => {
            if !p.is_dir() {
                return Err(format!("advisory database {} does not exist", p.display()));
            }
            p.clone()
        }
        DbChoice::Default(Some(p)) if p.is_dir() => p.clone(),
        DbChoice::Default(p) => {
            let where_ = p.as_ref().map_or("~/.cargo/advisory-db".to_string(), |p| p.display().to_string());
            notes.push(note(
                NoteLevel::Note,
                "advisory-db-missing",
                format!(
                    "dependencies were not audited: no RustSec advisory database at {where_}; get one with `git clone {DB_URL} {where_}` (and `git pull` it regularly), or pass --advisory-db PATH"
                ),
            ));
            return Ok(AuditReport {
                status: Status::NoDatabase,
                findings: Vec::new(),
                rules: Vec::new(),
                notifications: notes,
                packages: 0,
                advisories: 0,
            });
        }
    };
    let names: HashSet<&str> = lock.packages.iter().filter(|p| p.source.is_some()).map(|p| p.name.as_str()).collect();
    let db = advisory::load(&db_path, &names)?;
    for (f, why) in &db.errors {
        notes.push(note(
            NoteLevel::Warning,
            "advisory-unreadable",
            format!("advisory {} could not be read and was skipped: {why}", f.display()),
        ));
    }
    for why in &lock.skipped {
        notes.push(note(NoteLevel::Warning, "lockfile-entry-skipped", format!("Cargo.lock entry skipped: {why}")));
    }
    match db.newest {
        Some(newest) if input.today.days_since(newest) > STALE_DAYS => notes.push(note(
            NoteLevel::Warning,
            "advisory-db-stale",
            format!(
                "the advisory database at {} may be out of date: its newest advisory is from {newest}, more than {STALE_DAYS} days ago, while RustSec publishes new ones every week; update it with `git -C {} pull` (a frozen copy, such as a test fixture, always shows this warning)",
                db_path.display(),
                db_path.display()
            ),
        )),
        None if db.total == 0 => notes.push(note(
            NoteLevel::Warning,
            "advisory-db-empty",
            format!("the advisory database at {} holds no advisories", db_path.display()),
        )),
        _ => {}
    }
    let ctx = Ctx::new(input, &lock, &lock_text);
    let mut report = ctx.findings(&db.advisories, &mut notes);
    report.notifications = notes;
    report.packages = lock.packages.iter().filter(|p| p.source.is_some()).count();
    report.advisories = db.total;
    Ok(report)
}

/// How reachable an advisory's affected functions are.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Reach {
    /// The advisory lists no functions: the whole crate is affected.
    NoList,
    /// Not a direct dependency: its callers are other crates, not analysed.
    Indirect,
    /// Called from production code (with certainty).
    Called,
    /// Maybe called: a method of that name on a receiver of unknown type.
    Possible,
    /// Called only from test code.
    TestsOnly,
    /// No call in the workspace's code, but other crates depend on it too.
    NotCalledHere(Vec<String>),
    /// No call anywhere it could come from.
    NotCalled,
}

impl Reach {
    fn as_str(&self) -> &'static str {
        match self {
            Reach::NoList => "whole-crate",
            Reach::Indirect => "not-analysed",
            Reach::Called => "called",
            Reach::Possible => "possibly-called",
            Reach::TestsOnly => "called-in-tests",
            Reach::NotCalledHere(_) => "not-called-by-workspace",
            Reach::NotCalled => "not-called",
        }
    }
}

/// The report's description of an advisory as a rule.
fn descriptor(a: &Advisory, severity: Severity) -> RuleDescriptor {
    let cwe =
        if a.informational.as_deref() == Some("unmaintained") { CWE_UNMAINTAINED } else { CWE_VULNERABLE_DEPENDENCY };
    let kind = match a.informational.as_deref() {
        Some("unmaintained") => "UnmaintainedCrate",
        Some("unsound") => "UnsoundCrate",
        Some(_) => "CrateNotice",
        None => "VulnerableCrate",
    };
    let mut tags = vec!["dependency".to_string(), "supply-chain".to_string()];
    if let Some(k) = &a.informational {
        tags.push(k.clone());
    }
    tags.extend(a.categories.iter().cloned());
    tags.extend(a.aliases.iter().cloned());
    let mut help = format!("# {}\n\n", a.title);
    if !a.description.is_empty() {
        help.push_str(&a.description);
        help.push_str("\n\n");
    }
    help.push_str(&format!("- Package: `{}`\n", a.package));
    let patched: Vec<String> = a.versions.patched.iter().map(|r| format!("`{r}`")).collect();
    help.push_str(&format!(
        "- Patched versions: {}\n",
        if patched.is_empty() { "none".to_string() } else { patched.join(", ") }
    ));
    if !a.versions.unaffected.is_empty() {
        let u: Vec<String> = a.versions.unaffected.iter().map(|r| format!("`{r}`")).collect();
        help.push_str(&format!("- Unaffected versions: {}\n", u.join(", ")));
    }
    if !a.functions.is_empty() {
        let f: Vec<String> = a.functions.iter().map(|(p, _)| format!("`{p}`")).collect();
        help.push_str(&format!("- Affected functions: {}\n", f.join(", ")));
    }
    if let Some(c) = &a.cvss {
        help.push_str(&format!("- CVSS: `{c}`\n"));
    }
    if !a.aliases.is_empty() {
        help.push_str(&format!("- Aliases: {}\n", a.aliases.join(", ")));
    }
    if !a.related.is_empty() {
        help.push_str(&format!("- Related: {}\n", a.related.join(", ")));
    }
    if !a.keywords.is_empty() {
        help.push_str(&format!("- Keywords: {}\n", a.keywords.join(", ")));
    }
    if let Some(d) = a.date {
        help.push_str(&format!("- Reported: {d}\n"));
    }
    help.push_str(&format!("- Advisory: {}\n", a.page()));
    if let Some(u) = &a.url {
        help.push_str(&format!("- Announcement: {u}\n"));
    }
    for r in &a.references {
        help.push_str(&format!("- Reference: {r}\n"));
    }
    let summary = if a.title.is_empty() { format!("{} {}", a.package, a.id) } else { a.title.clone() };
    RuleDescriptor {
        id: a.id.clone(),
        name: format!("{kind}{}", pascal(&a.package)),
        summary: summary.clone(),
        full: if a.description.is_empty() { summary } else { a.description.clone() },
        help_markdown: help,
        severity,
        precision: Precision::VeryHigh,
        cwe: vec![cwe],
        owasp: vec![Owasp::A06],
        tags,
        help_uri: Some(a.page()),
        security_severity: a.score.filter(|_| a.informational.is_none()).map(|s| format!("{s:.1}")),
    }
}

/// An empty outcome for `cargo sast audit` (no Rust rules run).
pub(crate) fn empty_outcome(root: &Path, cwd: &Path, category: Option<String>) -> Outcome {
    let mut cwd_prefix = crate::util::fspath::rel_path(root, cwd);
    if cwd_prefix == cwd.to_string_lossy() {
        cwd_prefix.clear();
    }
    Outcome {
        findings: Vec::new(),
        notifications: Vec::new(),
        rules: Vec::new(),
        analysed: Default::default(),
        stats: Default::default(),
        root: root.to_path_buf(),
        cwd_prefix,
        elapsed: Default::default(),
        category,
    }
}

/// What the command line asked of the audit.
#[derive(Clone, Debug, Default)]
pub(crate) struct AuditRequest {
    /// `cargo sast audit`: only the audit, and it must be able to run.
    pub only: bool,
    /// `--no-deps-audit`.
    pub skip: bool,
    /// `--advisory-db PATH`.
    pub db: Option<PathBuf>,
    pub jobs: usize,
    pub max_file_size: u64,
}

/// Decide whether the audit runs on this scan and gather its input.
/// `Ok(None)`: it does not (disabled, no Cargo.lock, or PATHs that focus on
/// part of the workspace). `Err`: `cargo sast audit` cannot run.
pub(crate) fn plan(
    req: &AuditRequest,
    disc: &crate::workspace::discover::Discovery,
    cfg: &crate::config::Config,
    paths: &[PathBuf],
    cwd: &Path,
) -> Result<Option<AuditInput>, String> {
    let acfg = cfg.audit.clone().unwrap_or_default();
    if !req.only && (req.skip || acfg.enabled == Some(false)) {
        return Ok(None);
    }
    let Some(ws) = disc.workspace_root.clone() else {
        return if req.only { Err("no cargo workspace found here (no Cargo.toml)".into()) } else { Ok(None) };
    };
    let lock_path = ws.join("Cargo.lock");
    if !lock_path.is_file() {
        return if req.only {
            Err(format!(
                "{} does not exist: create it with `cargo generate-lockfile` (the audit needs the exact versions)",
                lock_path.display()
            ))
        } else {
            Ok(None)
        };
    }
    let covers_workspace = paths.is_empty()
        || paths.iter().any(|p| {
            let abs = crate::util::fspath::absolutize(cwd, p);
            abs.is_dir() && ws.starts_with(&abs)
        });
    if !req.only && !covers_workspace {
        return Ok(None);
    }
    let excludes = crate::util::glob::build_globs(&cfg.exclude);
    let files = disc
        .files
        .iter()
        .filter(|f| !excludes.as_ref().is_some_and(|g| g.is_match(&*f.rel)))
        .map(|f| reach::SourceFile { abs: f.abs.clone(), rel: f.rel.clone(), kind: f.kind, edition: f.edition.clone() })
        .collect();
    let db = match req.db.clone().or(acfg.advisory_db.clone()) {
        Some(p) => {
            let p = crate::util::fspath::absolutize(cwd, &p);
            if !p.is_dir() {
                return Err(format!(
                    "advisory database {} does not exist (get one with `git clone {DB_URL}`)",
                    p.display()
                ));
            }
            DbChoice::Explicit(p)
        }
        None => DbChoice::Default(default_db_path()),
    };
    Ok(Some(AuditInput {
        lock_path,
        root: disc.root.clone(),
        members: disc.packages.iter().map(|p| (p.name.to_string(), p.manifest.clone())).collect(),
        files,
        db,
        config: acfg,
        jobs: req.jobs,
        max_file_size: req.max_file_size,
        today: Date::today(),
    }))
}
