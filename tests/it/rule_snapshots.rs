//! Per-rule snapshots: the full human report (codespan diagnostics:
//! message, span, labels, notes, help, flow steps, summary) of every
//! fixture of every rule, as ruff, clippy and oxc keep theirs. The marks
//! in the fixtures check where findings are; these catch a regression in
//! what a finding says. After an intended change, review and accept the
//! new output (`cargo insta review`, or `INSTA_UPDATE=always cargo test
//! --test it rule_snapshots` and read the diff).

use std::path::Path;

use cargo_sast::Outcome;
use cargo_sast::human::{self, HumanOptions};
use cargo_sast::{scan_dir, scan_source};

use crate::fixtures::{directives, fixture_files, fixture_workspaces, workspace_config};

fn render(outcome: &Outcome) -> String {
    let mut out = Vec::new();
    let opts = HumanOptions { color: false, show_suppressed: true, show_elapsed: false };
    human::write(outcome, opts, &mut out).unwrap();
    String::from_utf8(out).unwrap()
}

fn rel(path: &Path) -> String {
    path.strip_prefix(env!("CARGO_MANIFEST_DIR")).unwrap_or(path).to_string_lossy().replace('\\', "/")
}

/// The human report of every fixture of one rule, one section per fixture.
fn rule_report(id: &str) -> String {
    let mut text = String::new();
    for f in fixture_files(id) {
        let src = std::fs::read_to_string(&f).unwrap();
        let (kind, bin_root, config) = directives(&f, &src);
        let outcome = scan_source(&rel(&f), &src, kind, bin_root, &config);
        text.push_str(&format!("==== {} ====\n{}\n", rel(&f), render(&outcome)));
    }
    for d in fixture_workspaces(id) {
        let outcome = scan_dir(&d, &workspace_config(&d));
        text.push_str(&format!("==== {}/ ====\n{}\n", rel(&d), render(&outcome)));
    }
    text
}

#[test]
fn every_rule_s_fixtures_report_as_snapshotted() {
    let mut failed = Vec::new();
    for r in cargo_sast::all_rules() {
        let id = r.meta().id;
        let report = rule_report(id);
        assert!(report.contains(id), "{id}: its fixtures produce no finding of it");
        // One snapshot per rule; every rule is checked before failing.
        let result = std::panic::catch_unwind(|| {
            insta::with_settings!({ prepend_module_to_snapshot => false, snapshot_path => "snapshots/rules" }, {
                insta::assert_snapshot!(id, report);
            });
        });
        if result.is_err() {
            failed.push(id);
        }
    }
    assert!(failed.is_empty(), "rule snapshots that changed: {failed:?}");
}
