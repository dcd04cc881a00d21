//! `cargo sast deps`: what every dependency can do, what its build runs,
//! and what changed in an update — from source, before anything is built.
//!
//! For every package of Cargo.lock (sources from a vendor directory, the
//! local cargo registry, git checkouts or path dependencies), the files
//! cargo compiles are parsed once and every use of a capability is
//! collected with its evidence: file system, network, processes,
//! environment, FFI, unsafe code, embedded binaries, code that runs before
//! `main`. Build scripts and proc macros are a column of their own, judged
//! against what a build is expected to do. `--diff <ref>` compares with the
//! lock file at a git ref; `[deps.allow]` in sast.toml is the approved
//! policy.
//!
//! - `sources`: where each package's sources are, what its manifest says;
//! - `caps` (+ `data/capabilities.toml`): the vocabulary and API table;
//! - `extract`: the per-file syntax pass (evidence), with `values` (where
//!   a value comes from, what hidden data decodes to) and `blobs`;
//! - `analysis`: files cargo compiles and their role (run time, build
//!   script, proc macro), on the inventory's reachability;
//! - `judge`: build-time and run-time findings; `typosquat` (+
//!   `data/well-known-crates.txt`); `policy`: `[deps]`, evidence hashes;
//! - `lockdiff`: lock files compared, files read at a git ref;
//! - `run`: the pipeline; `findings`: report entries; `report`: table,
//!   JSON, the shared formats; `rules`: the finding kinds; `text`: making
//!   untrusted text safe to print.
//!
//! Nothing is built, run or fetched, and everything read from a package
//! is untrusted: reads are bounded, nothing outside a package directory is
//! read through it, and printed text is escaped.

pub mod analysis;
pub mod bindings;
pub mod blobs;
pub mod caps;
pub mod evidence;
pub mod extract;
pub mod findings;
pub mod judge;
pub mod lockdiff;
pub mod origin;
pub mod policy;
pub mod programs;
pub mod report;
pub mod rules;
pub mod run;
pub mod shapes;
pub mod sources;
pub mod text;
pub mod typosquat;
pub mod values;

use std::io::Write;
use std::path::{Path, PathBuf};

use clap::Args;

use crate::cli::exit;
use crate::config::Config;
use crate::discover;
use crate::output::{self, eprint_error};
use crate::report::human;
use crate::rules::Severity;

#[derive(Args, Debug, Default, Clone)]
pub struct DepsArgs {
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
    #[arg(long, value_name = "DIR")]
    pub vendor: Option<PathBuf>,
    #[command(flatten)]
    pub report: crate::cli::ReportArgs,
    /// Worker threads [default: all cores]
    #[arg(long, short = 'j', value_name = "N")]
    pub jobs: Option<usize>,
}

/// The workspace a command applies to.
struct Workspace {
    root: PathBuf,
    ws_root: PathBuf,
    lock: PathBuf,
    members: Vec<PathBuf>,
    notes: Vec<crate::finding::Notification>,
}

fn workspace(anchor: &Path) -> Result<Workspace, String> {
    let dir =
        if anchor.is_dir() { anchor.to_path_buf() } else { anchor.parent().map(Path::to_path_buf).unwrap_or_default() };
    let manifest =
        discover::find_manifest(&dir).ok_or_else(|| format!("no Cargo.toml at or above {}", dir.display()))?;
    let mut notes = Vec::new();
    let (ws_root, members) = match discover::cargo_metadata(&manifest) {
        Ok(m) => (m.workspace_root, m.packages.iter().map(|p| p.manifest.clone()).collect()),
        Err(why) => {
            let start = manifest.parent().map(Path::to_path_buf).unwrap_or_default();
            let root =
                start.ancestors().find(|d| d.join("Cargo.lock").is_file()).map_or(start.clone(), Path::to_path_buf);
            notes.push(crate::finding::Notification::new(
                crate::finding::NoteLevel::Warning,
                "cargo-metadata-failed",
                None,
                format!(
                    "`cargo metadata --no-deps --offline` failed ({why}); using the lock file in {}",
                    root.display()
                ),
            ));
            (root, vec![manifest])
        }
    };
    let lock = ws_root.join("Cargo.lock");
    if !lock.is_file() {
        return Err(format!(
            "no Cargo.lock in {}: `cargo sast deps` reads the packages from it; run `cargo generate-lockfile` first",
            ws_root.display()
        ));
    }
    let root = discover::find_git_root(&ws_root).unwrap_or_else(|| ws_root.clone());
    Ok(Workspace { root, ws_root, lock, members, notes })
}

/// The config file and its contents.
/// A config from the repository stays inside `boundary`, and so do the paths it names.
fn load_config(
    explicit: Option<&Path>,
    ws_root: &Path,
    boundary: Option<&Path>,
) -> Result<(Option<PathBuf>, Config), crate::config::ConfigError> {
    if let Some(p) = explicit {
        return Ok((Some(p.to_path_buf()), crate::config::load_file(p, None)?));
    }
    if let Some(p) = crate::cli::find_config_file(ws_root, Some(ws_root)) {
        let c = crate::config::load_file(&p, boundary)?;
        return Ok((Some(p), c));
    }
    let c = crate::config::load_cargo_table(&ws_root.join("Cargo.toml"), &["workspace", "metadata", "sast"], boundary)?;
    Ok((None, c.unwrap_or_default()))
}

/// A directory source of `.cargo/config.toml` (`[source.x] directory = "vendor"`),
/// inside the repository (`boundary`).
fn vendor_from_cargo_config(ws_root: &Path, boundary: Option<&Path>) -> Option<PathBuf> {
    for name in ["config.toml", "config"] {
        let path = ws_root.join(".cargo").join(name);
        let Ok(text) = crate::confine::read_string(&path, boundary, crate::fsread::limit::CONFIG) else {
            continue;
        };
        let Ok(t) = text.parse::<toml::Table>() else { continue };
        let dir = t
            .get("source")
            .and_then(toml::Value::as_table)
            .and_then(|s| s.values().find_map(|v| v.get("directory").and_then(toml::Value::as_str)))?;
        let p = discover::absolutize(ws_root, Path::new(dir));
        let p = match boundary {
            Some(b) => crate::confine::within(&p, b).ok()?,
            None => p,
        };
        return p.is_dir().then_some(p);
    }
    None
}

/// `cargo sast deps`.
pub fn cmd_deps(a: &DepsArgs, color: bool, ecolor: bool) -> u8 {
    let started = std::time::Instant::now();
    let Ok(cwd) = std::env::current_dir() else {
        eprint_error("cannot determine the current directory");
        return exit::ERROR;
    };
    let anchor = a.path.as_deref().map_or_else(|| cwd.clone(), |p| discover::absolutize(&cwd, p));
    if !anchor.exists() {
        eprint_error(&format!("{} does not exist", anchor.display()));
        return exit::ERROR;
    }
    let ws = match workspace(&anchor) {
        Ok(w) => w,
        Err(msg) => {
            eprint_error(&msg);
            return exit::ERROR;
        }
    };
    let r = &a.report;
    let explicit = r.config.as_deref().map(|p| discover::absolutize(&cwd, p));
    let boundary = crate::confine::boundary_of(&ws.root);
    let (config_path, config) = match load_config(explicit.as_deref(), &ws.ws_root, boundary.as_deref()) {
        Ok(c) => c,
        Err(e) => return crate::cli::report_config_error(&e, ecolor),
    };
    let deps_cfg = config.deps.clone().unwrap_or_default();
    let vendor = a
        .vendor
        .as_deref()
        .map(|v| discover::absolutize(&cwd, v))
        .or_else(|| deps_cfg.vendor.clone())
        .or_else(|| vendor_from_cargo_config(&ws.ws_root, boundary.as_deref()));
    if let Some(v) = &vendor
        && !v.is_dir()
    {
        eprint_error(&format!("vendor directory {} does not exist", v.display()));
        return exit::ERROR;
    }
    let req = run::Request {
        root: ws.root.clone(),
        lock_path: ws.lock.clone(),
        members: ws.members.clone(),
        vendor,
        config: deps_cfg,
        config_path: config_path.clone(),
        diff: a.diff.clone(),
        jobs: a.jobs.unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get())).max(1),
    };
    let mut report = match run::run(&req) {
        Ok(r) => r,
        Err(msg) => {
            eprint_error(&msg);
            return exit::ERROR;
        }
    };
    report.notifications.extend(ws.notes);
    if a.init {
        return init(
            &report,
            config_path.unwrap_or_else(|| ws.ws_root.join(crate::config::CONFIG_FILE_NAMES[0])),
            &config,
            boundary.as_deref(),
        );
    }
    let mut outcome = report::outcome(&report, crate::audit::empty_outcome(&ws.root, &cwd, r.category.clone()));
    outcome.elapsed = started.elapsed();
    let Some(plan) = crate::cli::output_plan(&r.to_scan_args()) else { return exit::ERROR };
    let hopts = human::HumanOptions { color, show_suppressed: r.show_suppressed, show_elapsed: true };
    let human_report = |o: human::HumanOptions, buf: &mut Vec<u8>| {
        let table = if r.quiet { Ok(()) } else { report::write_table(&report, buf) };
        table.and_then(|()| human::write(&outcome, o, buf))
    };
    let json_report = |buf: &mut Vec<u8>| report::write_json(&report, &outcome, buf);
    let writers = crate::cli::Writers { human: &human_report, json: &json_report };
    if let Err(code) =
        crate::cli::deliver_reports(&outcome, &plan, hopts, r.quiet, ecolor, &writers, boundary.as_deref())
    {
        return code;
    }
    let fail_on: Severity = r.fail_on.map(Into::into).or(config.fail_on).unwrap_or(Severity::Low);
    crate::cli::exit_code(&outcome, fail_on, r.exit_zero, false)
}

/// `--init`: write `[deps.allow]` into the config file.
fn init(report: &run::DepsReport, path: PathBuf, config: &Config, boundary: Option<&Path>) -> u8 {
    let previous: Vec<policy::Approval> = config.deps.as_ref().and_then(|d| d.allow.clone()).unwrap_or_default();
    // Entries behind high or critical findings are pointed out for review.
    let review = |a: &analysis::Analysed| -> Vec<String> {
        report
            .findings
            .iter()
            .filter(|f| f.severity >= Severity::High)
            .filter(|f| {
                f.properties.get("crate").and_then(serde_json::Value::as_str) == Some(a.pkg.name.as_str())
                    && f.properties.get("version").and_then(serde_json::Value::as_str) == Some(a.pkg.version.as_str())
            })
            .map(|f| format!("{} ({}): {}", f.rule, f.severity, text::short(&f.message, 160)))
            .collect()
    };
    let table = policy::allow_table(&report.packages, &previous, &crate::time::Date::today().to_string(), &review);
    let text = if path.is_file() {
        match crate::confine::read_string(&path, boundary, crate::fsread::limit::CONFIG) {
            Ok(t) => t,
            Err(e) => {
                eprint_error(&format!("cannot read {}: {e}", path.display()));
                return exit::ERROR;
            }
        }
    } else {
        String::new()
    };
    let new_text = match policy::replace_allow(&text, &table) {
        Ok(t) => t,
        Err(msg) => {
            eprint_error(&format!("{}: {msg}", path.display()));
            return exit::ERROR;
        }
    };
    if let Err(e) = crate::config::parse_config(&path, &new_text, &[]) {
        eprint_error(&format!("the policy written would not be a valid configuration ({e}); nothing was written"));
        return exit::ERROR;
    }
    if let Err(e) = output::write_atomic(&path, new_text.as_bytes(), boundary) {
        eprint_error(&format!("cannot write {}: {e}", path.display()));
        return exit::ERROR;
    }
    let approved = report.packages.iter().filter(|a| !a.capabilities().is_empty()).count();
    let mut err = std::io::stderr();
    for n in &report.notifications {
        let _ = writeln!(err, "{}", n.warning_line());
    }
    let _ = writeln!(
        err,
        "Wrote the capabilities of {approved} package(s) to `[deps.allow]` in {} ({} kept a reason from before). Review each entry and give a reason;\n\
         from now on `cargo sast deps` reports any capability not approved there, and asks again when a version changes the evidence.",
        path.display(),
        report
            .packages
            .iter()
            .filter(|a| previous.iter().any(|p| p.krate == a.pkg.name && !p.reason.is_empty()))
            .count()
    );
    exit::CLEAN
}
