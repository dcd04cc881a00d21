//! The pipeline of `cargo sast deps`: read Cargo.lock, find each package's
//! sources, analyse them, judge, check the policy; with `--diff`, only the
//! packages added or updated since a git ref, against their previous
//! versions and the policy of that ref.

use std::collections::{BTreeSet, HashMap, HashSet};
use std::path::{Path, PathBuf};

use super::analysis::{self, Analysed};
use super::findings::{self, Gain, LockText};
use super::judge;
use super::lockdiff;
use super::policy::{self, Approval, Verdict};
use super::sources::{self, Places};
use super::typosquat;
use crate::config::deps::DepsConfig;
use crate::finding::{Finding, NoteLevel, Notification};
use crate::workspace::lockfile::{self, LockFile};

/// Largest Cargo.lock read.
const MAX_LOCK: u64 = 64 * 1024 * 1024;

/// What to analyse.
#[derive(Debug, Clone, Default)]
pub(crate) struct Request {
    /// Reported paths are relative to it (the git root, else the workspace root).
    pub root: PathBuf,
    pub lock_path: PathBuf,
    /// The workspace members' manifests.
    pub members: Vec<PathBuf>,
    pub vendor: Option<PathBuf>,
    /// `[deps]` of the configuration in force.
    pub config: DepsConfig,
    /// The configuration file (for `--diff`: read again at the ref).
    pub config_path: Option<PathBuf>,
    /// `--diff <ref>`.
    pub diff: Option<String>,
    pub jobs: usize,
}

/// One row of the lock-file comparison.
#[derive(Debug, Clone, serde::Serialize)]
pub(crate) struct DiffRow {
    pub name: String,
    pub version: String,
    /// The version it replaces (`None`: added).
    pub from: Option<String>,
    /// What it gained (`build script`, `proc macro`, capabilities).
    pub gained: Vec<String>,
    /// The new version's sources are not on disk (nothing could be compared).
    pub sources_missing: bool,
    /// The previous version's sources are not on disk.
    pub previous_sources_missing: bool,
}

/// `--diff`'s summary.
#[derive(Debug, Clone, serde::Serialize)]
pub(crate) struct DiffInfo {
    pub base: String,
    pub changes: Vec<DiffRow>,
    pub removed: Vec<String>,
    /// The policy came from the base ref's config file.
    pub policy_from_base: bool,
}

/// The result.
#[derive(Debug, Default)]
pub(crate) struct DepsReport {
    pub findings: Vec<Finding>,
    pub notifications: Vec<Notification>,
    /// The packages analysed (with `--diff`: the new versions of what changed).
    pub packages: Vec<Analysed>,
    pub diff: Option<DiffInfo>,
    /// `name version` of packages whose sources are not on disk.
    pub missing: Vec<String>,
    /// SARIF bases in reported paths and the directories they stand for.
    pub bases: Vec<(&'static str, PathBuf)>,
    /// Packages in the lock file (besides the workspace's own).
    pub lock_packages: usize,
}

/// Read a lock file (bounded).
pub(crate) fn read_lock(path: &Path) -> Result<(String, LockFile), String> {
    let text =
        crate::util::fsread::read_string(path, MAX_LOCK).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    let lock = lockfile::parse(&text).map_err(|e| format!("{} is not a valid lock file: {e}", path.display()))?;
    Ok((text, lock))
}

pub(crate) fn run(req: &Request) -> Result<DepsReport, String> {
    let (text, lock) = read_lock(&req.lock_path)?;
    let places = Places::new(&req.root, req.vendor.clone(), req.members.clone());
    let lock_rel = crate::util::fspath::rel_path(&req.root, &req.lock_path);
    let lt = LockText::new(&lock_rel, &text, &lock);
    let mut report = DepsReport {
        bases: places.bases(),
        lock_packages: lock.packages.iter().filter(|p| p.source.is_some()).count(),
        ..Default::default()
    };
    for why in &lock.skipped {
        report.notifications.push(Notification::new(
            NoteLevel::Warning,
            "lockfile-entry-skipped",
            None,
            format!("Cargo.lock entry skipped: {why}"),
        ));
    }
    match &req.diff {
        None => whole(req, &lock, &lt, &places, &mut report),
        Some(base) => diff(req, base, &lock, &lt, &places, &mut report)?,
    }
    crate::engine::outcome::sort_findings(&mut report.findings);
    crate::engine::outcome::sort_notifications(&mut report.notifications);
    Ok(report)
}

/// Names known besides the shipped list.
fn extra_known(cfg: &DepsConfig) -> HashSet<String> {
    cfg.well_known.iter().map(|n| typosquat::normalize(n)).collect()
}

/// The judgements, typosquat and policy findings of one package.
fn package_findings(
    a: &Analysed,
    lt: &LockText<'_>,
    approvals: Option<&[Approval]>,
    known: &HashSet<String>,
    typos: bool,
    keep: &dyn Fn(&judge::Hit<'_>) -> bool,
) -> Vec<Finding> {
    let verdict: Option<Verdict<'_>> = approvals.map(|ap| policy::check(a, ap));
    let mut out: Vec<Finding> = judge::build_time(a)
        .iter()
        .chain(judge::run_time(a).iter())
        .filter(|h| keep(h))
        .map(|h| findings::from_hit(a, h, verdict.as_ref()))
        .collect();
    if typos && let Some((like, d)) = typosquat::imitates(&a.pkg.name, known) {
        out.push(findings::typosquat(a, lt, &like, d, verdict.as_ref()));
    }
    if let Some(v) = &verdict {
        out.extend(findings::unapproved(a, v));
    }
    out
}

fn missing_note(report: &mut DepsReport, what: &str) {
    if report.missing.is_empty() {
        return;
    }
    let shown: Vec<&str> = report.missing.iter().take(8).map(String::as_str).collect();
    report.notifications.push(Notification::new(
        NoteLevel::Warning,
        "dependency-sources-missing",
        None,
        format!(
            "{} {what} not on disk and not analysed: {}{}; {}",
            report.missing.len(),
            shown.join(", "),
            if report.missing.len() > shown.len() { ", …" } else { "" },
            sources::fetch_hint()
        ),
    ));
}

fn whole(req: &Request, lock: &LockFile, lt: &LockText<'_>, places: &Places, report: &mut DepsReport) {
    let located = sources::locate(lock, places, None);
    let known = extra_known(&req.config);
    for (i, label) in &located.missing {
        report.missing.push(label.clone());
        if let Some(p) = lock.packages.get(*i)
            && let Some((like, d)) = typosquat::imitates(&p.name, &known)
        {
            report.findings.push(findings::typosquat_missing(p, *i, lt, &like, d));
        }
    }
    missing_note(report, "package(s) of Cargo.lock are");
    let (analysed, notes) = analysis::analyse(located.pkgs, req.jobs);
    report.notifications.extend(notes);
    let approvals = req.config.allow.as_deref();
    for a in &analysed {
        report.findings.extend(package_findings(a, lt, approvals, &known, true, &|_| true));
    }
    report.packages = analysed;
}

fn diff(
    req: &Request,
    base: &str,
    lock: &LockFile,
    lt: &LockText<'_>,
    places: &Places,
    report: &mut DepsReport,
) -> Result<(), String> {
    let git_root = crate::workspace::discover::find_git_root(&req.root)
        .ok_or_else(|| format!("--diff needs a git repository, and {} is not in one", req.root.display()))?;
    let rel = |p: &Path| crate::util::fspath::rel_path(&git_root, p);
    let old_lock = match lockdiff::file_at(&git_root, base, &rel(&req.lock_path))? {
        Some(bytes) => lockfile::parse(&String::from_utf8_lossy(&bytes))
            .map_err(|e| format!("Cargo.lock at {base} is not a valid lock file: {e}"))?,
        None => {
            report.notifications.push(Notification::new(
                NoteLevel::Note,
                "no-base-lockfile",
                None,
                format!("there is no {} at {base}: every package counts as added", rel(&req.lock_path)),
            ));
            LockFile::default()
        }
    };
    // The policy of the base: a change cannot approve what it adds.
    let (base_cfg, from_base) = base_policy(req, &git_root, base)?;
    let d = lockdiff::compare(&old_lock, lock);
    let new_idx: HashSet<usize> = d.changes.iter().map(|c| c.new).collect();
    let old_idx: HashSet<usize> = d.changes.iter().filter_map(|c| c.old).collect();
    let new_loc = sources::locate(lock, places, Some(&new_idx));
    let old_loc = sources::locate(&old_lock, places, Some(&old_idx));
    let n_new = new_loc.pkgs.len();
    let mut pkgs = new_loc.pkgs;
    pkgs.extend(old_loc.pkgs);
    let (mut analysed, notes) = analysis::analyse(pkgs, req.jobs);
    report.notifications.extend(notes);
    let olds: Vec<Analysed> = analysed.split_off(n_new);
    let new_by: HashMap<usize, &Analysed> = analysed.iter().map(|a| (a.pkg.lock_index, a)).collect();
    let old_by: HashMap<usize, &Analysed> = olds.iter().map(|a| (a.pkg.lock_index, a)).collect();
    // Names declared well-known count as the base has them, like approvals.
    let known = extra_known(&base_cfg);
    let approvals = base_cfg.allow.as_deref();
    let mut rows = Vec::new();
    for c in &d.changes {
        let Some(np) = lock.packages.get(c.new) else { continue };
        let from = c.old.and_then(|o| old_lock.packages.get(o)).map(|p| p.version.to_string());
        let Some(n) = new_by.get(&c.new) else {
            report.missing.push(np.label());
            if c.old.is_none()
                && let Some((like, e)) = typosquat::imitates(&np.name, &known)
            {
                report.findings.push(findings::typosquat_missing(np, c.new, lt, &like, e));
            }
            rows.push(DiffRow {
                name: np.name.clone(),
                version: np.version.to_string(),
                from,
                gained: Vec::new(),
                sources_missing: true,
                previous_sources_missing: false,
            });
            continue;
        };
        let o = c.old.and_then(|i| old_by.get(&i)).copied();
        let old_missing = c.old.is_some() && o.is_none();
        let old_caps: BTreeSet<_> = o.map(|o| o.capabilities().into_keys().collect()).unwrap_or_default();
        let gain = Gain {
            caps: n.capabilities().into_keys().filter(|k| !old_caps.contains(k)).collect(),
            build_script: n.pkg.manifest.build.is_some() && o.is_none_or(|o| o.pkg.manifest.build.is_none()),
            proc_macro: n.pkg.manifest.proc_macro && o.is_none_or(|o| !o.pkg.manifest.proc_macro),
            unsafe_growth: o.map(|o| (o.unsafe_stats.total(), n.unsafe_stats.total())).filter(|(a, b)| *a > 0 && b > a),
            from: from.clone(),
            old_missing,
        };
        rows.push(DiffRow {
            name: n.pkg.name.clone(),
            version: n.pkg.version.clone(),
            from,
            gained: gain.describe(),
            sources_missing: false,
            previous_sources_missing: old_missing,
        });
        if !gain.is_empty() {
            report.findings.push(findings::gained(n, &gain, lt));
        }
        // Only judgements the previous version did not already have.
        let before: HashSet<(String, String, String)> = o
            .map(|o| {
                judge::build_time(o).iter().chain(judge::run_time(o).iter()).map(|h| findings::hit_key(o, h)).collect()
            })
            .unwrap_or_default();
        let keep = |h: &judge::Hit<'_>| !before.contains(&findings::hit_key(n, h));
        report.findings.extend(package_findings(n, lt, approvals, &known, c.old.is_none(), &keep));
    }
    missing_note(report, "added or updated package(s) are");
    report.diff =
        Some(DiffInfo { base: base.to_string(), changes: rows, removed: d.removed, policy_from_base: from_base });
    report.packages = analysed;
    Ok(())
}

/// `[deps]` of the configuration file as it is at the base ref (no policy
/// when the file is not there).
fn base_policy(req: &Request, git_root: &Path, base: &str) -> Result<(DepsConfig, bool), String> {
    let path = req
        .config_path
        .clone()
        .unwrap_or_else(|| req.lock_path.parent().unwrap_or(Path::new("")).join(crate::config::CONFIG_FILE_NAMES[0]));
    let rel = crate::util::fspath::rel_path(git_root, &path);
    let Some(bytes) = lockdiff::file_at(git_root, base, &rel)? else {
        return Ok((DepsConfig { vendor: req.config.vendor.clone(), ..DepsConfig::default() }, false));
    };
    let text = String::from_utf8_lossy(&bytes);
    let shown = PathBuf::from(format!("{rel} at {base}"));
    let cfg = crate::config::parse_config(&shown, &text, &[]).map_err(|e| format!("the config file {e}"))?;
    let mut d = cfg.deps.unwrap_or_default();
    // Where to find sources is about this checkout, not the base.
    d.vendor = req.config.vendor.clone();
    Ok((d, true))
}
