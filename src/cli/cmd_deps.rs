//! `cargo sast deps`: the workspace and its config → `deps::run` →
//! reports (the table and JSON of its own, the other formats through the
//! shared `Outcome`) → exit code; `--init` writes the policy instead.

use std::io::Write;
use std::path::{Path, PathBuf};

use super::args::DepsArgs;
use super::cmd_scan::{exit_code, find_config_file, output_plan};
use super::exit;
use super::output::{self, Writers, deliver_reports, eprint_error};
use super::report_config_error;
use crate::config::{self, Config, ConfigError};
use crate::deps::{self, analysis::Analysed, policy, report, run};
use crate::report::human;
use crate::rules::Severity;
use crate::util::fspath::absolutize;

/// The config file and its contents.
/// A config from the repository stays inside `boundary`, and so do the paths it names.
fn load_config(
    explicit: Option<&Path>,
    ws_root: &Path,
    boundary: Option<&Path>,
) -> Result<(Option<PathBuf>, Config), ConfigError> {
    if let Some(p) = explicit {
        return Ok((Some(p.to_path_buf()), config::load_file(p, None)?));
    }
    if let Some(p) = find_config_file(ws_root, Some(ws_root)) {
        let c = config::load_file(&p, boundary)?;
        return Ok((Some(p), c));
    }
    let c = config::load_cargo_table(&ws_root.join("Cargo.toml"), &["workspace", "metadata", "sast"], boundary)?;
    Ok((None, c.unwrap_or_default()))
}

/// `cargo sast deps`.
pub(super) fn cmd_deps(a: &DepsArgs, color: bool, ecolor: bool) -> u8 {
    let started = std::time::Instant::now();
    let Ok(cwd) = std::env::current_dir() else {
        eprint_error("cannot determine the current directory");
        return exit::ERROR;
    };
    let anchor = a.path.as_deref().map_or_else(|| cwd.clone(), |p| absolutize(&cwd, p));
    if !anchor.exists() {
        eprint_error(&format!("{} does not exist", anchor.display()));
        return exit::ERROR;
    }
    let ws = match deps::workspace(&anchor) {
        Ok(w) => w,
        Err(msg) => {
            eprint_error(&msg);
            return exit::ERROR;
        }
    };
    let r = &a.report;
    let explicit = r.config.as_deref().map(|p| absolutize(&cwd, p));
    let boundary = crate::util::confine::boundary_of(&ws.root);
    let (config_path, config) = match load_config(explicit.as_deref(), &ws.ws_root, boundary.as_deref()) {
        Ok(c) => c,
        Err(e) => return report_config_error(&e, ecolor),
    };
    let deps_cfg = config.deps.clone().unwrap_or_default();
    let vendor = a
        .vendor
        .as_deref()
        .map(|v| absolutize(&cwd, v))
        .or_else(|| deps_cfg.vendor.clone())
        .or_else(|| crate::workspace::deps::vendor_from_cargo_config(&ws.ws_root, boundary.as_deref()));
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
            config_path.unwrap_or_else(|| ws.ws_root.join(config::CONFIG_FILE_NAMES[0])),
            &config,
            boundary.as_deref(),
        );
    }
    let mut outcome = report::outcome(&report, crate::audit::empty_outcome(&ws.root, &cwd, r.category.clone()));
    outcome.elapsed = started.elapsed();
    let Some(plan) = output_plan(&r.to_scan_args()) else { return exit::ERROR };
    let hopts = human::HumanOptions { color, show_suppressed: r.show_suppressed, show_elapsed: true };
    let human_report = |o: human::HumanOptions, buf: &mut Vec<u8>| {
        let table = if r.quiet { Ok(()) } else { report::write_table(&report, buf) };
        table.and_then(|()| human::write(&outcome, o, buf))
    };
    let json_report = |buf: &mut Vec<u8>| report::write_json(&report, &outcome, buf);
    let writers = Writers { human: &human_report, json: &json_report };
    if let Err(code) = deliver_reports(&outcome, &plan, hopts, r.quiet, ecolor, &writers, boundary.as_deref()) {
        return code;
    }
    let fail_on: Severity = r.fail_on.map(Into::into).or(config.fail_on).unwrap_or(Severity::Low);
    exit_code(&outcome, fail_on, r.exit_zero, false)
}

/// `--init`: write `[deps.allow]` into the config file.
fn init(report: &run::DepsReport, path: PathBuf, config: &Config, boundary: Option<&Path>) -> u8 {
    let previous: Vec<policy::Approval> = config.deps.as_ref().and_then(|d| d.allow.clone()).unwrap_or_default();
    // Entries behind high or critical findings are pointed out for review.
    let review = |a: &Analysed| -> Vec<String> {
        report
            .findings
            .iter()
            .filter(|f| f.severity >= Severity::High)
            .filter(|f| {
                f.properties.get("crate").and_then(serde_json::Value::as_str) == Some(a.pkg.name.as_str())
                    && f.properties.get("version").and_then(serde_json::Value::as_str) == Some(a.pkg.version.as_str())
            })
            .map(|f| format!("{} ({}): {}", f.rule, f.severity, deps::text::short(&f.message, 160)))
            .collect()
    };
    let table =
        policy::allow_table(&report.packages, &previous, &crate::util::time::Date::today().to_string(), &review);
    let text = if path.is_file() {
        match crate::util::confine::read_string(&path, boundary, crate::util::fsread::limit::CONFIG) {
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
    if let Err(e) = config::parse_config(&path, &new_text, &[]) {
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
