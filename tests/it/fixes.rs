//! Fix fixtures (`testdata/rules/<rule-id>/fix/*.rs`, as clippy's
//! `.fixed` files): the directory's rule's allowed suggestions are applied
//! pass after pass (`//@ unsafe-fixes` allows the maybe-incorrect ones)
//! and the result must be the `.fixed` file beside it byte for byte, parse,
//! and hold no finding of the rule that still has an allowed fix. Every
//! rule whose `fix` is not `None` has such fixtures, and every fixture
//! changes something. `SAST_BLESS=1` writes the `.fixed` files.

use std::path::{Path, PathBuf};

use cargo_sast::{FixKind, fix_text, scan_source};

use crate::fixtures::directives;

fn fix_fixtures(rule: &str) -> Vec<PathBuf> {
    crate::fixtures::rs_files_in(&Path::new(env!("CARGO_MANIFEST_DIR")).join("testdata/rules").join(rule).join("fix"))
}

/// The fixture's text after fixing, and the rule's findings left with an
/// allowed fix.
fn run(rule: &str, path: &Path) -> (String, Vec<String>) {
    let text = std::fs::read_to_string(path).unwrap();
    let unsafe_fixes = text.lines().any(|l| l.trim() == "//@ unsafe-fixes");
    let (kind, bin_root, config) = directives(path, &text);
    let rel = path.strip_prefix(env!("CARGO_MANIFEST_DIR")).unwrap().to_string_lossy().replace('\\', "/");
    let mut cur = text.clone();
    for _ in 0..10 {
        let o = scan_source(&rel, &cur, kind, bin_root, &config);
        match fix_text(&cur, o.active().filter(|f| f.rule == rule), unsafe_fixes) {
            Some(next) if next != cur => cur = next,
            _ => break,
        }
    }
    let o = scan_source(&rel, &cur, kind, bin_root, &config);
    let left = o
        .active()
        .filter(|f| f.rule == rule)
        .filter(|f| {
            f.suggestions.iter().any(|s| {
                s.applicability == cargo_sast::Applicability::MachineApplicable
                    || (unsafe_fixes && s.applicability == cargo_sast::Applicability::MaybeIncorrect)
            })
        })
        .map(|f| format!("{}:{} {}", f.location.start.line, f.location.start.col, f.message))
        .collect();
    (cur, left)
}

#[test]
fn every_fix_fixture_gives_its_fixed_file() {
    let bless = std::env::var_os("SAST_BLESS").is_some();
    let mut failures = Vec::new();
    let mut with_fix = 0;
    for r in cargo_sast::all_rules() {
        let m = r.meta();
        let files = fix_fixtures(m.id);
        if m.fix == FixKind::None {
            assert!(files.is_empty(), "{}: fix fixtures but `fix: None`", m.id);
            continue;
        }
        with_fix += 1;
        if files.is_empty() {
            failures.push(format!("{}: `fix` is {:?} but testdata/rules/{}/fix has no fixture", m.id, m.fix, m.id));
        }
        for f in files {
            let (fixed, left) = run(m.id, &f);
            let original = std::fs::read_to_string(&f).unwrap();
            let expected_path = f.with_extension("fixed");
            if bless {
                std::fs::write(&expected_path, &fixed).unwrap();
            }
            let expected = std::fs::read_to_string(&expected_path).unwrap_or_default();
            if fixed == original {
                failures.push(format!("{}: no fix applied", f.display()));
            }
            if fixed != expected {
                failures.push(format!(
                    "{}: fixed text differs from {}:\n{fixed}",
                    f.display(),
                    expected_path.display()
                ));
            }
            if let Err(e) = syn::parse_file(&fixed) {
                failures.push(format!("{}: the fixed text does not parse: {e}", f.display()));
            }
            if !left.is_empty() {
                failures.push(format!("{}: fixable findings left after fixing: {left:?}", f.display()));
            }
        }
    }
    assert!(with_fix >= 7, "rules with fixes: {with_fix}");
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}
