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

pub mod advisory;
pub mod reach;
pub mod score;
pub mod version;

use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use serde_json::{Value, json};

use self::advisory::Advisory;
use self::reach::{Certainty, Site, Target};
use crate::config::{AuditConfig, AuditIgnore};
use crate::engine::outcome::{Outcome, RuleDescriptor, sort_findings, sort_notifications};
use crate::finding::fingerprint;
use crate::finding::{Excerpt, Finding, Label, Location, NoteLevel, Notification, Suppression, SuppressionKind};
use crate::rules::{Owasp, Precision, Severity};
use crate::syntax::lines::LineIndex;
use crate::util::time::Date;
use crate::workspace::lockfile::LockFile;
use crate::workspace::manifest::{DepKind, Manifest};

/// How to get a clone of the database, for messages.
pub const DB_URL: &str = "https://github.com/rustsec/advisory-db";

/// An advisory database is "stale" when its newest advisory is older than this.
pub const STALE_DAYS: i64 = 90;

/// CWE-1395: Dependency on Vulnerable Third-Party Component.
const CWE_VULNERABLE_DEPENDENCY: u32 = 1395;
/// CWE-1104: Use of Unmaintained Third Party Components.
const CWE_UNMAINTAINED: u32 = 1104;

/// Where the database comes from.
#[derive(Clone, Debug)]
pub enum DbChoice {
    /// `--advisory-db` or `[audit] advisory-db`: must exist.
    Explicit(PathBuf),
    /// `$CARGO_HOME/advisory-db` (cargo-audit's place), when there is one.
    Default(Option<PathBuf>),
}

/// `$CARGO_HOME/advisory-db`, else `~/.cargo/advisory-db`.
pub fn default_db_path() -> Option<PathBuf> {
    crate::workspace::metadata::cargo_home().map(|h| h.join("advisory-db"))
}

/// Everything the audit needs, owned.
#[derive(Clone, Debug)]
pub struct AuditInput {
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
pub enum Status {
    Audited,
    /// No database was found at the default place (a note says how to get one).
    NoDatabase,
}

/// The audit's results, to merge into a scan's `Outcome`.
#[derive(Debug)]
pub struct AuditReport {
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
    pub fn merge_into(self, o: &mut Outcome) {
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
pub fn run(input: &AuditInput) -> Result<AuditReport, String> {
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

struct Ctx<'a> {
    input: &'a AuditInput,
    lock: &'a LockFile,
    text: &'a str,
    lines: LineIndex,
    lock_rel: Arc<str>,
    roots: Vec<usize>,
    manifests: HashMap<String, Manifest>,
}

/// One vulnerable package version and the advisory it matches.
struct Match<'a> {
    adv: &'a Advisory,
    pkg: usize,
    fns: Vec<&'a str>,
    targets: Vec<usize>,
    direct: bool,
}

fn pascal(s: &str) -> String {
    s.split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(|w| {
            let mut c = w.chars();
            c.next().map(|f| f.to_ascii_uppercase().to_string() + c.as_str()).unwrap_or_default()
        })
        .collect()
}

fn list(items: &[String]) -> String {
    items.join(", ")
}

impl<'a> Ctx<'a> {
    fn new(input: &'a AuditInput, lock: &'a LockFile, text: &'a str) -> Self {
        let members: HashSet<&str> = input.members.iter().map(|(n, _)| n.as_str()).collect();
        let mut roots: Vec<usize> = (0..lock.packages.len())
            .filter(|&i| lock.packages[i].source.is_none() && members.contains(lock.packages[i].name.as_str()))
            .collect();
        if roots.is_empty() {
            roots = (0..lock.packages.len()).filter(|&i| lock.packages[i].source.is_none()).collect();
        }
        let manifests = input
            .members
            .iter()
            .filter_map(|(n, p)| crate::workspace::manifest::read(n, p, &input.root).map(|m| (n.clone(), m)))
            .collect();
        let lock_rel: Arc<str> = crate::util::fspath::rel_path(&input.root, &input.lock_path).into();
        Ctx { input, lock, text, lines: LineIndex::new(text), lock_rel, roots, manifests }
    }

    fn severity(&self, a: &Advisory) -> Option<(Severity, String)> {
        let cfg = &self.input.config;
        if let Some(kind) = &a.informational {
            let key = match kind.as_str() {
                k @ ("unmaintained" | "unsound" | "notice") => k,
                _ => "other",
            };
            let default = if key == "unsound" { Severity::Medium } else { Severity::Low };
            let sev = match cfg.informational.get(key) {
                Some(s) => (*s)?,
                None => default,
            };
            return Some((
                sev,
                format!("informational advisory ({kind}): rated {sev} (`[audit.informational] {key}`)"),
            ));
        }
        match (a.score, &a.cvss) {
            (Some(s), Some(v)) => Some((score::severity(s), format!("CVSS base score {s:.1} ({v})"))),
            (None, Some(v)) => {
                let sev = cfg.unscored_severity.unwrap_or(Severity::High);
                Some((sev, format!("CVSS vector `{v}` could not be scored: rated {sev} (`[audit] unscored-severity`)")))
            }
            (None, None) | (Some(_), None) => {
                let sev = cfg.unscored_severity.unwrap_or(Severity::High);
                Some((sev, format!("no CVSS score in the advisory: rated {sev} (`[audit] unscored-severity`)")))
            }
        }
    }

    /// Is the edge `from → to` a non-dev dependency? (Only root edges are
    /// known from the members' manifests; the others count as normal.)
    fn normal_edge(&self, from: usize, to: usize) -> bool {
        if !self.roots.contains(&from) {
            return true;
        }
        let Some(m) = self.manifests.get(&self.lock.packages[from].name) else { return true };
        let to_name = &self.lock.packages[to].name;
        let decls: Vec<_> = m.decls.iter().filter(|d| &d.package == to_name).collect();
        decls.is_empty() || decls.iter().any(|d| d.kind != DepKind::Dev)
    }

    fn crate_names(&self, pkg: &str, fn_path: &str) -> HashSet<String> {
        let mut names: HashSet<String> = HashSet::new();
        names.insert(pkg.replace('-', "_"));
        if let Some(first) = fn_path.split("::").next() {
            names.insert(first.to_string());
        }
        for m in self.manifests.values() {
            for d in &m.decls {
                if d.package == pkg && d.key != pkg {
                    names.insert(d.extern_name());
                }
            }
        }
        names
    }

    fn location(&self, start: usize, end: usize) -> Location {
        Location {
            path: self.lock_rel.clone(),
            byte_start: start as u32,
            byte_end: end as u32,
            start: self.lines.pos(self.text, start as u32),
            end: self.lines.pos(self.text, end as u32),
        }
    }

    fn findings(&self, advisories: &'a [Advisory], notes: &mut Vec<Notification>) -> AuditReport {
        let mut by_name: HashMap<&str, Vec<&Advisory>> = HashMap::new();
        for a in advisories.iter().filter(|a| a.withdrawn.is_none()) {
            by_name.entry(a.package.as_str()).or_default().push(a);
        }
        // Matches, and the functions to look for.
        let mut matches: Vec<Match<'_>> = Vec::new();
        let mut targets: Vec<Target> = Vec::new();
        for (i, p) in self.lock.packages.iter().enumerate() {
            for a in by_name.get(p.name.as_str()).into_iter().flatten() {
                if !a.applies_to_source(p.source.as_deref()) || !a.versions.is_vulnerable(&p.version) {
                    continue;
                }
                let fns = a.functions_for(&p.version);
                let direct = self.roots.iter().any(|&r| self.lock.packages[r].deps.contains(&i));
                let mut ids = Vec::new();
                if direct {
                    for f in &fns {
                        ids.push(targets.len());
                        targets.push(Target::new(f, self.crate_names(&p.name, f)));
                    }
                }
                matches.push(Match { adv: a, pkg: i, fns, targets: ids, direct });
            }
        }
        let sites = reach::find(&targets, &self.input.files, self.input.jobs, self.input.max_file_size);
        let mut by_target: HashMap<usize, Vec<&Site>> = HashMap::new();
        for s in &sites {
            by_target.entry(s.target).or_default().push(s);
        }

        let hash_lines: Vec<u32> = matches
            .iter()
            .map(|m| self.lines.pos(self.text, self.lock.packages[m.pkg].version_span.0 as u32).line)
            .collect();
        let hashes = fingerprint::line_hashes(self.text, &hash_lines);
        let mut findings = Vec::new();
        let mut rules: BTreeMap<String, RuleDescriptor> = BTreeMap::new();
        let mut used_ignores: HashSet<usize> = HashSet::new();
        for m in &matches {
            let Some((base, why)) = self.severity(m.adv) else { continue };
            let pkg_sites: Vec<&Site> =
                m.targets.iter().flat_map(|t| by_target.get(t).cloned().unwrap_or_default()).collect();
            let f = self.finding(m, base, &why, &pkg_sites, &targets, &hashes);
            let mut f = f;
            if let Some((idx, ign)) = self.ignore_for(m.adv) {
                used_ignores.insert(idx);
                let until = ign.expires.as_deref().map(|e| format!(" (until {e})")).unwrap_or_default();
                f.suppression = Some(Suppression {
                    kind: SuppressionKind::External,
                    justification: format!("{}{until}", ign.reason),
                    location: None,
                });
            }
            rules.entry(m.adv.id.clone()).or_insert_with(|| descriptor(m.adv, base));
            findings.push(f);
        }
        self.ignore_notes(&used_ignores, notes);
        AuditReport {
            status: Status::Audited,
            findings,
            rules: rules.into_values().collect(),
            notifications: Vec::new(),
            packages: 0,
            advisories: 0,
        }
    }

    /// The live ignore entry for an advisory (by id or alias).
    fn ignore_for(&self, a: &Advisory) -> Option<(usize, &'a AuditIgnore)> {
        self.input
            .config
            .ignore
            .iter()
            .enumerate()
            .find(|(_, ig)| (ig.id == a.id || a.aliases.contains(&ig.id)) && !self.expired(ig))
    }

    fn expired(&self, ig: &AuditIgnore) -> bool {
        ig.expires.as_deref().and_then(Date::parse_prefix).is_some_and(|d| self.input.today >= d)
    }

    fn ignore_notes(&self, used: &HashSet<usize>, notes: &mut Vec<Notification>) {
        for (i, ig) in self.input.config.ignore.iter().enumerate() {
            let path: Arc<str> = crate::util::fspath::rel_path(&self.input.root, &ig.source).into();
            let (level, kind, msg) = if self.expired(ig) {
                (
                    NoteLevel::Warning,
                    "audit-ignore-expired",
                    format!(
                        "the ignore of {} expired on {}: the advisory is reported again; fix it or renew the entry",
                        ig.id,
                        ig.expires.as_deref().unwrap_or("")
                    ),
                )
            } else if !used.contains(&i) {
                (
                    NoteLevel::Note,
                    "audit-ignore-unused",
                    format!("the ignore of {} matches no vulnerable package: remove it", ig.id),
                )
            } else {
                continue;
            };
            notes.push(Notification::new(level, kind, Some(path), msg).at(ig.line as u32, 1));
        }
    }

    fn reach(&self, m: &Match<'_>, sites: &[&Site]) -> Reach {
        if m.fns.is_empty() {
            return Reach::NoList;
        }
        if !m.direct {
            return Reach::Indirect;
        }
        let prod: Vec<&&Site> = sites.iter().filter(|s| !s.in_test).collect();
        if prod.iter().any(|s| s.certainty == Certainty::Certain) {
            return Reach::Called;
        }
        if !prod.is_empty() {
            return Reach::Possible;
        }
        if !sites.is_empty() {
            return Reach::TestsOnly;
        }
        let others: Vec<String> = self
            .lock
            .dependents(m.pkg)
            .into_iter()
            .filter(|d| !self.roots.contains(d))
            .map(|d| self.lock.packages[d].label())
            .collect();
        if others.is_empty() { Reach::NotCalled } else { Reach::NotCalledHere(others) }
    }

    fn finding(
        &self,
        m: &Match<'_>,
        base: Severity,
        why: &str,
        sites: &[&Site],
        targets: &[Target],
        hashes: &HashMap<u32, String>,
    ) -> Finding {
        let a = m.adv;
        let p = &self.lock.packages[m.pkg];
        let location = self.location(p.version_span.0, p.version_span.1);
        let line = location.start.line;
        let mut severity = base;
        let mut notes = Vec::new();
        let mut labels = Vec::new();

        // Dependency path, preferring non-dev edges.
        let normal = self.lock.path_to_with(&self.roots, m.pkg, &|f, t| self.normal_edge(f, t));
        let (path, dev_only) = match normal {
            Some(p) => (Some(p), false),
            None => (self.lock.path_to(&self.roots, m.pkg), true),
        };
        let dev_only = dev_only && path.is_some();
        let path = path.unwrap_or_else(|| vec![m.pkg]);
        let path_labels: Vec<String> = path.iter().map(|&i| self.lock.packages[i].label()).collect();
        notes.push(format!(
            "dependency path: {}{}",
            path_labels.join(" → "),
            if dev_only { " (only through dev-dependencies)" } else { "" }
        ));
        // The member's declaration of the first hop.
        let mut decl_file: Option<Arc<str>> = None;
        if path.len() >= 2
            && let Some(man) = self.manifests.get(&self.lock.packages[path[0]].name)
        {
            let hop = &self.lock.packages[path[1]];
            if let Some(d) = man.decls.iter().find(|d| d.package == hop.name) {
                let lines = LineIndex::new(&man.text);
                let rel: Arc<str> = crate::util::fspath::rel_path(&self.input.root, &man.path).into();
                decl_file = Some(rel.clone());
                let loc = Location {
                    path: rel,
                    byte_start: d.span.0 as u32,
                    byte_end: d.span.1 as u32,
                    start: lines.pos(&man.text, d.span.0 as u32),
                    end: lines.pos(&man.text, d.span.1 as u32),
                };
                let msg = if path.len() == 2 {
                    format!("`{}` is declared here", hop.name)
                } else {
                    format!("`{}` pulls in {} here", hop.name, p.label())
                };
                labels.push(Label { location: loc, message: msg });
            }
        }

        // Versions and the smallest fix.
        let patched: Vec<String> = a.versions.patched.iter().map(ToString::to_string).collect();
        let unaffected: Vec<String> = a.versions.unaffected.iter().map(ToString::to_string).collect();
        let either = |v: &[String]| v.iter().map(|r| format!("`{r}`")).collect::<Vec<_>>().join(" or ");
        let mut v_note = if patched.is_empty() {
            "no patched version exists".to_string()
        } else {
            format!("patched versions: {}", either(&patched))
        };
        if !unaffected.is_empty() {
            v_note.push_str(&format!("; unaffected: {}", either(&unaffected)));
        }
        notes.push(v_note);
        let fix = a.versions.smallest_fix(&p.version);
        let help = match &fix {
            Some((v, true)) if version::compatible(&p.version, v) => format!(
                "upgrade `{}` to {v}, a compatible update: `cargo update -p {}@{} --precise {v}`",
                p.name, p.name, p.version
            ),
            Some((v, exact)) => {
                let at = if *exact { format!("{v}") } else { format!("a version after {v}") };
                if path.len() == 2 {
                    format!(
                        "upgrade `{}` to {at}: not semver-compatible with {}, so raise its version requirement in {}",
                        p.name,
                        p.version,
                        decl_file.as_deref().unwrap_or("Cargo.toml")
                    )
                } else {
                    format!(
                        "upgrade `{}` to {at}: not semver-compatible with {}, so upgrade what pulls it in ({}) to a release that depends on the fixed version",
                        p.name,
                        p.version,
                        path.get(1).map_or(String::new(), |&i| self.lock.packages[i].name.clone())
                    )
                }
            }
            None if a.informational.as_deref() == Some("unmaintained") => {
                format!("`{}` is no longer maintained: move to a maintained alternative (see the advisory)", p.name)
            }
            None => format!(
                "no fixed version of `{}` exists: remove the dependency, or apply the advisory's workaround",
                p.name
            ),
        };

        // Reachability.
        let reach = self.reach(m, sites);
        let fn_list = m.fns.iter().map(|f| format!("`{f}`")).collect::<Vec<_>>().join(", ");
        match &reach {
            Reach::NoList => {}
            Reach::Indirect => notes.push(format!(
                "reachability: the advisory names the affected functions ({fn_list}), but `{}` is not a direct dependency, and the crates that call into it are not analysed",
                p.name
            )),
            Reach::Called | Reach::Possible | Reach::TestsOnly => {
                for s in sites.iter().take(10) {
                    let f = targets.get(s.target).map_or("", |t| t.path.as_str());
                    let verb = if s.called { "called" } else { "referenced" };
                    let mut msg = match s.certainty {
                        Certainty::Certain => format!("vulnerable function `{f}` is {verb} here"),
                        Certainty::Possible => {
                            format!("possible call of vulnerable function `{f}` (the receiver's type is not known)")
                        }
                    };
                    if s.in_test {
                        msg.push_str(" (test code)");
                    }
                    labels.push(Label { location: s.location.clone(), message: msg });
                }
                let first = sites
                    .iter()
                    .find(|s| !s.in_test && s.certainty == Certainty::Certain)
                    .or_else(|| sites.iter().find(|s| !s.in_test))
                    .or(sites.first());
                if let Some(s) = first {
                    let f = targets.get(s.target).map_or("", |t| t.path.as_str());
                    let at = format!("{}:{}", s.location.path, s.location.start.line);
                    let more = if sites.len() > 1 { format!(" (and {} more)", sites.len() - 1) } else { String::new() };
                    notes.push(match reach {
                        Reach::Called => format!("reachability: vulnerable function `{f}` is called at {at}{more}"),
                        Reach::Possible => format!("reachability: vulnerable function `{f}` may be called at {at}{more}"),
                        _ => {
                            severity = severity.lowered();
                            format!(
                                "reachability: vulnerable function `{f}` is called only from test code, at {at}{more}; severity lowered one level"
                            )
                        }
                    });
                }
            }
            Reach::NotCalledHere(others) => notes.push(format!(
                "reachability: no call to the affected functions ({fn_list}) found in the workspace's code, but {} also depend{} on `{}` and may call them",
                list(&others[..others.len().min(3)]),
                if others.len() == 1 { "s" } else { "" },
                p.name
            )),
            Reach::NotCalled => {
                severity = severity.lowered();
                notes.push(format!(
                    "reachability: no call to the affected functions ({fn_list}) found in the workspace's code; severity lowered one level"
                ));
            }
        }
        if dev_only {
            severity = severity.lowered();
            notes
                .push("only dev-dependencies (tests, examples, benches) pull it in; severity lowered one level".into());
        }
        if !a.os.is_empty() || !a.arch.is_empty() {
            let mut only = Vec::new();
            if !a.os.is_empty() {
                only.push(format!("os {}", list(&a.os)));
            }
            if !a.arch.is_empty() {
                only.push(format!("arch {}", list(&a.arch)));
            }
            notes.push(format!("affects only targets with {}", only.join(" and ")));
        }
        notes.push(why.to_string());
        let mut refs = Vec::new();
        if !a.aliases.is_empty() {
            refs.push(format!("aliases: {}", list(&a.aliases)));
        }
        refs.push(format!("details: {}", a.page()));
        notes.push(refs.join("; "));

        let kind = match a.informational.as_deref() {
            None => "vulnerable".to_string(),
            Some(k) => k.to_string(),
        };
        let message = format!("{} {} is {kind}: {}", p.name, p.version, a.title.trim_end_matches('.'));

        // Code frame: the package's entry, from `[[package]]` to its version.
        let first_line = self.lines.pos(self.text, p.header as u32).line;
        let start = self.lines.line_start(first_line as usize - 1);
        let (_, end) = self.lines.line_range(self.text, line as usize - 1);
        let excerpt = self.text.get(start as usize..end).map(|t| Excerpt {
            first_line,
            byte_offset: start,
            text: t.to_string(),
            clipped: 0,
        });

        let mut props = serde_json::Map::new();
        props.insert("advisory".into(), json!(a.id));
        props.insert("package".into(), json!(p.name));
        props.insert("version".into(), json!(p.version.to_string()));
        props.insert("patched".into(), json!(patched));
        props.insert("unaffected".into(), json!(unaffected));
        props.insert("fixed_in".into(), fix.as_ref().map_or(Value::Null, |(v, _)| json!(v.to_string())));
        props.insert("dependency_path".into(), json!(path_labels));
        props.insert("dev_only".into(), json!(dev_only));
        props.insert("reachability".into(), json!(reach.as_str()));
        if !m.fns.is_empty() {
            props.insert("affected_functions".into(), json!(m.fns));
        }
        if !a.aliases.is_empty() {
            props.insert("aliases".into(), json!(a.aliases));
        }
        if let Some(v) = &a.cvss {
            props.insert("cvss".into(), json!(v));
        }
        if let Some(s) = a.score {
            props.insert("cvss_score".into(), json!(s));
        }
        if let Some(k) = &a.informational {
            props.insert("informational".into(), json!(k));
        }

        let id = crate::util::intern::intern(&a.id);
        Finding {
            rule: id,
            severity,
            message,
            location,
            labels,
            help: Some(help),
            notes,
            flow: Vec::new(),
            in_test: dev_only,
            fingerprint: fingerprint::own(id, &self.lock_rel, &p.label(), 1),
            line_hash: hashes.get(&line).cloned().unwrap_or_default(),
            suppression: None,
            excerpt,
            masks: Vec::new(),
            properties: props,
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
pub fn empty_outcome(root: &Path, cwd: &Path, category: Option<String>) -> Outcome {
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
pub struct AuditRequest {
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
pub fn plan(
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
