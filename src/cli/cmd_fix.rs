//! `cargo sast --fix [--unsafe-fixes] [--dry-run]`: scan, apply the
//! allowed suggestions (never two edits that touch), rewrite each file
//! atomically, and scan again — until nothing more can be fixed — then
//! report what is left like a normal scan.

use std::collections::BTreeSet;
use std::io::Write;
use std::path::{Path, PathBuf};

use super::cmd_scan::{Scanned, filter_outcome, report_scan, run_scan};
use super::exit;
use crate::cli::ScanArgs;
use crate::filter::fix;
use crate::finding::FixMode;
use crate::report::Format;

/// A fix can enable another (an overlapping edit waits for the next
/// pass); a fix that keeps re-creating its finding cannot loop forever.
const MAX_PASSES: usize = 10;

/// What a pass did.
#[derive(Default)]
struct Applied {
    findings: usize,
    files: BTreeSet<String>,
}

pub(super) fn cmd_fix(a: &ScanArgs, plan: &[(Format, Option<PathBuf>)], color: bool, ecolor: bool) -> u8 {
    let mode = FixMode { unsafe_fixes: a.unsafe_fixes };
    let line_hashes = plan.iter().any(|(f, _)| *f == Format::Sarif);
    let mut total = Applied::default();
    let mut pass = 0;
    loop {
        let mut scanned = match run_scan(a, ecolor, line_hashes) {
            Ok(s) => s,
            Err(code) => return code,
        };
        if let Err(code) = filter_outcome(a, &mut scanned) {
            return code;
        }
        let chosen = fix::plan(scanned.outcome.active(), mode);
        if a.dry_run {
            return dry_run(&scanned, &chosen);
        }
        let applied =
            if pass < MAX_PASSES && !chosen.is_empty() { apply_pass(&scanned, &chosen) } else { Applied::default() };
        pass += 1;
        if applied.findings == 0 {
            summary(&total, fix::fixable(scanned.outcome.active()), mode);
            return report_scan(a, &scanned, plan, color, ecolor);
        }
        total.findings += applied.findings;
        total.files.extend(applied.files);
    }
}

/// Apply one pass's suggestions, file by file.
fn apply_pass(s: &Scanned, chosen: &std::collections::BTreeMap<&str, fix::FilePlan<'_>>) -> Applied {
    let mut done = Applied::default();
    for (path, p) in chosen {
        let abs = s.outcome.root.join(path);
        match fix_file(&abs, &p.edits, s.boundary.as_deref()) {
            Ok(()) => {
                done.findings += p.taken.len();
                done.files.insert((*path).to_string());
            }
            Err(why) => warn(&format!("{path} was not fixed: {why}")),
        }
    }
    done
}

/// Read, edit, check, write atomically (keeping the file's mode); the
/// file must not have changed while we worked on it.
fn fix_file(abs: &Path, edits: &[&crate::finding::Edit], boundary: Option<&Path>) -> Result<(), String> {
    let (old, new) = fixed_text(abs, edits)?;
    let again = crate::util::fsread::read_string(abs, crate::util::fsread::limit::SOURCE)
        .map_err(|e| format!("cannot read it again: {e}"))?;
    if again != old {
        return Err("it changed while it was being fixed".into());
    }
    crate::util::safe_write::write_file(abs, new.as_bytes(), boundary).map_err(|e| format!("cannot write it: {e}"))
}

/// The file's text and its text with `edits` applied; refused for a link,
/// a text the edits do not fit, or a result that no longer parses.
fn fixed_text(abs: &Path, edits: &[&crate::finding::Edit]) -> Result<(String, String), String> {
    let meta = std::fs::symlink_metadata(abs).map_err(|e| format!("cannot read it: {e}"))?;
    if !meta.file_type().is_file() {
        return Err("it is not a regular file (a symbolic link is never rewritten)".into());
    }
    let old = crate::util::fsread::read_string(abs, crate::util::fsread::limit::SOURCE)
        .map_err(|e| format!("cannot read it: {e}"))?;
    let new = fix::apply(&old, edits).ok_or("it changed since it was scanned")?;
    if abs.extension().is_some_and(|e| e == "rs") && parses(&old) && !parses(&new) {
        return Err("the fixed file would not parse (please report this)".into());
    }
    Ok((old, new))
}

/// Whether `text` parses as a Rust file (on a worker-sized stack, as the
/// scan parses it).
fn parses(text: &str) -> bool {
    let text = text.to_string();
    std::thread::Builder::new()
        .stack_size(crate::engine::scan::WORKER_STACK)
        .spawn(move || {
            let ok = crate::syntax::shape::check(&text, &Default::default()).is_ok() && syn::parse_file(&text).is_ok();
            crate::syntax::release_thread_state();
            ok
        })
        .ok()
        .and_then(|h| h.join().ok())
        .unwrap_or(false)
}

/// `--dry-run`: the first pass's changes as a unified diff on stdout;
/// exit 1 when there are any.
fn dry_run(s: &Scanned, chosen: &std::collections::BTreeMap<&str, fix::FilePlan<'_>>) -> u8 {
    let mut out = String::new();
    let mut findings = 0;
    for (path, p) in chosen {
        match fixed_text(&s.outcome.root.join(path), &p.edits) {
            Ok((old, new)) => {
                out.push_str(&fix::unified_diff(path, &old, &new));
                findings += p.taken.len();
            }
            Err(why) => warn(&format!("{path} would not be fixed: {why}")),
        }
    }
    if std::io::stdout().write_all(out.as_bytes()).is_err() {
        return exit::ERROR;
    }
    let files = chosen.len();
    let _ = writeln!(std::io::stderr(), "would fix {findings} finding(s) in {files} file(s)");
    if findings > 0 { exit::FINDINGS } else { exit::CLEAN }
}

fn summary(total: &Applied, left: fix::Fixable, mode: FixMode) {
    let mut msg = format!("fixed {} finding(s) in {} file(s)", total.findings, total.files.len());
    if !mode.unsafe_fixes && left.unsafe_only > 0 {
        msg.push_str(&format!("; {} more fixable with `--unsafe-fixes`", left.unsafe_only));
    }
    let _ = writeln!(std::io::stderr(), "{msg}");
}

fn warn(msg: &str) {
    let _ = writeln!(std::io::stderr(), "warning: {}", crate::util::escape::line(msg));
}
