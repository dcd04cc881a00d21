//! `cargo sast baseline`: write the current findings as accepted risks.

use std::io::Write;

use super::output::{self, eprint_error};
use crate::cli::ScanArgs;
use crate::cli::cmd_scan::filter_outcome;
use crate::cli::cmd_scan::run_scan;
use crate::cli::exit;
use crate::cli::report_config_error;

pub(crate) fn cmd_baseline(a: &ScanArgs, ecolor: bool) -> u8 {
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
        Some(p) => crate::util::fspath::absolutize(&scanned.cwd, p),
        None => scanned.config.baseline.clone().unwrap_or_else(|| {
            scanned
                .workspace_root
                .clone()
                .unwrap_or_else(|| scanned.cwd.clone())
                .join(crate::filter::baseline::DEFAULT_FILE)
        }),
    };
    // Where the user did not name the file, it is the repository's.
    let boundary = if a.output.is_some() { None } else { scanned.boundary.as_deref() };
    let previous = if path.is_file() {
        match crate::filter::baseline::Baseline::load(&path, boundary) {
            Ok(b) => Some(b),
            Err(e) => return report_config_error(&e, ecolor),
        }
    } else {
        None
    };
    let active = scanned.outcome.findings.iter().filter(|f| !f.is_suppressed());
    let b = crate::filter::baseline::Baseline::from_findings(&path, active, previous.as_ref());
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
        crate::util::escape::line(&path.display().to_string()),
        kept
    );
    exit::CLEAN
}
